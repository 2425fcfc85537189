"""`<`, `>`, `<=`, `>=` and `contains` in `{% if %}`, as Ruby's Liquid compares.

Ruby orders two values only when both have the operator (numbers, text, times) and
fails when they have it but not with each other (`"a" <= 1`); `contains` needs a left
side with `include?` and reads the right side's `to_s` in text. python-liquid failed the
tag for an array, a drop, a number on the left of `contains` or two times, made `"a" <=
1` false and `[1] contains true` true. Checked against Ruby's Liquid with Jekyll's
filters, and one post's dates against `jekyll build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, write_files
from tests.ruby_liquid import sitegen_renders
from tests.ruby_process import RubyProcess

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-3, 3, allow_nan=False).map(lambda number: round(number, 1))
    | st.text(alphabet="ab1.true", max_size=4)
)
VALUES = st.recursive(
    SCALARS,
    lambda items: (
        st.lists(items, max_size=3) | st.dictionaries(st.text(alphabet="ab", max_size=2), items, max_size=2)
    ),
    max_leaves=4,
)
#: What a side of the comparison is: a variable, a range, a loop's drop, a literal.
SIDES = st.sampled_from(("a", "b", "(1..3)", "forloop", "1", '"1"', "true", "nil", '"a"'))
OPERATORS = st.sampled_from(("<", ">", "<=", ">=", "contains"))


def _condition(left: str, operator: str, right: str) -> str:
    condition = f"{{% if {left} {operator} {right} %}}y{{% else %}}n{{% endif %}}"
    return f"{{% for i in (1..1) %}}{condition}{{% endfor %}}"


@settings(max_examples=200, deadline=None)
@given(a=VALUES, b=VALUES, left=SIDES, operator=OPERATORS, right=SIDES)
def test_a_comparison_as_in_ruby(
    ruby_jekyll_liquid: RubyProcess, a: Any, b: Any, left: str, operator: str, right: str
) -> None:
    batch = [(_condition(left, operator, right), {"a": a, "b": b})]
    assert ruby_jekyll_liquid.mismatches(batch, sitegen_renders) == []


CASES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("{% if a < 1 %}y{% else %}n{% endif %}", {"a": [0]}),
    ("{% if a <= 1 %}y{% else %}n{% endif %}", {"a": "a"}),
    ("{% if 3 contains 1 %}y{% else %}n{% endif %}", {}),
    ("{% if a contains true %}y{% else %}n{% endif %}", {"a": [1]}),
    ('{% if "true" contains true %}y{% else %}n{% endif %}', {}),
    ("{% if (1..3) contains 2.5 %}y{% else %}n{% endif %}", {}),
    ('{{ a | where_exp: "x", "x < 2" | size }}', {"a": [1, [2], 3]}),
)


def test_each_case_as_in_ruby(ruby_jekyll_liquid: RubyProcess) -> None:
    assert ruby_jekyll_liquid.mismatches(list(CASES), sitegen_renders) == []


def test_a_posts_dates_compare_as_with_jekyll(tmp_path: Path) -> None:
    post = (
        "---\ntitle: A\n---\n{% if page.date < site.time %}past{% else %}future{% endif %}|"
        "{% for p in site.posts %}{% if p.date <= page.date %}le{% endif %}"
        "{% if p.date >= site.time %}ge{% endif %}{% endfor %}\n"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": 'title: T\ndefaults:\n  - scope: {path: ""}\n    values: {layout: null}\n',
            "_posts/2020-01-02-a.html": post,
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert [str(d) for d in result.diagnostics if d.level == "error"] == []
    expected = (tmp_path / "jekyll" / "2020/01/02/a.html").read_text(encoding="utf-8")
    assert expected.startswith("past|le")
    assert (tmp_path / "sitegen" / "2020/01/02/a.html").read_text(encoding="utf-8") == expected
