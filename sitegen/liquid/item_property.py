"""Jekyll's `item_property` (jekyll/filters.rb `item_property`, `read_liquid_attribute`,
`parse_sort_input`): how `sort`, `group_by` and `where` read a property of each item.

The item's `to_liquid` is indexed with Ruby's `[]`: a hash gives the key's value (nil
when missing), text gives the property's text if it holds it (`"abc"["b"]` is `"b"`),
and an integer or an array raises `TypeError` (`no implicit conversion of String into
Integer`); a value without `[]` (nil, a float, true, a time) raises `NoMethodError`. A
dotted property (`a.b`) walks with `data.respond_to?(:[]) && data[key]`, so a step
past nil or a float is `false`, not nil. Text that reads as a number is that number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from liquid.exceptions import FilterError

from sitegen.liquid.ruby_drops import RubyDrop
from sitegen.liquid.ruby_values import ruby_inspect, ruby_string

__all__ = ["PropertyError", "item_property", "property_value", "ruby_class", "where"]

_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")
_NO_INTEGER = "no implicit conversion of String into Integer"


class PropertyError(FilterError):
    """Ruby's `TypeError` or `NoMethodError` from reading a property: one problem of the
    filter's tag, in Ruby's words."""

    def __init__(self, filter_name: str, message: str) -> None:
        super().__init__(f"{filter_name}: {message}", token=None)


def ruby_class(value: Any) -> str:
    """The name of `value`'s Ruby class, as Ruby's messages give it."""
    if value is None:
        return "NilClass"
    if value is True:
        return "TrueClass"
    if value is False:
        return "FalseClass"
    names = ((int, "Integer"), (float, "Float"), (str, "String"), (list, "Array"), (tuple, "Array"))
    for kind, name in (*names, (Mapping, "Hash"), (datetime, "Time"), (date, "Date"), (range, "Range")):
        if isinstance(value, kind):
            return name
    return value.class_name if isinstance(value, RubyDrop) else type(value).__name__


def _has_index(data: Any) -> bool:
    """`respond_to?(:[])`: hashes, text, arrays and integers."""
    if isinstance(data, bool) or data is None:
        return False
    return isinstance(data, Mapping | str | list | tuple | int) and not isinstance(data, float)


def _index(data: Any, key: str, filter_name: str) -> Any:
    """`data[key]` as Ruby answers it."""
    if isinstance(data, Mapping):
        return data.get(key)
    if isinstance(data, str):
        return key if key in data else None
    if _has_index(data):
        raise PropertyError(filter_name, _NO_INTEGER)
    raise PropertyError(filter_name, f"undefined method `[]' for {ruby_inspect(data)}:{ruby_class(data)}")


def property_value(item: Any, name: Any, filter_name: str) -> Any:
    """`read_liquid_attribute(item.to_liquid, name)`: the property, unconverted."""
    text = ruby_string(name)
    if "." not in text:
        return _index(item, text, filter_name)
    current: Any = item
    for key in text.split("."):
        current = _index(current, key, filter_name) if _has_index(current) else False
    return current


def item_property(item: Any, name: Any, filter_name: str) -> Any:
    """`item_property`: the property, text that reads as a number as that number."""
    found = property_value(item, name, filter_name)
    if found is None or isinstance(found, bool) or not isinstance(found, str | int | float):
        return found
    text = found if isinstance(found, str) else ruby_string(found)
    if _INTEGER_LIKE.match(text):
        return int(text)
    if _FLOAT_LIKE.match(text):
        return float(text)
    return found


def where(value: Any, name: Any, target: Any) -> Any:
    """filters.rb `where`: the items whose `item_property` matches the target
    (`compare_property_vs_target`). Without a property, or given an array or a hash to
    match, the input is returned; so is an input without `select` (text, a number, nil);
    a hash's values are the items."""
    if name is None or name is False or isinstance(target, list | tuple | Mapping):
        return value
    if isinstance(value, Mapping):
        items = list(value.values())
    elif isinstance(value, list | tuple | range):
        items = list(value)
    else:
        return value
    return [item for item in items if _matches_target(item_property(item, name, "where"), target)]


def _matches_target(found: Any, target: Any) -> bool:
    """`compare_property_vs_target`: nil matches nil; else the target's text equals the
    property (text) or the text of one of `Array(property)`'s items (nil has none)."""
    if target is None:
        return found is None
    wanted = ruby_string(target)
    if isinstance(found, str):
        return found == wanted
    if found is None:
        return False
    listed = (
        found
        if isinstance(found, list | tuple)
        else list(found.items())
        if isinstance(found, Mapping)
        else [found]
    )
    return any(ruby_string(list(each) if isinstance(each, tuple) else each) == wanted for each in listed)
