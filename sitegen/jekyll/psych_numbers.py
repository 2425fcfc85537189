"""Which plain YAML scalars are numbers, by Psych's rule rather than PyYAML's.

Jekyll reads YAML with Psych (`Utils.safe_load_yaml`, utils.rb), whose scalar scanner
(psych/scalar_scanner.rb `FLOAT`, `INTEGER`, `tokenize`) differs from PyYAML's YAML 1.1
tables: `-.5` and `+.5` are floats (PyYAML keeps the text), `1,000` is 1000 and
`1,000.5` is 1000.5 (commas are dropped), `1.5_0` and `1_` are text (PyYAML reads
numbers), `0:30` is 30 (sexagesimal with a leading zero) and `.iNf` is infinity (any
case). A title or category such as `-.5` is then printed as Jekyll prints it (`-0.5`).
The resolvers here replace PyYAML's for `int` and `float`; the constructors build the
value as Psych does (`Float` and `Integer` of the text without commas and underscores,
base 60 by Psych's own sum).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

#: Psych's `INTEGER`, and its base-60 integer (`tokenize`); `[0-9]` and ASCII only.
PSYCH_INT = re.compile(
    r"""\A(?:[-+]?0b[0-1_,]+
        |[-+]?0[0-7_,]+
        |[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)
        |[-+]?0x[0-9a-fA-F_,]+
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2})\Z""",
    re.VERBOSE,
)
#: Psych's `FLOAT` (but `.`, `+.`, `-.`, which stay text), its base-60 float, infinity
#: and not-a-number (`tokenize`).
PSYCH_FLOAT = re.compile(
    r"""\A(?:(?![-+]?\.\Z)[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*
        |[-+]?\.(?i:inf)
        |\.(?i:nan))\Z""",
    re.VERBOSE,
)
_FIRST_CHARACTERS = list("-+0123456789.")


def use_psych_numbers(loader: Any) -> None:
    """Make a PyYAML loader class resolve and build numbers as Psych does. Psych checks
    floats before integers (`tokenize`), and so does the resolver here."""
    tables = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag not in (INT_TAG, FLOAT_TAG)]
        for first, resolvers in loader.yaml_implicit_resolvers.items()
    }
    loader.yaml_implicit_resolvers = tables
    loader.add_implicit_resolver(FLOAT_TAG, PSYCH_FLOAT, _FIRST_CHARACTERS)
    loader.add_implicit_resolver(INT_TAG, PSYCH_INT, _FIRST_CHARACTERS)
    loader.add_constructor(FLOAT_TAG, psych_float)


def psych_float(constructor: Any, node: yaml.ScalarNode) -> object:
    """A float as Psych builds it: commas and underscores dropped; infinity and
    not-a-number in any case; base 60 by Psych's own sum (`sexagesimal`). A tagged
    `!!float "abc"` is Python's `ValueError`, reported as an invalid value."""
    text = str(node.value)
    lowered = text.lower()
    if lowered in (".inf", "+.inf"):
        return float("inf")
    if lowered == "-.inf":
        return float("-inf")
    if lowered == ".nan":
        return float("nan")
    if ":" in text:
        return float(sexagesimal(text, _ruby_to_f))
    return float(re.sub(r"[,_]", "", text))


def psych_int(text: str) -> int:
    """An integer as Psych builds it (`parse_int`: Ruby's `Integer` of the text without
    commas and underscores: `0b`, `0x`, a leading `0` for octal), base 60 by
    `sexagesimal`. Raises `ValueError` for a text Ruby's `Integer` refuses (`0x_`)."""
    if ":" in text:
        return int(sexagesimal(text, _ruby_to_i))
    digits = text.replace(",", "").replace("_", "")
    sign, body = (digits[0], digits[1:]) if digits[:1] in ("-", "+") else ("", digits)
    lowered = body.lower()
    if lowered.startswith(("0b", "0x")):
        value = int(body[2:], 2 if lowered[1] == "b" else 16)
    elif len(body) > 1 and body.startswith("0"):
        value = int(body[1:], 8)
    else:
        value = int(body, 10)
    return -value if sign == "-" else value


def sexagesimal(text: str, number: Callable[[str], float]) -> float:
    """Psych's base 60 (`tokenize`): each `:`-separated part times 60 to the power of
    |its position − 2|, so `1:02:03` is 3723 but `12:30` is 12·3600 + 30·60 = 45000, and a
    sign belongs to the first part only (`-1:30` is −1800)."""
    total: float = 0  # an int while the parts are: Python's int keeps every digit
    for position, part in enumerate(text.split(":")):
        total += number(part) * 60 ** abs(position - 2)
    return total


def _ruby_to_i(text: str) -> int:
    """Ruby's `String#to_i`: the leading digits (single underscores between), else 0."""
    found = re.match(r"[-+]?[0-9]+(?:_[0-9]+)*", text)
    return int(found.group().replace("_", "")) if found else 0


def _ruby_to_f(text: str) -> float:
    """Ruby's `String#to_f` of a part of a base-60 float: its leading decimal number."""
    found = re.match(r"[-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?", text)
    return float(found.group().replace("_", "")) if found else 0.0
