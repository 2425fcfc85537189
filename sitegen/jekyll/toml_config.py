"""A `_config.toml` read as Jekyll reads it: with tomlrb (`Tomlrb.load_file`,
configuration.rb `safe_load_file`), whose times are all Ruby `Time`s.

tomlrb 1.3 (scanner.rb `process_datetime`, parser.y) makes every date and date-time
`Time.new(…, offset)`, with the offset written or `+00:00` where there is none or a `Z`:
`1979-05-27 07:32:00Z` prints `1979-05-27 07:32:00 +0000` (not `UTC`, as YAML's `Z`
does), a date `1979-05-27` is the time `1979-05-27 00:00:00 +0000`, and a date-time
without an offset is read at `+00:00`, never in the site's zone. Python's `tomllib`
gives a `date` and a naive `datetime` for those; they are made tomlrb's times here, so
every later stage (`sitegen.jekyll.ruby_text`, Liquid) sees what Jekyll sees.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime
from typing import Any

from sitegen.jekyll.yaml_reader import YamlProblem

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)$")


def load_toml(text: str) -> dict[str, Any]:
    """The settings a `_config.toml` holds, its times as tomlrb makes them (see the module).
    Raises `YamlProblem` naming the line, as a YAML settings file's problems are."""
    try:
        loaded = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        message = _TOML_LINE.sub("", str(error)).strip()
        raise YamlProblem(f"not valid TOML: {message}", int(found.group(1)) if found else None) from None
    settings = tomlrb_times(loaded)
    assert isinstance(settings, dict)
    return settings


def tomlrb_times(value: object) -> object:
    """`value` with every date and date-time made the `Time` tomlrb makes (see the module)."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, dict):
        return {key: tomlrb_times(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tomlrb_times(item) for item in value]
    return value
