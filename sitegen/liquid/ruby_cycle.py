"""`{% cycle %}` as Ruby Liquid 5.4 cycles (liquid/tags/cycle.rb).

A cycle's place is kept per key in the render's registers. A group (`{% cycle "g": a,
b %}`) is its key, evaluated when the tag renders (a loop's drop by identity: each loop
cycles its own). Without one, the key is Ruby's `@variables.to_s`, the `inspect` of the
values as parsed: for literals alone the same
text in every tag that writes the same values (`["a", "b"]`), so such tags share one
cycle; but a variable is a `VariableLookup` object, whose `inspect` holds its address,
so a tag with any variable among its values has a key of its own, and each such tag
starts at its first value (`{% cycle "a", b %}` written three times prints `aaa`, and
cycles only as one tag repeated in a loop). python-liquid keyed every tag by its values
as evaluated, which made tags with variables share a cycle. A `nil` value is dropped
while the tag is parsed (`compact`), which `sitegen.liquid.lax_tags` writes out.

The place moves on as Ruby moves it (`iteration += 1`, back to 0 once at or past the
number of values); a place past this tag's values, left by a longer tag of the same key,
prints nothing. A value prints with `to_s`, an array joined (`ruby_to_s`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions.path import Path
from liquid.builtin.expressions.primitive import Nil
from liquid.builtin.tags.cycle_tag import CycleNode, CycleTag
from liquid.undefined import is_undefined

from sitegen.liquid.budget import check_size
from sitegen.liquid.ruby_drops import RubyDrop
from sitegen.liquid.ruby_values import ruby_inspect, ruby_to_s

if TYPE_CHECKING:
    from typing import TextIO

    from liquid import RenderContext
    from liquid.expression import Expression

__all__ = ["RubyCycleTag"]


class RubyCycleNode(CycleNode):
    """A cycle keyed and stepped as Ruby's (see the module)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        values = [value for value in self.args if not isinstance(value, Nil)]
        places: dict[object, int] = context.tag_namespace["cycles"]
        key = self._key(context, values)
        place = places.get(key, 0)
        value = _defined(values[place].evaluate(context)) if place < len(values) else None
        places[key] = 0 if place + 1 >= len(values) else place + 1
        check_size(value)
        return buffer.write(ruby_to_s(value))

    def _key(self, context: RenderContext, values: list[Expression]) -> object:
        """Ruby's key: the group's value; else the literals' `inspect`, or, where a
        value is a variable, one of this tag's own."""
        if self.group is not None:
            group = _defined(self.group.evaluate(context))
            if isinstance(group, str | RubyDrop):  # a drop is a key by identity, as in Ruby
                return group
            return ("value", ruby_inspect(group))
        if any(_has_lookup(value) for value in values):
            return ("tag", id(self))
        return ruby_inspect([value.evaluate(context) for value in values])


def _defined(value: Any) -> Any:
    return None if is_undefined(value) else value


def _has_lookup(expression: Expression) -> bool:
    if isinstance(expression, Path):
        return True
    return any(_has_lookup(child) for child in expression.children())


class RubyCycleTag(CycleTag):
    """Replaces python-liquid's `cycle` (registered under the same name)."""

    node_class = RubyCycleNode
