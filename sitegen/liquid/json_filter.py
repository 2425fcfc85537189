"""Jekyll's `jsonify` filter: a value as JSON, as Ruby's `to_json` writes it.

filters.rb `jsonify` is `input.to_json`: an undefined value is Ruby's `nil`, so `null`
(python-liquid's `Undefined` is a mapping, which wrote `{}`: a JSON-LD template's
`"image": {{ page.image | jsonify }}` gained an empty object); a mapping's keys are their
`to_s` (`{2024-01-01: New Year}` in `_data` is `{"2024-01-01":"New Year"}`, where
Python's encoder refused the date key and the whole tag failed); a time is its `to_s`
(`… UTC` for YAML's `Z`), a range its `to_s` (`1..3`), an infinite or NaN float an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from liquid.exceptions import FilterError
from liquid.undefined import Undefined

from sitegen.jekyll.ruby_scalars import ruby_time_to_s
from sitegen.jekyll.ruby_text import ruby_to_s
from sitegen.liquid.float_domain import non_finite
from sitegen.liquid.ruby_range import ruby_range_text
from sitegen.liquid.ruby_values import ruby_float


def jsonify(value: Any) -> str:
    """The value as JSON (see the module). Raises `FilterError` for an infinite or NaN
    float, as `Float#to_json` does."""
    try:
        try:
            return _dumps(value)
        except TypeError:  # a key that is not text: Ruby writes its `to_s`
            return _dumps(_text_keys(value))
    except ValueError as error:  # `Float#to_json` of Infinity or NaN
        found = _non_finite_in(value)
        if found is None:
            raise
        raise FilterError(f"jsonify: {ruby_float(found)} not allowed in JSON", token=None) from error


def _dumps(value: Any) -> str:
    return json.dumps(
        value, ensure_ascii=False, default=_json_default, separators=(",", ":"), allow_nan=False
    )


def _text_keys(value: Any) -> Any:
    """`value` with every mapping's keys made their Ruby `to_s` (the first of two keys
    with one text keeps its place, the last its value, as a Ruby hash's `to_json`)."""
    if isinstance(value, Undefined):
        return None
    if isinstance(value, Mapping):
        keyed: dict[str, Any] = {}
        for key, item in value.items():
            keyed[key if isinstance(key, str) else ruby_to_s(key)] = _text_keys(item)
        return keyed
    if isinstance(value, (list, tuple)):
        return [_text_keys(item) for item in value]
    return value


def _non_finite_in(value: Any) -> float | None:
    """The first `Infinity`, `-Infinity` or `NaN` in `value`, if any."""
    if non_finite(value):
        return float(value)
    items = value.values() if isinstance(value, Mapping) else value if isinstance(value, list | tuple) else ()
    return next((found for item in items if (found := _non_finite_in(item)) is not None), None)


def _json_default(value: Any) -> Any:
    if isinstance(value, Undefined):  # Ruby's `nil`
        return None
    if isinstance(value, datetime):  # `Time#to_json` is its `to_s`: `… UTC` for YAML's `Z`
        return ruby_time_to_s(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, range):  # `Range#to_json` is its `to_s`, "1..3"
        return ruby_range_text(value)
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)
