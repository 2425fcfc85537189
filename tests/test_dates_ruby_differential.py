"""Every date text Ruby's `Time.parse` reads, sitegen reads as the same instant, and what
Ruby refuses, sitegen refuses.

Jekyll dates a post with `Time.parse(date.to_s).localtime` (jekyll/lib/jekyll/utils.rb).
Hypothesis writes batches of date texts in the shapes people and news crawlers write:
ISO 8601 extended and basic (`20220527T235959`), with and without `T`, fraction and
zone; ordinal (`2022-147`) and week dates (`2022-W21-5`); compact digits; RFC 2822 and
HTTP dates; `27 May 2022`, `May 27, 2022 4:48pm`, `2022/05/27 16:48`, `27.05.2022`,
`H34.05.27`; two-digit years; offsets and zone names Ruby knows and ignores (`+08:00`,
`+0800`, `+8`, `UTC`, `JST`, `GMT+8`); am/pm; words and punctuation around the date;
times on the nights clocks change; and near misses of all of them (fields out of range,
a character added, dropped or changed, text past Ruby's 128 bytes). One Ruby process,
started once for this file, reads each batch with the batch's zones as the machine's.
The only difference allowed is the one sitegen makes on purpose: a text without a year,
which Ruby completes from the build's clock, is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from typing import IO
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.dates import DateParseError, parse_date

#: Reads `zone<TAB>text` lines; answers `NOYEAR`, `ERR` or `OK <instant> <year read>`.
RUBY_READER = r"""
STDOUT.sync = true
STDIN.each_line("\n") do |line|
  zone, text = line.chomp("\n").split("\t", 2)
  ENV["TZ"] = zone
  begin
    year = Date._parse(text)[:year]
    if year.nil?
      puts "NOYEAR"
    else
      puts "OK #{Time.parse(text).localtime.strftime("%Y-%m-%dT%H:%M:%S.%6N%:z")} #{year}"
    end
  rescue StandardError
    puts "ERR"
  end
