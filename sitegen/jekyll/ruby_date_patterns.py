"""The patterns of Ruby's `Date._parse` (ruby/date ext/date/date_parse.c, date 3.2), in
the order `sitegen.jekyll.ruby_date_parse` tries them.

Each is written once and compiled twice. Ruby's (Onigmo's) classes are ASCII for `\\d`,
`\\s` and `\\w`, Unicode for `[[:alpha:]]`, `[[:alnum:]]` and word boundaries, and it
ignores case with Unicode's full case folding (`ß` matches `ss`, `ſ` matches `s`). The
`regex` module matches that on any text; on ASCII text (nearly every date) the standard
`re` with ASCII classes means the same and is several times faster, so a text picks its
compilation by `str.isascii`.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Protocol


class Match(Protocol):
    """What the readers use of a match, from `re` or `regex` (a group is text, or None
    where an optional group took no part, as both libraries type it: `Any`)."""

    def group(self, group: int, /) -> Any: ...
    def groups(self) -> tuple[Any, ...]: ...
    def start(self) -> int: ...
    def end(self) -> int: ...


class Twin:
    """One pattern, compiled for ASCII text (`re`) and for any text (`regex`), each when
    first used: most builds read every date by `sitegen.jekyll.ruby_time`'s common form
    and need neither (compiling them all took 30 ms of every build's start).

    `<alpha>` and `<digit>` in a character class stand for Ruby's `[[:alpha:]]` and the
    digits of `[[:alnum:]]`."""

    def __init__(self, source: str, *, ignore_case: bool = False) -> None:
        self._source = source
        self._ignore_case = ignore_case

    @functools.cached_property
    def _ascii(self) -> re.Pattern[str]:
        source = self._source.replace("<alpha>", "A-Za-z").replace("<digit>", "0-9")
        return re.compile(source, re.ASCII | (re.IGNORECASE if self._ignore_case else 0))

    @functools.cached_property
    def _any(self) -> Any:
        import regex  # only for a date that is not ASCII text

        source = self._source.replace("<alpha>", r"\p{Alphabetic}").replace("<digit>", r"\p{Nd}")
        case = regex.IGNORECASE | regex.FULLCASE if self._ignore_case else 0
        return regex.compile(source, regex.VERSION0 | case)

    def search(self, text: str) -> Match | None:
        return (self._ascii if text.isascii() else self._any).search(text)

    def sub(self, replacement: str, text: str) -> str:
        return (self._ascii if text.isascii() else self._any).sub(replacement, text)


class Guarded:
    """A step that first looks for a shape it must not take (date_parse.c `parse_iso25`
    and `parse_iso26` return early, cutting nothing, when `pat0` is found)."""

    def __init__(self, guard: Twin, pattern: Twin) -> None:
        self.guard = guard
        self.pattern = pattern

    def search(self, text: str) -> Match | None:
        return None if self.guard.search(text) else self.pattern.search(text)


MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_ERA = r"c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.)"
_MERIDIAN = r"[ap](?:m\b|\.m\.)"

NOT_KEPT = Twin(r"[^-+',./:@\[\]<alpha><digit>]+")
DAY = Twin(r"\b(?:sun|mon|tue|wed|thu|fri|sat)[^-/0-9\s]*", ignore_case=True)
TIME = Twin(
    r"((?:[0-9]+\s*:\s*[0-9]+(?:\s*:\s*[0-9]+(?:[,.][0-9]*)?)?"
    r"|[0-9]+\s*h(?:\s*[0-9]+m?(?:\s*[0-9]+s?)?)?)"
    rf"(?:\s*{_MERIDIAN})?"
    rf"|[0-9]+\s*{_MERIDIAN})"
    r"(?:\s*((?:gmt|utc?)?[-+][0-9]+(?:[,.:][0-9]+(?::[0-9]+)?)?"
    r"|(?-i:[<alpha>.\s]+)(?:standard|daylight)\stime\b"
    r"|(?-i:[<alpha>]+)(?:\sdst)?\b))?",
    ignore_case=True,
)
CLOCK = Twin(
    r"\A([0-9]+)h?(?:\s*:?\s*([0-9]+)m?(?:\s*:?\s*([0-9]+)(?:[,.]([0-9]+))?s?)?)?"
    r"(?:\s*([ap])(?:m\b|\.m\.))?",
    ignore_case=True,
)
EU = Twin(
    rf"('?[0-9]+)[^-0-9\s]*\s*({MONTHS})[^-0-9\s']*"
    rf"(?:\s*({_ERA})?\s*('?-?[0-9]+(?:(?:st|nd|rd|th)\b)?))?",
    ignore_case=True,
)
US = Twin(
    rf"\b({MONTHS})[^-0-9\s']*\s*('?[0-9]+)[^-0-9\s']*(?:\s*,?\s*({_ERA})?\s*('?-?[0-9]+))?",
    ignore_case=True,
)
ISO = Twin(r"('?[-+]?[0-9]+)-([0-9]+)-('?-?[0-9]+)")
JIS = Twin(r"\b([mtshr])([0-9]+)\.([0-9]+)\.([0-9]+)", ignore_case=True)
VMS11 = Twin(rf"('?-?[0-9]+)-({MONTHS})[^-/.]*-('?-?[0-9]+)", ignore_case=True)
VMS12 = Twin(rf"\b({MONTHS})[^-/.]*-('?-?[0-9]+)(?:-('?-?[0-9]+))?", ignore_case=True)
SLASH = Twin(r"('?-?[0-9]+)/\s*('?[0-9]+)(?:[^0-9]\s*('?-?[0-9]+))?", ignore_case=True)
DOT = Twin(r"('?-?[0-9]+)\.\s*('?[0-9]+)\.\s*('?-?[0-9]+)", ignore_case=True)
WEEK = Twin(r"\b(?:[0-9]{2}|[0-9]{4})?-?w[0-9]{2}(?:-?[0-9])?\b", ignore_case=True)
WEEKDAY_ONLY = Twin(r"-w-[0-9]\b", ignore_case=True)
MONTH_DAY = Twin(r"--([0-9]{2})?-([0-9]{2})\b")
MONTH_DAY_BASIC = Twin(r"--([0-9]{2})([0-9]{2})?\b")
ORDINAL_AFTER_PUNCT = Twin(r"[,.](?:[0-9]{2}|[0-9]{4})-[0-9]{3}\b")
ORDINAL = Twin(r"\b([0-9]{2}|[0-9]{4})-([0-9]{3})\b")
YEAR_DAY_AFTER_DIGIT = Twin(r"[0-9]-[0-9]{3}\b")
YEAR_DAY = Twin(r"\b-([0-9]{3})\b")
APOSTROPHE_YEAR = Twin(r"'([0-9]+)\b")
MONTH_NAME = Twin(rf"\b({MONTHS})\S*", ignore_case=True)
ORDINAL_DAY = Twin(r"([0-9]+)(?:st|nd|rd|th)\b", ignore_case=True)
DIGITS = Twin(
    r"([-+]?)([0-9]{2,14})(?:\s*t?\s*([0-9]{2,6})?(?:[,.]([0-9]*))?)?"
    r"(?:\s*(z\b|[-+][0-9]{1,4}\b|\[[-+]?[0-9][^\]]*\]))?",
    ignore_case=True,
)
BC = Twin(r"\b(?:bc\b|bce\b|b\.c\.|b\.c\.e\.)", ignore_case=True)
FRAGMENT = Twin(r"\A\s*([0-9]{1,2})\s*\Z", ignore_case=True)
