"""Liquid's `replace_last`, `remove_last` and `split` as Ruby Liquid 5.4 writes them
`escape`, `escape_once` and the base64 decoders (liquid/standardfilters.rb), where python-liquid's differ.

python-liquid's `remove_last` kept its input whole when the last match began it
(`{{ "abc" | remove_last: "a" }}` printed `abc`; Ruby's `rindex` finds it at 0 and
removes it), and its `split` kept the empty pieces after the last separator, where
Ruby's `String#split` drops them (`{{ "a,b," | split: "," | size }}` is 2, not 3). The
input and the arguments arrive as Ruby's `to_s` of them (`sitegen.liquid.ruby_inputs`).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from sitegen.liquid.ruby_values import ruby_string

__all__ = [
    "base64_decode",
    "base64_url_safe_decode",
    "escape",
    "escape_once",
    "remove_last",
    "replace_last",
    "split",
]

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


def base64_decode(value: Any) -> str:
    """`Base64.strict_decode64(input.to_s)`: padded text of the alphabet only, else
    Liquid's "invalid base64" (python-liquid's said Python's codec error, or printed
    nothing). Bytes that are not UTF-8 print as U+FFFD, as every page writes them."""
    return _decoded(ruby_string(value), "base64_decode")


def base64_url_safe_decode(value: Any) -> str:
    """`Base64.urlsafe_decode64(input.to_s)`: `-_` for `+/`, the padding optional."""
    text = ruby_string(value)
    if not text.endswith("=") and len(text) % 4:
        text += "=" * (-len(text) % 4)
    return _decoded(text.replace("-", "+").replace("_", "/"), "base64_url_safe_decode")


def _decoded(text: str, name: str) -> str:
    try:
        encoded = text.encode("ascii")
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, UnicodeEncodeError):
        data = None
    # Ruby's strict decoder also refuses bits left over past the last byte (`a+/=`):
    # only the one text that encodes the bytes is read.
    if data is None or base64.b64encode(data) != encoded:
        raise ValueError(f"invalid base64 provided to {name}")
    return data.decode("utf-8", "replace")
