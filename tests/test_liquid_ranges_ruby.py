"""Liquid's ranges behave as Ruby Liquid's `Range` (liquid/range_lookup.rb): printed,
through `size`, `first`, `last`, `join`, `reverse`, `assign` and `for` (with `limit`,
`offset`, `reversed`), ascending, descending (`(3..1)` prints `3..1`, its `first` is 3)
and empty, with sides written as numbers, text, `nil` or variables holding them.

Hypothesis writes batches of templates; one Ruby process with the Liquid gem Jekyll
uses, started once for this file, renders each batch with the batch's variables.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

TEXTS = ("3", "1x", " 2", "-1", "abc", "", "0")
VALUES = st.one_of(st.integers(-4, 6), st.sampled_from(TEXTS), st.none())
SIDES = st.one_of(
    st.integers(-4, 6).map(str),
    # Written text with a space is not a range to Ruby's RANGES_REGEX (`\S+`), left out.
    st.sampled_from(TEXTS).filter(lambda text: " " not in text).map(json.dumps),
    st.sampled_from(("nil", "v0", "v1", "v2", "v3", "missing", "2.7", "-1.5")),
)
USES = (
    "{{ R }}",
    "{{ R | size }}",
    "{{ R | first }}",
    "{{ R | last }}",
    '{{ R | join: "," }}',
    '{{ R | reverse | join: "," }}',
    '{% assign x = R %}{{ x }}:{{ x | join: "-" }}',
    "{% for i in R %}{{ i }},{% else %}E{% endfor %}",
    "{% for i in R limit:2 %}{{ i }},{% endfor %}",
    "{% for i in R offset:1 %}{{ i }},{% endfor %}",
    "{% for i in R reversed %}{{ i }},{% endfor %}",
    "{% for i in R reversed limit:2 offset:1 %}{{ forloop.index }}{{ i }},{% endfor %}",
)


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    variables = {f"v{number}": draw(VALUES) for number in range(4)}
    use = draw(st.sampled_from(USES))
    return use.replace("R", f"({draw(SIDES)}..{draw(SIDES)})"), variables


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_ranges_render_as_ruby_liquid_renders_them(
    ruby_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_liquid.mismatches(batch, sitegen_renders)


def test_a_descending_range_prints_as_jekyll_prints_it() -> None:
    """The reported example and Jekyll's own filters, as `jekyll build` printed them."""
    template = (
        '{{ (3..1) }}|{{ (3..1) | first }}|{{ (3..1) | last }}|{{ (3..1) | size }}|{{ (3..1) | append: "x" }}'
        "|{{ (3..1) | inspect }}|{{ (1..3) | jsonify }}|{{ (3..1) | jsonify }}|{{ (1.5..3.7) }}"
    )
    assert ENGINE.render(template, {}).text == '3..1|3|1|0|3..1x|3..1|"1..3"|"3..1"|1..3'


def test_a_float_variable_in_a_range_is_an_invalid_integer_as_in_jekyll() -> None:
    outcome = ENGINE.render("a\n{% assign f = 2.0 %}{% for i in (f..3) %}{{ i }}{% endfor %}b", {})
    assert outcome.text == "a\nb"
    assert [(problem.message, problem.line) for problem in outcome.problems] == [("invalid integer", 2)]


LOOKUPS = st.sampled_from(
    ("{{ x[I] }}", "{{ x.first }}", "{{ x.last }}", "{{ x.size }}", "{{ x.first | plus: I }}", "{{ x | F }}")
)
NOT_JEKYLLS = ("sum", "reject", "has", "squish", "safe", "escapejs", "find_index")


@st.composite
def lookup(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    use = draw(LOOKUPS).replace("I", str(draw(st.integers(-3, 5))))
    use = use.replace("F", draw(st.sampled_from(NOT_JEKYLLS)) + draw(st.sampled_from(("", ': "a"'))))
    value = draw(st.sampled_from(("R", "v0", "v1")))
    range_ = f"({draw(st.integers(-2, 4))}..{draw(st.integers(-2, 4))})"
    listed = draw(st.lists(st.integers(0, 3), max_size=3))
    variables = {"v0": listed, "v1": draw(st.sampled_from(("ab", None, {"a": 1})))}
    return "{% assign x = " + value.replace("R", range_) + " %}" + use, variables


@given(batch=st.lists(lookup(), min_size=1, max_size=40))
def test_a_ranges_items_and_filters_jekyll_lacks_read_as_in_ruby_liquid(
    ruby_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    """A range answers only `first`, `last` and `size` (`r[1]` is nothing), and a filter
    neither Liquid nor Jekyll defines passes its input through."""
    assert not ruby_liquid.mismatches(batch, sitegen_renders)


def test_the_reported_range_index_and_sum() -> None:
    template = "{% assign r = (1..4) %}{{ r[1] }}|{{ (1..3) | sum }}|{{ r.last }}|{{ (3..1) | sum }}"
    assert ENGINE.render(template, {}).text == "|1..3|4|3..1"
