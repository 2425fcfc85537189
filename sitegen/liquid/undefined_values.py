"""An undefined variable given to a filter is Ruby's nil.

Jekyll's Liquid looks up a missing variable or key as nil, and a filter sees nil
(`{{ site.posts | where: "category", page.category }}` on a post with no category keeps
only the posts whose category is nil; `slugify: site.slug_mode` without the setting
slugifies by the default mode). python-liquid hands a filter its `Undefined` object
instead, which its filters read their own way: `where` kept every post, `slugify` took
it for a mode that slugifies nothing, `round` made it `0.0`. Every filter gets nil for
it here, in its input and in each argument.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from liquid.undefined import is_undefined

from sitegen.liquid.filter_flags import with_filter_flags

__all__ = ["undefined_as_nil"]


def undefined_as_nil(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter of `filters`, given None where it was given an undefined value."""
    return {name: _nil_for_undefined(function) for name, function in filters.items()}


def _nil_for_undefined(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def filtered(left: Any, *arguments: Any, **options: Any) -> Any:
        return function(
            None if is_undefined(left) else left,
            *(None if is_undefined(argument) else argument for argument in arguments),
            **{key: None if is_undefined(value) else value for key, value in options.items()},
        )

    return with_filter_flags(filtered, function)
