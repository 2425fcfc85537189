"""Ruby's `Time.parse`: the fields `Date._parse` found, made into an instant.

A port of ruby/lib/time.rb (Ruby 3.1) `Time.make_time`, `zone_offset` and
`apply_offset`, and of the argument rules of `Time.utc` and `Time.local` (ruby/time.c
`time_arg`, `validate_vtm`), which Jekyll reaches through `Utils.parse_date`:

- a zone is only what `zone_offset` knows: `+08:00`, `+0800`, `+08`, `+08:00:30`, the
  names in `ZoneOffset` (`UTC`, `Z`, `GMT`, `EST`…`PDT` and the military letters) and
  the site zone's own abbreviations in January and July of that year (`JST` in
  Asia/Tokyo, `BST` in Europe/London). Anything else after a time (`JST` elsewhere,
  `GMT+8`, `+8`, a word) is ignored and the time is read in the site's zone;
- with a zone, the written fields are shifted by the offset first (`apply_offset`, which
  carries at most one day and so turns `2022-05-27 25:00 +0800` into a valid time) and
  then checked; without one, they are checked and read in the site's zone;
- `Time.utc`/`Time.local` accept a day up to 31 (rolling into the next month), an hour
  of 24 at :00:00 and a second of 60, each carried into the next unit;
- a day of the year (`2022-147`) is found by trying the month it would be in if every
  month had 31 days, then moving by the difference.

A text without a year is refused: Ruby completes it from the clock of the build
(`10:00` is today), so Jekyll would date the post by when the site was built.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from fractions import Fraction
from functools import lru_cache

from sitegen.jekyll.ruby_date_parse import DateFields, DateParseRaises, date_parse
from sitegen.jekyll.ruby_local_time import NoLocalTime, OutsideCalendar, local_time_from_fields, shown_in

#: time.rb `ZoneOffset`: the names `Time.parse` turns into an offset, in hours.
ZONE_HOURS: dict[str, int] = {
    "UTC": 0, "Z": 0, "UT": 0, "GMT": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    # The military letters, as time.rb defines them (RFC 822's signs).
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "I": 9,
    "K": 10, "L": 11, "M": 12, "N": -1, "O": -2, "P": -3, "Q": -4, "R": -5,
    "S": -6, "T": -7, "U": -8, "V": -9, "W": -10, "X": -11, "Y": -12,
}  # fmt: skip

_HOURS_MINUTES = re.compile(r"\A([+-])([0-9]{2})(:?)([0-9]{2})(?:\3([0-9]{2}))?\Z")
_HOURS = re.compile(r"\A[+-][0-9]{2}\Z")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAY_SECONDS = 86_400


class TimeParseRefusal(ValueError):
    """`Time.parse` raises for the text, or would read it against the build's clock.

    `reason` completes "cannot read date …" / "impossible date …" in one line."""

    def __init__(self, reason: str, *, impossible: bool = False, needs_clock: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.impossible = impossible
        self.needs_clock = needs_clock
        """Ruby reads the text (no year: the current one), but against the clock."""


#: The shape a crawler writes in nearly every post (`2022-05-27 16:48:36 +0800`).
_COMMON = re.compile(
    r"\A([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2}) ?([+-])([0-9]{2}):?([0-9]{2})\Z"
)


def common_form(text: str) -> datetime | None:
    """`Time.parse` of the crawler's shape, without the whole parser (a third of the
    time), or None for any other text. With every field in range and a numeric offset,
    Ruby reads exactly the written time at the written offset; anything out of range
    (a day 31 in June, an hour 24, an offset of 24 hours) is left to the full reading,
    which carries it as Ruby does."""
    match = _COMMON.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(field) for field in match.groups()[:6])
    sign, offset_hours, offset_minutes = match[7], int(match[8]), int(match[9])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    month_days = 29 if month == 2 and leap else _MONTH_DAYS[month - 1] if 1 <= month <= 12 else 0
    if not (1000 <= year <= 9998 and 1 <= day <= month_days and hour < 24 and minute < 60 and second < 60):
        return None
    if offset_hours >= 24 or offset_minutes >= 60:
        return None
    offset = timedelta(hours=offset_hours, minutes=offset_minutes)
    zone = timezone(-offset if sign == "-" else offset)
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


@lru_cache(maxsize=4096)
def time_parse(text: str, local: tzinfo) -> datetime:
    """`Time.parse(text)` with the site's zone as the machine's: an aware datetime.

    Remembered, as Jekyll remembers it (utils.rb `@parse_date_cache`): templates read
    the same dates again and again through their filters."""
    common = common_form(text)
    return common if common is not None else time_parse_in_full(text, local)


def _a_day_of_some_year(month: int | None, day: int | None) -> bool:
    """A month and day without a year that Ruby reads in the current year (month 20
    is `argument out of range` in every year)."""
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def time_parse_in_full(text: str, local: tzinfo) -> datetime:
    """`time_parse` without the shortcut of `common_form`: every text through the port
    of `Date._parse`. Raises `TimeParseRefusal`."""
    fields = _fields(text)
    if not fields.has_time_information():
        raise TimeParseRefusal("it has no date or time Jekyll reads")
    if fields.year is None:
        raise TimeParseRefusal(
            "it has no year, so Jekyll would take the date from the day of the build",
            needs_clock=_a_day_of_some_year(fields.mon, fields.mday),
        )
    if not 1 <= fields.year <= 9999:
        raise TimeParseRefusal("year out of range", impossible=True)
    try:
        return _make_time(fields, fields.year, fields.yday, fields.mon, fields.mday, local)
    except (OverflowError, OutsideCalendar):  # 9999-12-31 23:59 -01:00 is year 10000 in UTC
        raise TimeParseRefusal("outside years 1-9999, the years sitegen can show", impossible=True) from None


def ignored_zone(text: str, local: tzinfo) -> str | None:
    """The zone name `Time.parse` finds after the time but does not know (`JST` outside
    Japan, `GMT+8`), so the time is read in the site's zone; None otherwise."""
    if common_form(text) is not None:
        return None
    try:
        fields = _fields(text)
    except TimeParseRefusal:
        return None
    if fields.zone is None or fields.year is None or not 1 <= fields.year <= 9999:
        return None
    return fields.zone if zone_offset(fields.zone, fields.year, local) is None else None


