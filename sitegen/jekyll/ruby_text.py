"""Ruby's text of a value Psych (or Jekyll's TOML reader) gives: `to_s` and `inspect`.

Jekyll turns a setting or front-matter value into text with Ruby's methods: the
`excerpt_separator` is `value.to_s` (document.rb), Liquid prints with `to_s`, and a
list's or mapping's `to_s` is its `inspect`, which writes each item with its own
`inspect`. For times and dates Ruby's text is not Python's:

- `Time#to_s`: `2024-01-01 10:00:00 +0800`, `… UTC` for a time written with `Z`
  (`Time.utc`), the offset in whole minutes (`sitegen.jekyll.xmlschema.ruby_offset`);
  `Time#inspect` adds the fraction of a second (`2024-01-01 10:00:00.5 +0800`);
- `Date#to_s`: `2024-01-01`; `Date#inspect`:
  `#<Date: 2024-01-01 ((2460311j,0s,0n),+0s,2299161j)>`;
- a time written without an offset is Psych's `Time.at`, a local time in the zone Jekyll
  runs in (the site's `timezone`): `psych_times` makes it that time first; one left
  naive here is printed as read in UTC.

This is the one rule for that text (`sitegen.jekyll.ruby_scalars` has the scalars', and
`sitegen.liquid.ruby_values` adds Liquid's own values).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo

from sitegen.jekyll.dates import OFFSETLESS_SITE_ZONE, YamlTimestampText
from sitegen.jekyll.psych_time import psych_time
from sitegen.jekyll.ruby_local_time import local_moment
from sitegen.jekyll.ruby_scalars import object_text, ruby_float, ruby_scalar_text, ruby_time_to_s

__all__ = ["liquid_printed", "psych_moment", "psych_times", "ruby_inspect", "ruby_to_s"]

_GREGORIAN_REFORM_JD = 2299161
"""The Julian day Ruby's `Date` switches calendars at, printed by `Date#inspect`."""
_ORDINAL_TO_JULIAN_DAY = 1721425
_STRING_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\f": "\\f",
    "\v": "\\v",
    "\b": "\\b",
    "\a": "\\a",
    "\x1b": "\\e",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]|#(?=[{$@])')

Leaf = Callable[[object], str | None]
"""Text for a value of a kind this module does not know (Liquid's ranges), else None."""


def _time_inspect(moment: datetime) -> str:
    """`Time#inspect`: `to_s` with the fraction of a second, when there is one."""
    shown = ruby_time_to_s(moment)
    if not moment.microsecond:
        return shown
    wall, _, zone = shown.rpartition(" ")
    return f"{wall}.{f'{moment.microsecond:06d}'.rstrip('0')} {zone}"


def ruby_to_s(value: object, leaf: Leaf | None = None) -> str:
    """`value.to_s`: a list or mapping as its `inspect`, a scalar (a time and a date too)
    by `sitegen.jekyll.ruby_scalars.ruby_scalar_text`."""
    if isinstance(value, (list, tuple, Mapping)):
        return ruby_inspect(value, leaf)
    shown = leaf(value) if leaf is not None else None
    return ruby_scalar_text(value) if shown is None else shown


def ruby_inspect(value: object, leaf: Leaf | None = None) -> str:
    """`value.inspect`: how a value inside a printed list or mapping looks."""
    if value is None:
        return "nil"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + _NEEDS_ESCAPE.sub(_escaped, value) + '"'
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(ruby_inspect(item, leaf) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{ruby_inspect(k, leaf)}=>{ruby_inspect(v, leaf)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, datetime):
        return _time_inspect(value)
    if isinstance(value, date):
        julian_day = value.toordinal() + _ORDINAL_TO_JULIAN_DAY
        return f"#<Date: {ruby_to_s(value)} (({julian_day}j,0s,0n),+0s,{_GREGORIAN_REFORM_JD}j)>"
    shown = leaf(value) if leaf is not None else None
    return object_text(value) if shown is None else shown


def liquid_printed(value: object) -> str:
    """What Jekyll's Liquid prints for a YAML value (`{{ page.title }}`): a list's items
    joined, nested lists flattened (`Array#join`), a mapping as `Hash#inspect`
    (`{"a"=>2}`), a scalar as its `to_s`. A title written as a list or mapping
    (`title: [1, {a: 2}]`) is shown as Jekyll's layouts show it: `1{"a"=>2}`."""
    if isinstance(value, (list, tuple)):
        return "".join(liquid_printed(item) for item in value)
    if isinstance(value, Mapping):
        return ruby_inspect(value)
    return ruby_scalar_text(value)


def _escaped(match: re.Match[str]) -> str:
    character = match.group(0)
    if character == "#":
        return "\\#"
    return _STRING_ESCAPES.get(character) or f"\\u{ord(character):04X}"


def psych_moment(value: datetime | YamlTimestampText, zone: tzinfo, offsetless: str = "") -> datetime | None:
    """The time Jekyll holds for a YAML timestamp, in the site's `zone` where Psych made
    a local time: one written without an offset is a UTC instant (`Time.at`; in the
    site's zone with `offsetless_dates: site_zone`), one with an offset keeps it. A text
    Python could not hold (`2022-02-30 10:00:00`) is rolled over as Ruby does, keeping
    its written offset; None where Ruby refuses it too or Python cannot hold the result."""
    if isinstance(value, YamlTimestampText):
        try:
            value = psych_time(value, roll_over=True)
        except (ValueError, OverflowError):
            return None
    if value.tzinfo is not None:
        return value
    try:
        local = offsetless == OFFSETLESS_SITE_ZONE
        moment = local_moment(value, zone) if local else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).astimezone(zone)
    except (ValueError, OverflowError):  # a year Python cannot hold in the zone
        return None


def psych_times(value: object, zone: tzinfo, offsetless: str = "") -> object:
    """`value` with every timestamp in it made the time Jekyll holds (`psych_moment`)."""
    if isinstance(value, (datetime, YamlTimestampText)):
        moment = psych_moment(value, zone, offsetless)
        return str(value) if moment is None else moment
    if isinstance(value, dict):
        return {key: psych_times(item, zone, offsetless) for key, item in value.items()}
    if isinstance(value, list):
        return [psych_times(item, zone, offsetless) for item in value]
    return value
