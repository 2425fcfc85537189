"""How Ruby's `Date._parse` turns the numbers it found into a year, month and day.

Two parts of ruby/date ext/date/date_parse.c (date 3.2, as Ruby 3.1 ships it), ported
one for one because their rules are positional and odd enough that nothing else agrees
with them:

- `s3e` takes three numbers in the order a shape wrote them (`2022/05/27`, `27/05/2022`,
  `05/27/22`) and decides which is the year: one written with more than two digits, a
  sign or an apostrophe (`'22`), else the order of the shape. A year with a sign or more
  than two digits is never completed (`0022` stays year 22; `22` becomes 2022).
- `parse_ddd` reads a run of digits by its length (`20220527` is a day, `2022147` a day of
  the year, `20220527T235959` a day and a time, `235959` with a fraction a time), with
  an optional time after a `T` or a space and a zone (`Z`, `+0800`, `[+8:JST]`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitegen.jekyll.ruby_date_patterns import Match

_DIGIT_CHARACTERS = "0123456789"


def _byte_length(text: str) -> int:
    # date_parse.c measures with RSTRING_LEN, in bytes.
    return len(text.encode("utf-8", "surrogatepass"))


def _digits_from(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in _DIGIT_CHARACTERS:
        end += 1
    return end


def _first(text: str, signs: str) -> int | None:
    """Where the first digit (or one of `signs`) is, as `s3e`'s skipping loops find it."""
    for index, character in enumerate(text):
        if character in _DIGIT_CHARACTERS or character in signs:
            return index
    return None


def _number(text: str | None, signs: str) -> tuple[int, int, int] | None:
    """The number a part starts with: (value, digit count, whether signed), or None
    when the part has no digit (`cstr2num` of a lone sign is 0)."""
    if text is None:
        return None
    start = _first(text, signs)
    if start is None:
        return None
    signed = text[start] in "+-"
    digits_start = start + 1 if signed else start
    end = _digits_from(text, digits_start)
    digits = text[digits_start:end]
    value = int(digits) if digits else 0
    return (-value if text[start] == "-" else value), end - digits_start, int(signed)


def assign_year_month_day(
    fields: dict[str, Any], y: str | None, m: str | None, d: str | None, bc: bool
) -> None:
    """date_parse.c `s3e`: the year, month and day of three parts in the order written."""
    comp: bool | None = None
    if y is not None and m is not None and d is None:
        y, m, d = None, y, m
    if y is None:
        if d is not None and _byte_length(d) > 2:
            y, d = d, None
        if d is not None and d[:1] == "'":
            y, d = d, None
    written = y
    start = None if written is None else _first(written, "+-")
    if written is not None and start is not None:
        end = _digits_from(written, start + 1 if written[start] in "+-" else start)
        if end < len(written):  # more after the year's digits: the day is written first
            y, d = d, written[start:end]
    if m is not None and (m[:1] == "'" or _byte_length(m) > 2):  # `us` order to `be`
        y, m, d = m, d, y
    if d is not None and (d[:1] == "'" or _byte_length(d) > 2):
        y, d = d, y
    year = _number(y, "+-")
    if year is not None:
        value, width, signed = year
        if signed or width > 2:
            comp = False
        fields["year"] = value
    if bc:
        fields["_bc"] = True
    month = _number(m, "")
    if month is not None:
        fields["mon"] = month[0]
    day = _number(d, "")
    if day is not None:
        fields["mday"] = day[0]
    if comp is not None:
        fields["_comp"] = comp


def _two(text: str, start: int, width: int = 2) -> int:
    return int(text[start : start + width])


def digits_fields(match: Match, fields: dict[str, Any]) -> None:
    """date_parse.c `parse_ddd_cb`: a run of digits read by its length, with the time
    and zone that may follow it."""
    sign, digits, clock, fraction, zone = match.groups()
    time_only = clock is None and fraction is not None
    length = len(digits)
    negative = sign == "-"
    if time_only and length in (2, 4, 6, 8, 10, 12, 14):
        names = ("sec", "min", "hour", "mday", "mon")
        for index, name in enumerate(names[: length // 2]):
            fields[name] = _two(digits, length - 2 * (index + 1))
        if length == 12:
            fields["year"] = -_two(digits, 0) if negative else _two(digits, 0)
        if length == 14:
            fields["year"] = -_two(digits, 0, 4) if negative else _two(digits, 0, 4)
            fields["_comp"] = False
    elif time_only and length in (3, 5, 7):
        fields["sec"] = _two(digits, length - 2)
        fields["min"] = _two(digits, length - 3, 1) if length == 3 else _two(digits, length - 4)
        if length == 5:
            fields["hour"] = _two(digits, 0, 1)
        if length == 7:
            fields["hour"] = _two(digits, length - 6)
            fields["mday"] = _two(digits, 0, 1)
    elif length == 2:
        fields["mday"] = _two(digits, 0)
    elif length == 4:
        fields["mon"], fields["mday"] = _two(digits, 0), _two(digits, 2)
    elif length == 6:
        fields["year"] = -_two(digits, 0) if negative else _two(digits, 0)
        fields["mon"], fields["mday"] = _two(digits, 2), _two(digits, 4)
    elif length in (8, 10, 12, 14):
        fields["year"] = -_two(digits, 0, 4) if negative else _two(digits, 0, 4)
        fields["mon"], fields["mday"] = _two(digits, 4), _two(digits, 6)
        for name, start in (("hour", 8), ("min", 10), ("sec", 12)):
            if length >= start + 2:
                fields[name] = _two(digits, start)
        fields["_comp"] = False
    elif length == 3:
        fields["yday"] = _two(digits, 0, 3)
    elif length == 5:
        fields["year"] = -_two(digits, 0) if negative else _two(digits, 0)
        fields["yday"] = _two(digits, 2, 3)
    elif length == 7:
        fields["year"] = -_two(digits, 0, 4) if negative else _two(digits, 0, 4)
        fields["yday"] = _two(digits, 4, 3)
    if clock is not None:
        _clock_digits(fields, clock, after_day=fraction is None)
    if fraction is not None:
        fields["sec_fraction"] = Fraction(int(fraction or "0"), 10 ** len(fraction))
    if zone is not None:
        fields["zone"] = _bracketed_zone(zone) if zone.startswith("[") else zone


def _clock_digits(fields: dict[str, Any], clock: str, *, after_day: bool) -> None:
    """The digits after the day: `hhmmss` read from the left, or, before a fraction,
    `…ss` read from the right."""
    length = len(clock)
    if length not in (2, 4, 6):
        return
    if after_day:
        for name, start in (("hour", 0), ("min", 2), ("sec", 4)):
            if length >= start + 2:
                fields[name] = _two(clock, start)
    else:
        for index, name in enumerate(("sec", "min", "hour")[: length // 2]):
            fields[name] = _two(clock, length - 2 * (index + 1))


def _bracketed_zone(zone: str) -> str:
    """`[+9]`, `[-5:EST]`: the zone is the name after a colon, else the whole inside."""
    inside = zone[1:-1]
    colon = inside.find(":")
    return inside[colon + 1 :] if colon >= 0 else inside
