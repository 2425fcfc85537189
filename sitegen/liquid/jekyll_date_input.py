"""What Jekyll's own date filters read (jekyll/filters/date_filters.rb `time`):
`Liquid::Utils.to_date` of the input (liquid/utils.rb), shown in the site's zone.

Nil and empty text come back unchanged (each filter returns its input when its `to_s` is
empty); a time or date is itself; `now` and `today` are the clock, digits and integers
seconds since the epoch, other text `Time.parse`d. Anything `to_date` does not make a
time of (text `Time.parse` refuses, a float, a boolean, an array, a hash) raises
`Invalid Date: '…' is not a valid datetime.`, with Ruby's `inspect` of the input, which
fails the tag. Text without a year Ruby reads in the current year (`"junk"` is June 1);
it comes back unchanged here, as the `date` filter gives it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from sitegen.jekyll.dates import local_moment
from sitegen.jekyll.ruby_time import TimeParseRefusal, time_parse
from sitegen.liquid.ruby_values import ruby_inspect

__all__ = ["InvalidDate", "jekyll_filter_time"]


class InvalidDate(ValueError):
    """Jekyll's `Errors::InvalidDateError`: one problem of the filter's tag."""


def jekyll_filter_time(value: Any, zone: tzinfo, clock: Callable[[tzinfo], datetime]) -> datetime | None:
    """The time a date filter prints, in the site's zone; None where the filter gives
    its input back; `clock` gives `now` and `today` (the stage's, which notes the read:
    `sitegen.liquid.clock.ClockReads`). Raises `InvalidDate`."""
    if isinstance(value, datetime):
        return value.astimezone(zone) if value.tzinfo else local_moment(value, zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    if value is None or value == "":
        return None  # nil, also a variable no page sets (`undefined_values` makes it nil)
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, zone)  # `Time.at`
    if not isinstance(value, str):
        raise _invalid(value)
    text = value.lower()
    if text in ("now", "today"):
        return clock(zone)
    if text.isascii() and text.isdigit():
        return datetime.fromtimestamp(int(text), zone)
    try:
        return time_parse(text, zone).astimezone(zone)
    except TimeParseRefusal as refusal:
        if refusal.needs_clock:
            return None
        raise _invalid(value) from None


def _invalid(value: Any) -> InvalidDate:
    return InvalidDate(f"Invalid Date: '{ruby_inspect(value)}' is not a valid datetime.")
