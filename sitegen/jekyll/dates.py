"""Post dates, read as Jekyll 4.3 reads them.

Jekyll reads front matter with Psych and then passes every date through
`Utils.parse_date`, i.e. Ruby's `Time.parse(value.to_s).localtime`
(jekyll/lib/jekyll/utils.rb, jekyll/lib/jekyll/document.rb `merge_date!`). Three cases
follow, each checked against `jekyll build`:

- an unquoted YAML timestamp without an offset (`date: 2024-03-04 20:00:00`) is a UTC
  instant (psych/scalar_scanner.rb `parse_time`), then shown in the site's zone: with
  `timezone: Asia/Shanghai` that post is dated 2024-03-05 04:00;
- a quoted value, or a YAML date (`2024-03-04`), is text for `Time.parse`, which reads a
  value without an offset in the site's zone;
- a value with an offset or a zone name Ruby knows (`Z`, `UTC`, `GMT`, `EST`, …) is that
  instant.

`Time.parse` is lenient; the forms it accepts that real front matter uses are accepted
here the same way (`2022/05/27`, `May 27 2022`, `27 May 2022 10:00`, `22-05-27`, a day
past the month's end rolling over as Ruby's `Time` does). Anything else is refused with
a message rather than guessed. A date without an offset falls back to UTC when the site
sets no `timezone`, where Jekyll would use the machine's zone: a build never depends on
where it runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.errors import Diagnostic

OFFSETLESS_JEKYLL = "jekyll"
OFFSETLESS_SITE_ZONE = "site_zone"
OFFSETLESS_CHOICES = (OFFSETLESS_JEKYLL, OFFSETLESS_SITE_ZONE)
"""Values of the `offsetless_dates` setting: how an unquoted YAML timestamp without an
offset is read (Jekyll: as UTC; `site_zone`: in the site's zone, like quoted text)."""

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"

#: The zone names Ruby's `Time.parse` turns into an offset (ruby/lib/time.rb `ZoneOffset`);
#: any other name it silently ignores, which sitegen refuses instead.
_ZONE_HOURS = {
    "utc": 0,
    "ut": 0,
    "gmt": 0,
    "z": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
}

_TIME = r"""(?:(?:[Tt]|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{1,2})
    (?::(?P<second>\d{1,2})(?:\.(?P<fraction>\d+))?)?
    (?:\s*(?P<meridian>[ap]\.?m\.?))?)?
    (?:\s*(?P<zone>[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5}))?"""

_DATE_FORMS = tuple(
    re.compile(rf"^\s*{form}{_TIME}\s*$", re.VERBOSE | re.IGNORECASE)
    for form in (
        r"(?P<year>\d{2,4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
        r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})",
        r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})",
        r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})",
        rf"{_WEEKDAY}(?P<month_name>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
        rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_name>{_MONTH})\.?,?\s+(?P<year>\d{{4}})",
        rf"(?P<month_name>{_MONTH})\.?,?\s+(?P<year>\d{{4}})",
    )
)


_STRAY_YEAR = re.compile(
    r"^\s*(?P<moment>\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s+\d{4}\s+[+-]\d{4}\s*$"
)


class DateParseError(ValueError):
    """The value is not a date Jekyll reads, or one sitegen refuses to guess."""


class YamlTimestampText(str):
    """An unquoted YAML timestamp that Python cannot hold as a datetime (`2022-02-30 10:00:00`).

    Psych builds it with Ruby's `Time.utc`, which rolls such a day over into the next
    month, and like any unquoted timestamp without an offset it is a UTC instant."""

    __slots__ = ()


def parse_date(value: object, zone: ZoneInfo, offsetless: str = OFFSETLESS_JEKYLL) -> datetime:
    """A YAML value (str, date or datetime) to an aware datetime in `zone`, as Jekyll reads it.

    `offsetless` decides only the unquoted timestamp without an offset (see the module)."""
    unquoted_zone: tzinfo = zone if offsetless == OFFSETLESS_SITE_ZONE else UTC
    if isinstance(value, datetime):
        moment = value if value.tzinfo else local_moment(value, unquoted_zone)
    elif isinstance(value, date):
        moment = local_moment(datetime(value.year, value.month, value.day), zone)
    elif isinstance(value, YamlTimestampText):
        moment = _parse_text(value, unquoted_zone)
    elif isinstance(value, str):
        moment = _parse_text(value, zone)
    else:
        # The type, not the value: a value can be a huge structure of YAML aliases.
        raise DateParseError(f"date must be text like 2022-05-27 16:48:36 +0800, not {type(value).__name__}")
    try:
        # Through UTC: a wall time the clocks skip comes out as the time they show.
        return moment.astimezone(UTC).astimezone(zone)
    except (OverflowError, ValueError):  # 0001-01-01 +14:00 is before year 1 in UTC
        raise DateParseError("date is out of the range a calendar can show") from None


def day_moved_by_utc_reading(value: object, zone: ZoneInfo) -> bool:
    """True when `value` is an unquoted timestamp without an offset whose day in `zone`
    differs between Jekyll's reading (UTC) and a reading in the site's zone."""
    if not (isinstance(value, datetime) and value.tzinfo is None) and not isinstance(
        value, YamlTimestampText
    ):
        return False
    try:
        as_utc = parse_date(value, zone, OFFSETLESS_JEKYLL)
        as_site = parse_date(value, zone, OFFSETLESS_SITE_ZONE)
    except DateParseError:
        return False
    return as_utc.date() != as_site.date()