def _fields(text: str) -> DateFields:
    try:
        return date_parse(text)
    except DateParseRaises as error:
        raise TimeParseRefusal(str(error)) from None


def zone_offset(zone: str, year: int, local: tzinfo) -> int | None:
    """time.rb `Time.zone_offset`: the offset in seconds, or None for a zone it ignores."""
    name = zone.upper()
    hours_minutes = _HOURS_MINUTES.match(name)
    if hours_minutes is not None:
        sign, hours, _, minutes, seconds = hours_minutes.groups()
        total = (int(hours) * 60 + int(minutes)) * 60 + int(seconds or 0)
        return -total if sign == "-" else total
    if _HOURS.match(name):
        return int(name) * 3600
    if name in ZONE_HOURS:
        return ZONE_HOURS[name] * 3600
    for month in (1, 7):
        moment = datetime(year, month, 1, tzinfo=local)
        if (moment.tzname() or "").upper() == name:
            offset = moment.utcoffset()
            return None if offset is None else int(offset.total_seconds())
    return None


def _make_time(
    fields: DateFields, year: int, yday: int | None, mon: int | None, day: int | None, local: tzinfo
) -> datetime:
    """time.rb `make_time` once the year is known."""
    offset = None if fields.zone is None else zone_offset(fields.zone, year, local)
    if yday is not None:
        if not 1 <= yday <= 366:
            raise TimeParseRefusal("day of the year out of range", impossible=True)
        month, day_index = divmod(yday - 1, 31)
        month, guess = month + 1, day_index + 1
        first = _make_time(fields, year, None, month, guess, local)
        difference = yday - first.timetuple().tm_yday
        if difference == 0:
            return first
        guess += difference
        if guess > 28 and guess > (days := _month_days(year, month) or 0):
            month += 1
            if month > 12:
                raise TimeParseRefusal("day of the year out of range", impossible=True)
            guess -= days
        return _make_time(fields, year, None, month, guess, local)
    fraction = fields.sec_fraction
    clock = (fields.hour or 0, fields.min or 0, fields.sec or 0)
    mon = 1 if mon is None else mon
    day = 1 if day is None else day
    if offset is None:
        return _local_time(year, mon, day, *clock, fraction, local)
    if abs(offset) >= _DAY_SECONDS:  # `force_zone!`: `Time#localtime` refuses it
        raise TimeParseRefusal("time zone offset out of range", impossible=True)
    shifted = _apply_offset(year, mon, day, *clock, offset)
    written = timezone(timedelta(seconds=offset))
    if not 1 <= shifted[0] <= 9999 and 1 <= year <= 9999:  # 0001-01-01 00:00 +08:00: year 0 in UTC
        _check(year, mon, day, *clock)
        return (_wall_time(year, mon, day, *clock) + _microseconds(fraction)).replace(tzinfo=written)
    _check(*shifted)
    moment = (_wall_time(*shifted) + _microseconds(fraction)).replace(tzinfo=UTC)
    return moment.astimezone(written)


