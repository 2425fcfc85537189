"""Jekyll's `sort` filter (jekyll/filters.rb `sort`, `sort_input`, `item_property`,
`parse_sort_input`, read in `sitegen.liquid.item_property`), comparing as Ruby's `<=>` does.

Ruby compares numbers with numbers, text with text (byte by byte), arrays element by
element and then by length, two posts or collection documents by date and then by path
(jekyll/document.rb and jekyll/drops/document_drop.rb `<=>`: `{{ site.posts | sort }}`
is oldest first), and anything else only with an equal value; every other
pair has no order, and `Array#sort` raises `comparison of Integer with String failed`.
Without a property the input is sorted so (a hash's pairs as `[key, value]`); nil
raises `Cannot sort a null object.` and anything else that is not an array has no
`sort`. By a property, nils go `first` or `last`, text that reads as a number is that
number, and two values without an order compare as their `to_s`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from liquid.exceptions import FilterError

from sitegen.liquid.item_property import item_property, ruby_class
from sitegen.liquid.objects import DocumentDrop
from sitegen.liquid.ruby_values import ruby_string

__all__ = ["jekyll_sort", "ruby_compare"]


class SortError(FilterError):
    """Ruby's `ArgumentError` or `NoMethodError` from `sort`: one problem of its tag,
    in Ruby's words (`sitegen.liquid.filter_errors` would read `null object` as
    Python's own text)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"sort: {message}", token=None)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def ruby_compare(left: Any, right: Any) -> int | None:
    """`left <=> right`: -1, 0 or 1, or None where Ruby has no order for the pair."""
    if _number(left) and _number(right):
        if left != left or right != right:  # NaN
            return None
        return int(left > right) - int(left < right)
    if isinstance(left, str) and isinstance(right, str):
        ours, theirs = left.encode(), right.encode()
        return (ours > theirs) - (ours < theirs)
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        for ours, theirs in zip(left, right, strict=False):
            order = ruby_compare(ours, theirs)
            if order != 0:
                return order
        return (len(left) > len(right)) - (len(left) < len(right))
    if (
        isinstance(left, datetime)
        and isinstance(right, datetime)
        and (left.tzinfo is None) == (right.tzinfo is None)
    ):
        return (left > right) - (left < right)
    if type(left) is date and type(right) is date:
        return (left > right) - (left < right)
    if isinstance(left, DocumentDrop) and isinstance(right, DocumentDrop):
        return _document_order(left, right)
    if _number(left) or _number(right) or isinstance(left, str) or isinstance(right, str):
        return None
    return 0 if left is right or (type(left) is type(right) and left == right) else None


def _document_order(left: DocumentDrop, right: DocumentDrop) -> int | None:
    """`Document#<=>`: by `date`, then, where the dates are equal or have no order, by path."""
    order = ruby_compare(left.fields.get("date"), right.fields.get("date"))
    if order:
        return order
    return ruby_compare(left.fields.get("path"), right.fields.get("path"))


def _same_kind_of_day(left: Any, right: Any) -> bool:
    """Two times (both with a zone or both without), or two dates: `Comparable`."""
    if isinstance(left, datetime) and isinstance(right, datetime):
        return (left.tzinfo is None) == (right.tzinfo is None)
    return type(left) is date and type(right) is date


def _strict(left: Any, right: Any) -> int:
    order = ruby_compare(left, right)
    if order is None:
        raise SortError(f"comparison of {ruby_class(left)} with {ruby_class(right)} failed")
    return order


def jekyll_sort(value: Any, name: Any = None, nils: Any = "first") -> list[Any]:
    """filters.rb `sort`: by the value, or by a property with nils `first` or `last`."""
    if value is None:
        raise SortError("Cannot sort a null object.")
    if isinstance(value, Mapping):
        items: list[Any] = [[key, each] for key, each in value.items()]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise SortError(f"undefined method `sort' for {ruby_class(value)}")
    if name is None:
        return sorted(items, key=functools.cmp_to_key(_strict))
    if nils not in ("first", "last"):
        raise SortError(
            f"Invalid nils order: '{nils}' is not a valid nils order. It must be 'first' or 'last'."
        )
    order = -1 if nils == "first" else 1
    keyed = [(item_property(item, name, "sort"), item) for item in items]

    def compare(ours: tuple[Any, Any], theirs: tuple[Any, Any]) -> int:
        left, right = ours[0], theirs[0]
        if left is not None and right is None:
            return -order
        if left is None and right is not None:
            return order
        found = ruby_compare(left, right)
        if found is not None:
            return found
        return ruby_compare(ruby_string(left), ruby_string(right)) or 0

    return [item for _, item in sorted(keyed, key=functools.cmp_to_key(compare))]
