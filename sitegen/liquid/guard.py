"""One failing tag inside a block costs that tag alone, not the rest of the block.

python-liquid's tolerant mode catches an error per top-level node: an `{% include %}`
that fails inside `{% if %}…{% endif %}` or a `{% for %}` loop takes every word after it
in that block with it. sitegen promises that a broken tag is left out and the text
around it kept, so every node inside every block of a parsed template is wrapped in a
guard that reports its error to the environment (as the top level does) and goes on.
Loop control (`break`, `continue`) and `StopRender` are not errors and pass through.
"""

from __future__ import annotations

from typing import TextIO

from liquid import RenderContext
from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidError


class _Guarded(Node):
    """A node rendered inside an error boundary."""

    __slots__ = ("inner",)

    def __init__(self, inner: Node) -> None:
        super().__init__(inner.token)
        self.inner = inner
        self.blank = inner.blank

    def __str__(self) -> str:
        return str(self.inner)

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        try:
            return self.inner.render(context, buffer)
        except LiquidError as error:
            context.env.error(error, token=self.inner.token)
            return 0


def guard_blocks(nodes: list[Node]) -> None:
    """Wrap, in place, every node inside every block below `nodes` (the top level itself
    is already guarded by the template's own loop)."""
    seen: set[int] = set()
    pending: list[object] = list(nodes)
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, BlockNode):
            node.nodes = [child if isinstance(child, _Guarded) else _Guarded(child) for child in node.nodes]
            pending.extend(child.inner for child in node.nodes if isinstance(child, _Guarded))
        for slot in _slots(type(node)):
            value = getattr(node, slot, None)
            if isinstance(value, Node):
                pending.append(value)
            elif isinstance(value, list | tuple):
                pending.extend(item for item in value if isinstance(item, Node))


def _slots(kind: type) -> tuple[str, ...]:
    names: list[str] = []
    for cls in kind.__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names.extend((slots,) if isinstance(slots, str) else slots)
    return tuple(name for name in names if name not in ("token", "blank", "inner"))
