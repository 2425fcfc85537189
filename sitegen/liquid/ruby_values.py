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

from datetime import datetime, tzinfo
from typing import Any

from sitegen.jekyll.dates import YamlTimestampText
from sitegen.jekyll.ruby_scalars import ruby_float as ruby_float
from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from sitegen.jekyll.ruby_text import psych_moment
from sitegen.jekyll.ruby_text import ruby_inspect as inspect_value
from sitegen.liquid.objects import ruby_time
from sitegen.liquid.ruby_range import ruby_range_text


def liquid_value(value: Any, zone: tzinfo, offsetless: str = "") -> Any:
    """A value PyYAML read, as Psych would have given it to Liquid (see the module and
    `sitegen.jekyll.ruby_text.psych_moment`).

    `offsetless` is the site's `offsetless_dates`: `site_zone` reads an unquoted
    timestamp without an offset in the site's zone, as it does for `date:`."""
    if isinstance(value, (datetime, YamlTimestampText)):
        moment = psych_moment(value, zone, offsetless)
        return str(value) if moment is None else ruby_time(moment)
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
    """`value.inspect` in Ruby (`sitegen.jekyll.ruby_text.ruby_inspect`), Liquid's ranges
    too: how a value inside a printed hash or array looks."""
    return inspect_value(value, _liquid_leaf)


def _liquid_leaf(value: object) -> str | None:
    return ruby_range_text(value) if isinstance(value, range) else None
