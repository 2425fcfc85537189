"""Jekyll's `sort` as Ruby runs it (jekyll/filters.rb `sort`, `sort_input`): values
compare as Ruby's `<=>` does, and a pair without an order (`1` and `"a"`, `true` and
`false`) fails the tag, where sitegen ordered them by type; nil fails (`Cannot sort a
null object.`), and so does text or a number (no `sort`); by a property, nils go first
or last, text that reads as a number is that number, and values of different kinds
compare as their `to_s`. Checked against Ruby's Liquid gem with Jekyll's filters, in
one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, page_with_failing_tags, sitegen_renders
from tests.ruby_process import RubyProcess

#: Values no two of which tie while printing differently (Ruby's sort is not stable).
SCALARS = st.one_of(
    st.integers(-20, 20),
    st.integers(-20, 20).map(lambda number: number + 0.5),
    st.sampled_from(("a", "B", "ab", "", "é", "10", "9", " 3 ", "-1.5", ".5")),
    st.sampled_from((None, True, False)),
)
VALUES = st.one_of(SCALARS, st.lists(st.integers(0, 3), max_size=2), st.lists(SCALARS, max_size=2))
#: Property values whose order is total (numbers below letters, as their `to_s`).
PROPERTIES = st.one_of(
    st.integers(-20, 20),
    st.integers(-20, 20).map(lambda number: number + 0.5),
    st.integers(-20, 20).map(str),
    st.sampled_from(("a", "B", "ab", "zz", True, False, None)),
)


@st.composite
def plain(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    value = draw(st.one_of(st.lists(VALUES, max_size=5), VALUES))
    return "{{ v | sort | join: ',' }}", {"v": value}


@st.composite
def by_property(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    items = draw(st.lists(st.one_of(st.just({}), st.builds(lambda x: {"x": x}, PROPERTIES)), max_size=6))
    nils = draw(st.sampled_from(("", ', "first"', ', "last"', ', "middle"')))
    return "{{ v | sort: 'x'" + nils + " | map: 'x' | join: ',' }}", {"v": items}


@given(batch=st.lists(st.one_of(plain(), by_property()), min_size=1, max_size=40))
def test_sort_is_rubys(ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_sort_of_values_without_an_order_fails_the_tag() -> None:
    outcome = ENGINE.render("a{{ v | sort }}b", {"v": [1, "a"]})
    assert outcome.text == "ab"
    assert [problem.message for problem in outcome.problems if "comparison of" in problem.message]
    assert sitegen_renders("{{ v | sort }}", {"v": None}) == "ERR"
    assert sitegen_renders("{{ v | sort }}", {"v": "cba"}) == "ERR"
    assert (
        sitegen_renders("{{ v | sort: 'x' | map: 'x' | join: ',' }}", {"v": [{"x": "b"}, {"x": 3}]}) == "3,b"
    )


def test_a_failed_sort_is_one_line_naming_the_page_and_the_tag(tmp_path: Path) -> None:
    page = "---\nmixed: [1, a]\n---\nbefore\n\n{{ page.mixed | sort }}\nafter\n"
    lines, published = page_with_failing_tags(tmp_path, "title: t\n", page, "comparison of")
    assert len(lines) == 1 and "index.html:6:" in lines[0], lines
    assert "before" in published and "after" in published


def test_sort_by_a_property_reads_it_as_rubys_index(ruby_jekyll_liquid: RubyProcess) -> None:
    """`item_property` indexes each item with Ruby's `[]`: plain numbers have no property
    (a `TypeError`, `NoMethodError`), text has its substring, and a dotted property past
    a missing key is `false`, sorted as its `to_s` rather than as a nil."""
    batch = [
        ("{{ v | sort: 'n' | join: ',' }}", {"v": [3, 1.5, 2]}),
        ("{{ v | sort: 'n' | join: ',' }}", {"v": [3, 2]}),
        ("{{ v | sort: 'b' | join: ',' }}", {"v": ["abc", "b", "c"]}),
        ("{{ v | sort: 'a.b' | map: 'i' | join: ',' }}", {"v": [{"i": 1}, {"i": 2, "a": {"b": 1}}]}),
        ("{{ v | sort: 'a.b', 'last' | map: 'i' | join: ',' }}", {"v": [{"i": 1, "a": {"b": 1}}, {"i": 2}]}),
    ]
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)
    assert sitegen_renders("{{ v | sort: 'n' }}", {"v": [3, 1.5, 2]}) == "ERR"
