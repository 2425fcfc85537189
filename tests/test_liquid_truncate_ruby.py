"""`truncate` and `truncatewords` write what Ruby Liquid writes: python-liquid's differed
when the length was shorter than the ellipsis or not positive (`"abcdef" | truncate: 2,
"xyz"` was `abcdexyz`, Jekyll's `xyz`), and took an ideographic space for a word break."""

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
TEXTS = st.text(st.sampled_from("ab c\u3000中\t\n"), max_size=12)
LENGTHS = st.one_of(st.integers(-2, 9), st.sampled_from(('"3"', '" 4"', '"2.5"', '"x"', "nil", "2.5")))
MARKS = st.sampled_from(('"..."', '""', '"xyz"', "nil"))


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(("truncate", "truncatewords")))
    arguments = [str(draw(LENGTHS))]
    if draw(st.booleans()):
        arguments.append(draw(MARKS))
    return f"{{{{ t | {name}: {', '.join(arguments)} }}}}", {"t": draw(TEXTS)}


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_LIQUID, gem="liquid") as process:
        yield process


def sitegen_renders(template: str, variables: dict[str, Any]) -> str:
    outcome = _ENGINE.render(template, variables)
    return "ERR" if any(not problem.salvaged for problem in outcome.problems) else outcome.text


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_truncation_writes_what_ruby_liquid_writes(
    ruby: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby.mismatches(batch, sitegen_renders)


def test_the_reported_truncations() -> None:
    """As Jekyll 4.3 printed them."""
    template = (
        '{{ "abcdef" | truncate: -1 }}|{{ "abcdef" | truncate: 2, "xyz" }}|{{ "abcdef" | truncatewords: -1 }}'
    )
    assert _ENGINE.render(template, {}).text == "...|xyz|abcdef"
    assert _ENGINE.render('{{ "甲乙\u3000丙 丁" | truncatewords: 1 }}', {}).text == "甲乙\u3000丙..."
