"""A loop's `forloop` or `tablerowloop` as Ruby's Liquid sees it: a drop, not a hash.

In Ruby's Liquid they are drops (`Liquid::ForloopDrop`, `Liquid::TablerowloopDrop`,
liquid/forloop_drop.rb, liquid/tablerowloop_drop.rb): objects, not hashes. A tag or a
filter reads one only through the methods it asks for: its properties by name (anything
else, `size` too, is nil), its text its class's name (`Drop#to_s`, which `inspect` and
`to_json` also give); it equals only itself, has no `each` (a `for` over it runs its
`else`), no `include?` (`contains` is false) and no `<`. A filter asks with
`respond_to?`: no `size` (0), `first` and `last` its own properties, `[]` a property (so
`map: "index"` finds it), and array filters take it as the one item of a list
(`InputIterator`).

python-liquid's loop objects are Mappings that step their loop when iterated, so its
tags and filters took them for hashes: `inspect` or `{% for k in forloop %}` ended the
loop they were in, `==` iterated both sides, `size` counted keys, `append` printed
`ForLoopx`. A template meets only `RubyDrop`, given by every lookup
(`sitegen.liquid.loop_scope`); the comparisons Ruby makes of it are
`sitegen.liquid.ruby_conditions`'. Jekyll's filters that only enumerate (`where`,
`group_by`, `sample`, …) hand back what they cannot enumerate, as Jekyll's do: a drop,
text, a number (`drops_as_ruby_sees_them`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from liquid.builtin.tags.for_tag import ForLoop
from liquid.builtin.tags.tablerow_tag import TableRow

from sitegen.liquid.filter_flags import with_filter_flags

__all__ = [
    "LOOP_DROPS",
    "ForloopDrop",
    "RubyDrop",
    "TablerowloopDrop",
    "as_ruby_drop",
    "drops_as_ruby_sees_them",
]

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


class RubyDrop:
    """A Ruby Liquid loop drop, as every tag, output and filter sees it (see the module).

    A view of python-liquid's loop object, never a copy: Ruby's drop is one object the
    loop steps on (`increment!`), so a drop assigned in one iteration reads the next
    one's index, and after the loop its last state. Two views of one loop are one drop
    (`==` is Ruby's `Object#==`, identity; a cycle group keys on it the same way). Each
    subclass is named as Ruby's class is, so a message that names a value's class
    (python-liquid's `found ForloopDrop`) names Ruby's."""

    __slots__ = ("_loop",)

    class_name: ClassVar[str]
    """Ruby's class name: its text, `inspect` and JSON."""
    properties: ClassVar[frozenset[str]]
    """The methods Liquid may call on it (liquid/forloop_drop.rb, tablerowloop_drop.rb):
    read by name, since python-liquid's loop object is its own iterator and iterating it
    as a Mapping steps the loop on."""

    def __init__(self, loop: Mapping[str, Any]) -> None:
        self._loop = loop
        """python-liquid's loop object, read by key only."""

    def __str__(self) -> str:
        return self.class_name

    def __repr__(self) -> str:
        return self.class_name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RubyDrop) and other._loop is self._loop

    def __hash__(self) -> int:
        return id(self._loop)

    def __getitem__(self, key: object) -> Any:
        """`Drop#[]` (`invoke_drop`): one of the drop's methods by its name, nil for any
        other key (`size`, an index, a key python-liquid adds). `parentloop` is the
        enclosing `for`'s drop, or nil outside one."""
        if not isinstance(key, str) or key not in self.properties:
            return None
        try:
            value = self._loop[key]
        except KeyError:  # a property this version of python-liquid does not have
            return None
        if key == "parentloop":
            parent = as_ruby_drop(value)
            return parent if isinstance(parent, RubyDrop) else None
        return value


class ForloopDrop(RubyDrop):
    """`forloop` (`Liquid::ForloopDrop`)."""

    __slots__ = ()
    class_name = "Liquid::ForloopDrop"
    properties = frozenset(
        {"name", "length", "index", "index0", "rindex", "rindex0", "first", "last", "parentloop"}
    )


class TablerowloopDrop(RubyDrop):
    """`tablerowloop` (`Liquid::TablerowloopDrop`): no `name` nor `parentloop`."""

    __slots__ = ()
    class_name = "Liquid::TablerowloopDrop"
    properties = frozenset(
        {"length", "index", "index0", "rindex", "rindex0", "first", "last"}
        | {"col", "col0", "col_first", "col_last", "row"}
    )

    def __getitem__(self, key: object) -> Any:
        """Without columns (`cols` nil or 0) a table is one row in Ruby; python-liquid's
        loop, stepped before its first item, counted a second."""
        if key == "row" and getattr(self._loop, "ncols", None) == 0:
            return 1
        return super().__getitem__(key)


LOOP_DROPS: dict[type[Any], type[RubyDrop]] = {ForLoop: ForloopDrop, TableRow: TablerowloopDrop}
"""python-liquid's `forloop` and `tablerowloop` (by exact class), and the drop each is."""


def as_ruby_drop(value: Any) -> Any:
    """`value` as Ruby's Liquid sees it: a loop object as its `RubyDrop`, anything else as it is."""
    drop = LOOP_DROPS.get(type(value))
    return value if drop is None else drop(value)


def drops_as_ruby_sees_them(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter of `filters`, answering for a drop input as Ruby's filter does where
    that differs from the filter's own reading (`first`, `last`, the enumerating filters)."""
    return {name: _reading_drops(name, function) for name, function in filters.items()}


def _reading_drops(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def reading(left: Any, *arguments: Any, **options: Any) -> Any:
        if isinstance(left, RubyDrop) and name in _ITEM_FILTERS:
            return left[name]
        if name in _UNLESS_ENUMERABLE and not isinstance(left, list | tuple | range | Mapping):
            return left
        return function(left, *arguments, **options)

    return with_filter_flags(reading, function)
