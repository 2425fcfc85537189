"""Plain YAML scalars typed as Psych types them (psych/scalar_scanner.rb `tokenize`).

Jekyll reads front matter, `_data` and `_config.yml` with `Psych.safe_load` (utils.rb
`safe_load_yaml`), whose rules for nulls, booleans and numbers are not YAML 1.1's, which
PyYAML follows:

- `null`, `yes`, `true`, `on`, `no`, `false`, `off` in any case (`nULL`, `tRUe`), and `~`;
- base 60 read as `n * 60 ** (e - 2).abs` over at most three parts, so two parts are
  hours and minutes: `8:00` is 28800, `+08:00` 28800, `-1:00` -3600, `1:30.5` 5430.0;
- integers with `,` or `_` between digits (`1,000`), `0b`, `0x` and a leading `0` (octal);
- floats need a `.` (`1e3` is text) but not a digit after it (`5.` is 5.0), may hold
  `,` and `_` before it, and take `.inf`, `-.Inf`, `.NaN` in any case.

A tag (`!!int "0:30"`, `!!float 1`) does not fix the type in Psych (psych/visitors/
to_ruby.rb `deserialize`): the text, quoted or not, is typed as a plain scalar, and
`!!float` then converts that with Ruby's `Float()` (`!!float "1e3"` is 1000.0).
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections.abc import Callable
from typing import Any

import yaml

__all__ = ["install_psych_scalars"]

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"

# `tokenize`'s patterns, each anchored at both ends (PyYAML's resolver calls `match`).
# They never overlap, and none overlaps a timestamp's, so their order does not matter.
NULL = re.compile(r"(?:~|[nN][uU][lL][lL]|)\Z")
TRUE = re.compile(r"(?i:yes|true|on)\Z")
FALSE = re.compile(r"(?i:no|false|off)\Z")
BOOL = re.compile(rf"{TRUE.pattern}|{FALSE.pattern}")
_SEXAGESIMAL = r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}"
SEXAGESIMAL_INT = re.compile(rf"{_SEXAGESIMAL}\Z")
SEXAGESIMAL_FLOAT = re.compile(rf"{_SEXAGESIMAL}\.[0-9_]*\Z")
INTEGER = re.compile(r"[-+]?(?:0b[01_,]+|0[0-7_,]+|(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|0x[0-9a-fA-F_,]+)\Z")
"""`ScalarScanner::INTEGER`."""
DECIMAL_FLOAT = re.compile(r"(?![-+]?\.\Z)[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?\Z")
"""`ScalarScanner::FLOAT`, less the lone `.` `tokenize` keeps as text."""
INFINITY = re.compile(r"\+?\.(?i:inf)\Z")
MINUS_INFINITY = re.compile(r"-\.(?i:inf)\Z")
NAN = re.compile(r"\.(?i:nan)\Z")
INT = re.compile(rf"{SEXAGESIMAL_INT.pattern}|{INTEGER.pattern}")
FLOAT = re.compile(
    "|".join(p.pattern for p in (SEXAGESIMAL_FLOAT, DECIMAL_FLOAT, INFINITY, MINUS_INFINITY, NAN))
)
_PSYCH_TAGS = frozenset({NULL_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG})
_RESOLVERS = (
    (NULL_TAG, NULL, "~nN"),
    (BOOL_TAG, BOOL, "yYtToOnNfF"),
    (INT_TAG, INT, "-+0123456789"),
    (FLOAT_TAG, FLOAT, "-+.0123456789"),
)

_TO_I = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*")
_TO_F = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?")
_RUBY_FLOAT = re.compile(
    r"[ \t\n\v\f\r]*([-+]?(?:[0-9]+(?:_[0-9]+)*)?(?:\.[0-9]+(?:_[0-9]+)*)?"
    r"(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?)[ \t\n\v\f\r]*"
)
_DIGIT = re.compile("[0-9]")
_SEPARATORS = re.compile("[,_]")


class TooManyDigits(ValueError):
    """An integer with more digits than Python converts (`sys.get_int_max_str_digits`)."""


def psych_int(text: str) -> int:
    """The integer `tokenize` makes of a text `INT` matches. Raises ValueError where Ruby's
    `Integer()` raises (`0x,`: no digits), or where Python will not convert the digits."""
    if SEXAGESIMAL_INT.match(text):
        parts = text.split(":")
        return sum(_ruby_to_i(part) * 60 ** abs(place - 2) for place, part in enumerate(parts))
    digits = _SEPARATORS.sub("", text)
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("-+")
    if digits[:2] in ("0b", "0x"):
        return sign * int(digits[2:], 2 if digits[1] == "b" else 16)
    base = 8 if len(digits) > 1 and digits[0] == "0" else 10
    if base == 10 and len(digits) > sys.get_int_max_str_digits() > 0:
        raise TooManyDigits(text)
    return sign * int(digits, base)


def psych_float(text: str) -> float:
    """The float `tokenize` makes of a text `FLOAT` matches. Raises ValueError where
    Ruby's `Float()` raises on what is left once `,`, `_` and a `.` before an exponent or
    at the end are taken out (`.e+5`: no digits)."""
    if INFINITY.match(text) or MINUS_INFINITY.match(text) or NAN.match(text):
        return float(text.lower().replace(".", ""))
    if SEXAGESIMAL_FLOAT.match(text):
        total = 0.0
        for place, part in enumerate(text.split(":")):
            total += _ruby_to_f(part) * 60 ** abs(place - 2)
        return total
    return float(re.sub(r"[,_]|\.([Ee]|$)", r"\1", text))  # `e+5` raises, as in Ruby


def _ruby_to_i(text: str) -> int:
    """`String#to_i` of a part of a base-60 number: its leading digits."""
    found = _TO_I.match(text)
    digits = found[0].replace("_", "") if found else "0"
    if len(digits) > sys.get_int_max_str_digits() > 0:
        raise TooManyDigits(text)
    return int(digits)


def _ruby_to_f(text: str) -> float:
    """`String#to_f` of a part of a base-60 number: its leading decimal."""
    found = _TO_F.match(text)
    return float(found[0].replace("_", "")) if found else 0.0


def float_of(value: object) -> float:
    """Ruby's `Float(value)` of what `tokenize` gave: what `!!float` makes."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"can't convert {value!r} into Float")
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return math.copysign(math.inf, value)
    if isinstance(value, float):
        return value
    found = _RUBY_FLOAT.fullmatch(value) if isinstance(value, str) else None
    if found is None or not _DIGIT.search(found[1].partition("e")[0].partition("E")[0]):
        raise ValueError(f"invalid value for Float(): {value!r}")
    number = found[1].replace("_", "")
    if re.search(r"\.([eE]|$)", number):  # Ruby wants a digit after the point
        raise ValueError(f"invalid value for Float(): {value!r}")
    return float(number)


