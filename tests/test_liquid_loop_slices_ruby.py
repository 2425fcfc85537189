"""`for` and `tablerow` take `limit` and `offset` as Ruby Liquid takes them: `limit: -2`
failed its loop with Python's `islice` error (and lost every other output of the file),
`limit: 0` gave every item, `limit: 2.5` two of them and `limit: nil` an error, and an
empty `tablerow` wrote no row where Ruby writes one.

Checked against Ruby's Liquid gem (the one Jekyll renders with) in one process."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

NUMBERS = st.one_of(
    st.none(),
    st.integers(-4, 7),
    st.sampled_from((2.5, 2.0, -1.5, True, "2", " 3 ", "-1", "0x2", "010", "1_0", "2x", "", "2.5", [1])),
)
LOOPS = (
    "{% for i in a LIMIT OFFSET %}{{ i }},{% else %}E{% endfor %}",
    "{% for i in a reversed LIMIT OFFSET %}{{ i }},{% endfor %}",
    "{% for i in a LIMIT OFFSET %}{{ i }},{% endfor %}|"
    "{% for i in a offset: continue LIMIT %}{{ i }},{% endfor %}",
    "{% for i in (1..5) LIMIT OFFSET %}{{ forloop.index }}/{{ forloop.length }},{% endfor %}",
    "{% tablerow i in a LIMIT OFFSET %}{{ i }}{% endtablerow %}",
    "{% tablerow i in a cols: 2 LIMIT OFFSET %}{{ tablerowloop.index }}{% endtablerow %}",
)


@st.composite
def loops(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    template = draw(st.sampled_from(LOOPS))
    limit = draw(st.sampled_from(("", "limit: l", "limit: -2", "limit: 0", "limit: 2")))
    offset = draw(st.sampled_from(("", "offset: o", "offset: -1", "offset: 2")))
    template = template.replace("LIMIT", limit).replace("OFFSET", offset)
    items = draw(st.integers(0, 6))
    return template, {"a": list(range(1, items + 1)), "l": draw(NUMBERS), "o": draw(NUMBERS)}


@given(batch=st.lists(loops(), max_size=40))
def test_loops_take_limit_and_offset_as_ruby_liquid_takes_them(
    ruby_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_liquid.mismatches(batch, sitegen_renders)


def test_a_negative_limit_gives_no_items_and_the_rest_renders() -> None:
    """The reported post (Jekyll: `L1`, `L2 X`, `L3 123`), and the same through a
    variable and in a `tablerow`."""
    text = (
        'L1 {% for i in (1..5) limit: -2 %}{{i}}{% endfor %}\nL2 {{ "x" | upcase }}\n'
        "L3 {% for i in (1..3) %}{{i}}{% endfor %}\n"
        "{% assign n = -1 %}L4 {% for i in (1..5) limit: n %}{{i}}{% endfor %}\n"
        "{% tablerow i in (1..5) limit: -1 %}{{i}}{% endtablerow %}"
    )
    outcome = ENGINE.render(text, {})
    assert outcome.text == 'L1 \nL2 X\nL3 123\nL4 \n<tr class="row1">\n</tr>\n'
    assert not outcome.problems


def test_a_float_limit_is_an_invalid_integer() -> None:
    outcome = ENGINE.render("a{% for i in (1..5) limit: 2.5 %}{{ i }}{% endfor %}b", {})
    assert outcome.text == "ab"
    assert [problem.message for problem in outcome.problems] == ["invalid integer"]