end
"""

ZONES = ("Asia/Shanghai", "America/Los_Angeles", "UTC", "Asia/Tokyo", "Europe/London", "Australia/Lord_Howe")
#: Nights the clocks change in those zones, with hours around the change.
CLOCK_CHANGES = (
    ("America/Los_Angeles", "2022-03-13", (1, 2, 3)),
    ("America/Los_Angeles", "2022-11-06", (0, 1, 2)),
    ("Europe/London", "2022-03-27", (0, 1, 2)),
    ("Europe/London", "2022-10-30", (0, 1, 2)),
    ("Australia/Lord_Howe", "2022-04-03", (1, 2)),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ZONE_NAMES = ("", "Z", "z", "+08:00", "+0800", "+08", "+8", "-05:00", "-0500", "+05:30", "+08:00:30",
              "+24:00", "-00:00", "UTC", "GMT", "UT", "EST", "PDT", "CST", "JST", "BST", "GMT+8", "UTC-05:00",
              "A", "P", "Asia/Shanghai", "(UTC)", "Eastern Standard Time", "[+8]", "[-5:EST]")  # fmt: skip
WORDS = ("Posted on", "Published:", "updated", "at", "by Reuters", "junk", "(", ")", "—", "|", "@", "th",
         "BC", "AD", "北京时间", "发布于", "é", "ſ", "\u00a0", "\u3000", "２０２２", "''", "#")  # fmt: skip
NEAR_MISS_CHARACTERS = "0123456789-+:/.,' TtZWapmMayDec年—ſ[]"


@st.composite
def date_text(draw: st.DrawFn) -> tuple[str, str]:
    """A zone and a date text in it: one of the shapes above, perhaps among words, perhaps
    missed by a character."""
    zone = draw(st.sampled_from(ZONES))
    year = draw(st.one_of(st.integers(1990, 2030), st.integers(1, 9999), st.sampled_from((1969, 1970, 2000))))
    year_text = f"{year:04d}" if draw(st.booleans()) or year < 100 else f"{year % 100:02d}"
    month = draw(st.one_of(st.integers(1, 12), st.integers(0, 13)))
    day = draw(st.one_of(st.integers(1, 31), st.integers(0, 32)))
    hour = draw(st.one_of(st.integers(0, 23), st.integers(0, 25)))
    minute, second = draw(st.integers(0, 61)), draw(st.integers(0, 61))
    if draw(st.integers(0, 4)) == 0:
        zone, night, hours = draw(st.sampled_from(CLOCK_CHANGES))
        year, month, day = int(night[:4]), int(night[5:7]), int(night[8:])
        year_text, hour, second = night[:4], draw(st.sampled_from(hours)), draw(st.sampled_from((0, 59, 60)))
    fraction = draw(st.sampled_from(("", ".5", ".123456", ".123456789", ",25", ".")))
    offset = draw(st.sampled_from(ZONE_NAMES))
    spaced_offset = f"{draw(st.sampled_from(('', ' ')))}{offset}" if offset else ""
    month_name = MONTHS[month - 1] if 1 <= month <= 12 else "Smarch"
    month_name = draw(st.sampled_from((month_name, month_name[:3], month_name[:3] + ".", month_name.upper())))
    weekday = draw(st.sampled_from(WEEKDAYS))
    weekday = draw(st.sampled_from((weekday, weekday[:3] + ",")))
    meridian = draw(st.sampled_from(("am", "pm", "PM", "a.m.", " pm", "p")))
    mm, dd, hh, mi, ss = f"{month:02d}", f"{day:02d}", f"{hour:02d}", f"{minute:02d}", f"{second:02d}"
    twelve = hour % 12 or 12
    clock = draw(st.sampled_from((f"{hh}:{mi}:{ss}{fraction}", f"{hh}:{mi}", f"{twelve}:{mi}{meridian}",
                                  f"{twelve}{meridian}", f"{hh}{mi}{ss}", f"{hh}h{mi}", "")))  # fmt: skip
    separator = draw(st.sampled_from((" ", "T", "t", "")))
    shapes = (
        f"{year_text}-{mm}-{dd}{separator}{clock}{spaced_offset}",
        f"{year:04d}-{month}-{day} {clock}{spaced_offset}",
        f"{year:04d}{mm}{dd}",
        f"{year:04d}{mm}{dd}T{hh}{mi}{ss}{fraction}{offset if offset in ('Z', '+0800', '+08') else ''}",
        f"{year:04d}{mm}{dd} {hh}{mi}{ss}{spaced_offset}",
        f"{year:04d}-{draw(st.integers(0, 400)):03d}{separator}{clock}{spaced_offset}",
        f"{year:04d}{draw(st.integers(1, 366)):03d}",
        f"{year:04d}-W{draw(st.integers(1, 53)):02d}-{draw(st.integers(1, 7))}",
        f"{weekday} {dd} {month_name} {year_text} {hh}:{mi}:{ss} {offset or 'GMT'}",
        f"{day} {month_name} {year_text} {clock}",
        f"{month_name} {day}, {year_text} {clock}{spaced_offset}",
        f"{month_name} {year:04d}",
        f"{year_text}/{mm}/{dd} {clock}{spaced_offset}",
        f"{dd}/{mm}/{year_text}",
        f"{dd}.{mm}.{year_text} {clock}",
        f"{day}-{month_name[:3]}-{year_text}",
        f"'{year_text[-2:]} {month_name} {day}",
        f"{day}th {month_name} {year:04d}",
        f"H{draw(st.integers(1, 31))}.{mm}.{dd}",
        f"{clock}{spaced_offset}",
        f"{month_name} {day}",
        f"{year_text}-{mm}-{dd} {clock} {year:04d} {offset}",
        str(draw(st.integers(0, 10**14))),
    )
    text = draw(st.sampled_from(shapes))
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from(WORDS))} {text} {draw(st.sampled_from(WORDS))}"
    edits = draw(
        st.lists(
            st.tuples(st.integers(0, 200), st.sampled_from(NEAR_MISS_CHARACTERS), st.integers(0, 1)),
            max_size=2,
        )
    )
    for place, character, replaces in edits:
        at = place % (len(text) + 1)
        text = text[:at] + character + text[at + replaces :]
    if draw(st.integers(0, 19)) == 0:
        text = text + " " + "x" * (129 - len(text.encode()))  # past Ruby's 128 bytes
    return zone, text


class RubyTimeParse:
    """One `ruby` process answering batches of `Time.parse` questions."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def read(self, batch: list[tuple[str, str]]) -> list[str]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write("".join(f"{zone}\t{text}\n" for zone, text in batch))
        stdin.flush()
        return [stdout.readline().rstrip("\n") for _ in batch]


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyTimeParse]:
    executable = shutil.which("ruby")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("ruby must be installed in CI (.ci/run installs jekyll, which brings it)")
        pytest.skip("ruby is not installed")
    process = subprocess.Popen(
        [executable, "-E", "UTF-8:UTF-8", "-rtime", "-e", RUBY_READER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    yield RubyTimeParse(process)
    stdin: IO[str] | None = process.stdin
    assert stdin is not None
    stdin.close()
    process.wait(timeout=30)


def sitegen_reading(text: str, zone: str) -> str:
    try:
        moment = parse_date(text, ZoneInfo(zone))
    except DateParseError:
        return "refused"
    return ruby_strftime(moment)


def ruby_strftime(moment: datetime) -> str:
    """`%Y-%m-%dT%H:%M:%S.%6N%:z`, as the Ruby side prints it."""
    offset = int(moment.utcoffset().total_seconds())  # type: ignore[union-attr]
    sign, offset = ("-" if offset < 0 else "+"), abs(offset)
    day = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}.{moment.microsecond:06d}"
    return f"{day}{sign}{offset // 3600:02d}:{offset % 3600 // 60:02d}"


@given(batch=st.lists(date_text(), min_size=1, max_size=30))
def test_sitegen_reads_every_date_text_as_ruby_time_parse_does(
    ruby: RubyTimeParse, batch: list[tuple[str, str]]
) -> None:
    mismatched = []
    for (zone, text), answer in zip(batch, ruby.read(batch), strict=True):
        ours = sitegen_reading(text, zone)
        if answer in ("ERR", "NOYEAR"):
            expected = "refused"
        else:
            _, instant, year_read = answer.split(" ")
            expected = instant
            shown_year = int(instant[: instant.index("-", 1)])
            if not (1 <= shown_year <= 9999 and 1 <= int(year_read) <= 9999) and ours == "refused":
                expected = "refused"  # a year Python's datetime cannot hold
        if ours != expected:
            mismatched.append((zone, text, answer, ours))
    assert not mismatched
