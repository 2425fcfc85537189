"""Filters whose arithmetic must be Ruby's, not Python's: `round`, `modulo` and
`date`'s `%s`.

Python rounds half to even and its `strftime("%s")` reads the machine's time zone;
Ruby rounds half away from zero (`Float#round`, `BigDecimal#round`, used by Liquid's
`round` in `liquid/standardfilters.rb`) and `Time#strftime("%s")` is seconds since the
epoch whatever the zone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from liquid.filter import num_arg

from sitegen.jekyll.xmlschema import ruby_offset

_EPOCH_DIRECTIVE = re.compile(r"%([%sz]|:z)")


def ruby_round(value: Any, digits: Any = 0) -> int | float | Any:
    """`{{ value | round: digits }}` as Liquid on Ruby gives it: half away from zero, on
    the decimal the number is written as (`2.675` → `2.68`); an integer for no digits."""
    try:
        places = int(digits)
    except (TypeError, ValueError):
        places = 0
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal(0)
    if not number.is_finite():
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
