"""`<`, `>`, `<=`, `>=` and `contains` in a condition, as Ruby Liquid 5.4 compares.

Ruby's `Condition` (liquid/condition.rb) orders two values only when both respond to
the operator (numbers, text, times, dates), and `contains` only when the left side
responds to `include?` (text, an array, a hash, a range); else the condition is nil, so
false. A drop (`forloop`, `tablerowloop`, `sitegen.liquid.ruby_drops.RubyDrop`), an
array, nil or a boolean responds to neither: `{% if forloop < 1 %}`, `{% if forloop
contains "index" %}` and `{% if 3 contains forloop %}` are false. Two values that both
order but not with each other (text and a number) are Ruby's `ArgumentError`
("comparison of String with 1 failed"), an error of the tag. `include?` is Ruby's too:
text holds the right side's `to_s` (`"true" contains true`), an array an item Ruby's
`==` finds (`true` is not 1), a range a number it covers.

python-liquid raised a type error naming its Python classes for a drop, an array, a
number on the left of `contains`, and two times (`page.date < site.time`), and made
`"a" <= 1` false. `==` and `!=` need nothing here (a drop equals only itself, as
Ruby's `Object#==` says: `RubyDrop.__eq__`), but for `blank`, which nothing equals
(`_NoSuchMethod`).

The conditions of `if`, `elsif`, `unless` and of `where_exp`/`find_exp` are rewritten
once, when parsed (`with_ruby_comparisons`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from liquid.ast import ConditionalBlockNode, Node
from liquid.builtin.expressions.logical import (
    ContainsExpression,
    GeExpression,
    GtExpression,
    LeExpression,
    LtExpression,
    is_truthy,
)
from liquid.builtin.expressions.primitive import Blank
from liquid.builtin.tags.if_tag import IfNode, IfTag
from liquid.builtin.tags.unless_tag import UnlessNode, UnlessTag
from liquid.exceptions import LiquidTypeError
from liquid.expression import Expression
from liquid.token import Token

from sitegen.liquid.item_property import ruby_class
from sitegen.liquid.ruby_values import ruby_inspect, ruby_string

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream

__all__ = ["RubyIfTag", "RubyUnlessTag", "with_ruby_comparisons"]


_PLAIN = frozenset({int, float, str})
"""Classes whose values Python orders as Ruby does among their own kind."""


def _order_kind(value: object) -> str | None:
    """Which of Ruby's classes with `<` the value is of (None: it has no `<`). A time
    and a date do not compare (`Time#<=>` of a `Date` is nil)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime):
        return "time"
    return "date" if isinstance(value, date) else None


def _ruby_order(token: Token, compare: Callable[[Any, Any], Any], left: object, right: object) -> bool:
    """`left.send(op, right)` when both respond to it, else false (see the module)."""
    kind, other = _order_kind(left), _order_kind(right)
    if kind is None or other is None:
        return False
    if kind == other:
        try:
            return bool(compare(left, right))
        except TypeError:  # a time with a zone and one without: Ruby's never lack one
            pass
    shown = ruby_inspect(right) if other == "number" else ruby_class(right)
    raise LiquidTypeError(f"comparison of {ruby_class(left)} with {shown} failed", token=token)


class _RubyOrdering:
    """`<`, `>`, `<=` or `>=` (`compare`) as Ruby orders (`_ruby_order`); mixed in before
    python-liquid's expression of the same operator, whose parts it reads."""

    __slots__ = ()
    left: Expression
    right: Expression
    token: Token
    compare: ClassVar[Callable[[Any, Any], Any]]

    def evaluate(self, context: RenderContext) -> object:
        left, right = self.left.evaluate(context), self.right.evaluate(context)
        compare = type(self).compare
        if type(left) is type(right) and type(left) in _PLAIN:  # the usual case, at once
            return compare(left, right)
        return _ruby_order(self.token, compare, left, right)


class _RubyLt(_RubyOrdering, LtExpression):
    __slots__ = ()
    compare = operator.lt


class _RubyGt(_RubyOrdering, GtExpression):
    __slots__ = ()
    compare = operator.gt


class _RubyLe(_RubyOrdering, LeExpression):
    __slots__ = ()
    compare = operator.le


class _RubyGe(_RubyOrdering, GeExpression):
    __slots__ = ()
    compare = operator.ge


