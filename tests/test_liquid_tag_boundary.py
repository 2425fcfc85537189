"""A tag that fails with an exception no rule foresaw costs that tag alone: a Python
`ValueError` raised while one `for` rendered (`limit: -2`) lost every other output of
the file, and the file's message was Python's own text (`Indices for islice() must be
None or an integer`). Here a filter is made to raise an arbitrary Python exception past
every containment: every other tag of the file still renders, and the message is words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid import engine as engine_module
from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings

GOOD = (
    ('{{ "x" | upcase }}', "X"),
    ("{% for i in (1..3) %}{{ i }}{% endfor %}", "123"),
    ("{% if true %}y{% endif %}", "y"),
    ("{% capture c %}z{% endcapture %}{{ c }}", "z"),
    ("{% assign n = 2 %}{{ n | plus: 1 }}", "3"),
    ("{% tablerow i in (1..1) %}{{ i }}{% endtablerow %}", '<tr class="row1">\n<td class="col1">1</td>'),
    ("plain", "plain"),
)
BAD = (
    ("{{ 1 | boom }}", ""),
    ("<{% if true %}{{ 1 | boom }}!{% endif %}>", "<!>"),
    ("{% for i in (1..2) %}[{{ i | boom }}]{% endfor %}", "[][]"),
    ("{% for i in (1..2) %}{% for j in (1..1) %}{{ j | boom }}{{ j }}{% endfor %}{% endfor %}", "11"),
)
PYTHON_TEXT = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
EXCEPTIONS = (ValueError, TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError, RuntimeError)


@contextmanager
def engine_with_failing_filter(kind: type[Exception]) -> Iterator[LiquidEngine]:
    """An engine whose `boom` filter raises `kind`, unwrapped: as if a rule had a bug."""
    made = engine_module._environment

    def environment(*arguments: Any) -> Any:
        built = made(*arguments)

        def boom(value: Any) -> Any:
            raise kind(PYTHON_TEXT)

        built.filters["boom"] = boom
        return built

    with mock.patch.object(engine_module, "_environment", environment):
        yield LiquidEngine(FilterSettings("", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {}))


@given(
    before=st.lists(st.sampled_from(GOOD), max_size=3),
    bad=st.sampled_from(BAD),
    after=st.lists(st.sampled_from(GOOD), max_size=3),
    kind=st.sampled_from(EXCEPTIONS),
)
def test_an_unforeseen_exception_costs_its_tag_alone(
    before: list[tuple[str, str]], bad: tuple[str, str], after: list[tuple[str, str]], kind: type[Exception]
) -> None:
    parts = [*before, bad, *after]
    with engine_with_failing_filter(kind) as engine:
        outcome = engine.render("|".join(part for part, _ in parts), {})
    assert outcome.text.replace("</tr>\n", "") == "|".join(expected for _, expected in parts)
    assert outcome.problems
    for problem in outcome.problems:
        assert "islice" not in problem.message and kind.__name__ not in problem.message
