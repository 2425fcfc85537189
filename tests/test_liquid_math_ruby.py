"""Liquid's arithmetic filters give what Ruby Liquid gives: a float remainder takes the
divisor's sign (`-7.5 | modulo: 2` was -1.5, Ruby's 0.5), and a boolean is 0 (`true |
plus: 1` was 2). Checked against Ruby's Liquid gem in one process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.ruby_process import RubyProcess, ruby_process
from tests.test_liquid_ranges_ruby import RUBY_LIQUID

_ENGINE = LiquidEngine(FilterSettings("", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {}))
NUMBERS = st.one_of(
    st.integers(-9, 9).map(str),
    st.sampled_from(("-7.5", "2.5", "0.5", "-0.5", "1.25", "-3.0", "true", "false", '"7.5"', '"-2"')),
)
FILTERS = ("plus", "minus", "times", "modulo", "at_least", "at_most")


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(FILTERS))
    return f"{{{{ {draw(NUMBERS)} | {name}: {draw(NUMBERS)} }}}}", {}


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_LIQUID, gem="liquid") as process:
        yield process


def sitegen_renders(template: str, variables: dict[str, Any]) -> str:
    outcome = _ENGINE.render(template, variables)
    return "ERR" if any(not problem.salvaged for problem in outcome.problems) else outcome.text


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_arithmetic_gives_what_ruby_liquid_gives(
    ruby: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby.mismatches(batch, sitegen_renders)


def test_the_reported_remainders_and_booleans() -> None:
    template = "{{ -7.5 | modulo: 2 }}|{{ 7.5 | modulo: -2 }}|{{ -1 | modulo: 0.5 }}|{{ true | plus: 1 }}"
    assert _ENGINE.render(template, {}).text == "0.5|-0.5|0.0|1"
