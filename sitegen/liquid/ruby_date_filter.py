"""Liquid's own `date` filter (liquid/standardfilters.rb `date`, liquid/utils.rb
`to_date`): a time prints as it is; text goes through `Time.parse`, which keeps the
offset the text gives (time.rb `force_zone!`): `-00:00`, `-0000`, `-00`, `UTC`, `Z` and
`UT` make a UTC time (`%Z` is `UTC`); an offset the site's zone has at that moment makes
a time in the site's zone (`%Z` is its abbreviation); any other offset (`+0000`, `GMT`
outside London) makes a time with only that offset (`%Z` prints nothing); no zone reads
the text in the site's zone. Digits are seconds since the epoch (`Time.at`). The format
is Ruby's `Time#strftime` (`sitegen.liquid.ruby_strftime`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timezone, tzinfo
from zoneinfo import ZoneInfo

from sitegen.jekyll.posix_zone import PosixZone
from sitegen.jekyll.ruby_scalars import is_ruby_utc
from sitegen.jekyll.ruby_time import TimeParseRefusal, time_parse, written_zone
from sitegen.liquid.ruby_strftime import ruby_strftime

_UTC_ZONE = re.compile(r"\A(?:-00:00|-0000|-00|UTC|Z|UT)\Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FormattableTime:
    """What Ruby's `Time#strftime` reads of a time: its instant and offset, `Time#zone`
    and `Time#utc?` (`sitegen.liquid.objects.RubyTime` is the time a template holds)."""

    moment: datetime
    zone_name: str | None
    utc: bool

    def strftime(self, fmt: str) -> str:
        return ruby_strftime(self.moment, fmt, self.zone_name, utc=self.utc)


def ruby_time_of(moment: datetime) -> FormattableTime:
    """A time a template holds (a post's date, `site.time`): a named zone keeps its
    name; a bare offset has none."""
    if is_ruby_utc(moment.tzinfo):  # YAML's `Z` (Psych's `Time.utc`)
        return FormattableTime(moment, "UTC", utc=True)
    if isinstance(moment.tzinfo, ZoneInfo | PosixZone):
        return FormattableTime(moment, moment.tzname(), utc=False)
    return FormattableTime(moment, None, utc=False)


def ruby_date_of(day: date) -> FormattableTime:
    """A YAML date (Psych's `Date`): `Date#strftime` prints its midnight with the offset
    `+0000` and the zone `+00:00`."""
    return FormattableTime(datetime(day.year, day.month, day.day, tzinfo=UTC), "+00:00", utc=False)


def parse_liquid_time(text: str, zone: tzinfo) -> FormattableTime | None:
    """`Utils.to_date` of text: None where Ruby gives nil (or reads the clock)."""
    text = text.lower()
    if not text or text in ("now", "today"):
        return None
    if text.isascii() and text.isdigit():
        return ruby_time_of(datetime.fromtimestamp(int(text), zone))
    try:
        moment = time_parse(text, zone)
    except TimeParseRefusal:
        return None
    written = written_zone(text)
    if written is not None and _UTC_ZONE.match(written):
        return FormattableTime(moment.astimezone(UTC), "UTC", utc=True)
    local = moment.astimezone(zone)
    if local.utcoffset() == moment.utcoffset():
        return FormattableTime(local, local.tzname(), utc=False)
    offset = moment.utcoffset()
    kept = moment.astimezone(timezone(offset)) if offset is not None else moment
    return FormattableTime(kept, None, utc=False)
