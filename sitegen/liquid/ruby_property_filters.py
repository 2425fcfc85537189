"""Liquid's array filters given a property (`compact`, `uniq`, `map`, `sort_natural`),
as Ruby Liquid 5.4 reads their input and each item (liquid/standardfilters.rb).

The input goes through `InputIterator`: an array flattened, a hash as one item, a range
item by item, nil as no item, anything else as one item (python-liquid failed the tag on
nil, `{{ page.related | compact: "url" }}` without `related`). Each item's property is
Ruby's `item[property]` (`ruby_index`): a hash's value, a string's matching text or
character, an array's item, an integer's bit; a value without `[]` (nil, a boolean, a
float, a time) is Ruby's `NoMethodError`, which `compact` and `uniq` answer with nil for
the whole filter and `map` with nil for the item; a key `[]` cannot take (text for an
array's index) is Ruby's `TypeError`, which every one of them reports as `cannot select
the property`. Standard library only: `sitegen.liquid.ruby_inputs` wraps the filters
with these before python-liquid is needed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sitegen.liquid.filter_flags import with_filter_flags
from sitegen.liquid.ruby_drops import RubyDrop
from sitegen.liquid.ruby_values import ruby_inspect, ruby_string

__all__ = ["PROPERTY_FILTERS", "by_property", "flattened", "input_items", "ruby_index", "uniq_key"]

PROPERTY_FILTERS = frozenset({"compact", "uniq", "map", "sort_natural"})
"""The filters `by_property` reads as Ruby does when given a property."""


class NoIndex(Exception):
    """Ruby's `NoMethodError`: the item has no `[]`."""


class _PropertyRefused(Exception):
    """Ruby's `TypeError` from `item[property]`, raised by the filters as
    `Liquid::ArgumentError` (`raise_property_error`)."""


def input_items(value: Any) -> list[Any]:
    """`InputIterator.new(input).to_a`."""
    if isinstance(value, list | tuple):
        return flattened(value)
    if isinstance(value, range):
        return list(value)
    if value is None:
        return []
    return [value]


def flattened(items: Iterable[Any]) -> list[Any]:
    """An array with every nested array's items in its place (`Array#flatten`)."""
    flat: list[Any] = []
    for item in items:
        if isinstance(item, list | tuple):
            flat.extend(flattened(item))
        else:
            flat.append(item)
    return flat


def has_index(item: Any) -> bool:
    """`item.respond_to?(:[])`: a hash, text, an array, an integer or a drop."""
    if item is None or isinstance(item, bool | float):
        return False
    return isinstance(item, Mapping | str | list | tuple | int | RubyDrop)


def ruby_index(item: Any, key: Any) -> Any:
    """`item[key]` as Ruby answers it; raises `NoIndex` for an item without `[]` and
    `_PropertyRefused` where `[]` refuses the key's kind."""
    if not has_index(item):
        raise NoIndex
    if isinstance(item, RubyDrop):
        return item[ruby_string(key)]
    if isinstance(item, Mapping):
        return _hash_value(item, key)
    if isinstance(item, str) and isinstance(key, str):
        return key if key in item else None
    if isinstance(key, range):
        return _span(item, key)
    position = _position(key)
    if isinstance(item, str):
        return _at(item, position)
    if isinstance(item, list | tuple):
        return _at(item, position)
    return (item >> position) & 1 if position >= 0 else 0  # `Integer#[]`: a bit


def _hash_value(item: Mapping[Any, Any], key: Any) -> Any:
    """`Hash#[]`: keys compared by `eql?` (`1`, `1.0` and `true` are three keys). A
    document's drop is a mapping too: only the value asked for is read (its `content`
    is read from the cache when asked)."""
    if isinstance(key, str):
        return item.get(key)
    for candidate in item:
        if type(candidate) is type(key) and candidate == key:
            return item[candidate]
    return None


