"""`{{ … }}` printing as Jekyll prints: Ruby's `to_s` of the value (`ruby_to_s`).

Kept apart from `sitegen.liquid.ruby_values` because it extends python-liquid, which
takes a sixth of a second to import: a build whose posts use no Liquid still converts
settings with `liquid_value` and must not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liquid.builtin.output import Output, OutputNode

from sitegen.liquid.budget import check_size
from sitegen.liquid.ruby_values import ruby_to_s

if TYPE_CHECKING:
    from typing import TextIO

    from liquid import RenderContext


class RubyOutputNode(OutputNode):
    """`{{ … }}` printing its value with Ruby's `to_s` (see the module)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        value = self.expression.evaluate(context)
        check_size(value)  # `{{ (1..100000000) }}` is refused before it is made text
        return buffer.write(ruby_to_s(value))


class RubyOutput(Output):
    """Replaces python-liquid's output statement (registered under the same name)."""

    node_class = RubyOutputNode
