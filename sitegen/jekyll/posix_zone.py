"""The zone a `timezone:` value is read as, the way Jekyll's Ruby reads it: Jekyll sets
`ENV["TZ"]` to it (`Jekyll.set_timezone`, jekyll/lib/jekyll.rb) and every time is then
read and printed by glibc under that `TZ` (time/tzset.c).

glibc first loads a zone file of that name (`Asia/Shanghai`, `EST5EDT`, or a name after
a leading `:`); failing that it parses a POSIX TZ string: a standard name (three or more
letters, or `<...>` of letters, digits and signs), an offset `[+-]hh[:mm[:ss]]` west of
UTC (hours capped at 24, minutes and seconds at 59), and optionally a DST name, its
offset (one hour east of standard unless given) and `,start[/time],end[/time]` rules
(`Jn`, `n` or `Mm.w.d`, at 02:00 unless given). A DST name without rules (`CST-8CDT`)
is read here with the US rules `M3.2.0,M11.1.0`, glibc's default for a missing rule;
glibc itself then shifts the changes of its `posixrules` file (New York's) to the new
offsets, which can put a change some hours from these. A value whose standard name or
offset does not parse is UTC under the name parsed so far (`Mars/Base` prints `+0000
Mars`): Jekyll says nothing; sitegen warns (`zone_notes`).

The zone library `python-dateutil` has a `tzstr`, but it is not a dependency, inverts
the POSIX sign unless told, and refuses `<...>` names; this module is the glibc rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import Diagnostic
from sitegen.regular_files import read_regular_text

_HOUR: Final = 3600
_DAY: Final = 86400
_NAME: Final = re.compile(r"<([A-Za-z0-9+-]{3,})>|([A-Za-z]{3,})")
_LETTERS: Final = re.compile(r"[A-Za-z]*")
_OFFSET: Final = re.compile(r"([+-]?)(\d+)(?::(\d+)(?::(\d+))?)?")
_RULE: Final = re.compile(r"(?:J(\d+)|(\d+)|M(\d+)\.(\d+)\.(\d+))(?:/([+-]?)(\d+)(?::(\d+)(?::(\d+))?)?)?")
_LARGEST: Final = 24 * _HOUR - 1
"""Python's offsets stay under a day; glibc's reach 24:59:59 (read here as 23:59:59)."""
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, slots=True)
class Rule:
    """When a change happens (tzset.c `tz_rule`): `kind` is `J` (day 1-365, no Feb 29),
    `D` (day 0-365) or `M` (month, week, weekday); `seconds` after local midnight."""

    kind: str
    day: int
    month: int = 0
    week: int = 0
    seconds: int = 2 * _HOUR

    def utc_seconds(self, year: int, offset: int) -> int:
        """tzset.c `compute_change`: seconds since the epoch of the change in `year`,
        its local time read with `offset` (seconds east of UTC). glibc counts the days
        of a year up to 1970 from 1970-01-01, so its changes then fall on 1970's dates."""
        start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp()) if year > 1970 else 0
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if self.kind == "J":
            days = self.day - 1 + (1 if leap and self.day >= 60 else 0)
        elif self.kind == "D":
            days = self.day
        else:
            first = datetime(year, self.month, 1)
            days = (first - datetime(year, 1, 1)).days
            day = (self.day - (first.weekday() + 1) % 7) % 7
            length = _MONTH_DAYS[self.month - 1] + (1 if leap and self.month == 2 else 0)
            for _ in range(1, self.week):
                if day + 7 >= length:
                    break
                day += 7
            days += day
        return start + days * _DAY + self.seconds - offset


