"""Ruby's `Time#strftime`, which Liquid's `date` filter calls (liquid/standardfilters.rb
`date`: `Utils.to_date(input).strftime(format)`).

Python's `strftime` hands the format to the C library, whose flags and widths differ
from Ruby's own implementation (ruby/strftime.c, Ruby 3.1): there every conversion takes
the flags `-` (no padding), `_` (spaces), `0` (zeros), `^` (upper case) and `#` (change
case), in any order, then a width, then, for some conversions, the locale modifiers `E`
or `O`. What Ruby does not know (`%Q`, a flag after the width, `%:y`) it prints as written;
a format that ends within a conversion's flags and width (`%`, `%-`, `%5`) is an
error. The rules, as Ruby 3.1 prints them:

- numbers pad to the width (default 2, `%j` 3, `%Y` 4, `%u` `%w` `%s` 1) with their own
  pad (`0`, or a space for `%e` `%k` `%l`) unless `_` or `0` says otherwise; `-` shows
  the number bare;
- names (`%a` `%b` `%p` `%Z`…) pad with spaces unless `0`; `#` upper-cases a name, and
  lower-cases `%p` and `%Z`;
- `%c` `%D` `%F` `%r` `%R` `%T` `%v` `%x` `%X` are their formats, then padded (even
  with `-`) and upper-cased with `^`;
- `%z` widens its hours: `%10z` is `+000000800`, `%_10z` is `      +800`;
- `%L`/`%N` print that many digits of the fraction, cut, not rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
#: The conversions made of other conversions (strftime.c `STRFTIME(...)`).
_COMPOSITES = {
    "c": "%a %b %e %H:%M:%S %Y",
    "D": "%m/%d/%y",
    "x": "%m/%d/%y",
    "F": "%Y-%m-%d",
    "r": "%I:%M:%S %p",
    "R": "%H:%M",
    "T": "%H:%M:%S",
    "X": "%H:%M:%S",
    "v": "%e-%^b-%4Y",
}
_AFTER_E = "cCxXyY"
_AFTER_O = "deHkIlmMSuUVwWy"
#: Ruby would fill gigabytes; no page needs a field this wide.
MAX_WIDTH = 1 << 16


class StrftimeError(ValueError):
    """Ruby raises `ArgumentError: invalid format` (a `%` ends the format), or the width
    is beyond `MAX_WIDTH`."""


@dataclass(frozen=True, slots=True)
class _Spec:
    """The flags and width read before one conversion."""

    left: bool
    padding: str  # "", " " or "0"
    upper: bool
    change_case: bool
    width: int  # -1 when none was written


def ruby_strftime(moment: datetime, fmt: str, zone_name: str | None = None, *, utc: bool = False) -> str:
    """`Time#strftime(fmt)` of `moment`. `zone_name` is what Ruby's `Time#zone` holds
    (None for a time made with a bare offset, printed as nothing by `%Z`); `utc` is
    `Time#utc?` (`%Z` is `UTC`, and `%-z` is `-0000`)."""
    out: list[str] = []
    index, length = 0, len(fmt)
    while index < length:
        character = fmt[index]
        if character != "%":
            out.append(character)
            index += 1
            continue
        text, index = _conversion(moment, fmt, index, zone_name, utc)
        out.append(text)
    return "".join(out)


def _conversion(moment: datetime, fmt: str, start: int, zone_name: str | None, utc: bool) -> tuple[str, int]:
    """The text of the conversion at `fmt[start]` (a `%`) and the index after it."""
    left = upper = change_case = False
    padding = ""
    width = -1
    index = start + 1
    length = len(fmt)
    while index < length:
        character = fmt[index]
        if character in "-_^#" or (character == "0" and width <= 0):
            if width > 0:  # strftime.c FLAG_FOUND: no flag after a width
                break
            if character == "-":
                left, padding = True, ""
            elif character == "_":
                padding = " "
            elif character == "^":
                upper = True
            elif character == "#":
                change_case = True
            else:
                padding = "0"
                end = index
                while end < length and fmt[end].isdigit():
                    end += 1
                width = int(fmt[index:end])
                index = end
                continue
            index += 1
        elif character.isdigit():
            end = index
            while end < length and fmt[end].isdigit():
                end += 1
            if end - index > 9 or int(fmt[index:end]) > 2**31 - 1:
                break
            width = int(fmt[index:end])
            if width > MAX_WIDTH:
                raise StrftimeError(f"width {width} is wider than {MAX_WIDTH}")
            index = end
        elif character in "EO":
            allowed = _AFTER_E if character == "E" else _AFTER_O
            if index + 1 >= length or fmt[index + 1] not in allowed:
                break
            index += 1
        elif character == ":":
            colons = 0
            while index + colons < length and fmt[index + colons] == ":":
                colons += 1
            if colons > 3 or index + colons >= length or fmt[index + colons] != "z":
                break
            spec = _Spec(left, padding, upper, change_case, width)
            return _offset(moment, spec, colons, utc), index + colons + 1
        elif character == "z":
            return _offset(moment, _Spec(left, padding, upper, change_case, width), 0, utc), index + 1
        else:
            spec = _Spec(left, padding, upper, change_case, width)
            text = _convert(moment, character, spec, zone_name, utc)
            if text is None:
                break
            return text, index + 1
    if index >= length:  # the format ends within the flags and width
        raise StrftimeError(f"invalid format: {fmt}")
    return fmt[start : index + 1], index + 1  # unknown: printed as written


def _number(value: int, spec: _Spec, pad: str, digits: int) -> str:
    """strftime.c `FMT`: the width (or `digits`), the pad `_`/`0` chose or `pad`."""
    width = 1 if spec.left else digits if spec.width <= 0 else spec.width
    zeros = spec.padding == "0" or (not spec.padding and pad == "0")
    return f"{value:0{width}d}" if zeros else f"{value:{width}d}"


def _name(text: str, spec: _Spec, case: str) -> str:
    """A name padded with spaces (or zeros) to the width and put in `case`
    ("upper", "lower" or "")."""
    if not text:
        return ""
    if case == "upper":
        text = text.upper()
    elif case == "lower":
        text = text.lower()
    if not spec.left and spec.width > len(text):
        text = (spec.padding or " ") * (spec.width - len(text)) + text
    return text


def _convert(moment: datetime, conversion: str, spec: _Spec, zone_name: str | None, utc: bool) -> str | None:
    """One conversion, or None for a letter Ruby does not know."""
    upper = "upper" if spec.upper else ""
    if conversion in "aAbBh":
        if spec.change_case:
            upper = "upper"
        if conversion in "aA":
            day = _DAYS[moment.weekday()]
            return _name(day if conversion == "A" else day[:3], spec, upper)
        month = _MONTHS[moment.month - 1]
        return _name(month if conversion == "B" else month[:3], spec, upper)
    if conversion in "pP":
        lower = (conversion == "p" and spec.change_case) or (
            conversion == "P" and not (spec.change_case or spec.upper)
        )
        return _name("AM" if moment.hour < 12 else "PM", spec, "lower" if lower else upper)
    if conversion == "Z":
        name = "UTC" if utc else zone_name or ""
        return _name(name, spec, "lower" if spec.change_case else upper)
    if conversion in _COMPOSITES:
        text = ruby_strftime(moment, _COMPOSITES[conversion], zone_name, utc=utc)
        text = text.upper() if spec.upper else text
        return (spec.padding or " ") * (spec.width - len(text)) + text
    if conversion in "nt%":
        return _name("\n" if conversion == "n" else "\t" if conversion == "t" else "%", spec, "")
    if conversion in "LN":
        digits = spec.width if spec.width > 0 else 3 if conversion == "L" else 9
        fraction = f"{moment.microsecond:06d}"
        return (fraction + "0" * max(0, digits - 6))[:digits]
    number = _numeric(moment, conversion)
    if number is None:
        return None
    value, pad, digits = number
    return _number(value, spec, pad, digits)


def _numeric(moment: datetime, conversion: str) -> tuple[int, str, int] | None:
    """The value of a numeric conversion, its own pad and its default width."""
    iso_year, iso_week, _ = moment.isocalendar()
    twelve = moment.hour % 12 or 12
    yday = moment.timetuple().tm_yday
    sunday_first = (moment.weekday() + 1) % 7
    fields: dict[str, tuple[int, str, int]] = {
        "C": (moment.year // 100, "0", 2),
        "d": (moment.day, "0", 2),
        "e": (moment.day, " ", 2),
        "G": (iso_year, "0", 4),
        "g": (iso_year % 100, "0", 2),
        "H": (moment.hour, "0", 2),
        "I": (twelve, "0", 2),
        "j": (yday, "0", 3),
        "k": (moment.hour, " ", 2),
        "l": (twelve, " ", 2),
        "m": (moment.month, "0", 2),
        "M": (moment.minute, "0", 2),
        "s": (int((moment - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() // 1), "0", 1),
        "S": (moment.second, "0", 2),
        "u": (moment.isoweekday(), "0", 1),
        "U": ((yday + 6 - sunday_first) // 7, "0", 2),
        "V": (iso_week, "0", 2),
        "w": (sunday_first, "0", 1),
        "W": ((yday + 6 - moment.weekday()) // 7, "0", 2),
        "y": (moment.year % 100, "0", 2),
        "Y": (moment.year, "0", 4),
    }
    return fields.get(conversion)


def _offset(moment: datetime, spec: _Spec, colons: int, utc: bool) -> str:
    """strftime.c `%z`: `+hhmm`, `%:z` `+hh:mm`, `%::z` `+hh:mm:ss`, `%:::z` as short as
    exact; a width widens the hours, with zeros, or with spaces before the sign (`_`)."""
    offset = moment.utcoffset()
    seconds = 0 if utc or offset is None else round(offset.total_seconds())
    negative = seconds < 0 or (utc and spec.left)
    seconds = abs(seconds)
    width = spec.width
    if colons == 3:
        rest = 1 if seconds % 3600 == 0 else 4 if seconds % 60 == 0 else 7
        hours_width = 2 if width <= rest + 2 else width - rest
    else:
        rest = (3, 4, 7)[colons]
        hours_width = 2 if width <= rest + 2 else width - rest
    hours = seconds // 3600
    sign = "-" if negative else "+"
    if spec.padding == " ":
        head = f"{sign}{hours}".rjust(hours_width + 1)
    else:
        head = f"{sign}{hours:0{hours_width}d}"
    minutes, rest_seconds = seconds % 3600 // 60, seconds % 60
    if colons == 3 and seconds % 3600 == 0:
        return head
    text = head + (":" if colons else "") + f"{minutes:02d}"
    if colons == 3 and rest_seconds == 0:
        return text
    return text + (f":{rest_seconds:02d}" if colons >= 2 else "")
