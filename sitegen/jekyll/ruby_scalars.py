"""A YAML scalar as Ruby's `to_s` writes it: how Jekyll prints a front-matter value.

Psych reads `true`, `.inf` and `2024-01-01 10:00:00 +08:00` as a boolean, a float and a
`Time`; Jekyll puts them in a page as `to_s` writes them (`true`, `Infinity`,
`2024-01-01 10:00:00 +0800`), where Python's `str` gives `True`, `inf` and
`2024-01-01 10:00:00+08:00`. Every place a front-matter
scalar becomes page text (a title, an excerpt, a tag or category name, and what Liquid
prints, `sitegen.liquid.ruby_values`) uses this one rule; `sitegen.jekyll.ruby_text`
builds `inspect` and a list's or mapping's `to_s` on it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timezone, tzinfo

from sitegen.jekyll.xmlschema import ruby_offset


def ruby_scalar_text(value: object) -> str:
    """`value.to_s` for a scalar YAML gives (text, nil, boolean, number, time, date; a
    `!!binary` is read as text, `sitegen.jekyll.psych_mapping`)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, datetime):
        return ruby_time_to_s(value)
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"  # `Date#to_s`
    return object_text(value)


def object_text(value: object) -> str:
    """`to_s` of an object YAML never gives (a Liquid drop, a loop's state): the text its
    class defines, else the class's name, as Liquid's `Drop#to_s` prints one
    (liquid/drop.rb). Never Python's default `<… object at 0x…>`: its address differs
    from one build to the next, and a page printing it would never be the same twice."""
    kind = type(value)
    if kind.__str__ is object.__str__ and kind.__repr__ is object.__repr__:
        return kind.__name__
    return str(value)


def is_ruby_utc(zone: tzinfo | None) -> bool:
    """Whether a time is Ruby's UTC (`Time.utc`, printed `UTC`): YAML's `Z`, not `+00:00`
    (`sitegen.jekyll.psych_time.RUBY_UTC`)."""
    return isinstance(zone, timezone) and zone is not UTC and zone.tzname(None) == "UTC"


def ruby_time_to_s(moment: datetime) -> str:
    """`Time#to_s`: `2024-01-01 10:00:00 +0800` (the offset in whole minutes), `… UTC` for
    Ruby's UTC. A time without a zone (Psych's offsetless one, before
    `sitegen.jekyll.ruby_text.psych_times` has made it the site's local time) is printed
    as read in UTC, `+0000`."""
    wall = (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f" {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )
    if moment.tzinfo is None:
        return f"{wall} +0000"
    return f"{wall} UTC" if is_ruby_utc(moment.tzinfo) else f"{wall} {ruby_offset(moment, colon=False)}"


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
