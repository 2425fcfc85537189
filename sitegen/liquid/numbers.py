"""Filters whose arithmetic must be Ruby's, not Python's: `round`, `modulo`,
`divided_by` by a float zero, `size` of an integer and `date`'s `%s`.

Python rounds half to even and its `strftime("%s")` reads the machine's time zone;
Ruby rounds half away from zero (`Float#round`, `BigDecimal#round`, used by Liquid's
`round` in `liquid/standardfilters.rb`) and `Time#strftime("%s")` is seconds since the
epoch whatever the zone.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from liquid.filter import num_arg

from sitegen.jekyll.xmlschema import ruby_offset
from sitegen.liquid.float_domain import float_domain_error
from sitegen.liquid.ruby_range import string_to_i

_EPOCH_DIRECTIVE = re.compile(r"%([%sz]|:z)")


def ruby_round(value: Any, digits: Any = 0) -> int | float | Any:
    """`{{ value | round: digits }}` as Liquid on Ruby gives it: half away from zero, on
    the decimal the number is written as (`2.675` → `2.68`); an integer for no digits,
    and an integer (text `Utils.to_number` reads as one too) for any."""
    try:
        places = int(digits)
    except (TypeError, ValueError):
        places = 0
    if value is None or isinstance(value, range):
        value = 0  # `Utils.to_number` of what is neither number nor text: 0
    if isinstance(value, int) and not isinstance(value, bool) and places >= 0:
        return value  # `Integer#round` to places stays the integer (`"Infinity"` reads as 0)
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal(0)
    if not number.is_finite():
        if places <= 0 and isinstance(value, float):  # `Float#round` to an integer
            raise float_domain_error("round", value)
        return value
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(rounded) if places <= 0 else float(rounded)


def floored_modulo(modulo: Callable[..., Any]) -> Callable[..., Any]:
    """python-liquid's `modulo` with Ruby's sign: a float remainder takes the divisor's
    sign (`Float#%`, `BigDecimal#%`: `-7.5 | modulo: 2` is 0.5, where Python's decimal
    gave -1.5), and a zero one is `0.0`, never `-0.0`. Integers were Ruby's already."""

    @functools.wraps(modulo)
    def ruby_modulo(value: Any, *arguments: Any) -> Any:
        result = modulo(value, *arguments)
        if not isinstance(result, float) or not arguments:
            return result
        if result == 0:
            return 0.0
        divisor = num_arg(arguments[0], default=0)
        if (result < 0) != (divisor < 0):
            return float(Decimal(repr(result)) + Decimal(str(divisor)))
        return result

    return ruby_modulo


_DECIMAL_TEXT = re.compile(r"\A-?\d+\.\d+\Z", re.ASCII)
"""Text `Utils.to_number` reads as a `BigDecimal` (liquid/utils.rb); other text is `to_i`."""
_FIXNUM = 2**62
"""Ruby's integers in `[-_FIXNUM, _FIXNUM)` are machine words of 8 bytes."""


def float_division(divided_by: Callable[..., Any]) -> Callable[..., Any]:
    """python-liquid's `divided_by`, where a float (a float, or text `Utils.to_number`
    reads as a decimal) meets a zero divisor as Ruby's `Float#/` does: `Infinity`,
    `-Infinity` by the signs, `NaN` for zero by zero (`1.0 | divided_by: 0` failed with
    "can't divide by 0"). Integers by zero stay Ruby's error, "divided by 0"."""

    @functools.wraps(divided_by)
    def ruby_divided_by(value: Any, *arguments: Any) -> Any:
        if len(arguments) == 1:
            dividend, divisor = _float_or_none(value), _float_or_none(arguments[0])
            floats = dividend is not None or divisor is not None
            if floats and divisor is None and _is_integer_zero(arguments[0]):
                divisor = 0.0
            if floats and divisor == 0:
                number = dividend if dividend is not None else _integer(value)
                if number == 0 or math.isnan(number):
                    return math.nan
                return math.copysign(math.inf, number) * math.copysign(1.0, divisor)
        return divided_by(value, *arguments)

    return ruby_divided_by


def is_decimal_text(text: str) -> bool:
    """Whether `Utils.to_number` reads `text` as a decimal, not by `to_i`."""
    return bool(_DECIMAL_TEXT.match(text.strip()))


def _float_or_none(value: Any) -> float | None:
    if isinstance(value, float):
        return value
    if isinstance(value, str) and is_decimal_text(value):
        return float(value.strip())
    return None


def _integer(value: Any) -> int:
    """`Utils.to_number` of what is not a decimal: an integer, text by `to_i`, and 0 for
    anything else (nil, an array, a hash: no `to_number`)."""
    if isinstance(value, int):
        return value
    return string_to_i(value) if isinstance(value, str) else 0


def _is_integer_zero(value: Any) -> bool:
    return _integer(value) == 0


def ruby_size(size: Callable[..., Any]) -> Callable[..., Any]:
    """Liquid's `size` (liquid/standardfilters.rb: the input's `size`, else 0) of a
    number: an integer's is `Integer#size`, its bytes, 8 for a machine word and more for
    a bignum (`{{ 12 | size }}` is 8, python-liquid's 0); a float has none."""

    @functools.wraps(size)
    def ruby_sized(value: Any, *arguments: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and not arguments:
            return integer_size(value)
        return size(value, *arguments)

    return ruby_sized


def integer_size(value: int) -> int:
    """`Integer#size`: 8 bytes for a machine word, a bignum's bytes past that."""
    return 8 if -_FIXNUM <= value < _FIXNUM else (abs(value).bit_length() + 7) // 8


def with_epoch_seconds(fmt: str, moment: datetime) -> str:
    """`fmt` with each `%s` replaced by `moment`'s seconds since the epoch (`%%` kept),
    so `strftime` never asks the machine's time zone; and `%z`/`%:z` by the offset as
    Ruby prints it, whole minutes only (`sitegen.jekyll.xmlschema`)."""
    seconds = str(int(moment.timestamp()))

    def directive(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "%":
            return "%%"
        if name == "s":
            return seconds
        return ruby_offset(moment, colon=name == ":z")

    return _EPOCH_DIRECTIVE.sub(directive, fmt)
