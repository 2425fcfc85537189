"""Only the filters Jekyll has: any other name is unknown, and passes its input through.

Jekyll 4.3 renders with Liquid's standard filters (liquid/standardfilters.rb, Liquid
5.4) and its own (lib/jekyll/filters.rb and filters/*.rb); a filter neither defines is
unknown, and Liquid, without `strict_filters`, leaves the value as it was:
`{{ (1..3) | sum }}` prints `1..3` and `{{ 12 | sum }}` 12. python-liquid adds filters
of its own (`sum`, `reject`, `has`, `squish`, `safe`, `escapejs`, `find_index`), which
printed what Jekyll never does (6 for that range); they are taken away here. `h` is
Liquid's other name for `escape`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["JEKYLL_FILTER_NAMES", "jekylls_filters"]

JEKYLL_FILTER_NAMES = frozenset(
    [
        "abs",
        "absolute_url",
        "append",
        "array_to_sentence_string",
        "at_least",
        "at_most",
        "base64_decode",
        "base64_encode",
        "base64_url_safe_decode",
        "base64_url_safe_encode",
        "capitalize",
        "ceil",
        "cgi_escape",
        "compact",
        "concat",
        "date",
        "date_to_long_string",
        "date_to_rfc822",
        "date_to_string",
        "date_to_xmlschema",
        "default",
        "divided_by",
        "downcase",
        "escape",
        "escape_once",
        "find",
        "find_exp",
        "first",
        "floor",
        "group_by",
        "group_by_exp",
        "h",
        "inspect",
        "join",
        "jsonify",
        "last",
        "lstrip",
        "map",
        "markdownify",
        "minus",
        "modulo",
        "newline_to_br",
        "normalize_whitespace",
        "number_of_words",
        "plus",
        "pop",
        "prepend",
        "push",
        "relative_url",
        "remove",
        "remove_first",
        "remove_last",
        "replace",
        "replace_first",
        "replace_last",
        "reverse",
        "round",
        "rstrip",
        "sample",
        "sassify",
        "scssify",
        "shift",
        "size",
        "slice",
        "slugify",
        "smartify",
        "sort",
        "sort_natural",
        "split",
        "strip",
        "strip_html",
        "strip_index",
        "strip_newlines",
        "times",
        "to_integer",
        "truncate",
        "truncatewords",
        "uniq",
        "unshift",
        "upcase",
        "uri_escape",
        "url_decode",
        "url_encode",
        "where",
        "where_exp",
        "xml_escape",
    ]
)
"""`Liquid::StandardFilters` and `Jekyll::Filters`' public methods."""


def jekylls_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """The filters among `filters` that Jekyll has, with `h` for `escape`."""
    kept = {name: function for name, function in filters.items() if name in JEKYLL_FILTER_NAMES}
    if "escape" in kept:
        kept.setdefault("h", kept["escape"])
    return kept
