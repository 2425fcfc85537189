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
from collections.abc import Callable, Mapping
from typing import Any

from liquid.exceptions import FilterError, LiquidError

from sitegen.liquid.budget import with_filter_flags

__all__ = ["contained_filters"]


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
            raise FilterError(f"{name}: {error}", token=None) from None

    return with_filter_flags(contained, function)