def _month_days(year: int, month: int) -> int | None:
    """time.rb `month_days`, with Ruby's array indexing (month 0 is December's 31 days,
    month 13 has none)."""
    index = month - 1
    if not -12 <= index <= 11:
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if leap and index % 12 == 1 else _MONTH_DAYS[index]


def _apply_offset(
    year: int, mon: int, day: int, hour: int, minute: int, second: int, offset: int
) -> tuple[int, int, int, int, int, int]:
    """time.rb `apply_offset`: the written fields moved to UTC, carrying each unit once."""
    if offset < 0:
        remaining, part = divmod(-offset, 60)
        if part:
            carry, second = divmod(second + part, 60)
            remaining += carry
        remaining, part = divmod(remaining, 60)
        if part:
            carry, minute = divmod(minute + part, 60)
            remaining += carry
        remaining, part = divmod(remaining, 24)
        if part:
            carry, hour = divmod(hour + part, 24)
            remaining += carry
        if remaining:
            day += remaining
            days = _month_days(year, mon)
            if days is not None and days < day:
                mon += 1
                if mon > 12:
                    mon, year = 1, year + 1
                day = 1
    elif offset > 0:
        remaining, part = divmod(offset, 60)
        if part:
            carry, second = divmod(second - part, 60)
            remaining -= carry
        remaining, part = divmod(remaining, 60)
        if part:
            carry, minute = divmod(minute - part, 60)
            remaining -= carry
        remaining, part = divmod(remaining, 24)
        if part:
            carry, hour = divmod(hour - part, 24)
            remaining -= carry
        if remaining:
            day -= remaining
            if day < 1:
                mon -= 1
                if mon < 1:
                    mon, year = 12, year - 1
                day = _month_days(year, mon) or 1
    return year, mon, day, hour, minute, second


def _check(year: int, mon: int, day: int, hour: int, minute: int, second: int) -> None:
    """time.c `time_arg`/`validate_vtm`: the fields `Time.utc` and `Time.local` take."""
    last = 0 if hour == 24 else None
    problem = (
        "month" if not 1 <= mon <= 12
        else "day" if not 1 <= day <= 31
        else "hour" if not 0 <= hour <= 24
        else "minute" if not 0 <= minute <= (59 if last is None else last)
        else "second" if not 0 <= second <= (60 if last is None else last)
        else "year" if not 1 <= year <= 9999
        else ""
    )  # fmt: skip
    if problem:
        raise TimeParseRefusal(f"{problem} out of range", impossible=True)


def _wall_time(year: int, mon: int, day: int, hour: int, minute: int, second: int) -> datetime:
    """Checked fields as a wall time, a day past the month's end, an hour of 24 and a
    second of 60 carried into the next unit."""
    try:
        return datetime(year, mon, 1) + timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)
    except OverflowError:
        raise TimeParseRefusal("year out of range", impossible=True) from None


def _microseconds(fraction: Fraction | None) -> timedelta:
    return timedelta(microseconds=int(fraction * 1_000_000) if fraction else 0)  # cut, as `%6N`


def _local_time(
    year: int,
    mon: int,
    day: int,
    hour: int,
    minute: int,
    second: int,
    fraction: Fraction | None,
    zone: tzinfo,
) -> datetime:
    """`Time.local`: time.c `time_arg` moves a day past the month's end into the next month
    (`2022-02-30` is 2 March, `2022-04-31` is 1 May) before the time is looked up."""
    _check(year, mon, day, hour, minute, second)
    days = _month_days(year, mon) or 31
    if day > days:
        mon, day = mon + 1, day - days
    try:
        moment = local_time_from_fields(year, mon, day, hour, minute, second, zone)
    except NoLocalTime:
        raise TimeParseRefusal("year out of range", impossible=True) from None
    return _in_zone(moment, _microseconds(fraction), zone)


def _in_zone(moment: datetime, elapsed: timedelta, zone: tzinfo) -> datetime:
    """`moment` plus real (not wall-clock) time, shown in `zone` (`shown_in` where UTC's
    reading is outside years 1-9999: no clock changes there)."""
    try:
        return (moment.astimezone(UTC) + elapsed).astimezone(zone)
    except (OverflowError, ValueError):
        return shown_in(moment + elapsed, zone)


def written_zone(text: str) -> str | None:
    """The zone `Date._parse` finds in the text (`+0000`, `UTC`, `JST`), or None."""
    try:
        return _fields(text).zone
    except TimeParseRefusal:
        return None
