"""Jekyll's `group_by` and `group_by_exp` as Ruby runs them (jekyll/filters/
grouping_filters.rb): `group_by_exp` evaluates its expression per item and groups by the
value (it was not implemented, and passed its input through); `group_by` groups by the
property's `to_s` (a list's name is its Ruby `inspect`), and reading a property of an
item that has none fails the tag as Ruby's `[]` does. Checked against Ruby's Liquid gem
with Jekyll's filters, in one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, write_files
from tests.ruby_liquid import sitegen_renders
from tests.ruby_process import RubyProcess

VALUES = st.one_of(
    st.integers(-3, 3),
    st.sampled_from((1.0, 1.5, 2.5, "1", "1.50", " 2 ", "a", "", None, True, False)),
    st.lists(st.sampled_from((1, "news", None)), max_size=2),
)
ITEMS = st.lists(
    st.one_of(st.builds(lambda i, n: {"i": i, "n": n}, st.integers(0, 9), VALUES), st.just({"i": 7})),
    max_size=6,
)
SHOW = (
    "{% for y in g %}[{{ y.name | jsonify }}:{{ y.size }}:{{ y.items | map: 'i' | join: ',' }}]{% endfor %}"
)
EXPRESSIONS = st.sampled_from(
    (
        "x.n",
        "x.n | size",
        "x.n | plus: 1",
        "x.n | default: 'none' | upcase",
        "x.i | modulo: 3",
        "x.n | join: '-'",
        "x.n ==",
        "page.k",
        "",
    )
)


@st.composite
def by_expression(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    expression = draw(EXPRESSIONS)
    template = "{% assign g = v | group_by_exp: 'x', \"" + expression + '" %}' + SHOW
    return template, {"v": draw(ITEMS), "page": {"k": draw(st.sampled_from((1, "a")))}}


@st.composite
def by_property(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(("n", "i", "none")))
    return "{% assign g = v | group_by: '" + name + "' %}" + SHOW, {"v": draw(ITEMS)}


@st.composite
def not_a_list(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    value = draw(st.one_of(st.sampled_from((None, "abc", 3, 1.5)), st.lists(st.integers(0, 3), max_size=3)))
    grouping = draw(st.sampled_from(("group_by: 'n'", "group_by_exp: 'x', 'x | modulo: 2'")))
    return "{{ v | " + grouping + " | jsonify }}", {"v": value}


@given(batch=st.lists(st.one_of(by_expression(), by_property(), not_a_list()), min_size=1, max_size=40))
def test_grouping_is_rubys(ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_group_by_exp_groups_posts_by_year(tmp_path: Path) -> None:
    files = {"_config.yml": "title: t\n"}
    for day in ("2023-05-01", "2023-06-01", "2024-01-02", "2024-02-03"):
        files[f"_posts/{day}-p.md"] = f"---\ntitle: p{day}\n---\nx\n"
    files["archive.html"] = (
        "---\nlayout: null\n---\n"
        '{% assign years = site.posts | group_by_exp: "post", "post.date | date: \'%Y\'" %}'
        "{% for y in years %}[{{ y.name }}:{{ y.size }}:"
        '{{ y.items | map: "title" | join: "," }}]{% endfor %}\n'
    )
    write_files(tmp_path / "site", files)
    build(tmp_path / "site", destination=tmp_path / "out")
    assert (tmp_path / "out" / "archive.html").read_text() == (
        "[2024:2:p2024-02-03,p2024-01-02][2023:2:p2023-06-01,p2023-05-01]\n"
    )


def test_group_by_names_a_list_as_ruby_inspects_it() -> None:
    template = "{% assign c = v | group_by: 'c' %}{{ c[0].name }}"
    assert sitegen_renders(template, {"v": [{"c": ["news"]}]}) == '["news"]'
    assert sitegen_renders("{{ v | group_by: 'c' }}", {"v": [1]}) == "ERR"
