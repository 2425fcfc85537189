"""Post dates, read as Jekyll 4.3 reads them.

Jekyll reads front matter with Psych and then passes every date through
`Utils.parse_date`, i.e. Ruby's `Time.parse(value.to_s).localtime`
(jekyll/lib/jekyll/utils.rb, jekyll/lib/jekyll/document.rb `merge_date!`). Three cases
follow, each checked against `jekyll build`:

- an unquoted YAML timestamp without an offset (`date: 2024-03-04 20:00:00`) is a UTC
  instant (psych/scalar_scanner.rb `parse_time`), then shown in the site's zone: with
  `timezone: Asia/Shanghai` that post is dated 2024-03-05 04:00;
- anything else is text for `Time.parse` (a number, `date: 20220527`, through Ruby's
  `to_s`), which reads a value without an offset, or with a zone name it does not know,
  in the site's zone;
- a value with an offset or a zone name Ruby knows (`Z`, `UTC`, `GMT`, `EST`, …) is that
  instant.

`Time.parse` is lenient, and every text it reads is read here the same way
(`sitegen.jekyll.ruby_date_parse` and `sitegen.jekyll.ruby_time` port it): ISO 8601 in
its extended and basic forms (`20220527T235959`), ordinal dates (`2022-147`), RFC 2822
and HTTP dates, `May 27, 2022 4:48pm`, `27.05.2022`, two-digit years, words around the
date, a day past the month's end rolling over. What Ruby refuses is refused, with one
line; so is a text without a year, which Ruby completes from the build's clock. A date
without an offset falls back to UTC when the site sets no `timezone`, where Jekyll would
use the machine's zone: a build never depends on where it runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from sitegen.errors import Diagnostic
from sitegen.jekyll.psych_time import psych_time
from sitegen.jekyll.ruby_local_time import OutsideCalendar, local_moment, shown_in
from sitegen.jekyll.ruby_time import TimeParseRefusal, ignored_zone, time_parse

__all__ = [
    "OFFSETLESS_CHOICES",
    "OFFSETLESS_JEKYLL",
    "OFFSETLESS_SITE_ZONE",
    "DateParseError",
    "YamlTimestampText",
    "date_from_filename",
    "day_moved_by_utc_reading",
    "ignored_zone_name",
    "local_moment",
    "offsetless_date_warning",
    "parse_date",
]

OFFSETLESS_JEKYLL = "jekyll"
OFFSETLESS_SITE_ZONE = "site_zone"
OFFSETLESS_CHOICES = (OFFSETLESS_JEKYLL, OFFSETLESS_SITE_ZONE)
"""Values of the `offsetless_dates` setting: how an unquoted YAML timestamp without an
offset is read (Jekyll: as UTC; `site_zone`: in the site's zone, like quoted text)."""


class DateParseError(ValueError):
    """The value is not a date Jekyll reads, or one sitegen refuses to guess."""


class YamlTimestampText(str):
    """An unquoted YAML timestamp that Python cannot hold as a datetime (`2022-02-30 10:00:00`).

    Psych builds it with Ruby's `Time.utc`, which rolls such a day over into the next
    month, and like any unquoted timestamp without an offset it is a UTC instant."""

    __slots__ = ()


def parse_date(value: object, zone: tzinfo, offsetless: str = OFFSETLESS_JEKYLL) -> datetime:
    """A YAML value (text, number, date or datetime) to an aware datetime in `zone`, as
    Jekyll reads it.

    `offsetless` decides only the unquoted timestamp without an offset (see the module)."""
    unquoted_zone: tzinfo = zone if offsetless == OFFSETLESS_SITE_ZONE else UTC
    if isinstance(value, datetime):
        moment = value if value.tzinfo else local_moment(value, unquoted_zone)
    elif isinstance(value, date):
        moment = local_moment(datetime(value.year, value.month, value.day), zone)
    elif isinstance(value, YamlTimestampText):
        moment = _psych_made(value, unquoted_zone, zone)
    elif isinstance(value, str):
        moment = _parse_text(value, zone)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        moment = _parse_text(_ruby_number_text(value), zone)
    else:
        # The type, not the value: a value can be a huge structure of YAML aliases.
        raise DateParseError(f"date must be text like 2022-05-27 16:48:36 +0800, not {_type_name(value)}")
    return _shown_in_site_zone(moment, zone, value)


def _shown_in_site_zone(moment: datetime, zone: tzinfo, value: object) -> datetime:
    """`moment` as the site's clocks show it (through UTC: a wall time the clocks skip
    comes out as the time they show), as Jekyll's `Time#localtime`. Ruby's calendar has
    no last year, Python's ends at 9999: `9999-12-31 23:59:59 +00:00` is year 10000 in
    Asia/Shanghai, which Jekyll publishes under `/10000/01/01/` and sitegen refuses with
    one line. Year 1 there (year 0 in UTC) is kept (`shown_in`)."""
    try:
        return shown_in(moment, zone)
    except OutsideCalendar:
        text = value if isinstance(value, str) else str(value)
        raise DateParseError(
            f"date {_shown(text)} is outside years 1-9999 in the site's time zone ({zone}), "
            "the years sitegen can show"
        ) from None


def ignored_zone_name(value: object, zone: tzinfo) -> str | None:
    """The zone name in a text date that Jekyll drops, reading the time in the site's zone
    instead (`JST` outside Japan, `GMT+8`, a word after the time), or None."""
    if not isinstance(value, str) or isinstance(value, YamlTimestampText):
        return None
    return ignored_zone(value, zone)


def _ruby_number_text(number: int | float) -> str:
    """Ruby's `Integer#to_s`/`Float#to_s`: the text Jekyll gives `Time.parse` for an
    unquoted number (`date: 20220527`). Both languages print the shortest digits that
    read back, switching to an exponent at the same points; Ruby keeps a `.0` there."""
    if isinstance(number, int):
        return str(number)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    text = repr(number)
    mantissa, marker, exponent = text.partition("e")
    if marker and "." not in mantissa:
        return f"{mantissa}.0e{exponent}"
    return text


def _type_name(value: object) -> str:
    return "true or false" if isinstance(value, bool) else type(value).__name__


def day_moved_by_utc_reading(value: object, zone: tzinfo) -> bool:
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


def _psych_made(text: YamlTimestampText, unquoted_zone: tzinfo, zone: tzinfo) -> datetime:
    """The time Psych makes of a timestamp Python cannot hold (`ScalarScanner#parse_time`):
    the day past the month's end rolled over as Ruby's `Time.utc` and `Time.new` roll it
    (`sitegen.jekyll.psych_time`; `2024-02-31 19:00:00 -05:30` is January's 30th), an
    offsetless one a UTC instant (`unquoted_zone`). Where Ruby cannot make it either
    (Psych then keeps the text), Jekyll hands the text to `Time.parse`, in the site's
    `zone`."""
    try:
        made = psych_time(text, roll_over=True)
    except (ValueError, OverflowError):
        return _parse_text(text, zone)
    return made if made.tzinfo is not None else local_moment(made, unquoted_zone)


def _parse_text(text: str, zone: tzinfo) -> datetime:
    try:
        return time_parse(text, zone)
    except TimeParseRefusal as refusal:
        kind = "impossible date" if refusal.impossible else "cannot read date"
        advice = "" if refusal.impossible else "; write it like 2022-05-27 16:48:36 +0800"
        raise DateParseError(f"{kind} {_shown(text)}: {refusal.reason}{advice}") from None


def _shown(text: str, limit: int = 60) -> str:
    """A value for a message: quoted, and cut when long (a message is one line)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def date_from_filename(year: str, month: str, day: str, zone: tzinfo) -> datetime:
    """The midnight, in the site zone, of a `YYYY-MM-DD-` file name prefix, read as Jekyll
    reads it (`Time.parse`: a two-digit year completed, a day past the month's end rolled over)."""
    text = f"{year}-{month}-{day}"
    return _shown_in_site_zone(_parse_text(text, zone), zone, text)


def offsetless_date_warning(
    front_matter_dates: Iterable[object], zone: tzinfo, config_file: Path
) -> tuple[Diagnostic, ...]:
    """One line counting the posts whose day, and so URL, Jekyll's reading of an unquoted
    date without an offset (UTC) moves away from a reading in the site's zone."""
    moved = sum(day_moved_by_utc_reading(value, zone) for value in front_matter_dates)
    if not moved:
        return ()
    message = (
        f"{moved} post(s) have an unquoted date without an offset that Jekyll reads as UTC, "
        f"which puts them on another day in {zone} than written; they are published "
        "where Jekyll publishes them (set offsetless_dates: site_zone to read such dates in the "
        "site's zone instead)"
    )
    return (Diagnostic(message, config_file),)
