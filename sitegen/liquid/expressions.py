"""Jekyll's filters that evaluate a Liquid condition per item, and `sample`.

`where_exp` and `find_exp` (jekyll/lib/jekyll/filters.rb) parse their expression as
Liquid's `{% if %}` condition (`parse_condition`: comparisons joined by `and`/`or`,
grouped from the right) and evaluate it with the item bound to the variable, in the
render's own context (so `site` and `page` are visible too). Here the expression is
read once as python-liquid's `{% if %}` tag reads its condition (`BooleanExpression`), so
both filters have exactly the engine's comparison rules. An expression that cannot be
read is an error of the filter's own tag, as Jekyll raises it there ("Liquid syntax error
(line N)"): it is raised, never handed to the environment's error handling, which
would record it against the expression's own text, not the page's line.

`sample` picks at random in Jekyll; here the pick is seeded by the items themselves, so
two builds of one site are byte-identical.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions import BooleanExpression, tokenize
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token

from sitegen.liquid.ruby_conditions import with_ruby_comparisons

if TYPE_CHECKING:
    from liquid import RenderContext


def items_of(value: Any) -> list[Any]:
    """An input as the list a filter walks: a hash's values, one value as a list of one."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


@with_context
def where_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> list[Any]:
    """filters.rb `where_exp`: the items for which the condition holds."""
    condition = _condition(context, "where_exp", expression)
    name = str(variable)
    return [item for item in items_of(value) if _holds(condition, context, name, item)]


@with_context
def find_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    """filters.rb `find_exp`: the first item for which the condition holds, else nil."""
    condition = _condition(context, "find_exp", expression)
    name = str(variable)
    return next((item for item in items_of(value) if _holds(condition, context, name, item)), None)


def _condition(context: RenderContext, filter_name: str, expression: Any) -> BooleanExpression:
    """The condition read, or a `LiquidSyntaxError` without a token: the tag that called
    the filter is given it where the error is handled, so the problem is named there."""
    text = str(expression)
    try:
        condition = BooleanExpression.parse(context.env, TokenStream(tokenize(text, _EXPRESSION)))
    except LiquidError as error:
        message = str(error.message) if error.message is not None else type(error).__name__
        raise LiquidSyntaxError(f"{filter_name}: cannot read '{text}': {message}", token=None) from None
    with_ruby_comparisons(condition)  # a `BooleanExpression` stays itself, its parts change
    return condition


_EXPRESSION = Token(TOKEN_EXPRESSION, "", 0, "")
"""The expression's parent token: a condition of a filter argument stands in no text."""


def _holds(condition: BooleanExpression, context: RenderContext, variable: str, item: Any) -> bool:
    with context.extend({variable: item}):
        return bool(condition.evaluate(context))


def sample(value: Any, count: Any = 1) -> Any:
    """filters.rb `sample`: one item of an array (nil when empty), or a list of `count`;
    anything else unchanged. Seeded by the items' text: the same input, the same pick."""
    if not isinstance(value, (list, tuple)):
        return value
    items = list(value)
    try:
        wanted = int(count)
    except (TypeError, ValueError):
        wanted = 1
    seed = hashlib.blake2b("\0".join(_seed_text(item) for item in items).encode("utf-8", "replace"))
    chooser = random.Random(seed.digest())
    if wanted == 1:
        return chooser.choice(items) if items else None
    return chooser.sample(items, max(0, min(wanted, len(items))))


def _seed_text(item: Any) -> str:
    """An item's identity for the seed: a document's URL, else its text."""
    if isinstance(item, Mapping):
        return str(item.get("url") or item.get("path") or item.get("title") or "")
    return str(item)
