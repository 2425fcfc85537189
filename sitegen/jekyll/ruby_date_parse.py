"""The fields Ruby's `Date._parse` finds in a text, the first half of `Time.parse`.

Jekyll reads every front-matter date with `Time.parse` (jekyll/lib/jekyll/utils.rb
`parse_date`), which takes a year, month, day, day of the year, time and zone name from
`Date._parse` (ruby/date ext/date/date_parse.c `date__parse`, date 3.2 as Ruby 3.1 ships
it) and builds a time from them (`sitegen.jekyll.ruby_time`). `Date._parse` is not a
grammar but a sequence of searches: the text is first cleaned (every run of characters
other than letters, digits and `-+',./:@[]` becomes one space), then a weekday and a
time are cut out wherever they are, then the first date shape that is found anywhere
(`27 May 2022`, `May 27, 2022`, `2022-05-27`, `H34.05.27`, `27-May-2022`, `2022/05/27`,
`27.05.2022`, ISO 8601's week and ordinal dates, `'22`, a month name, `27th`, a run of
digits such as `20220527T235959`) is cut out too, and what is left is ignored
(`Posted on 2022-05-27 at 10:00` is 27 May 2022, 10:00). The steps, their order, their
patterns and the way each assigns year, month and day (`s3e`) follow date_parse.c one
for one, so a text reads as Ruby reads it, including the odd cases (`2022-W21-5` gives
only a week, which `Time.parse` then refuses; `2022` is month 20, day 22).

The patterns, with Ruby's own character classes and case folding, are in
`sitegen.jekyll.ruby_date_patterns`; Ruby's `s3e` and its reading of a run of digits are in
`sitegen.jekyll.ruby_date_digits`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol

from sitegen.jekyll.ruby_date_digits import assign_year_month_day, digits_fields
from sitegen.jekyll.ruby_date_patterns import (
    APOSTROPHE_YEAR,
    BC,
    CLOCK,
    DAY,
    DIGITS,
    DOT,
    EU,
    FRAGMENT,
    ISO,
    JIS,
    MONTH_DAY,
    MONTH_DAY_BASIC,
    MONTH_NAME,
    MONTHS,
    NOT_KEPT,
    ORDINAL,
    ORDINAL_AFTER_PUNCT,
    ORDINAL_DAY,
    SLASH,
    TIME,
    US,
    VMS11,
    VMS12,
    WEEK,
    WEEKDAY_ONLY,
    YEAR_DAY,
    YEAR_DAY_AFTER_DIGIT,
    Guarded,
    Match,
)

#: `Date._parse` refuses a longer text (date_core.c `check_limit`: 128 bytes).
MAX_TEXT_BYTES = 128

_ALPHA, _DIGIT, _DASH, _DOT_MARK, _SLASH_MARK = 1, 2, 4, 8, 16
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_DIGIT = re.compile(r"[0-9]")
_C_INT_MAX = 2**31 - 1
_ERAS = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}

Fields = dict[str, Any]
_Reader = Callable[[Match, Fields], None]


class _Searcher(Protocol):
    def search(self, text: str) -> Match | None: ...


class DateParseRaises(ValueError):
    """Ruby's `Date._parse` raises for the text: it is longer than `MAX_TEXT_BYTES`, or has
    an hour with am/pm past a C `int` (`NUM2INT`)."""


@dataclass(frozen=True, slots=True)
class DateFields:
    """What `Date._parse` found: the parts `Time.parse` uses, None where absent."""

    year: int | None = None
    mon: int | None = None
    mday: int | None = None
    yday: int | None = None
    hour: int | None = None
    min: int | None = None
    sec: int | None = None
    sec_fraction: Fraction | None = None
    zone: str | None = None

    def has_time_information(self) -> bool:
        """False where `Time.parse` says "no time information" (a weekday or week alone)."""
        parts = (self.year, self.yday, self.mon, self.mday, self.hour, self.min, self.sec)
        return any(part is not None for part in (*parts, self.sec_fraction))


def date_parse(text: str) -> DateFields:
    """`Date._parse(text)` with completion on (as `Time.parse` calls it), minus the weekday,
    the ISO week and the numeric offset, which `Time.parse` does not use."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise DateParseRaises(f"it is longer than the {MAX_TEXT_BYTES} bytes Ruby reads")
    rest = NOT_KEPT.sub(" ", text)
    fields: Fields = {"_comp": True}
    if _has(rest, _ALPHA):
        rest, _ = _cut(DAY, rest, fields, _ignore)
    if _has(rest, _DIGIT):
        rest, _ = _cut(TIME, rest, fields, _time)
    for needs, pattern, read in _DATE_STEPS:
        if _has(rest, needs):
            rest, found = _cut(pattern, rest, fields, read)
            if found:
                break
    if _has(rest, _ALPHA):
        rest, _ = _cut(BC, rest, fields, _bc)
    if _has(rest, _DIGIT):
        _cut(FRAGMENT, rest, fields, _fragment)
    year = fields.get("year")
    if year is not None and fields.pop("_bc", False):
        year = 1 - year
    if year is not None and fields["_comp"] and 0 <= year <= 99:
        year += 1900 if year >= 69 else 2000
    return DateFields(
        year=year,
        mon=fields.get("mon"),
        mday=fields.get("mday"),
        yday=fields.get("yday"),
        hour=fields.get("hour"),
        min=fields.get("min"),
        sec=fields.get("sec"),
        sec_fraction=fields.get("sec_fraction"),
        zone=fields.get("zone"),
    )