def _parse_text(text: str, zone: tzinfo) -> datetime:
    if len(text) > 100:
        raise DateParseError(f"cannot read date {_shown(text)}; write it like 2022-05-27 16:48:36 +0800")
    stray = _STRAY_YEAR.match(text)
    if stray is not None:
        # `2023-01-29 18:30:22 2023 -0800` (a date pasted from `git log`): Ruby's
        # Time.parse skips the repeated year and, with it, the offset: the time is local.
        # Jekyll's own documentation has such a post.
        return _parse_text(stray.group("moment"), zone)
    for form in _DATE_FORMS:
        match = form.match(text)
        if match is not None:
            break
    else:
        raise DateParseError(f"cannot read date {_shown(text)}; write it like 2022-05-27 16:48:36 +0800")
    parts = match.groupdict()
    zone_text = parts["zone"]
    offset = zone if zone_text is None else _offset(zone_text, text)
    year = int(parts["year"])
    if len(parts["year"]) == 2:
        # Ruby completes a two-digit year: 69-99 are 19xx, 00-68 are 20xx.
        year += 1900 if year >= 69 else 2000
    month = _MONTHS[parts["month_name"].lower()] if parts.get("month_name") else int(parts["month"])
    day = int(parts.get("day") or 1)
    hour, minute, second = int(parts["hour"] or 0), int(parts["minute"] or 0), int(parts["second"] or 0)
    meridian = (parts["meridian"] or "").lower()
    if meridian:
        if not 1 <= hour <= 12:
            raise DateParseError(f"impossible date {_shown(text)}: hour {hour} with {meridian.upper()}")
        hour = hour % 12 + (12 if meridian.startswith("p") else 0)
    # Ruby's Time accepts a day up to 31 and rolls it into the next month, an hour of 24
    # (at :00:00) and a leap second, each carried into the next unit.
    problem = (
        "month"
        if not 1 <= month <= 12
        else "day"
        if not 1 <= day <= 31
        else "hour"
        if hour > 24 or (hour == 24 and (minute or second))
        else "minute"
        if minute > 59
        else "second"
        if second > 60
        else ""
    )
    if problem or year < 1:
        raise DateParseError(f"impossible date {_shown(text)}: {problem or 'year'} out of range")
    fraction = int((parts["fraction"] or "0")[:6].ljust(6, "0"))
    try:
        start = datetime(year, month, 1)
        naive = start + timedelta(
            days=day - 1, hours=hour, minutes=minute, seconds=second, microseconds=fraction
        )
    except (ValueError, OverflowError) as error:
        raise DateParseError(f"impossible date {_shown(text)}: {error}") from None
    return local_moment(naive, offset)


def local_moment(naive: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in `zone` as Ruby's `Time.local` resolves it (what `Time.parse`
    gives Jekyll): a time the clocks skip (02:30 on a spring-forward night) is read with
    the offset before the change, so it lands an hour later (03:30); a time the clocks
    show twice (01:30 on a fall-back night) is the second one, in standard time. Python's
    default (`fold=0`) takes the first of the two, an hour earlier than Jekyll."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset() or not _exists(second):
        return first
    return second


def _exists(moment: datetime) -> bool:
    """Whether the wall time `moment` shows is one its zone's clocks actually show."""
    try:
        back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    except (OverflowError, ValueError):
        return True
    return back.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def _shown(text: str, limit: int = 60) -> str:
    """A value for a message: quoted, and cut when long (a message is one line)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _offset(zone_text: str, text: str) -> tzinfo:
    name = zone_text.lower()
    if name in _ZONE_HOURS:
        return timezone(timedelta(hours=_ZONE_HOURS[name]))
    if name[0] not in "+-":
        raise DateParseError(
            f"cannot read date {_shown(text)}: zone name {zone_text!r} is not one Jekyll knows "
            "(it would ignore it); write an offset like +0800"
        )
    sign = -1 if name[0] == "-" else 1
    digits = name[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        raise DateParseError(f"impossible time zone offset {zone_text!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def date_from_filename(year: str, month: str, day: str, zone: ZoneInfo) -> datetime:
    """The midnight, in the site zone, of a `YYYY-MM-DD-` file name prefix, read as Jekyll
    reads it (`Time.parse`: a two-digit year completed, a day past the month's end rolled over)."""
    return _parse_text(f"{year}-{month}-{day}", zone).astimezone(UTC).astimezone(zone)


def offsetless_date_warning(
    front_matter_dates: Iterable[object], zone: ZoneInfo, config_file: Path
) -> tuple[Diagnostic, ...]:
    """One line counting the posts whose day, and so URL, Jekyll's reading of an unquoted
    date without an offset (UTC) moves away from a reading in the site's zone."""
    moved = sum(day_moved_by_utc_reading(value, zone) for value in front_matter_dates)
    if not moved:
        return ()
    message = (
        f"{moved} post(s) have an unquoted date without an offset that Jekyll reads as UTC, "
        f"which puts them on another day in {zone.key} than written; they are published "
        "where Jekyll publishes them (set offsetless_dates: site_zone to read such dates in the "
        "site's zone instead)"
    )
    return (Diagnostic(message, config_file),)
