"""A filter that fails in its own code (Ruby's `ArgumentError` for a `date` format ending
in `%`, a Python error on an input no filter expected) is one problem of its tag, named
at its line, as a Liquid error is: it blanked every output of the file, and named the
wrong line."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from liquid import Environment

from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings, jekyll_filters

_SETTINGS = FilterSettings("", "", ZoneInfo("Asia/Shanghai"), "kramdown")
_ENGINE = LiquidEngine(_SETTINGS, (), SiteLinks({}, {}))
_FILTERS = sorted({*Environment().filters, *jekyll_filters(_SETTINGS)})  # every filter a page can name
_INPUTS = ("nil", '"text"', '"2022-05-27"', "0", "-1", "2.5", "true", "site", "(1..3)", '"50%"', '"%"')


@st.composite
def odd_call(draw: st.DrawFn) -> str:
    """One output tag calling any filter on an odd input with odd arguments."""
    arguments = draw(st.lists(st.sampled_from(_INPUTS), max_size=2))
    written = f": {', '.join(arguments)}" if arguments else ""
    return f"{{{{ {draw(st.sampled_from(_INPUTS))} | {draw(st.sampled_from(_FILTERS))}{written} }}}}"


#: `date` formats, some of which end within a conversion (`%`, `%-`, `%5`): Ruby's error.
_FORMATS = st.text(st.sampled_from("%-_^#5Yd a"), min_size=1, max_size=4).map(lambda text: f'"{text}"')
_DATE_CALLS = _FORMATS.map(lambda fmt: f'{{{{ "2022-05-27 10:00" | date: {fmt} }}}}')


@settings(max_examples=40)
@given(calls=st.lists(st.one_of(odd_call(), _DATE_CALLS), min_size=1, max_size=4))
def test_a_failing_filter_costs_only_its_own_tag(calls: list[str]) -> None:
    lines = []
    for number, call in enumerate(calls):
        lines += [f"keep{number}-{{{{ 'a' | upcase }}}}", call]
    outcome = _ENGINE.render("\n".join(lines), {"site": {"title": "t"}})
    for number in range(len(calls)):
        assert f"keep{number}-A" in outcome.text, (calls, outcome)
    for problem in outcome.problems:
        assert problem.line is not None and problem.line % 2 == 0, (calls, problem)  # a call's line
        # Words for the site's author, never Python's text about its own values (an
        # `object` ending the text is Jekyll's own: `sort: Cannot sort a null object.`).
        python_text = r"<class |\bobject\b(?!\.?\Z)|__\w+__|\w\(\)|Error\b"
        assert not re.search(python_text, problem.message), problem


def test_a_bad_date_format_is_named_at_its_line_and_the_rest_renders() -> None:
    """The reported file: Jekyll stops on `date: "50%"` (Ruby's `invalid format`)."""
    template = 'a {{ "x" | upcase }}\n\n{{ "2022-05-27" | date: "50%" }}\n'
    template += '{{ nil | date: "%Y" }}b{{ "y" | upcase }}'
    outcome = _ENGINE.render(template, {})
    assert outcome.text == "a X\n\n\nbY"
    assert [(problem.message, problem.line) for problem in outcome.problems] == [
        ("date: invalid format: 50%", 3)
    ]
