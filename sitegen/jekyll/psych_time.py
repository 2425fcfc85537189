"""Unquoted YAML times as Psych reads them (psych/scalar_scanner.rb `TIME`, `parse_time`).

Jekyll reads front matter, `_data` and `_config.yml` with `Psych.safe_load`, whose
pattern for a time is wider than YAML 1.1's, which PyYAML follows: an offset may be
written without a colon (`2022-05-27 16:48:36 +0000`, `+08`, `-0530`), and there may be
any whitespace before it. PyYAML keeps such a value as text; Psych makes it a `Time`
that keeps the written offset and prints it (`Time#to_s`), so a page showing
`{{ page.date }}` prints `2022-05-27 16:48:36 +0000`, and `{{ page.date | date: "%Z" }}`
prints nothing (a fixed offset has no zone name). `parse_time` gives:

- with `Z`: `Time.utc` (prints `UTC`);
- with an offset: `Time.new(..., offset)`, a time with only that offset;
- with none: `Time.at` of the written wall clock read as UTC, a local time in the zone
  Jekyll runs in (the site's `timezone`); held here as a naive `datetime`, which
  `sitegen.liquid.ruby_values.liquid_value` reads that way.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

__all__ = ["PSYCH_DATE", "PSYCH_TIME", "RUBY_UTC", "add_psych_time_resolver", "psych_date", "psych_time"]

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_SPACE = r"[ \t\n\v\f\r]"
PSYCH_TIME = re.compile(
    rf"-?[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}(?:[Tt]|{_SPACE}+)[0-9]{{1,2}}:[0-9][0-9]:[0-9][0-9]"
    rf"(?:\.[0-9]*)?(?:{_SPACE}*(?:Z|[-+][0-9]{{1,2}}:?(?:[0-9][0-9])?))?"
)
"""`ScalarScanner::TIME` (anchored by `fullmatch`; ASCII digits and spaces, as in Ruby)."""
PSYCH_DATE = re.compile(r"([0-9]{4})-(1[012]|0[0-9]|[0-9])-([12][0-9]|3[01]|0[0-9]|[0-9])")
"""`tokenize`'s pattern of a date (anchored by `fullmatch`): a month or day may have one
digit (`2024-1-1`), where YAML 1.1, which PyYAML follows, wants two."""
_DATE = re.compile(r"(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_TIME = re.compile(rf"([0-9]+):([0-9]+):([0-9]+)(?:\.([0-9]*))?{_SPACE}*(Z|[-+][0-9]+(?::[0-9][0-9])?)?")
_OFFSET = re.compile(r"([+\-]?[0-9]{1,2}):?([0-9]{1,2})?")

RUBY_UTC = timezone(timedelta(0), "UTC")
"""The zone of a timestamp written with `Z`: Psych makes it `Time.utc`, which prints
`UTC` where one written `+00:00` prints `+0000`. A named zone (not `timezone.utc`, which
Python gives for both) keeps the difference, through pickling too."""


def psych_time(text: str, *, roll_over: bool = False) -> datetime:
    """`parse_time` of a text `PSYCH_TIME` matches. Raises ValueError (or OverflowError)
    where Python cannot hold the time Ruby would make (a day past the month's end, a
    negative year): the caller keeps such a value as text for `Time.parse`. With
    `roll_over`, a day past the month's end (up to 31), hour 24 (`24:00:00`) and second
    60 are carried into the next day or minute as Ruby's `Time.utc` and `Time.new`
    carry them (`2024-02-30 10:00:00` is `2024-03-01 10:00:00`)."""
    date_text, time_text = re.split(r"[ tT]", text, maxsplit=1)
    date_match, time_match = _DATE.match(date_text), _TIME.search(time_text)
    if date_match is None or time_match is None:
        raise ValueError(f"not a time: {text!r}")
    year, month, day = (int(part) for part in date_match.groups())
    hour, minute, second = (int(part) for part in time_match.group(1, 2, 3))
    microsecond = int((time_match[4] or "").ljust(6, "0")[:6])
    written = time_match[5]
    zone: tzinfo | None = None
    if written == "Z":
        zone = RUBY_UTC
    elif written is not None:
        offset = _OFFSET.fullmatch(written)
        if offset is None:
            raise ValueError(f"not an offset: {written!r}")
        # As Ruby adds them: the minutes take the sign of the hours, and `-00:30` is +00:30.
        seconds = int(offset[1]) * 3600
        seconds += -int(offset[2] or 0) * 60 if seconds < 0 else int(offset[2] or 0) * 60
        zone = timezone(timedelta(seconds=seconds))
    if not roll_over:
        return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)
    if not (
        1 <= day <= 31
        and (hour < 24 or (hour == 24 and minute == second == 0))
        and minute < 60
        and second <= 60
    ):
        raise ValueError(f"out of range for Ruby's Time: {text!r}")
    first = datetime(year, month, 1, 0, 0, 0, microsecond, tzinfo=zone)
    moment = first + timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)
    if _wraps_to_day_zero(year, month, day, hour * 3600 + minute * 60 + second, zone):
        moment -= timedelta(days=32)
    return moment


def _wraps_to_day_zero(year: int, month: int, day: int, clock: int, zone: tzinfo | None) -> bool:
    """Whether Ruby's `Time.new` (Ruby 3.1's time.c) makes the 31st of a shorter month, at
    a clock that is the next day in UTC under a negative offset, the day before the 1st.

    `vtm_add_offset` moves the written fields to UTC; on crossing midnight it steps the
    day of the month by one (to the next month only from the month's last day), and
    the day is a 5-bit field of `struct vtm`, so 31 + 1 wraps to 0, which `timegmw` then
    reads as the day before the 1st: `2024-02-31 19:00:00 -05:30` is `2024-01-30
    19:00:00 -0530`, 32 days before the plain roll-over's `2024-03-02`. `Time.utc`
    (a `Z`) and `Time.at` (no offset) have no offset to add."""
    if day != 31 or zone is None or zone is RUBY_UTC or calendar.monthrange(year, month)[1] == 31:
        return False
    offset = zone.utcoffset(None)  # a zero offset adds nothing: no step, however late the clock
    return offset is not None and offset < timedelta(0) and clock - offset.total_seconds() >= 24 * 3600


def psych_date(text: str) -> date | str:
    """The value `tokenize` makes of a text `PSYCH_DATE` matches: `Date.strptime(text,
    "%Y-%m-%d")`, or the text itself where that raises (`2024-02-30`, `2024-00-01`: the
    pattern lets a month or day of `00` and a day past the month's end through). Year 0,
    which Ruby's proleptic calendar has and Python's `date` has not, stays text too."""
    found = PSYCH_DATE.fullmatch(text)
    if found is None:
        return text
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return text


def add_psych_time_resolver(resolver: Any) -> None:
    """Make a PyYAML resolver class read Psych's wider times and dates as timestamps too."""
    resolver.add_implicit_resolver(TIMESTAMP_TAG, PSYCH_TIME_ANCHORED, list("-0123456789"))
    resolver.add_implicit_resolver(TIMESTAMP_TAG, PSYCH_DATE_ANCHORED, list("0123456789"))


PSYCH_TIME_ANCHORED = re.compile(rf"\A(?:{PSYCH_TIME.pattern})\Z")
PSYCH_DATE_ANCHORED = re.compile(rf"\A(?:{PSYCH_DATE.pattern})\Z")
