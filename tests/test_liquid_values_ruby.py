"""Liquid's values through Jekyll's filters as Ruby gives them: a float divided by zero
is `Infinity`, `-Infinity` or `NaN` (`Float#/`; it failed), an integer's `size` is its
bytes (`Integer#size`: `{{ 12 | size }}` is 8, it was 0), and `push`, `pop`, `shift`
and `unshift` give back what is not an array (`nil | push: 1` is nil, it was `[1]`).
Checked against Ruby's Liquid gem with Jekyll's filters, in one process."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

NUMBERS = st.sampled_from(
    (
        "0",
        "-0.0",
        "0.0",
        "1",
        "-2",
        "1.5",
        "-2.5",
        "nil",
        '"0.0"',
        '"-0.0"',
        '" 1.5 "',
        '"1x"',
        '"0"',
        '"x"',
        "v",
    )
)
VALUES = st.sampled_from((None, 0, 12, -3, 4611686018427387904, 2.5, "ab", [1, 2], {"a": 1}))
USES = (
    "{{ A | divided_by: B }}",
    "{{ A | size }}",
    "{% assign x = A %}{{ x.size }}",
    "{{ v | size }}",
    "{% assign x = v %}{{ x.size }}",
    "{{ v | push: A | join: ',' }}",
    "{{ v | pop | join: ',' }}",
    "{{ v | shift | join: ',' }}",
    "{{ v | unshift: A | join: ',' }}",
)


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    use = draw(st.sampled_from(USES)).replace("A", draw(NUMBERS)).replace("B", draw(NUMBERS))
    return use, {"v": draw(VALUES)}


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_values_through_jekylls_filters_are_rubys(
    ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_the_reported_sizes_divisions_and_push() -> None:
    template = (
        "{{ 12 | size }}|{{ 1.0 | divided_by: 0 }}|{{ 1 | divided_by: 0.0 }}|{{ -1 | divided_by: 0.0 }}"
        "|{{ 0.0 | divided_by: 0 }}|{{ nil | push: 1 }}"
    )
    assert ENGINE.render(template, {}).text == "8|Infinity|Infinity|-Infinity|NaN|"