def _position(key: Any) -> int:
    """The index a key gives `String#[]`, `Array#[]` and `Integer#[]`: an integer, or a
    float's `to_int`; anything else is Ruby's `TypeError`."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, float) and key == key and abs(key) != float("inf"):
        return int(key)
    raise _PropertyRefused


def _span(item: str | list[Any] | tuple[Any, ...] | int, key: range) -> Any:
    """`item[first..last]`: a part of text or an array (nil when it starts past the end;
    negative ends count from the end), or an integer's bits from `first` to `last`."""
    first, last = key.start, key.stop - 1  # a Liquid range `(a..b)` is `range(a, b + 1)`
    if isinstance(item, int):
        return (item >> first) & ((1 << max(last - first + 1, 0)) - 1) if first >= 0 else 0
    size = len(item)
    first = first + size if first < 0 else first
    last = last + size if last < 0 else last
    if not 0 <= first <= size:
        return None
    return item[first : max(last + 1, first)]


def _at(items: str | list[Any] | tuple[Any, ...], position: int) -> Any:
    if -len(items) <= position < len(items):
        return items[position]
    return None


def _casecmp(left: Any, right: Any) -> int:
    """`nil_safe_casecmp`: `to_s` compared ignoring ASCII case; nil after all else."""
    if left is not None and right is not None:
        a, b = _ascii_folded(ruby_string(left)), _ascii_folded(ruby_string(right))
        return (a > b) - (a < b)
    return 1 if left is None else -1


def _ascii_folded(text: str) -> bytes:
    """`String#casecmp` compares bytes with ASCII letters folded to lower case."""
    return text.encode("utf-8", "surrogatepass").lower()


def _merge_sorted(items: list[Any], compare: Callable[[Any, Any], int]) -> list[Any]:
    """`Array#sort` with a block, as Jekyll's Ruby sorts on glibc: by `qsort_r`, a merge
    sort (the first half of each split sorted first, ties taken from it). The order
    matters where `compare` is not consistent: `nil_safe_casecmp` puts each of two nils
    after the other, so two nils come out swapped."""
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    left, right = _merge_sorted(items[:half], compare), _merge_sorted(items[half:], compare)
    merged: list[Any] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if compare(left[i], right[j]) <= 0:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    return [*merged, *left[i:], *right[j:]]


def uniq_key(value: Any) -> tuple[str, Any]:
    """What `Array#uniq` tells items apart by (`eql?`): `1`, `1.0` and `true` differ."""
    return type(value).__name__, value if isinstance(value, str | int | float | None) else ruby_inspect(value)


def _with_property(name: str, items: list[Any], key: Any) -> Any:
    """Ruby's filter `name` of `items` (already `input_items`) by `key`."""
    if name == "map":
        if key == "to_liquid":
            return items
        return [ruby_index(item, key) if has_index(item) else None for item in items]
    if not items:
        return []
    if name == "sort_natural":
        if not all(has_index(item) for item in items):
            return None
        if len(items) == 1:
            return items  # one item is sorted without a comparison
        pairs = [(ruby_index(item, key), item) for item in items]
        return [item for _, item in _merge_sorted(pairs, lambda a, b: _casecmp(a[0], b[0]))]
    if name == "uniq" and len(items) == 1:
        return items  # `Array#uniq` returns a one-item array before calling the block
    try:
        values = [ruby_index(item, key) for item in items]
    except NoIndex:
        return None  # `return nil unless item.respond_to?(:[])`
    if name == "compact":
        return [item for item, value in zip(items, values, strict=True) if value is not None]
    seen: set[tuple[str, Any]] = set()
    kept = []
    for item, value in zip(items, values, strict=True):
        if (marker := uniq_key(value)) not in seen:
            seen.add(marker)
            kept.append(item)
    return kept


def by_property(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Filter `name`, read as Ruby's when it is given a property that is not nil;
    `function` (python-liquid's) otherwise."""

    @functools.wraps(function)
    def filtered(left: Any, *arguments: Any, **options: Any) -> Any:
        if len(arguments) != 1 or options or (arguments[0] is None and name != "map"):
            return function(left, *arguments, **options)
        try:
            return _with_property(name, input_items(left), arguments[0])
        except _PropertyRefused:
            raise ValueError(f"cannot select the property '{ruby_string(arguments[0])}'") from None

    return with_filter_flags(filtered, function)
