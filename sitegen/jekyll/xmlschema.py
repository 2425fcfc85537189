"""Times as Ruby prints them for machines: `Time#xmlschema` and the offset of `%z`.

A zone's offset before standard time is the local mean time of its city, in seconds
(Asia/Shanghai in 1900: +08:05:43). Python prints those seconds (`isoformat` gives
`+08:05:43`, `%z` gives `+080543`), which RFC 3339 and the W3C datetime profile that
Atom, sitemaps and schema.org read do not allow: an offset is `±HH:MM`. Ruby never
prints them: `Time#xmlschema` (ruby/lib/time.rb, which Jekyll's `date_to_xmlschema`,
jekyll-feed and jekyll-sitemap call) and `Time#strftime("%z")` / `Time#to_s` write
the offset's whole minutes, cut toward zero, signed as the offset is (`-00:00:30` is
`-00:00`); the wall-clock time is left as it is (`1900-06-01T12:05:43+08:05`).
"""

from __future__ import annotations

from datetime import datetime


def ruby_offset(moment: datetime, *, colon: bool) -> str:
    """The offset as Ruby's `%z` (`+0805`) or `%:z` (`+08:05`): whole minutes only;
    "" for a time without a zone."""
    offset = moment.utcoffset()
    if offset is None:
        return ""
    seconds = int(offset.total_seconds())
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{'-' if seconds < 0 else '+'}{hours:02d}{':' if colon else ''}{minutes:02d}"


_WHOLE_MINUTE_LENGTHS = (19, 25)
"""`isoformat(timespec="seconds")` of a time without a zone (`YYYY-MM-DDTHH:MM:SS`) and
of one whose offset is whole minutes (`…±HH:MM`): then it is what Ruby prints."""


def xmlschema(moment: datetime) -> str:
    """`Time#xmlschema`: `YYYY-MM-DDTHH:MM:SS±HH:MM`, to the second; the year always with
    four digits (Python's `%Y` prints year 5 as `5` on some platforms).

    Printed by `datetime.isoformat` (C, about half the time: a sitemap, a feed and every
    post page print one per entry) wherever that is Ruby's text: a plain `datetime`
    whose offset is whole minutes. An offset with seconds (local mean time) is printed
    by Ruby's rule below."""
    if type(moment) is datetime:
        text = moment.isoformat(timespec="seconds")
        if len(text) in _WHOLE_MINUTE_LENGTHS:
            return text
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{ruby_offset(moment, colon=True)}"
    )


def ruby_time_text(moment: datetime) -> str:
    """`Time#to_s` of a time with an offset: `1900-06-01 12:05:43 +0805`."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f" {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} {ruby_offset(moment, colon=False)}"
    )
