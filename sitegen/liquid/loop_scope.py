"""Where a template reads a variable: a loop's `forloop` or `tablerowloop` met as Ruby's drop.

python-liquid's loop objects are Mappings that step the loop when iterated. Every tag
reads a variable through the render context's `get` (`if`, `unless`, `case`/`when`,
`for`, `tablerow`, `cycle`, `assign`, `capture`, `include`'s parameters, `{{ … }}`, a
filter's input and arguments), so a loop object found there was compared, iterated or
counted as a hash: `{% for k in forloop %}` stepped the loop it was in, `{% if forloop
== forloop %}` iterated both, `forloop.size` was 9. Here every value a lookup yields,
at every step of its path (`forloop.parentloop.index`), is a loop's drop
(`sitegen.liquid.ruby_drops.RubyDrop`) where it was python-liquid's loop object, however
that object reached the scope (`for`, `tablerow`, `render … for`). The loop tags step
their own object, which no template can reach.
"""

from __future__ import annotations

from typing import Any

from liquid.token import Token
from liquid.undefined import UNDEFINED

from sitegen.liquid.budget import BudgetedContext, BudgetedTemplate
from sitegen.liquid.ruby_drops import LOOP_DROPS

__all__ = ["JekyllTemplate"]


class _DropScopeContext(BudgetedContext):
    """A render context whose lookups give Ruby's loop drops (see the module)."""

    __slots__ = ()

    def get(self, path: list[object], *, token: Token | None, default: object = UNDEFINED) -> object:
        value: Any = super().get(path, token=token, default=default)
        drop = LOOP_DROPS.get(type(value))  # `as_ruby_drop` inlined: every lookup passes here
        return value if drop is None else drop(value)

    def get_item(self, obj: Any, key: Any) -> Any:
        """A step of a lookup's path: a loop read as its drop (`forloop.size` is nil)."""
        drop = LOOP_DROPS.get(type(obj))
        return super().get_item(obj if drop is None else drop(obj), key)


class JekyllTemplate(BudgetedTemplate):
    """A template whose lookups give Ruby's loop drops, with a loop budget
    (`sitegen.liquid.budget`)."""

    context_class = _DropScopeContext