class PosixZone(tzinfo):
    """A zone of a POSIX TZ string: standard time, and DST between the two rules'
    changes of each (UTC) year, as tzset.c `__tz_compute` decides."""

    def __init__(
        self, text: str, names: tuple[str, str], offsets: tuple[int, int], rules: tuple[Rule, Rule] | None
    ):
        self.text, self.names, self.offsets, self.rules = text, names, offsets, rules

    def __repr__(self) -> str:
        return f"PosixZone({self.text!r})"

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickled (for the worker processes and the build cache) as its text."""
        return (zone_of_text, (self.text,))

    def _dst_at(self, utc: datetime) -> bool:
        if self.rules is None:
            return False
        seconds = int(utc.replace(tzinfo=UTC).timestamp())
        start = self.rules[0].utc_seconds(utc.year, self.offsets[0])
        end = self.rules[1].utc_seconds(utc.year, self.offsets[1])
        if start > end:
            return seconds < end or seconds >= start
        return start <= seconds < end

    def _dst_local(self, moment: datetime) -> bool:
        """Whether a wall time is in DST, by PEP 495's `fold` (a skipped or repeated time
        reads with the offset before the change unless `fold` is 1)."""
        naive = moment.replace(tzinfo=None)
        east, west = max(self.offsets), min(self.offsets)
        return self._dst_at(naive - timedelta(seconds=west if moment.fold else east))

    def utcoffset(self, dt: datetime | None) -> timedelta:
        dst = dt is not None and self._dst_local(dt)
        return timedelta(seconds=self.offsets[1 if dst else 0])

    def dst(self, dt: datetime | None) -> timedelta:
        dst = dt is not None and self._dst_local(dt)
        return timedelta(seconds=self.offsets[1] - self.offsets[0] if dst else 0)

    def tzname(self, dt: datetime | None) -> str:
        return self.names[1 if dt is not None and self._dst_local(dt) else 0]

    def fromutc(self, dt: datetime) -> datetime:
        utc = dt.replace(tzinfo=None)
        dst = self._dst_at(utc)
        local = (utc + timedelta(seconds=self.offsets[1 if dst else 0])).replace(tzinfo=self)
        if local.utcoffset() != timedelta(seconds=self.offsets[1 if dst else 0]):
            local = local.replace(fold=1)
        return local


def _offset(match: re.Match[str]) -> int:
    """tzset.c `parse_offset`/`compute_offset`: west of UTC, capped parts."""
    sign, hours, minutes, seconds = match.groups()
    total = min(int(hours), 24) * _HOUR + min(int(minutes or 0), 59) * 60 + min(int(seconds or 0), 59)
    total = min(total, _LARGEST)
    return total if sign == "-" else -total


def _rule(text: str, at: int, first: bool) -> tuple[Rule, int] | None:
    if at >= len(text):
        return (Rule("M", 0, 3, 2) if first else Rule("M", 0, 11, 1)), at
    match = _RULE.match(text, at)
    if match is None:
        return None
    julian, day, month, week, weekday, sign, hours, minutes, seconds = match.groups()
    if julian is not None:
        rule = Rule("J", int(julian))
        valid = 1 <= rule.day <= 365
    elif day is not None:
        rule = Rule("D", int(day))
        valid = rule.day <= 365
    else:
        rule = Rule("M", int(weekday), int(month), int(week))
        valid = 1 <= rule.month <= 12 and 1 <= rule.week <= 5 and rule.day <= 6
    if hours is not None:
        time = int(hours) * _HOUR + int(minutes or 0) * 60 + int(seconds or 0)
        rule = Rule(rule.kind, rule.day, rule.month, rule.week, -time if sign == "-" else time)
    return (rule, match.end()) if valid else None


def posix_zone(text: str) -> tuple[PosixZone, bool]:
    """The zone glibc reads `text` as a POSIX TZ string, and whether it read one (False:
    UTC under whatever standard name parsed)."""
    name = _NAME.match(text)
    if name is None:
        return PosixZone(text, ("", ""), (0, 0), None), False
    std_name = name.group(1) or name.group(2)
    offset = _OFFSET.match(text, name.end())
    if offset is None:
        return PosixZone(text, (std_name, std_name), (0, 0), None), False
    std = _offset(offset)
    at = offset.end()
    dst_name = _NAME.match(text, at)
    if dst_name is None:
        return PosixZone(text, (std_name, std_name), (std, std), None), True
    dst_offset = _OFFSET.match(text, dst_name.end())
    dst = std + _HOUR if dst_offset is None else _offset(dst_offset)
    at = dst_name.end() if dst_offset is None else dst_offset.end()
    at += text.startswith(",", at)
    start = _rule(text, at, first=True)
    if start is None:
        return PosixZone(text, (std_name, dst_name.group(1) or dst_name.group(2)), (std, dst), None), True
    at = start[1] + text.startswith(",", start[1])
    end = _rule(text, at, first=False)
    rules = (start[0], end[0] if end else Rule("M", 0, 11, 1))
    return PosixZone(text, (std_name, dst_name.group(1) or dst_name.group(2)), (std, dst), rules), True


def zone_of_text(text: str) -> PosixZone:
    return posix_zone(text)[0]


@cache
def site_zone(value: str) -> tuple[tzinfo, bool]:
    """The zone of a `timezone:` value, and whether glibc reads it as a zone at all (False:
    it means UTC, silently in Jekyll). A zone file's name is read as the file (Python's
    `zoneinfo`, the same tz database)."""
    key = value[1:] if value.startswith(":") else value
    if not key:
        return ZoneInfo("UTC"), True
    try:
        return ZoneInfo(key), True
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    return posix_zone(value)


_SETTING_LINE: Final = re.compile(r"^[\"']?timezone[\"']?[ \t]*[:=]", re.MULTILINE)


def zone_notes(value: str, config_file: Path) -> tuple[Diagnostic, ...]:
    """One warning when glibc would read `timezone:` as UTC, naming the settings file and
    the line of `timezone` (none when it came from elsewhere)."""
    if site_zone(value)[1]:
        return ()
    line = None
    try:
        found = _SETTING_LINE.search(read_regular_text(config_file, "utf-8-sig"))
        line = None if found is None else found.string.count("\n", 0, found.start()) + 1
    except (OSError, UnicodeDecodeError):
        pass
    message = (
        f"timezone '{value}' is neither a tz database name nor a POSIX TZ string; "
        "the site is built in UTC, as Jekyll silently builds it"
    )
    return (Diagnostic(message, config_file, line),)
