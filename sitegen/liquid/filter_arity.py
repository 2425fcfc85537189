"""A filter given the wrong number of arguments fails as Ruby says it.

Ruby Liquid calls a filter as a Ruby method, its input the first argument, the values
after `:` the rest, and any `key: value` arguments together one hash more
(liquid/variable.rb `evaluate_filter_expressions`); a count the method does not take
is Ruby's `ArgumentError`, which Jekyll prints as `Liquid error (line 1): wrong number
of arguments (given 1, expected 2)` (liquid/strainer_template.rb `invoke`). python-liquid
calls a Python function, whose own signature may take more or fewer (`slugify`'s, or a
default python-liquid adds) and whose failure read "could not be rendered with the
values it was given". Each filter is checked here against the arity of Ruby's method
before it is called.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from liquid.exceptions import FilterError

from sitegen.liquid.filter_flags import with_filter_flags

__all__ = ["RUBY_ARITY", "arity_checked", "arity_problem"]

#: (required, optional) parameters of each filter's Ruby method, the input counted, as
#: `Method#parameters` gives them for liquid 5.4's `Liquid::StandardFilters` and Jekyll
#: 4.3's `Jekyll::Filters` (none has a rest or keyword parameter).
_ARITIES: dict[tuple[int, int], str] = {
    (1, 0): (
        "abs absolute_url base64_decode base64_encode base64_url_safe_decode "
        "base64_url_safe_encode capitalize ceil cgi_escape date_to_rfc822 "
        "date_to_xmlschema downcase escape escape_once first floor h inspect jsonify last "
        "lstrip markdownify newline_to_br normalize_whitespace relative_url reverse rstrip "
        "sassify scssify size smartify strip strip_html strip_index strip_newlines "
        "to_integer upcase uri_escape url_decode url_encode xml_escape "
    ),
    (1, 1): (
        "array_to_sentence_string compact join number_of_words pop round sample shift "
        "slugify sort_natural uniq "
    ),
    (1, 2): ("date_to_long_string date_to_string default sort truncate truncatewords "),
    (2, 0): (
        "append at_least at_most concat date divided_by group_by map minus modulo plus "
        "prepend push remove remove_first remove_last split times unshift "
    ),
    (2, 1): ("replace replace_first slice "),
    (3, 0): ("find find_exp group_by_exp replace_last where where_exp "),
}
RUBY_ARITY: dict[str, tuple[int, int]] = {
    name: arity for arity, names in _ARITIES.items() for name in names.split()
}
"""The arity of the Ruby method behind each filter Jekyll has."""

#: The keyword arguments python-liquid adds for a filter that asks for them.
_INJECTED = frozenset(("context", "environment"))


def arity_problem(name: str, given: int) -> str | None:
    """Ruby's `ArgumentError` text for filter `name` called with `given` arguments (the
    input counted), or None where Ruby's method takes that many (or has no table entry)."""
    arity = RUBY_ARITY.get(name)
    if arity is None:
        return None
    required, optional = arity
    if required <= given <= required + optional:
        return None
    expected = f"{required}" if not optional else f"{required}..{required + optional}"
    return f"wrong number of arguments (given {given}, expected {expected})"


def arity_checked(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter, refusing a call Ruby's method of that name refuses, in Ruby's words."""
    return {name: _checked(name, function) for name, function in filters.items()}


def _checked(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    if name not in RUBY_ARITY:
        return function

    @functools.wraps(function)
    def checked(left: Any, *arguments: Any, **options: Any) -> Any:
        keywords = any(key not in _INJECTED for key in options)
        problem = arity_problem(name, 1 + len(arguments) + keywords)
        if problem is not None:
            raise FilterError(f"{name}: {problem}", token=None)
        return function(left, *arguments, **options)

    return with_filter_flags(checked, function)
