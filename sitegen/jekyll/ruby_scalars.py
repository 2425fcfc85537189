"""A YAML scalar as Ruby's `to_s` writes it: how Jekyll prints a front-matter value.

Psych reads `true`, `.inf` and `!!binary aGVsbG8=` as a boolean, a float and a binary
string; Jekyll puts them in a page as `to_s` writes them (`true`, `Infinity`, `hello`),
where Python's `str` gives `True`, `inf` and `b'hello'`. Every place a front-matter
scalar becomes page text (a title, an excerpt, a tag or category name, and what Liquid
prints, `sitegen.liquid.ruby_values`) uses this one rule.
"""

from __future__ import annotations


def ruby_scalar_text(value: object) -> str:
    """`value.to_s` for a scalar YAML gives (text, nil, boolean, number, binary)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, (bytes, bytearray)):
        # A binary string prints its bytes; a page is UTF-8, so what is not UTF-8 is U+FFFD.
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def ruby_float(number: float) -> str:
    """`Float#to_s`: `2.5`, `100.0`, `1.0e+16`, `1.0e-05`, `Infinity`, `NaN`."""
    if number != number:
        return "NaN"
    if number in (float("inf"), float("-inf")):
        return "Infinity" if number > 0 else "-Infinity"
    text = repr(number)
    whole, _, fraction = text.lstrip("-").partition(".")
    if 1e15 <= abs(number) < 1e16 and not fraction.rstrip("0"):
        # Ruby writes a whole number of 16 digits with an exponent (ruby/numeric.c
        # `flo_to_s`: fixed only while `decpt < digs` or `decpt <= DBL_DIG`); Python's
        # `repr` does from 17 digits on.
        digits = (whole + fraction).rstrip("0")
        sign = "-" if number < 0 else ""
        return f"{sign}{digits[0]}.{digits[1:] or '0'}e+{len(whole) - 1:02d}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        return f"{mantissa}e{exponent}"
    return text


_INSPECT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}


def liquid_printed(value: object) -> str:
    """What Jekyll's Liquid prints for a YAML value (`{{ page.title }}`): a list's items
    joined, nested lists flattened (`Array#join`), a mapping as `Hash#inspect`
    (`{"a"=>2}`), a scalar as its `to_s`. A title written as a list or mapping
    (`title: [1, {a: 2}]`) is shown as Jekyll's layouts show it: `1{"a"=>2}`."""
    if isinstance(value, (list, tuple)):
        return "".join(liquid_printed(item) for item in value)
    if isinstance(value, dict):
        return _inspect(value)
    return ruby_scalar_text(value)


def _inspect(value: object) -> str:
    """`value.inspect` for the values YAML gives (see `sitegen.liquid.ruby_values`, which
    also knows Liquid's own objects)."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        escaped = "".join(
            _INSPECT_ESCAPES.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or c == "\x7f" else c)
            for c in value
        )
        return f'"{escaped}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inspect(k)}=>{_inspect(v)}" for k, v in value.items()) + "}"
    return ruby_scalar_text(value)


def yaml_inspect(value: object) -> str:
    """Ruby's `inspect` of a value YAML gives: how a list or mapping used as a mapping's
    key (`? [a, b]`) is written (`["a", "b"]`)."""
    return _inspect(value)
