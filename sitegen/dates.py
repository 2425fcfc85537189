"""Post dates, read as Jekyll reads them.

A front-matter date may carry an offset (`2022-05-27 16:48:36 +0800`); without one it is
read in the site's time zone. Every date is then shown, and placed in URLs, in the site's
time zone, so a build gives the same URLs on any machine whatever its own zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_DATE_TEXT = re.compile(
    r"""\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:[Tt\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?)?
    \s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?\s*$""",
    re.VERBOSE,
)


class DateParseError(ValueError):
    """The value is not a date sitegen understands."""


def parse_date(value: object, zone: ZoneInfo) -> datetime:
    """A YAML value (str, date or datetime) to an aware datetime in `zone`."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=zone)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=zone)
    elif isinstance(value, str):
        moment = _parse_text(value, zone)
    else:
        # The type, not the value: a value can be a huge structure of YAML aliases.
        raise DateParseError(f"date must be text like 2022-05-27 16:48:36 +0800, not {type(value).__name__}")
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):  # 0001-01-01 +14:00 is before year 1 in UTC
        raise DateParseError("date is out of the range a calendar can show") from None


def _parse_text(text: str, zone: ZoneInfo) -> datetime:
    match = _DATE_TEXT.match(text)
    if match is None:
        raise DateParseError(f"cannot read date {_shown(text)}; write it like 2022-05-27 16:48:36 +0800")
    parts = match.groupdict()
    fraction = (parts["fraction"] or "0")[:6].ljust(6, "0")
    try:
        naive = datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            int(fraction),
        )
    except ValueError as error:
        raise DateParseError(f"impossible date {text.strip()!r}: {error}") from None
    zone_text = parts["zone"]
    if zone_text is None:
        return naive.replace(tzinfo=zone)
    return naive.replace(tzinfo=_fixed_offset(zone_text))


def _shown(text: str, limit: int = 60) -> str:
    """A value for a message: quoted, and cut when long (a message is one line)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _fixed_offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:2]), int(digits[2:] or 0)) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        raise DateParseError(f"impossible time zone offset {text!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def date_from_filename(year: str, month: str, day: str, zone: ZoneInfo) -> datetime:
    """The midnight, in the site zone, of a `YYYY-MM-DD-` file name prefix."""
    try:
        return datetime(int(year), int(month), int(day), tzinfo=zone)
    except ValueError as error:
        raise DateParseError(f"impossible date in file name: {error}") from None
