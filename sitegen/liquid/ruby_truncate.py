"""Liquid's `truncate` and `truncatewords` as Ruby Liquid 5.4 writes them
(liquid/standardfilters.rb), where python-liquid's differ when the length is shorter
than the ellipsis (`"abcdef" | truncate: 2, "xyz"` is `xyz`, not `abcdexyz`) or not
positive (`truncate: -1` is `...`; `truncatewords: -1` keeps one word), and on what a
word is: Ruby splits on ASCII whitespace only, so an ideographic space (U+3000) inside a
Chinese headline is part of a word, not between two."""

from __future__ import annotations

import re
from typing import Any

from sitegen.liquid.ruby_values import ruby_string

__all__ = ["ruby_truncate", "ruby_truncatewords"]

_ASCII_SPACE = re.compile(r"[ \t\n\v\f\r]+")


def ruby_truncate(value: Any, length: Any = 50, ellipsis: Any = "...") -> Any:
    """`truncate`: the text cut to `length` characters, the ellipsis counted in them."""
    if value is None:  # `return if input.nil?`, before the length is read
        return None
    text, end = ruby_string(value), _to_integer(length)
    mark = ruby_string(ellipsis)
    if len(text) <= end:
        return text
    return text[: max(end - len(mark), 0)] + mark


def ruby_truncatewords(value: Any, words: Any = 15, ellipsis: Any = "...") -> Any:
    """`truncatewords`: the first `words` words (at least one), joined by single spaces,
    and the ellipsis, or the text as it is when it has no more words than that."""
    if value is None:  # `return if input.nil?`, before the count is read
        return None
    text, count = ruby_string(value), max(_to_integer(words), 1)
    pieces = _ASCII_SPACE.split(text.lstrip(" \t\n\v\f\r"), maxsplit=count)
    if len(pieces) <= count:
        return text
    return " ".join(pieces[:count]) + ruby_string(ellipsis)


_INTEGER = re.compile(r"[ \t\n\v\f\r]*[-+]?[0-9]+(?:_[0-9]+)*[ \t\n\v\f\r]*")


def _to_integer(value: Any) -> int:
    """`Utils.to_integer`: an integer as it is, else Ruby's `Integer(value.to_s)`, which
    takes decimal digits (and `_` between them) and refuses a float or other text:
    Liquid's "invalid integer"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if isinstance(value, bool) or not _INTEGER.fullmatch(text):
        raise ValueError("invalid integer")
    return int(text.replace("_", ""))
