"""python-liquid's range expressions built as Ruby Liquid builds them
(`sitegen.liquid.ruby_range`): `(3..1)` kept descending, sides read by `to_integer`."""

from __future__ import annotations

import math
from typing import Any

from liquid.builtin.expressions.path import Path
from liquid.builtin.expressions.primitive import FloatLiteral, RangeLiteral
from liquid.exceptions import LiquidTypeError
from liquid.undefined import Undefined

from sitegen.liquid.ruby_range import InvalidInteger, range_bound

__all__ = ["use_ruby_ranges"]


def _ruby_range(self: RangeLiteral, start: Any, stop: Any) -> range:
    written = not isinstance(self.start, Path) and not isinstance(self.stop, Path)
    try:
        first, last = _bound(self.start, start, written), _bound(self.stop, stop, written)
    except InvalidInteger:
        raise LiquidTypeError("invalid integer", token=self.token) from None
    return range(first, last + 1)


def _bound(expression: object, value: Any, written: bool) -> int:
    """A range of two written values is made when it is read, with `to_i`, which cuts a
    float (`(1.5..3.7)` is 1..3); one with a variable on either side is made when
    rendered, where a float on either side is "invalid integer" (`range_bound`)."""
    if written and isinstance(expression, FloatLiteral) and isinstance(value, float) and math.isfinite(value):
        return math.trunc(value)
    return range_bound(None if isinstance(value, Undefined) else value)


def use_ruby_ranges() -> None:
    """Make python-liquid's range expressions Ruby's. python-liquid builds every range
    (in output, `for`, `assign`, conditions) in `RangeLiteral._make_range` alone, which
    collapses a descending one (liquid/builtin/expressions/primitive.py); sitegen is its
    only user in the process, so replacing that one method is enough and safe."""
    RangeLiteral._make_range = _ruby_range  # type: ignore[method-assign]
