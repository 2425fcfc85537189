"""Ranges where Ruby Liquid takes them as arrays.

`(1..5)` is a Ruby `Range`, which Liquid's array filters read item by item
(`liquid/standardfilters.rb`: `InputIterator` keeps any `Enumerable` as it is, and
`first`, `last` and `size` call the range's own methods): `{{ (1..5) | sort | join: "," }}`
prints "1,2,3,4,5", and its filters of text read a range as Ruby's `to_s` writes it
(`{{ (1..3) | append: "x" }}` is "1..3x"). python-liquid's range literal is a Python
`range`, which its sequence filters take as one item and its text filters as
"range(1, 4)". The filters below get a list, or the range's Ruby text, instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from sitegen.liquid.budget import with_filter_flags
from sitegen.liquid.ruby_values import ruby_to_s

__all__ = ["ARRAY_FILTERS", "TEXT_FILTERS", "ranges_as_ruby_reads_them"]

ARRAY_FILTERS = frozenset(
    {"join", "sort", "sort_natural", "reverse", "uniq", "compact", "first", "last", "where", "map", "sum"}
)
"""Liquid's filters that read their input through `InputIterator` or a range's own methods."""

TEXT_FILTERS = frozenset(
    {
        "append", "prepend", "capitalize", "downcase", "upcase", "strip", "lstrip", "rstrip",
        "strip_html", "strip_newlines", "newline_to_br", "replace", "replace_first", "remove",
        "remove_first", "split", "truncate", "truncatewords", "escape", "escape_once",
        "url_encode", "url_decode", "slice", "slugify", "xml_escape", "cgi_escape",
        "uri_escape", "markdownify", "smartify", "number_of_words", "normalize_whitespace",
    }
)  # fmt: skip
"""Liquid's and Jekyll's filters that read their input with `to_s`."""


def ranges_as_ruby_reads_them(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """The `ARRAY_FILTERS` and `TEXT_FILTERS` among `filters`, each taking a range input
    as Ruby Liquid reads it; call it before any bound is put on the filters
    (`sitegen.liquid.budget.bounded_filters`), so a range too long is refused before it
    is made a list."""
    read: dict[str, Callable[..., Any]] = {}
    for name, function in filters.items():
        if name in ARRAY_FILTERS:
            read[name] = _reading(function, list)
        elif name in TEXT_FILTERS:
            read[name] = _reading(function, ruby_to_s)
    return read


def _reading(function: Callable[..., Any], convert: Callable[[range], Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def reading(left: Any, *arguments: Any, **options: Any) -> Any:
        return function(convert(left) if isinstance(left, range) else left, *arguments, **options)

    return with_filter_flags(reading, function)
