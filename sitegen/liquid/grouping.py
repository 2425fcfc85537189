"""Jekyll's grouping filters (jekyll/filters/grouping_filters.rb): `group_by` and
`group_by_exp`, each giving `{"name", "items", "size"}` hashes in first-seen order.

Only what has Ruby's `group_by` is grouped (an array, a range, a hash as its
`[key, value]` pairs); anything else (nil, text, a number) is given back unchanged.
`group_by` groups by the property's `to_s` (`item_property`, so `"1.50"` and `"1.5"` are
one group `1.5`, and a list's name is its `inspect`, `["news"]`). `group_by_exp` renders
a Liquid expression (`post.date | date: '%Y'`) per item with the item bound to the
variable, and groups by the value itself (Ruby's hash keys: `1` and `1.0` are two groups,
and the name is that value). The expression is read as `Liquid::Variable` reads it
(leniently: `x.n ==` is `x.n`), in the render's own context, so `site` and `page` are
visible too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions import FilteredExpression, tokenize
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token
from liquid.undefined import Undefined

from sitegen.liquid.item_property import item_property
from sitegen.liquid.lax_tags import lax_output
from sitegen.liquid.ruby_values import ruby_inspect, ruby_string

if TYPE_CHECKING:
    from liquid import RenderContext

__all__ = ["group_by", "group_by_exp"]

_EXPRESSION = Token(TOKEN_EXPRESSION, "", 0, "")


def _groupable(value: Any) -> list[Any] | None:
    """The items Ruby's `group_by` walks, or None where the value has no `group_by`."""
    if isinstance(value, Mapping):
        return [[key, each] for key, each in value.items()]
    if isinstance(value, list | tuple | range):
        return list(value)
    return None


def _grouped(keyed: list[tuple[str, Any, Any]]) -> list[dict[str, Any]]:
    """`grouped_array`: one hash per distinct key (its first name), in first-seen order."""
    names: dict[str, Any] = {}
    groups: dict[str, list[Any]] = {}
    for key, name, item in keyed:
        names.setdefault(key, name)
        groups.setdefault(key, []).append(item)
    return [{"name": names[key], "items": items, "size": len(items)} for key, items in groups.items()]


def group_by(value: Any, name: Any) -> Any:
    """`group_by`: by the property's `to_s`."""
    items = _groupable(value)
    if items is None:
        return value
    keyed = []
    for item in items:
        text = ruby_string(item_property(item, name, "group_by"))
        keyed.append((text, text, item))
    return _grouped(keyed)


@with_context
def group_by_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    """`group_by_exp`: by the expression's value, with the item bound to `variable`."""
    items = _groupable(value)
    if items is None:
        return value
    parsed = _expression(context, expression)
    name = ruby_string(variable)
    keyed = []
    for item in items:
        with context.extend({name: item}):
            found = parsed.evaluate(context)
        found = None if isinstance(found, Undefined) else found  # a missing value is nil
        # Ruby's `eql?`: values of two kinds (1 and 1.0, 1 and "1") are two groups.
        keyed.append((type(found).__name__ + ruby_inspect(found), found, item))
    return _grouped(keyed)


def _expression(context: RenderContext, expression: Any) -> Any:
    """The expression as `Liquid::Variable.new` reads it, or the tag's syntax error."""
    text = ruby_string(expression)
    read = lax_output(text)
    source = text if read is None else read
    try:
        return FilteredExpression.parse(context.env, TokenStream(tokenize(source, _EXPRESSION)))
    except LiquidError as error:
        message = str(error.message) if error.message is not None else type(error).__name__
        raise LiquidSyntaxError(f"group_by_exp: cannot read '{text}': {message}", token=None) from None
