"""Jekyll's date filters print a year as Ruby's `strftime` does, four digits at least:
`date_to_string` of a date in year 1 is `01 Jan 0001` and `date_to_rfc822` is
`Mon, 01 Jan 0001 …`, where sitegen printed `1` (Python's `strftime` on the C library's
`%Y`). Checked against Ruby's Liquid gem with Jekyll's filters, in one process."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import sitegen_renders
from tests.ruby_process import RubyProcess
from tests.test_liquid_date_input_ruby import FILTERS


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    year = draw(st.one_of(st.integers(1, 999), st.integers(1000, 9999)))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    hour, offset = draw(st.integers(0, 23)), draw(st.sampled_from(("+0000", "-0500", "+0800")))
    return "{{ v | " + draw(FILTERS) + " }}", {
        "v": f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:00:00 {offset}"
    }


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_date_filters_print_small_years_as_ruby(
    ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_year_one_has_four_digits() -> None:
    value = {"v": "0001-01-01 10:00:00 +0000"}
    assert sitegen_renders("{{ v | date_to_string }}", value) == "01 Jan 0001"
    assert sitegen_renders("{{ v | date_to_rfc822 }}", value) == "Mon, 01 Jan 0001 10:00:00 +0000"
