"""`forloop` and `tablerowloop` met by tags, as Jekyll's Liquid meets them: drops.

Ruby's loop drops are objects: a property by name (anything else, `size` too, is nil),
equal only to themselves, no `each` (a `for` over one runs its `else`), no `include?`
(`contains` is false), no `<`. python-liquid's loop objects are Mappings that step their
loop when iterated, so tags read them as hashes: `{% if forloop == forloop %}`,
`{% case forloop %}` and `{% for k in forloop %}` stepped the loop and failed it,
`forloop.size` printed 9, `forloop contains "index"` was true. Checked against Ruby's
Liquid with Jekyll's filters, and one page built by `jekyll build`.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, write_files
from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

VARIABLES = {"xs": [1, "b", 3]}

#: Each case the brief of this fix names, and its neighbours.
CASES = (
    "{% for i in xs %}{% if forloop == forloop %}y{% else %}n{% endif %}{% endfor %}",
    "{% for i in xs %}{% if forloop != forloop %}y{% else %}n{% endif %}{% endfor %}",
    "{% for i in xs %}{% for j in xs %}"
    "{% if forloop.parentloop == forloop %}y{% else %}n{% endif %}{% endfor %}{% endfor %}",
    "{% for i in xs %}{% case forloop %}{% when forloop %}w{% else %}e{% endcase %}{% endfor %}",
    "{% for i in xs %}[{% for k in forloop %}{{ k }}{% else %}E{% endfor %}]{% endfor %}",
    "{% for i in xs %}[{% tablerow k in forloop %}{{ k }}{% endtablerow %}]{% endfor %}",
    "{% tablerow i in xs %}[{% for k in tablerowloop %}{{ k }}{% else %}E{% endfor %}]{% endtablerow %}",
    "{% for i in xs %}{{ forloop.size }};{% endfor %}",
    "{% tablerow i in xs %}{{ tablerowloop.size }};{{ tablerowloop.name }};{% endtablerow %}",
    '{% for i in xs %}{% if forloop contains "index" %}y{% else %}n{% endif %}{% endfor %}',
    '{% for i in xs %}{% if "Liquid::ForloopDrop" contains forloop %}y{% else %}n{% endif %}{% endfor %}',
    "{% for i in xs %}{% assign a = xs | push: forloop %}{% if a contains forloop %}y{% endif %}{% endfor %}",
    '{% for i in xs %}{{ forloop | map: "parentloop" | inspect }}{% endfor %}',
    "{% for i in xs %}{% if forloop < 1 or forloop >= forloop %}y{% else %}n{% endif %}{% endfor %}",
    "{% for i in xs %}{% unless forloop > 1 %}u{% endunless %}{% endfor %}",
    "{% for i in xs %}{{ xs | push: forloop | where_exp: 'x', 'x < 2' | size }}{% endfor %}",
    '{% for i in xs %}{% cycle forloop: "a", "b" %}'
    '{% for j in xs %}{% cycle forloop: "c", "d" %}{% endfor %}{% endfor %}',
    "{% for i in xs %}{% assign l = forloop %}{{ l.index }}{% endfor %}{{ l.index }}{{ l.last }}",
    '{% for i in xs %}{{ forloop["index"] }}{{ forloop[0] }}{{ forloop.parentloop }}{% endfor %}',
    "{% tablerow i in xs %}{{ tablerowloop.col_last }}{{ tablerowloop.row }}{% endtablerow %}",
    "{% tablerow i in xs cols: 0 %}{{ tablerowloop.col_last }}{{ tablerowloop.row }}{% endtablerow %}",
    '{% if 3 contains 1 %}y{% endif %}{% if "a" <= 1 %}y{% else %}n{% endif %}',
)


def test_each_case_renders_as_in_jekyll(ruby_jekyll_liquid: RubyProcess) -> None:
    batch = [(template, VARIABLES) for template in CASES]
    assert ruby_jekyll_liquid.mismatches(batch, sitegen_renders) == []


def test_a_for_over_a_loop_drop_no_longer_ends_the_loop_it_is_in() -> None:
    template = "{% for i in (1..3) %}{{ i }}{% for k in forloop %}{{ k }}{% else %}-{% endfor %};{% endfor %}"
    assert sitegen_renders(template, {}) == "1-;2-;3-;"


def test_an_error_about_a_drop_names_rubys_class() -> None:
    outcome = ENGINE.render(
        "{% for i in (1..2) %}{{ forloop | sort }}{{ 'x' | slice: forloop }}{% endfor %}", {}
    )
    messages = [problem.message for problem in outcome.problems]
    assert messages == [
        "sort: undefined method `sort' for Liquid::ForloopDrop",
        "slice expected an integer start, found ForloopDrop",
    ]


_PROPERTIES = ("name", "length", "index", "index0", "rindex", "rindex0", "first", "last", "parentloop")
_TABLEROW_PROPERTIES = ("col", "col0", "col_first", "col_last", "row")
_NONE = ("size", "nothing", "item", "it")

#: What a tag may meet: a loop's drop, one of its properties (or one Ruby's has not), the
#: drop of the loop around it, an assigned drop, or a plain value to compare it with.
DROPS = st.sampled_from(
    (
        "forloop",
        "forloop.parentloop",
        "forloop.parentloop.index",
        "forloop.parentloop.parentloop",
        "tablerowloop",
        "held",
        *(f"forloop.{key}" for key in (*_PROPERTIES, *_NONE)),
        *(f"tablerowloop.{key}" for key in (*_PROPERTIES, *_TABLEROW_PROPERTIES, *_NONE)),
    )
)
OTHERS = st.sampled_from(('"index"', '"Liquid::ForloopDrop"', "1", "nil", "true", "empty", "blank", "xs"))
OPERANDS = st.one_of(DROPS, DROPS, OTHERS)
OPERATORS = st.sampled_from(("==", "!=", "<>", "<", ">", "<=", ">=", "contains"))


@st.composite
def _statements(draw: st.DrawFn) -> str:
    """One tag reading drops, in any of the places a tag reads a value."""
    left, right, other = draw(DROPS), draw(OPERANDS), draw(OPERANDS)
    operator = draw(OPERATORS)
    # python-liquid reads no dotted cycle group (`{% cycle forloop.index: … %}`): a bare name.
    group = draw(st.sampled_from(("forloop", "tablerowloop", "held")))
    return draw(
        st.sampled_from(
            (
                f"{{% if {left} {operator} {right} %}}y{{% else %}}n{{% endif %}}",
                f"{{% if {right} {operator} {left} %}}y{{% else %}}n{{% endif %}}",
                f"{{% if {right} == {left} %}}t{{% elsif {left} {operator} {other} %}}e{{% endif %}}",
                f"{{% unless {left} {operator} {right} %}}u{{% endunless %}}",
                f"{{% case {left} %}}{{% when {right} %}}w{{% when {other}, {left} %}}v"
                "{% else %}e{% endcase %}",
                f"{{% for k in {left} %}}[{{{{ k }}}}]{{% else %}}E{{% endfor %}}",
                f"{{% tablerow k in {left} %}}{{{{ k }}}}{{% endtablerow %}}",
                f'{{% cycle {left}, "b" %}}',
                f'{{% cycle {group}: "a", "b" %}}',
                f"{{% assign v = {left} %}}{{{{ v }}}}",
                f"{{% capture c %}}{{{{ {left} }}}}{{% endcapture %}}{{{{ c }}}}",
                f"{{{{ {left} }}}}",
                f"{{% assign held = {left} %}}",
            )
        )
    )


#: Where the drops live: a loop inside a loop, a tablerow, both, and after the loop; each
#: with a drop assigned (`held`) that the body reads.
PLACES = (
    "{% for i in xs %}{% for j in (1..2) %}{% assign held = forloop.parentloop %}"
    "BODY{% endfor %}{% endfor %}",
    "{% for i in xs %}{% assign held = forloop %}BODY{% endfor %}",
    "{% tablerow i in xs cols:2 %}{% assign held = tablerowloop %}BODY{% endtablerow %}",
    "{% for i in xs %}{% tablerow j in (1..2) %}{% assign held = forloop %}BODY{% endtablerow %}{% endfor %}",
    "{% for i in xs %}{% assign held = forloop %}{% endfor %}BODY",
)


@settings(max_examples=100, deadline=None)
@given(place=st.sampled_from(PLACES), statements=st.lists(_statements(), min_size=1, max_size=3))
def test_loop_drops_in_any_tag_as_in_jekyll(
    ruby_jekyll_liquid: RubyProcess, place: str, statements: list[str]
) -> None:
    template = place.replace("BODY", "|".join(statements))
    assert ruby_jekyll_liquid.mismatches([(template, VARIABLES)], sitegen_renders) == []


PAGE = """---
---
{% for i in site.data.xs %}{% for j in (1..2) %}
{% if forloop == forloop.parentloop %}same
{% elsif forloop.parentloop contains "index" %}has
{% else %}{{ forloop.parentloop.index }}.{{ forloop.index }}{% endif %}
{% case forloop %}{% when forloop.parentloop %}p{% when forloop %}me{% endcase %}
[{% for k in forloop %}{{ k }}{% else %}none{% endfor %}] size=[{{ forloop.size }}]
{% include loop.html loop=forloop %}
{% endfor %}{% endfor %}
{% tablerow i in site.data.xs cols:2 %}{{ tablerowloop.col }}{{ tablerowloop.size }}
{% tablerow k in tablerowloop %}{% endtablerow %}{% endtablerow %}
"""


def test_a_page_of_loop_drops_in_tags_builds_as_with_jekyll(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": 'title: T\ndefaults:\n  - scope: {path: ""}\n    values: {layout: null}\n',
            "_data/xs.yml": "[1, b, 3]\n",
            "_includes/loop.html": (
                "{% if include.loop == forloop %}it{% endif %}"
                "{% if include.loop < 2 %}lt{% endif %}{{ include.loop.index }}{{ include.loop.size }}"
            ),
            "loops.html": PAGE,
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert [str(d) for d in result.diagnostics if d.level == "error"] == []
    expected = (tmp_path / "jekyll" / "loops.html").read_text(encoding="utf-8")
    assert (tmp_path / "sitegen" / "loops.html").read_text(encoding="utf-8") == expected
    assert "1.2" in expected and "none" in expected