def _has(text: str, needs: int) -> bool:
    """date_parse.c `HAVE_ELEM_P`, asked of the text as it is now (steps cut parts out)."""
    flags = (
        (_ALPHA if _ASCII_LETTER.search(text) else 0)
        | (_DIGIT if _ASCII_DIGIT.search(text) else 0)
        | (_DASH if "-" in text else 0)
        | (_DOT_MARK if "." in text else 0)
        | (_SLASH_MARK if "/" in text else 0)
    )
    return flags & needs == needs


def _cut(pattern: _Searcher, text: str, fields: Fields, read: _Reader) -> tuple[str, bool]:
    """date_parse.c `subx`: the first match is read and replaced by a space."""
    match = pattern.search(text)
    if match is None:
        return text, False
    read(match, fields)
    return text[: match.start()] + " " + text[match.end() :], True


def _ignore(match: Match, fields: Fields) -> None:
    """A weekday or an ISO week: cut out, but `Time.parse` does not use it."""


def _time(match: Match, fields: Fields) -> None:
    if match.group(2) is not None:
        fields["zone"] = match.group(2)
    clock = CLOCK.search(match.group(1))
    if clock is None:
        return
    hour, minute, second, fraction, meridian = clock.groups()
    hour_value = int(hour)
    if meridian is not None:
        if hour_value > _C_INT_MAX:  # date_parse.c `NUM2INT` raises (a RangeError)
            raise DateParseRaises("its hour is past the numbers Ruby reads")
        hour_value = hour_value % 12 + (12 if meridian in "Pp" else 0)
    fields["hour"] = hour_value
    if minute is not None:
        fields["min"] = int(minute)
    if second is not None:
        fields["sec"] = int(second)
    if fraction is not None:
        fields["sec_fraction"] = Fraction(int(fraction), 10 ** len(fraction))


def month_number(name: str) -> int:
    """date_parse.c `mon_num`: the first three bytes against `jan`…`dec`, ASCII case
    ignored; 13 when none matches (a month name matched through case folding, `ſep`)."""
    head = name.encode("utf-8", "surrogatepass")[:3].lower()
    for number, month in enumerate(MONTHS.split("|"), start=1):
        if head == month.encode():
            return number
    return 13


def _bc_mark(era: str | None) -> bool:
    return era is not None and era[:1] in "Bb"


def _european(match: Match, fields: Fields) -> None:
    day, month, era, year = match.groups()
    assign_year_month_day(fields, year, str(month_number(month)), day, _bc_mark(era))


