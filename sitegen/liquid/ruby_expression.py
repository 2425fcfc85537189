"""A value as Ruby Liquid reads it (`Expression.parse`), written as python-liquid reads it.

Ruby Liquid turns the markup of a value into a literal or a variable lookup by a few
regexes (`liquid/expression.rb`, `variable_lookup.rb`, `range_lookup.rb`): a quoted
string, an integer, a range `(a..b)`, a float, `nil`/`true`/`blank`…, or else the parts
`[\\w-]+\\??` and `[…]` of a lookup, whatever lies between them (`page..title` is
`page.title`). `expression` writes that value in python-liquid's syntax, so markup Jekyll
reads leniently is rendered as Jekyll renders it. None means the value cannot be written
(a string holding both kinds of quote), or Ruby fails on it (`(true..2)`), so the markup
stays an error.

A variable name python-liquid cannot write as Ruby spells it (`x.y` assigned by
`{% assign x.y = 1 %}`, a name with a space from `{% increment a b %}`, a keyword such
as `limit`) is written as one reserved spelling (`variable_name`), the same for the tag
that sets it and the lookup that reads it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from sitegen.liquid.ruby_range import string_to_i
from sitegen.liquid.ruby_syntax import RUBY_SPACE, lookup_parts

_INTEGER = re.compile(r"-?\d+", re.ASCII)
_RANGE = re.compile(r"\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)", re.ASCII)
_FLOAT = re.compile(r"-?\d[\d.]+", re.ASCII)
_TO_F = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_BARE = re.compile(r"[A-Za-z_][\w-]*", re.ASCII)
_BARE_PART = re.compile(r"[A-Za-z_][\w-]*\??", re.ASCII)
#: python-liquid's keywords (`liquid/builtin/expressions/_tokenize.py`): a name it
#: cannot read bare, where Ruby reads any name.
_KEYWORDS = frozenset(
    {
        *("true", "false", "nil", "null", "empty", "blank", "and", "or", "contains", "not", "in"),
        *("offset", "limit", "reversed", "cols", "continue", "with", "for", "as", "if", "else", "required"),
    }
)
Value = str | int | float | bool | None
"""A literal as Ruby reads it; None is nil."""
_LITERALS: dict[str, Value] = {"nil": None, "null": None, "": None, "true": True, "false": False}
_NAMES = re.compile(r""""[^"]*"|'[^']*'|([A-Za-z_][\w-]*\??)""", re.ASCII)
_DEEPEST = 20
_MANGLED = "ʀ"
"""First letter of a reserved name: not ASCII, so no name Ruby reads can spell it."""
_NAMELESS = _MANGLED + "nil"
"""The name of a lookup that has none (`&&`): never defined (`variable_name` follows
`_MANGLED` with hex digits only), so it renders nil as Ruby's does."""


class Unwritable(Exception):
    """The value cannot be written for python-liquid, or Ruby fails on it."""


@dataclass(frozen=True, slots=True)
class _Written:
    """A lookup or range, already in python-liquid's syntax (`page.list[0]`, `(1..n)`)."""

    text: str


def expression(markup: str, *, condition: bool = False) -> str | None:
    """`Expression.parse(markup)` in python-liquid's syntax, or None when it cannot be
    written; `condition` for the operands of `if` and `when`, where `blank` and `empty`
    are Ruby's method literals (`Condition.parse_expression`, condition.rb)."""
    if condition and markup in ("blank", "empty"):
        return markup
    try:
        return _text(_parse(markup, 0))
    except Unwritable:
        return None


def names_a_keyword(markup: str) -> bool:
    """Whether a name in `markup` (outside quotes) is one of python-liquid's keywords,
    which its parser refuses as a name (`offset` in `{% case offset %}`)."""
    return any(name in _KEYWORDS for name in _NAMES.findall(markup) if name)


def filter_name(name: str) -> str | None:
    """A filter's name as python-liquid reads it; None for a name no filter has (`0`,
    `offset`): Jekyll passes the value through a filter it does not know."""
    return name if _BARE.fullmatch(name) and name not in _KEYWORDS else None


