"""`for` and `tablerow` take `limit` and `offset` as Ruby Liquid takes them.

Ruby Liquid (`liquid/tags/for.rb` `collection_segment`, `liquid/tags/table_row.rb`,
`liquid/utils.rb` `slice_collection`) keeps the items whose index `i` has
`from <= i` and, given a limit, `i < from + limit`: a negative or zero limit gives no
items, a negative offset starts at the first. `for` reads each value with
`Utils.to_integer` (an integer as it is, nil as no limit and offset 0, text by Ruby's
`Integer()`, anything else "invalid integer", a float too); `tablerow` with `to_i`
(nil is 0, so `limit: nil` gives no items, text its leading digits, a float cut). A
`for` remembers `from` plus the items it took for a later `offset: continue`.

python-liquid (liquid/builtin/expressions/loop.py) passed a negative limit to
`itertools.islice`, whose Python `ValueError` failed the tag, took `limit: 0` for no
limit, `limit: 2.5` for 2 and `limit: nil` for an error. And Ruby's `tablerow` writes
its row (`<tr class="row1">` … `</tr>`) around no items too, where python-liquid wrote
nothing; without `cols` it has no last column, where python-liquid counted the items.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import islice
from typing import TextIO

from liquid import RenderContext
from liquid.ast import Node
from liquid.builtin.expressions import LoopExpression
from liquid.builtin.expressions.primitive import IntegerLiteral, StringLiteral
from liquid.builtin.tags.for_tag import ForNode, ForTag
from liquid.builtin.tags.tablerow_tag import TablerowNode, TablerowTag
from liquid.exceptions import LiquidTypeError
from liquid.stream import TokenStream
from liquid.undefined import Undefined

from sitegen.liquid.ruby_range import string_to_i

__all__ = ["RubyForTag", "RubyTablerowTag", "ruby_integer"]

_SPACE = "[ \t\n\v\f\r]*"
_INTEGER = re.compile(
    _SPACE
    + r"[-+]?(?:0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB][01]+(?:_[01]+)*|0[oO]?[0-7]+(?:_[0-7]+)*"
    + r"|0[dD][0-9]+(?:_[0-9]+)*|[1-9][0-9]*(?:_[0-9]+)*|0)"
    + _SPACE
)
_PREFIXES = {"x": 16, "b": 2, "o": 8, "d": 10}


def ruby_integer(text: str) -> int | None:
    """Ruby's `Integer(text)`: decimal, `0x`, `0b`, `0o` or a leading `0` (octal)
    digits with `_` between them, spaces around; `None` for anything else."""
    if _INTEGER.fullmatch(text) is None:
        return None
    digits = text.strip(" \t\n\v\f\r").replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0":
        base = _PREFIXES.get(digits[1].lower(), 8)
        digits = digits[2:] if digits[1].lower() in _PREFIXES else digits[1:]
        return sign * int(digits, base)
    return sign * int(digits)


def _missing(value: object) -> bool:
    return value is None or isinstance(value, Undefined)


def _to_integer(value: object) -> int:
    """`Utils.to_integer`: "invalid integer" for all but an integer and integer text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = ruby_integer(value) if isinstance(value, str) else None
    if number is None:
        raise LiquidTypeError("invalid integer", token=None)
    return number


def _to_i(value: object) -> int:
    """`to_i` of what `tablerow` reads: nil is 0, text its leading digits, a float cut."""
    if _missing(value):
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return string_to_i(value)
    if isinstance(value, float) and math.isfinite(value):
        return math.trunc(value)
    raise LiquidTypeError("invalid integer", token=None)


class _RubyLoop(LoopExpression):
    """A loop expression slicing as Ruby Liquid's `for` (or `tablerow`) slices."""

    __slots__ = ("tablerow",)

    def __init__(self, loop: LoopExpression, *, tablerow: bool) -> None:
        super().__init__(
            loop.token,
            loop.identifier,
            loop.iterable,
            limit=loop.limit,
            offset=loop.offset,
            reversed_=loop.reversed,
            cols=loop.cols,
        )
        self.tablerow = tablerow

    def evaluate(self, context: RenderContext) -> tuple[Iterator[object], int]:
        items, length = self._to_iter(self.iterable.evaluate(context), context)
        key = f"{self.identifier}-{self.iterable}"
        start = self._start(context, key)
        stop: int | None = None
        if self.limit is not None:
            limit = self.limit.evaluate(context)
            if self.tablerow:
                stop = start + _to_i(limit)
            elif not _missing(limit):
                stop = start + _to_integer(limit)
        first = min(max(start, 0), length)
        last = length if stop is None else min(max(stop, first), length)
        if not self.tablerow:
            context.stopindex(key=key, index=start + last - first)
        taken = islice(items, first, last)
        return (reversed(list(taken)) if self.reversed else taken), last - first

    def _start(self, context: RenderContext, key: str) -> int:
        if self.offset is None:
            return 0
        if isinstance(self.offset, StringLiteral) and self.offset.value == "continue":
            # `tablerow` reads `continue` as a variable (nil, so 0) (table_row.rb)
            return 0 if self.tablerow else context.stopindex(key)
        offset = self.offset.evaluate(context)
        if self.tablerow:
            return _to_i(offset)
        return 0 if _missing(offset) else _to_integer(offset)


class RubyForTag(ForTag):
    """`{% for %}` slicing as Ruby Liquid's (see the module)."""

    def parse(self, stream: TokenStream) -> Node:
        node = super().parse(stream)
        assert isinstance(node, ForNode)
        node.expression = _RubyLoop(node.expression, tablerow=False)
        return node


class _RubyTablerowNode(TablerowNode):
    """A `tablerow` writing its row around no items as Ruby's does; nothing for nil."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        _, length = self.expression.evaluate(context)
        if length:
            return super().render_to_output(context, buffer)
        collection = self.expression.iterable.evaluate(context)
        if _missing(collection) or collection is False:
            return 0
        buffer.write('<tr class="row1">\n</tr>\n')
        return 1


class RubyTablerowTag(TablerowTag):
    """`{% tablerow %}` slicing as Ruby Liquid's (see the module)."""

    node_class = _RubyTablerowNode

    def parse(self, stream: TokenStream) -> TablerowNode:
        node = super().parse(stream)
        node.expression = _RubyLoop(node.expression, tablerow=True)
        if node.expression.cols is None:
            # Ruby's `cols` without one is `nil.to_i`, 0: no column is the last, so
            # `tablerowloop.col_last` is false (python-liquid took the length for it).
            node.expression.cols = IntegerLiteral(node.expression.token, 0)
        return node
