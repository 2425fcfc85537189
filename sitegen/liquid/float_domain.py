"""Arithmetic on `Infinity` and `NaN` as Ruby's `Float` does it (liquid/standardfilters.rb).

`1.0 | divided_by: 0` is `Infinity` in Ruby (`sitegen.liquid.numbers.float_division`),
and what follows it is IEEE arithmetic: `Infinity | times: 0` and `Infinity | modulo: 2`
are `NaN`, `Infinity | plus: 1` is `Infinity`, where python-liquid's decimal arithmetic
failed the tag ("times: divided by 0"). A float `modulo` by zero still fails, as Ruby's
`Float#%` raises `ZeroDivisionError`. Where an integer is wanted (`round` with no digits,
`ceil`, `floor`), Ruby raises `FloatDomainError`; so does `jsonify` (`to_json`: "Infinity
not allowed in JSON"), which must never write a value JSON has not.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Mapping
from typing import Any

from liquid.exceptions import FilterError

__all__ = ["float_domain_error", "ieee_arithmetic", "non_finite"]

_OPERATIONS: dict[str, Callable[[float, float], float]] = {
    "plus": operator.add,
    "minus": operator.sub,
    "times": operator.mul,
    "modulo": operator.mod,
}


def non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def float_domain_error(filter_name: str, value: float) -> FilterError:
    """Liquid's `FloatDomainError`, in its words."""
    shown = "NaN' (Not a Number)" if math.isnan(value) else f"{'-' if value < 0 else ''}Infinity'"
    return FilterError(f"{filter_name}: Computation results in '{shown}", token=None)


def ieee_arithmetic(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """`plus`, `minus`, `times` and `modulo` of `filters`, computing as `Float` does
    where either side is `Infinity` or `NaN`."""
    return {name: _ieee(name, filters[name]) for name in _OPERATIONS if name in filters}


def _ieee(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    operation = _OPERATIONS[name]

    @functools.wraps(function)
    def apply(value: Any, *arguments: Any) -> Any:
        if len(arguments) == 1 and (non_finite(value) or non_finite(arguments[0])):
            operand = arguments[0]
            if _number(value) and _number(operand) and not (name == "modulo" and operand == 0):
                return operation(float(value), float(operand))
        return function(value, *arguments)

    return apply
