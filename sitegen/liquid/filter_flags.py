"""The flags python-liquid reads from a filter, carried over to a filter wrapping it.

A module of its own, importing nothing of python-liquid: the modules that wrap filters
are imported by every build (`sitegen.liquid.ruby_drops` through the post drops), and
python-liquid takes a tenth of a second or more to import, which a site without Liquid
(and each of its rebuilds) should not pay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_FILTER_FLAGS = ("with_context", "with_environment")


def with_filter_flags(wrapper: Callable[..., Any], function: Callable[..., Any]) -> Callable[..., Any]:
    """`wrapper` carrying the flags python-liquid reads from the filter it wraps
    (`with_context`, `with_environment`), which a filter that is an object has on its
    class, where `functools.wraps` does not look."""
    for flag in _FILTER_FLAGS:
        if getattr(function, flag, False):
            setattr(wrapper, flag, True)
    return wrapper