def _american(match: Match, fields: Fields) -> None:
    month, day, era, year = match.groups()
    assign_year_month_day(fields, year, str(month_number(month)), day, _bc_mark(era))


def _year_month_day(match: Match, fields: Fields) -> None:
    year, month, day = match.groups()
    assign_year_month_day(fields, year, month, day, False)


def _japanese(match: Match, fields: Fields) -> None:
    era, year, month, day = match.groups()
    # date_parse.c `gengo`: an era letter matched through case folding adds nothing.
    fields["year"] = int(year) + _ERAS.get(era.lower() if era.isascii() else era, 0)
    fields["mon"] = int(month)
    fields["mday"] = int(day)


def _day_month_name_year(match: Match, fields: Fields) -> None:
    day, month, year = match.groups()
    assign_year_month_day(fields, year, str(month_number(month)), day, False)


def _month_name_day_year(match: Match, fields: Fields) -> None:
    month, day, year = match.groups()
    assign_year_month_day(fields, year, str(month_number(month)), day, False)


def _month_day(match: Match, fields: Fields) -> None:
    month, day = match.groups()
    if month is not None:
        fields["mon"] = int(month)
    if day is not None:
        fields["mday"] = int(day)


def _ordinal(match: Match, fields: Fields) -> None:
    fields["year"] = int(match.group(1))
    fields["yday"] = int(match.group(2))


def _year_day(match: Match, fields: Fields) -> None:
    fields["yday"] = int(match.group(1))


def _apostrophe_year(match: Match, fields: Fields) -> None:
    fields["year"] = int(match.group(1))


def _month_name(match: Match, fields: Fields) -> None:
    fields["mon"] = month_number(match.group(1))


def _ordinal_day(match: Match, fields: Fields) -> None:
    fields["mday"] = int(match.group(1))


def _bc(match: Match, fields: Fields) -> None:
    fields["_bc"] = True


def _fragment(match: Match, fields: Fields) -> None:
    """date_parse.c `parse_frag`: a lone number left over is the day (after a time) or
    the hour (after a date)."""
    number = int(match.group(1))
    if fields.get("hour") is not None and fields.get("mday") is None and 1 <= number <= 31:
        fields["mday"] = number
    if fields.get("mday") is not None and fields.get("hour") is None and 0 <= number <= 24:
        fields["hour"] = number


#: date_parse.c `date__parse`: what each step needs in the text, its pattern, how it reads
#: a match. The first step that matches ends the search for a date.
_DATE_STEPS: tuple[tuple[int, _Searcher, _Reader], ...] = (
    (_ALPHA | _DIGIT, EU, _european),
    (_ALPHA | _DIGIT, US, _american),
    (_DIGIT | _DASH, ISO, _year_month_day),
    (_DIGIT | _DOT_MARK, JIS, _japanese),
    (_ALPHA | _DIGIT | _DASH, VMS11, _day_month_name_year),
    (_ALPHA | _DIGIT | _DASH, VMS12, _month_name_day_year),
    (_DIGIT | _SLASH_MARK, SLASH, _year_month_day),
    (_DIGIT | _DOT_MARK, DOT, _year_month_day),
    (_DIGIT, WEEK, _ignore),
    (_DIGIT, WEEKDAY_ONLY, _ignore),
    (_DIGIT, MONTH_DAY, _month_day),
    (_DIGIT, MONTH_DAY_BASIC, _month_day),
    (_DIGIT, Guarded(ORDINAL_AFTER_PUNCT, ORDINAL), _ordinal),
    (_DIGIT, Guarded(YEAR_DAY_AFTER_DIGIT, YEAR_DAY), _year_day),
    (_DIGIT, APOSTROPHE_YEAR, _apostrophe_year),
    (_ALPHA, MONTH_NAME, _month_name),
    (_DIGIT, ORDINAL_DAY, _ordinal_day),
    (_DIGIT, DIGITS, digits_fields),
)