def variable_name(name: str) -> str:
    """A variable's name as python-liquid writes it, in a tag that sets it or a lookup."""
    if _BARE.fullmatch(name) and name not in _KEYWORDS:
        return name
    return _MANGLED + name.encode("utf-8").hex()


def _parse(markup: str, depth: int) -> Value | _Written:
    if depth > _DEEPEST:
        raise Unwritable("nested deeper than a real tag nests")
    markup = markup.strip(RUBY_SPACE)
    if (markup[:1] == '"' and markup.endswith('"')) or (markup[:1] == "'" and markup.endswith("'")):
        return markup[1:-1]
    if _INTEGER.fullmatch(markup):
        return int(markup)
    if match := _RANGE.fullmatch(markup):
        return _range(match.group(1), match.group(2), depth + 1)
    if _FLOAT.fullmatch(markup):
        number = _TO_F.match(markup)
        return float(number.group()) if number else 0.0
    if markup in _LITERALS:
        return _LITERALS[markup]
    if markup in ("blank", "empty"):
        return ""
    return _lookup(markup, depth + 1)


def _range(start: str, end: str, depth: int) -> _Written:
    """`RangeLookup.parse`: two literals are a range at once (`to_i` of each); a lookup
    on either side is converted when rendered (`to_integer`, which fails on a float)."""
    first, last = _parse(start, depth), _parse(end, depth)
    if isinstance(first, _Written) or isinstance(last, _Written):
        return _Written(f"({_side(first)}..{_side(last)})")
    return _Written(f"({_to_i(first)}..{_to_i(last)})")


def _side(value: Value | _Written) -> str:
    if isinstance(value, _Written):
        return value.text
    if isinstance(value, bool | float):
        raise Unwritable("Ruby's range of a float or boolean fails")
    return str(_to_i(value))


def _to_i(value: Value | _Written) -> int:
    """Ruby's `to_i` of a literal (`"12ab"` is 12, nil 0)."""
    if value is None:
        return 0
    if isinstance(value, bool | _Written):
        raise Unwritable("no to_i")  # `true.to_i`: Ruby fails while parsing
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Unwritable("no to_i")
        return math.trunc(value)
    if isinstance(value, int):
        return value
    return string_to_i(value)


def _lookup(markup: str, depth: int) -> Value | _Written:
    """`VariableLookup.new`: the first part is the name, the rest are keys. A name or key
    that no variable or hash can have (a number as the name, a float as the key) makes
    the lookup one of nil. A lookup with no part at all (`&&`) is still a lookup, of nil: not
    the literal `nil`, which a `cycle` drops (`compact`, cycle.rb) where it keeps this."""
    parts = lookup_parts(markup)
    if not parts:
        return _Written(_NAMELESS)
    name, keys = parts[0], parts[1:]
    if name.startswith("["):
        inner = _parse(name[1:-1], depth)
        if isinstance(inner, _Written):
            text = f"[{inner.text}]"
        elif isinstance(inner, str):
            text = variable_name(inner)
        else:
            return _Written(_NAMELESS)
    else:
        text = variable_name(name)
    for key in keys:
        if not key.startswith("["):
            bare = _BARE_PART.fullmatch(key) and key not in _KEYWORDS
            text += f".{key}" if bare else f"[{_quoted(key)}]"
            continue
        inner = _parse(key[1:-1], depth)
        if isinstance(inner, _Written):
            text += f"[{inner.text}]"
        elif isinstance(inner, str):
            text += f"[{_quoted(inner)}]"
        elif isinstance(inner, int) and not isinstance(inner, bool):
            text += f"[{inner}]"
        else:
            return _Written(_NAMELESS)
    return _Written(text)


def _text(value: Value | _Written) -> str:
    if isinstance(value, _Written):
        return value.text
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _quoted(value)


def _quoted(text: str) -> str:
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    raise Unwritable("a string with both kinds of quote")


def _float(value: float) -> str:
    """A float python-liquid reads back exactly (it has no exponent syntax)."""
    if not math.isfinite(value):
        raise Unwritable("an infinite float")
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(value), "f")
    return text if "." in text else text + ".0"
