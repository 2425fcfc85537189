"""A filter that fails in its own code is one problem of its tag, as in Jekyll.

python-liquid handles the errors of its own kind (`LiquidError`) where a tag renders: the
tag prints nothing, the file names it at its line, and the rest renders. Anything else a
filter raises (Ruby's `ArgumentError` for a `date` format ending in `%`, reproduced as
`StrftimeError`; a Python `TypeError` for an input no filter expected) went past that
and lost every output of the file. Each filter is wrapped so such an exception is a
`FilterError` naming the filter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from liquid.exceptions import FilterError, LiquidError

from sitegen.liquid.filter_flags import with_filter_flags

__all__ = ["contained_filters", "readable"]


def contained_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter, its failures other than Liquid's own raised as `FilterError`."""
    return {name: _contained(name, function) for name, function in filters.items()}


def _contained(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def contained(left: Any, *arguments: Any, **options: Any) -> Any:
        try:
            return function(left, *arguments, **options)
        except (LiquidError, RecursionError, MemoryError):
            raise
        except Exception as error:  # the filter's own failure: one problem of its tag
            raise FilterError(f"{name}: {_plain_message(error, arguments)}", token=None) from None

    return with_filter_flags(contained, function)


def _plain_message(error: Exception, arguments: tuple[Any, ...]) -> str:
    """What went wrong in words a site's author reads, as Ruby Liquid says it where it
    can (`divided by 0`, `wrong number of arguments`), not Python's own text
    (`[<class 'decimal.InvalidOperation'>]`, `where() missing 1 required positional
    argument`)."""
    if isinstance(error, ArithmeticError):
        return "divided by 0" if any(argument == 0 for argument in arguments) else "a number out of range"
    return readable(str(error))


_PYTHON_TEXT = re.compile(r"<class |\bobject\b(?!\.?\Z)|__\w+__|\w\(\)")
"""What only Python says: a class, an object's type, a dunder or a function's name
(an `object` that ends the text is Ruby's: `Cannot sort a null object.`)."""


def readable(message: str) -> str:
    """`message`, unless it is Python's own text about its values, which says nothing
    to a site's author (`'int' object is not subscriptable`): then what it means."""
    if re.search(r"\(\) (?:takes|missing|got) ", message):
        return "wrong number of arguments"  # as Ruby says it
    if not message or _PYTHON_TEXT.search(message):
        return "an input or argument of a kind it cannot read"
    return message
