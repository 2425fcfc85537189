"""Liquid's `replace_last`, `remove_last` and `split` as Ruby Liquid 5.4 writes them
and `escape`, `escape_once` (liquid/standardfilters.rb), where python-liquid's differ.

python-liquid's `remove_last` kept its input whole when the last match began it
(`{{ "abc" | remove_last: "a" }}` printed `abc`; Ruby's `rindex` finds it at 0 and
removes it), and its `split` kept the empty pieces after the last separator, where
Ruby's `String#split` drops them (`{{ "a,b," | split: "," | size }}` is 2, not 3). The
input and the arguments arrive as Ruby's `to_s` of them (`sitegen.liquid.ruby_inputs`).
"""

from __future__ import annotations

import re
from typing import Any

from sitegen.liquid.ruby_values import ruby_string

__all__ = ["escape", "escape_once", "remove_last", "replace_last", "split"]

_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!(?:[a-zA-Z]+|#\d+);)")
"""Liquid's `HTML_ESCAPE_ONCE_REGEXP`: what `escape_once` escapes (an `&` that starts no
entity); an entity is kept as written, never decoded."""

_RUBY_WHITESPACE = re.compile(r"[ \t\n\v\f\r]+")
"""What `String#split(" ")` splits on (awk style): runs of ASCII whitespace."""


def escape(value: Any) -> str | None:
    """`escape`: `CGI.escapeHTML(input.to_s)`, an apostrophe as `&#39;` (python-liquid's
    was `&#x27;`); nil stays nil."""
    if value is None:
        return None
    return "".join(_HTML_ESCAPE.get(character, character) for character in ruby_string(value))


def escape_once(value: Any) -> str:
    """`escape_once`: as `escape`, but an entity already written (`&copy;`, `&#39;`) is
    kept (python-liquid decoded named ones first: `&copy;` became `©`)."""
    return _ESCAPE_ONCE.sub(lambda found: _HTML_ESCAPE[found.group()[0]], ruby_string(value))


def replace_last(value: Any, string: Any, replacement: Any = "") -> str:
    """`replace_last`: the last occurrence of `string` (found by `rindex`, so an empty
    `string` is found at the end) replaced by `replacement`."""
    text, found, new = ruby_string(value), ruby_string(string), ruby_string(replacement)
    start = text.rfind(found)
    if start < 0:
        return text
    return text[:start] + new + text[start + len(found) :]


def remove_last(value: Any, string: Any) -> str:
    """`remove_last`: `replace_last` with nothing."""
    return replace_last(value, string, "")


def split(value: Any, pattern: Any) -> list[str]:
    """`input.to_s.split(pattern.to_s)`: a single space splits on runs of whitespace,
    leading ones ignored; an empty pattern into characters; any other text where it
    occurs. Empty pieces at the end are dropped (Ruby's `split` with no limit)."""
    text, separator = ruby_string(value), ruby_string(pattern)
    if separator == " ":
        pieces = _RUBY_WHITESPACE.split(text.lstrip(" \t\n\v\f\r"))
    elif separator == "":
        pieces = list(text)
    else:
        pieces = text.split(separator)
    while pieces and pieces[-1] == "":
        pieces.pop()
    return pieces