class _RubyContains(ContainsExpression):
    """`contains` as condition.rb's: false unless both sides are truthy and the left
    side has `include?` (see `_ruby_contains`)."""

    __slots__ = ()

    def evaluate(self, context: RenderContext) -> object:
        left, right = self.left.evaluate(context), self.right.evaluate(context)
        return is_truthy(left) and is_truthy(right) and _ruby_contains(left, right)


def _ruby_contains(left: object, right: object) -> bool:
    """`left.include?(right)`: text holds `right.to_s` (`"true" contains true`); an array
    holds an item `==` to it (never `true` for 1, nor a loop's drop for another); a hash
    has it as a key; a range covers it. Anything else has no `include?`: false."""
    if isinstance(left, str):
        return ruby_string(right) in left
    if isinstance(left, list | tuple):
        return any(_ruby_equal(item, right) for item in left)
    if isinstance(left, Mapping):
        try:
            return right in left
        except TypeError:  # an unhashable key: no hash has it
            return False
    if isinstance(left, range):
        number = _order_kind(right) == "number"
        return number and len(left) > 0 and left[0] <= right <= left[-1]  # type: ignore[operator]
    return False


def _ruby_equal(item: object, other: object) -> bool:
    """Ruby's `==`: a boolean equals only the same boolean, arrays item by item."""
    if isinstance(item, bool) or isinstance(other, bool):
        return item is other
    if isinstance(item, list | tuple) and isinstance(other, list | tuple):
        return len(item) == len(other) and all(map(_ruby_equal, item, other))
    return item == other


_RUBY: dict[type[Expression], type[Expression]] = {
    LtExpression: _RubyLt,
    GtExpression: _RubyGt,
    LeExpression: _RubyLe,
    GeExpression: _RubyGe,
    ContainsExpression: _RubyContains,
}
_OPERANDS = ("expression", "left", "right")
"""Where python-liquid's condition expressions hold their parts (`BooleanExpression`,
`and`/`or`/`not`, the comparisons)."""


class _NoSuchMethod:
    """What `x == blank` finds in Ruby Liquid 5.4 without ActiveSupport (Jekyll loads
    none): `equal_variables` asks the other side for `blank?`, which no value has, and
    gets nil. So `== blank` is never true (`""`, `[]`, nil included) and `!= blank`
    always is, where python-liquid's `blank` equalled empty and blank text."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__

    def __str__(self) -> str:
        return ""


_NO_BLANK_METHOD = _NoSuchMethod()


class _RubyBlank(Expression):
    """The `blank` literal of a condition, as Ruby compares it (`_NoSuchMethod`)."""

    __slots__ = ()

    def evaluate(self, context: RenderContext) -> object:
        return _NO_BLANK_METHOD

    def children(self) -> list[Expression]:
        return []


def with_ruby_comparisons(expression: Expression) -> Expression:
    """`expression` (a condition just parsed) with Ruby's comparisons in place of
    python-liquid's, at any depth; the tree is changed in place and returned."""
    if isinstance(expression, Blank):
        return _RubyBlank(expression.token)
    for name in _OPERANDS:
        part = getattr(expression, name, None)
        if isinstance(part, Expression):
            setattr(expression, name, with_ruby_comparisons(part))
    ruby = _RUBY.get(type(expression))
    if ruby is None:
        return expression
    comparison: Expression = ruby(expression.token, expression.left, expression.right)  # type: ignore[attr-defined,call-arg]
    return comparison


def _conditions_as_ruby(condition: Expression, alternatives: list[ConditionalBlockNode]) -> Expression:
    for alternative in alternatives:
        alternative.expression = with_ruby_comparisons(alternative.expression)
    return with_ruby_comparisons(condition)


class RubyIfTag(IfTag):
    """`{% if %}` and its `elsif`s comparing as Ruby's (see the module)."""

    def parse(self, stream: TokenStream) -> Node:
        node = super().parse(stream)
        if isinstance(node, IfNode):
            node.condition = _conditions_as_ruby(node.condition, node.alternatives)
        return node


class RubyUnlessTag(UnlessTag):
    """`{% unless %}` and its `elsif`s comparing as Ruby's (see the module)."""

    def parse(self, stream: TokenStream) -> Node:
        node = super().parse(stream)
        if isinstance(node, UnlessNode):
            node.condition = _conditions_as_ruby(node.condition, node.alternatives)
        return node
