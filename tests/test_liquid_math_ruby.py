"""Liquid's arithmetic filters give what Ruby Liquid gives: a float remainder takes the
divisor's sign (`-7.5 | modulo: 2` was -1.5, Ruby's 0.5), and a boolean is 0 (`true |
plus: 1` was 2). Checked against Ruby's Liquid gem in one process."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

NUMBERS = st.one_of(
    st.integers(-9, 9).map(str),
    st.sampled_from(("-7.5", "2.5", "0.5", "-0.5", "1.25", "-3.0", "true", "false", '"7.5"', '"-2"')),
)
FILTERS = ("plus", "minus", "times", "modulo", "at_least", "at_most")


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(FILTERS))
    return f"{{{{ {draw(NUMBERS)} | {name}: {draw(NUMBERS)} }}}}", {}


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_arithmetic_gives_what_ruby_liquid_gives(
    ruby_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_liquid.mismatches(batch, sitegen_renders)


def test_the_reported_remainders_and_booleans() -> None:
    template = "{{ -7.5 | modulo: 2 }}|{{ 7.5 | modulo: -2 }}|{{ -1 | modulo: 0.5 }}|{{ true | plus: 1 }}"
    assert ENGINE.render(template, {}).text == "0.5|-0.5|0.0|1"
