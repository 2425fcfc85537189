"""A loop's `forloop` or `tablerowloop` handed to a filter, as Ruby's filters see it.

In Ruby's Liquid they are drops (`Liquid::ForloopDrop`, `Liquid::TablerowloopDrop`,
liquid/forloop_drop.rb, liquid/tablerowloop_drop.rb): objects, not hashes. A filter
reads one through the methods it asks for (`respond_to?`): its text is its class's name
(`Drop#to_s`, which `inspect` and `to_json` also give), it has no `size` (0), `first` and
`last` are its own properties, `[]` reads a property (so `map: "index"` finds it), and
array filters take it as the one item of a list (`InputIterator`).

python-liquid's loop objects are Mappings, so its filters took them for hashes: `inspect`
and `jsonify` failed and took the loop's whole output with them, `size` counted their
keys, `append` printed `ForLoopx` or a Python repr. Every filter's input and arguments
pass through `as_ruby_drop` first (`drops_as_ruby_sees_them`), so one view of the object
serves them all, including filters added later. There too, Jekyll's filters that only
enumerate (`where`, `group_by`, `sample`, …) hand back what they cannot enumerate, as
Jekyll's do: a drop, text, a number.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sitegen.liquid.filter_flags import with_filter_flags

__all__ = ["LOOP_DROPS", "RubyDrop", "as_ruby_drop", "drops_as_ruby_sees_them"]

LOOP_DROPS = {
    ("liquid.builtin.tags.for_tag", "ForLoop"): "Liquid::ForloopDrop",
    ("liquid.builtin.tags.tablerow_tag", "TableRow"): "Liquid::TablerowloopDrop",
}
"""python-liquid's `forloop` and `tablerowloop`, by module and class (importing them here
would import python-liquid), and the Ruby class each stands for."""

_LOOP_PROPERTIES = {
    "Liquid::ForloopDrop": (
        "name",
        "length",
        "index",
        "index0",
        "rindex",
        "rindex0",
        "first",
        "last",
        "parentloop",
    ),
    "Liquid::TablerowloopDrop": (
        *("length", "index", "index0", "rindex", "rindex0", "first", "last"),
        *("col", "col0", "col_first", "col_last", "row"),
    ),
}
"""The methods each drop answers to in Ruby (liquid/forloop_drop.rb, tablerowloop_drop.rb),
read by name: python-liquid's loop object is its own iterator, so iterating it as a
Mapping would step the loop on (a `forloop | inspect` ended the loop it was in)."""

_ITEM_FILTERS = frozenset({"first", "last"})
"""Filters Ruby answers from the drop's own method of that name (`array.first if
array.respond_to?(:first)`): a loop's `first` and `last` are whether this is the first
or last iteration."""

_UNLESS_ENUMERABLE = frozenset(
    {"where", "where_exp", "find", "find_exp", "group_by", "group_by_exp", "sample"}
)
"""Jekyll's filters that hand back an input they cannot enumerate unchanged (filters.rb,
filters/grouping_filters.rb: `return input unless input.respond_to?(:select)`, `:find`,
`:group_by`, `:sample`): a drop, text, a number, nil. Only arrays, hashes and ranges
(and the Mappings that stand for Jekyll's drops) respond to them."""


@dataclass(frozen=True, slots=True)
class RubyDrop:
    """A Ruby Liquid drop as its filters see it (see the module)."""

    class_name: str
    """Ruby's class name: its text, `inspect` and JSON."""
    properties: Mapping[str, Any]
    """Its methods Liquid may call (`index`, `first`, `length`, …), read when the filter
    was called."""

    def __str__(self) -> str:
        return self.class_name

    def __getitem__(self, key: object) -> Any:
        """`Drop#[]`: a property by its name, nil for any other key."""
        return self.properties.get(key) if isinstance(key, str) else None


def as_ruby_drop(value: Any) -> Any:
    """`value` as Ruby's filters see it: a loop object as a `RubyDrop`, anything else as it is."""
    name = LOOP_DROPS.get((type(value).__module__, type(value).__name__))
    if name is None or not isinstance(value, Mapping):
        return value
    return RubyDrop(
        name, {key: read for key in _LOOP_PROPERTIES[name] if (read := _property(value, key)) is not None}
    )


def _property(loop: Mapping[str, Any], key: str) -> Any:
    try:
        return loop[key]
    except KeyError:  # a property this version of python-liquid does not have
        return None


def drops_as_ruby_sees_them(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter of `filters`, its input and arguments passed through `as_ruby_drop`."""
    return {name: _reading_drops(name, function) for name, function in filters.items()}


def _reading_drops(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def reading(left: Any, *arguments: Any, **options: Any) -> Any:
        left = as_ruby_drop(left)
        if isinstance(left, RubyDrop) and name in _ITEM_FILTERS:
            return left[name]
        if name in _UNLESS_ENUMERABLE and not isinstance(left, list | tuple | range | Mapping):
            return left
        return function(left, *(as_ruby_drop(argument) for argument in arguments), **options)

    return with_filter_flags(reading, function)
