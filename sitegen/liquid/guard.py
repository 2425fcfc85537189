"""One failing tag costs that tag alone, not the rest of its block or of its file.

python-liquid's tolerant mode catches an error per top-level node, and only an error of
its own kind (`LiquidError`): an `{% include %}` that fails inside `{% if %}…{% endif %}`
or a `{% for %}` loop took every word after it in that block with it, and any other
exception a tag raised while rendering (a Python `ValueError` from a value no code
expected) went past every node and lost every output of the file. sitegen promises that
a broken tag is left out and the text around it kept, so every node of a parsed
template, at the top level and inside every block, is wrapped in a guard that reports
its error to the environment and goes on; an exception not of Liquid's kind is reported
in words (`UNEXPECTED`), never with Python's own text about its values. Loop control
(`break`, `continue`) and `StopRender` are not errors and pass through, and so do
`RecursionError` and `MemoryError`, which are the whole render's problem.
"""

from __future__ import annotations

from typing import TextIO

from liquid import RenderContext
from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidError, LiquidInterrupt, StopRender
from liquid.token import TOKEN_TAG


class PassesThrough(Exception):
    """An exception a tag raises to be caught further out, past the tags around it (an
    include nested too deep, caught by the outermost include): never a tag's problem."""


UNEXPECTED = "could not be rendered with the values it was given"
"""What a tag that failed in a way no rule foresees is said to have done."""


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
        except (LiquidInterrupt, StopRender, PassesThrough, RecursionError, MemoryError):
            raise
        except Exception:  # no rule foresaw it: this tag's problem, said in words
            context.env.error(LiquidError(_unexpected(self.inner), token=self.inner.token))
        return 0


def _unexpected(node: Node) -> str:
    """`UNEXPECTED`, naming the tag (`for: …`) where the node is one."""
    name = node.token.value.split(maxsplit=1)[0] if node.token.kind == TOKEN_TAG and node.token.value else ""
    return f"{name}: {UNEXPECTED}" if name else UNEXPECTED


def guard_blocks(nodes: list[Node]) -> None:
    """Wrap, in place, every node of `nodes` and every node inside every block below them."""
    nodes[:] = [node if isinstance(node, _Guarded) else _Guarded(node) for node in nodes]
    seen: set[int] = set()
    pending: list[object] = [node.inner if isinstance(node, _Guarded) else node for node in nodes]
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
