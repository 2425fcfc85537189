"""Filter inputs as Ruby Liquid reads them: ranges as arrays, values as Ruby's text.

`(1..5)` is a Ruby `Range`, which Liquid's array filters read item by item
(`liquid/standardfilters.rb`: `InputIterator` keeps any `Enumerable` as it is, and
`first`, `last` and `size` call the range's own methods, so `{{ (3..1) | first }}` is 3):
`{{ (1..5) | sort | join: "," }}`
prints "1,2,3,4,5", and its filters of text read a range as Ruby's `to_s` writes it
(`{{ (1..3) | append: "x" }}` is "1..3x"). python-liquid's range literal is a Python
`range`, which its sequence filters take as one item and its text filters as
"range(1, 4)". The filters below get a list, or the range's Ruby text, instead.

Likewise a text filter given nil, a list, a hash or a boolean reads Ruby's `to_s` of it
(`{{ page.tags | upcase }}` is `["A", "B"]`, `{{ true | append: "!" }}` is `true!`), not
Python's (`['A', 'B']`, `True!`), and so do the filters that read their text arguments
with `to_s` (`append: page.subtitle` with a blank subtitle appends nothing, not `None`);
the array filters flatten nested arrays and `join` writes nil as nothing; `uniq` tells
`1` and `true` apart; the arithmetic filters take a boolean as 0 and text by `to_i`
(`Utils.to_number`);
and `map` gives nil for an item without the key (`{{ site.posts | map: "image" |
compact }}` keeps only the posts that have one), where python-liquid gives a blank
that `compact` keeps; given a property, `compact`, `uniq`, `map` and `sort_natural` read
each item's as Ruby's `item[property]` (`sitegen.liquid.ruby_property_filters`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from sitegen.liquid.filter_flags import with_filter_flags
from sitegen.liquid.numbers import is_decimal_text
from sitegen.liquid.ruby_property_filters import PROPERTY_FILTERS, by_property, flattened, uniq_key
from sitegen.liquid.ruby_range import range_end, string_to_i
from sitegen.liquid.ruby_values import ruby_string, ruby_to_s

__all__ = ["ARRAY_FILTERS", "TEXT_FILTERS", "inputs_as_ruby_reads_them"]

ARRAY_FILTERS = frozenset(
    {"join", "sort", "sort_natural", "reverse", "uniq", "compact", "first", "last", "where", "map", "sum"}
)
"""Liquid's filters that read their input through `InputIterator` or a range's own methods."""

TEXT_FILTERS = frozenset(
    {
        "append", "prepend", "capitalize", "downcase", "upcase", "strip", "lstrip", "rstrip",
        "strip_html", "strip_newlines", "newline_to_br", "replace", "replace_first", "remove",
        "remove_first", "split", "escape", "escape_once",
        "url_encode", "url_decode", "slugify", "xml_escape", "cgi_escape",
        "uri_escape", "markdownify", "smartify", "number_of_words", "normalize_whitespace",
        "remove_last", "replace_last", "base64_encode", "base64_decode",
        "base64_url_safe_encode", "base64_url_safe_decode",
    }
)  # fmt: skip
"""Liquid's and Jekyll's filters that read their input with `to_s`."""

TEXT_ARGUMENT_FILTERS = frozenset(
    {
        "append", "prepend", "replace", "replace_first", "remove", "remove_first", "split", "join",
        "array_to_sentence_string", "replace_last", "remove_last",
    }
)  # fmt: skip
"""Liquid's and Jekyll's filters that read their text arguments with `to_s` too
(`append: nil` appends nothing, `join: true` joins with `true`); the others read an
argument their own way (`slugify`'s mode, a length)."""

MATH_FILTERS = frozenset(
    {"plus", "minus", "times", "divided_by", "modulo", "abs", "ceil", "floor", "round", "at_least", "at_most"}
)
"""Liquid's filters that read numbers by `Utils.to_number`, which makes a boolean 0."""


def inputs_as_ruby_reads_them(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """The `ARRAY_FILTERS`, `TEXT_FILTERS`, `TEXT_ARGUMENT_FILTERS`, `MATH_FILTERS`,
    `slice` and the `PROPERTY_FILTERS` among `filters`, each taking its input (and its arguments, where
    Ruby reads them so) as Ruby Liquid reads it; call it before any bound is put on the filters
    (`sitegen.liquid.budget.bounded_filters`), so a range too long is refused before it
    is made a list."""
    read: dict[str, Callable[..., Any]] = {}
    for name, function in filters.items():
        if name in ("first", "last"):
            read[name] = _range_end_or(function, last=name == "last")
        elif name == "join":
            read[name] = _reading(function, _joinable)
        elif name == "sort":  # Jekyll's `sort` is `Array#sort`: nested arrays compare as arrays
            read[name] = _reading(function, lambda value: list(value) if isinstance(value, range) else value)
        elif name == "uniq":
            read[name] = _ruby_uniq(function)
        elif name in ARRAY_FILTERS:
            read[name] = _reading(function, _listed)
        elif name in TEXT_FILTERS:
            read[name] = _reading(function, _ruby_text)
        elif name == "slice":  # an array is sliced as an array, anything else as text
            read[name] = _reading(
                function, lambda value: value if isinstance(value, list | tuple) else _ruby_text(value)
            )
    for name in TEXT_ARGUMENT_FILTERS & filters.keys():
        read[name] = _arguments_read(read.get(name, filters[name]), _ruby_text)
    for name in MATH_FILTERS & filters.keys():
        read[name] = _arguments_read(_reading(filters[name], _number), _number)
    for name in PROPERTY_FILTERS & read.keys():
        read[name] = by_property(name, read[name])
    return read


def _number(value: Any) -> Any:
    """`Utils.to_number` of a boolean is 0 (python-liquid counted `true` as 1), and of
    text that is not a decimal its `to_i` (`"1x"` is 1, where python-liquid failed);
    a decimal's text python-liquid reads as Ruby's `BigDecimal`, exactly."""
    if isinstance(value, bool | list | tuple | dict):  # no `to_number`: 0
        return 0
    if isinstance(value, str) and not is_decimal_text(value):
        return string_to_i(value)
    return value


def _arguments_read(function: Callable[..., Any], convert: Callable[[Any], Any]) -> Callable[..., Any]:
    """`function` given `convert` of each argument (`append: nil` appends nothing)."""

    @functools.wraps(function)
    def reading(left: Any, *given: Any, **options: Any) -> Any:
        return function(left, *(convert(argument) for argument in given), **options)

    return with_filter_flags(reading, function)


def _listed(value: Any) -> Any:
    """The input as `InputIterator` reads it: a range's items, an array flattened."""
    if isinstance(value, range):
        return list(value)
    if isinstance(value, list | tuple) and any(isinstance(item, list | tuple) for item in value):
        return flattened(value)
    return value


def _ruby_text(value: Any) -> Any:
    """Ruby's `to_s` of nil (""), a range, list, hash or boolean (`ruby_string`); other
    values (text, numbers, drops) as they are, each filter reading those as Ruby does."""
    if value is None or isinstance(value, list | tuple | dict | range | bool):
        return ruby_string(value)
    return value


def _joinable(value: Any) -> Any:
    """What `Array#join` writes of each item: nested arrays joined in place, nil as
    nothing, booleans `true`/`false`, a hash as Ruby writes it, a float as `Float#to_s`
    (python-liquid wrote `None`, `True`, `{'a': 1}`, `inf`)."""
    if isinstance(value, range):
        return list(value)
    if value is None:  # `InputIterator`: `Array(nil)` is empty, anything else one item
        return []
    items = flattened(value) if isinstance(value, list | tuple) else [value]
    return [
        item if isinstance(item, str | int) and not isinstance(item, bool) else ruby_to_s(item)
        for item in items
    ]


def _ruby_uniq(function: Callable[..., Any]) -> Callable[..., Any]:
    """`Array#uniq` tells items apart as Ruby's `eql?` does: `1`, `1.0` and `true` are
    three items (Python's `==` made `true` a duplicate of `1` and dropped it)."""

    @functools.wraps(function)
    def uniq(left: Any, *arguments: Any, **options: Any) -> Any:
        left = _listed(left)
        if arguments or options or not isinstance(left, list | tuple):
            return function(left, *arguments, **options)
        seen: set[tuple[str, Any]] = set()
        kept = []
        for item in left:
            if (key := uniq_key(item)) not in seen:
                seen.add(key)
                kept.append(item)
        return kept

    return with_filter_flags(uniq, function)


def _reading(function: Callable[..., Any], convert: Callable[[Any], Any]) -> Callable[..., Any]:
    """`function` given `convert` of its input."""

    @functools.wraps(function)
    def reading(left: Any, *arguments: Any, **options: Any) -> Any:
        return function(convert(left), *arguments, **options)

    return with_filter_flags(reading, function)


def _range_end_or(function: Callable[..., Any], *, last: bool) -> Callable[..., Any]:
    """`first` and `last` of a range are its ends (`Range#first`, `Range#last`), even
    when it has no items: `{{ (3..1) | first }}` is 3."""

    @functools.wraps(function)
    def end(left: Any, *arguments: Any, **options: Any) -> Any:
        if isinstance(left, range):
            return range_end(left) if last else left.start
        return function(left, *arguments, **options)

    return with_filter_flags(end, function)
