"""Bounds on what one file's Liquid may cost, so a runaway file is one error, not a hung
or killed build.

python-liquid's own limits (set on the environment in `sitegen.liquid.engine`) bound
each loop's iterations, counting the loops around it, each output buffer and how deep
includes nest. They leave three ways for one file to run the build out of time or
memory, each closed here:

- **Loops one after another.** A thousand `{% for i in (1..999999) %}` loops in a row
  each stay under the per-loop limit; together they take hours. Every loop a render
  starts draws its length from one budget for the whole file (`RENDER_ITERATIONS`).
- **Values that double.** `{% assign s = s | append: s %}` in a loop reaches gigabytes
  in thirty steps while the output stays empty; the environment's namespace limit
  (`NAMESPACE_LIMIT`) stops it.
- **Ranges and values made whole.** `(1..100000000)` is lazy, but `join`, `sort` or
  `{{ … }}` make it a list or text of that many items at once, and `split` makes a list
  of a text's every character. A range or list longer than `VALUE_ITEMS`, a text longer
  than `TEXT_CHARACTERS` or a number above `INTEGER_BITS` is refused where a filter or an
  output statement receives it, before it is made whole, and where a filter makes it.

Ruby Liquid (Jekyll) has none of these bounds: a file that reaches one would take
minutes or gigabytes there too. Each is far above what a page of a large site needs (a
listing over 100,000 posts with five tags each starts 600,000 iterations).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping, Sized
from io import StringIO
from typing import Any, TextIO

from liquid import BoundTemplate, RenderContext
from liquid.exceptions import LoopIterationLimitError, ResourceLimitError
from liquid.output import LimitedStringIO

from sitegen.jekyll.lone_surrogates import replace_in_text
from sitegen.liquid.filter_flags import with_filter_flags
from sitegen.liquid.numbers import integer_size
from sitegen.liquid.ruby_range import range_item

__all__ = [
    "INTEGER_BITS",
    "NAMESPACE_LIMIT",
    "RENDER_ITERATIONS",
    "TEXT_CHARACTERS",
    "VALUE_ITEMS",
    "BudgetSpent",
    "BudgetedContext",
    "BudgetedTemplate",
    "bounded_filters",
    "check_size",
]

RENDER_ITERATIONS = 1_000_000
"""Loop iterations one render of a file may run, all its loops (and includes') together."""

VALUE_ITEMS = 1_000_000
"""Items of a range or list that a filter or `{{ … }}` may take."""

TEXT_CHARACTERS = 10_000_000
"""Characters of a text a filter or `{{ … }}` may take or make (`split` makes up to one
item of about 50 bytes per character)."""

INTEGER_BITS = 4_096
"""Bits of a whole number a filter may take or make: `times` squaring a number thirty
times makes one of a billion digits, minutes of arithmetic."""

NAMESPACE_LIMIT = 50_000_000
"""python-liquid's score (about the bytes, by `sys.getsizeof`) of a file's assigned values."""


class BudgetSpent(LoopIterationLimitError):
    """The file's loops ran out of `RENDER_ITERATIONS`: a problem of the whole file,
    said once however many loops meet it."""


class BudgetedContext(RenderContext):
    """A render context whose loops draw on one budget shared by the whole render: the
    root context (the one `render` made) keeps the count; includes and `where_exp` run
    in it or in copies that lead back to it."""

    __slots__ = ("iterations",)

    def __init__(self, template: BoundTemplate, **options: Any) -> None:
        super().__init__(template, **options)
        self.iterations = 0

    def raise_for_loop_limit(self, length: int = 1) -> None:
        super().raise_for_loop_limit(length)
        root: RenderContext = self
        while root.parent_context is not None:
            root = root.parent_context
        if isinstance(root, BudgetedContext):
            root.iterations += length
            if root.iterations > RENDER_ITERATIONS:
                raise BudgetSpent(
                    f"loops of this file ran more than {RENDER_ITERATIONS:,} iterations in all", token=None
                )

    def get_item(self, obj: Any, key: Any) -> Any:
        """A range's items as Ruby Liquid reads them (`sitegen.liquid.ruby_range.range_item`),
        and an integer's `size`, `Integer#size` (`sitegen.liquid.numbers.integer_size`)."""
        if isinstance(obj, range):
            return range_item(obj, key)
        if isinstance(obj, int) and not isinstance(obj, bool) and key == "size":
            return integer_size(obj)
        return super().get_item(obj, key)

    def get_buffer(self, buf: TextIO | None = None) -> StringIO:
        carry = buf.size if isinstance(buf, LimitedStringIO) else 0
        return TextBuffer(limit=self.env.output_stream_limit or sys.maxsize, carry=carry)


class BudgetedTemplate(BoundTemplate):
    """A template whose every render has its own loop budget (see `BudgetedContext`)
    and writes to a `TextBuffer`."""

    context_class = BudgetedContext

    def _get_buffer(self) -> StringIO:
        return TextBuffer(limit=self.env.output_stream_limit or sys.maxsize)


class TextBuffer(LimitedStringIO):
    """python-liquid's bounded output buffer, which measures each write in UTF-8 bytes:
    a text with a lone surrogate (which UTF-8 cannot encode) failed that measure and,
    with it, the page's whole output. Here it is written with U+FFFD in the surrogate's
    place (`sitegen.jekyll.lone_surrogates`), whatever value or filter made it."""

    def __init__(self, limit: int, carry: int = 0) -> None:
        super().__init__(limit=limit - carry)

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except UnicodeEncodeError:
            return super().write(replace_in_text(text))


def check_size(value: object) -> None:
    """Refuse a range or list of more than `VALUE_ITEMS` items, a text of more than
    `TEXT_CHARACTERS` or a number of more than `INTEGER_BITS`, before anything makes it
    whole or larger. Raises
    `ResourceLimitError` (a `LiquidError`: the tag is one problem of the file)."""
    if isinstance(value, int):
        if value.bit_length() > INTEGER_BITS:
            raise ResourceLimitError(f"a number of more than {INTEGER_BITS:,} bits", token=None)
    elif isinstance(value, str):
        if len(value) > TEXT_CHARACTERS:
            raise ResourceLimitError(
                f"a text of {len(value):,} characters is more than {TEXT_CHARACTERS:,}", token=None
            )
    elif isinstance(value, Sized) and not isinstance(value, Mapping) and len(value) > VALUE_ITEMS:
        kind = "range" if isinstance(value, range) else "list"
        raise ResourceLimitError(f"a {kind} of {len(value):,} items is more than {VALUE_ITEMS:,}", token=None)


def bounded_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter, refusing an input, argument or result that `check_size` refuses
    (a result, so that no chain of filters grows a value step by step)."""
    return {name: _bounded(function) for name, function in filters.items()}


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def bounded(left: Any, *arguments: Any, **options: Any) -> Any:
        check_size(left)
        for argument in arguments:
            check_size(argument)
        result = function(left, *arguments, **options)
        check_size(result)
        return result

    return with_filter_flags(bounded, function)
