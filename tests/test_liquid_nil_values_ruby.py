"""nil, booleans, arrays and hashes through Liquid's text and array filters print as Ruby
Liquid prints them: a blank front-matter key appended to a title printed `TitleNone`,
`join` wrote `None` and `True`, and `uniq` took `true` for a duplicate of `1`.

Checked against Ruby's Liquid gem (the one Jekyll renders with) in one process."""

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

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from((0.5, 2.0, -3.25)),
    st.sampled_from(("", "a", "Ab")),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(st.one_of(SCALARS, st.lists(SCALARS, max_size=2)), max_size=4),
    st.dictionaries(st.sampled_from(("k", "v")), SCALARS, max_size=2),
)
USES = (
    "{{ a | append: b }}",
    "{{ a | prepend: b }}",
    '{{ "t" | append: a }}',
    "{{ a | slice: 0 }}",
    '{{ a | join: ";" }}',
    '{{ a | uniq | join: ";" }}',
    '{{ a | compact | join: ";" }}',
    "{{ a | upcase }}",
    '{{ a | remove: b | append: "." }}',
    '{{ a | replace: b, "x" | append: "." }}',
    "{{ a | join: b }}",
    '{{ "abcdef" | truncate: 4, b }}',
    '{{ "a b c" | truncatewords: 1, b }}',
    "{{ true | plus: 1 }}{{ 5 | times: true }}{{ false | abs }}",
)

_ENGINE = LiquidEngine(FilterSettings("", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {}))


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_LIQUID, gem="liquid") as process:
        yield process


def sitegen_renders(template: str, variables: dict[str, Any]) -> str:
    outcome = _ENGINE.render(template, variables)
    return "ERR" if any(not problem.salvaged for problem in outcome.problems) else outcome.text


@given(
    batch=st.lists(
        st.tuples(st.sampled_from(USES), st.fixed_dictionaries({"a": VALUES, "b": VALUES})), max_size=40
    )
)
def test_nil_booleans_arrays_and_hashes_print_as_ruby_liquid_prints_them(
    ruby: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby.mismatches(batch, sitegen_renders)


def test_a_blank_subtitle_appends_nothing() -> None:
    """The reported page: `subtitle:` left blank, `tags2: [a, ~, yes]`."""
    template = (
        '{{ "Title" | append: page.subtitle }}|{{ page.subtitle | slice: 0 }}|{{ page.tags2 | join: ", " }}'
    )
    variables = {"page": {"subtitle": None, "tags2": ["a", None, True]}}
    assert _ENGINE.render(template, variables).text == "Title||a, , true"
