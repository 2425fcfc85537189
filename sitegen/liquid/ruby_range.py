"""Liquid's ranges as Ruby's `Range`: `(3..1)` is a range from 3 down to 1, not nothing.

Ruby Liquid makes `(a..b)` a `Range` (liquid/range_lookup.rb): two literals at once with
`to_i`, a variable when rendered with `to_integer` (an integer as it is, text and nil by
`String#to_i`, so `"3"` is 3 and `"1x"` is 1; anything else through `Integer(to_s)`,
which fails for a float: "invalid integer"). A descending range is kept: it prints
`3..1` (`Range#to_s`), `inspect` and `jsonify` write that too, `first` and `last` are its
ends (`Range#first`, `Range#last`: 3 and 1), while `size`, `join`, `reverse` and `for`
see no items. python-liquid (liquid/builtin/expressions/primitive.py `RangeLiteral`)
made a descending range `range(0)`, printed `0..-1`, and read `"1x"` and floats its way.

Here a range is Python's `range(a, b + 1)`, never collapsed: its items are Ruby's, and
`start` and `stop - 1` are Ruby's `begin` and `end` (`ruby_range_text`). python-liquid
is made to build them so by `sitegen.liquid.ruby_range_literal`; this module does not
import it, as `sitegen.liquid.ruby_values` must not.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["InvalidInteger", "range_bound", "range_end", "range_item", "ruby_range_text", "string_to_i"]

_TO_I = re.compile(r"[ \t\n\v\f\r]*([-+]?\d+(?:_\d+)*)", re.ASCII)


def string_to_i(text: str) -> int:
    """Ruby's `String#to_i`: the leading decimal digits (`"12ab"` is 12), else 0."""
    number = _TO_I.match(text)
    return int(number.group(1).replace("_", "")) if number else 0


def ruby_range_text(value: range) -> str:
    """`Range#to_s` and `Range#inspect`: `3..1`."""
    return f"{value.start}..{range_end(value)}"


def range_end(value: range) -> int:
    """`Range#end` of a range made here (`range(a, b + 1)`)."""
    return value.stop - 1


def range_item(value: range, key: object) -> int:
    """What a path reads of a range (liquid/variable_lookup.rb): `first`, `last` and
    `size` are the range's methods (`(3..1).first` is 3, its `size` 0); an index or any
    other key is nothing, since a `Range` answers neither `key?` nor `fetch` (`r[1]` is
    nil, where Python's `range` gave its second item). Raises `KeyError` for nothing."""
    if key == "first":
        return value.start
    if key == "last":
        return range_end(value)
    if key == "size":
        return len(value)
    raise KeyError(key)


def range_bound(value: Any) -> int:
    """`RangeLookup#to_integer` of a rendered side (see the module)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None:
        return 0
    if isinstance(value, str):
        return string_to_i(value)
    # `Utils.to_integer`: `Integer(value.to_s)`, which no float's text passes.
    raise InvalidInteger


class InvalidInteger(ValueError):
    """Liquid's "invalid integer" (`Utils.to_integer`)."""
