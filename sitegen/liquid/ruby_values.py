"""YAML values as Jekyll's Liquid holds and prints them (Ruby's `to_s` and `inspect`).

Jekyll reads YAML with Psych and Liquid prints a value with Ruby's `to_s`, so what a
page shows for a front-matter or `_data` value depends on Ruby's types, not Python's:

- an unquoted timestamp without an offset (`last_modified_at: 2024-08-01 23:30:00`) is
  a UTC instant (psych/scalar_scanner.rb `parse_time`: `Time.at`, a local time in the
  site's zone, since Jekyll sets `TZ` to `timezone`): `2024-08-01 19:30:00 -0400` in New
  York; one with an offset keeps it and prints `2024-01-01 10:00:00 +0500`;
- an array prints its items joined (`Array#join`, flattening nested arrays), `nil` as
  nothing, `true` as `true`, a float as Ruby writes it (`1.0e+16`);
- a hash prints as `Hash#inspect` (`{"name"=>"Me", "n"=>nil}`).

`liquid_value` converts what PyYAML read once, where the drops are built; `ruby_to_s` is
what `{{ … }}` prints (see `sitegen.liquid.output`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from sitegen.jekyll.dates import (
    OFFSETLESS_SITE_ZONE,
    DateParseError,
    YamlTimestampText,
    local_moment,
    parse_date,
)
from sitegen.jekyll.ruby_scalars import ruby_float as ruby_float
from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from sitegen.liquid.objects import RubyTime, is_ruby_utc, ruby_time
from sitegen.liquid.ruby_range import ruby_range_text

if TYPE_CHECKING:
    pass

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


def liquid_value(value: Any, zone: tzinfo, offsetless: str = "") -> Any:
    """A value PyYAML read, as Psych would have given it to Liquid (see the module).

    `offsetless` is the site's `offsetless_dates`: `site_zone` reads an unquoted
    timestamp without an offset in the site's zone, as it does for `date:`."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            local = offsetless == OFFSETLESS_SITE_ZONE
            moment = local_moment(value, zone) if local else value.replace(tzinfo=UTC)
            return ruby_time(moment.astimezone(UTC).astimezone(zone))
        return ruby_time(value)
    if isinstance(value, YamlTimestampText):
        try:
            return ruby_time(parse_date(value, zone, offsetless))
        except DateParseError:
            return str(value)
    if isinstance(value, dict):
        return {key: liquid_value(item, zone, offsetless) for key, item in value.items()}
    if isinstance(value, list):
        return [liquid_value(item, zone, offsetless) for item in value]
    return value


def ruby_to_s(value: Any) -> str:
    """What Liquid prints for `value` (`Liquid::Variable#render`: an array joined)."""
    if isinstance(value, (list, tuple)):
        return "".join(ruby_to_s(item) for item in value)
    if isinstance(value, dict):
        return ruby_inspect(value)
    if isinstance(value, datetime):
        return str(value if isinstance(value, RubyTime) else ruby_time(value))
    if isinstance(value, range):
        return ruby_range_text(value)  # `(3..1)` prints "3..1"
    return ruby_scalar_text(value)


def ruby_string(value: Any) -> str:
    """Ruby's `to_s` of `value`, which a filter reading text calls: an array's or a
    hash's is its `inspect` (`["a", nil]`), where Liquid's printing joins an array
    (`ruby_to_s`)."""
    if isinstance(value, list | tuple | dict):
        return ruby_inspect(value)
    return ruby_to_s(value)


def ruby_inspect(value: Any) -> str:
    """`value.inspect` in Ruby: how a value inside a printed hash or array looks."""
    if value is None:
        return "nil"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + _NEEDS_ESCAPE.sub(_escaped, value) + '"'
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(ruby_inspect(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{ruby_inspect(k)}=>{ruby_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, datetime):
        return _time_inspect(value)
    if isinstance(value, range):
        return ruby_range_text(value)
    if isinstance(value, date):
        julian_day = value.toordinal() + _ORDINAL_TO_JULIAN_DAY
        return f"#<Date: {value.isoformat()} (({julian_day}j,0s,0n),+0s,{_GREGORIAN_REFORM_JD}j)>"
    return str(value)


def _escaped(match: re.Match[str]) -> str:
    character = match.group(0)
    if character == "#":
        return "\\#"
    return _STRING_ESCAPES.get(character) or f"\\u{ord(character):04X}"


def _time_inspect(moment: datetime) -> str:
    """`Time#inspect`: `to_s` with the fraction of a second, when there is one."""
    shown = moment if isinstance(moment, RubyTime) else ruby_time(moment)
    if not moment.microsecond:
        return str(shown)
    fraction = f"{moment.microsecond:06d}".rstrip("0")
    zone = "UTC" if is_ruby_utc(moment.tzinfo) else moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M:%S}.{fraction} {zone}"