Constructor = Callable[[Any, yaml.ScalarNode], object]


def install_psych_scalars(loader: Any) -> None:
    """Give the `loader` class Psych's nulls, booleans and numbers: its tables of implicit
    types are rebuilt without PyYAML's four (the tables are keyed by first character, and
    `add_implicit_resolver` would only append after them), and its constructors for the
    four tags build Psych's values, reading an explicitly tagged text as Psych does."""
    table: dict[Any, list[tuple[str, Any]]] = {
        first: [(tag, pattern) for tag, pattern in entries if tag not in _PSYCH_TAGS]
        for first, entries in loader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, firsts in _RESOLVERS:
        for first in (*firsts, "") if tag == NULL_TAG else firsts:
            table.setdefault(first, []).insert(0, (tag, pattern))
    loader.yaml_implicit_resolvers = {first: entries for first, entries in table.items() if entries}
    retyped = functools.partial(as_plain, loader)
    loader.add_constructor(NULL_TAG, _constructor(NULL, lambda text: None, retyped))
    loader.add_constructor(BOOL_TAG, _constructor(BOOL, lambda text: bool(TRUE.match(text)), retyped))
    loader.add_constructor(INT_TAG, _constructor(INT, _int_or_text, retyped))

    def as_float(constructor: Any, node: yaml.ScalarNode) -> object:
        return float_of(retyped(constructor, node))

    loader.add_constructor(FLOAT_TAG, _constructor(FLOAT, psych_float, as_float))


def _int_or_text(text: str) -> object:
    """An integer Python will not convert (5,000 digits) stays text: a value nobody reads
    must never fail a whole document, and Python could not print it either."""
    try:
        return psych_int(text)
    except TooManyDigits:
        return text


def _constructor(
    pattern: re.Pattern[str], make: Callable[[str], object], otherwise: Constructor
) -> Constructor:
    """Build the value of a text the tag's own pattern matches, else (an explicit tag on
    another text) what `otherwise` makes of it."""

    def construct(constructor: Any, node: yaml.ScalarNode) -> object:
        text = str(node.value)
        return make(text) if pattern.match(text) else otherwise(constructor, node)

    return construct


def as_plain(loader: Any, constructor: Any, node: yaml.ScalarNode) -> object:
    """What a text makes as a plain scalar: `tokenize` of a tagged scalar's text."""
    text = str(node.value)
    tag = _resolver(loader).resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == STR_TAG or tag not in loader.yaml_constructors:
        return text
    return loader.yaml_constructors[tag](constructor, yaml.ScalarNode(tag, text))


@functools.cache
def _resolver(loader: Any) -> yaml.resolver.BaseResolver:
    """A resolver with the `loader` class's tables of implicit types."""
    resolver = yaml.resolver.Resolver()
    resolver.yaml_implicit_resolvers = loader.yaml_implicit_resolvers
    return resolver
