"""Liquid's `date` filter prints what Jekyll's prints: Ruby's `Time#strftime` of
`Time.parse(text)` (liquid/standardfilters.rb `date`, liquid/utils.rb `to_date`).

Hypothesis writes batches of formats (every conversion letter, known or not, with the
flags `-` `_` `0` `^` `#` in any order, widths, `E`/`O` and colons, among literal text)
over times with and without an offset; one Ruby process, started once for this file,
answers each batch with the batch's zones as the machine's.
"""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.filters import FilterSettings, jekyll_filters
from sitegen.liquid.ruby_date_filter import parse_liquid_time
from sitegen.liquid.ruby_strftime import StrftimeError
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[zone, text, format]` lines; answers the JSON string or `"ERR"`.
RUBY_STRFTIME = r"""
require "json"
STDOUT.sync = true
STDIN.each_line("\n") do |line|
  zone, text, format = JSON.parse(line)
  ENV["TZ"] = zone
  begin
    puts JSON.generate(Time.parse(text.downcase).strftime(format))
  rescue ArgumentError
    puts JSON.generate("ERR")
  end
end
"""

ZONES = ("Asia/Shanghai", "America/New_York", "UTC", "Europe/London")
OFFSETS = ("", " +0000", " +0800", " -0500", " +05:30", " -00:30", " UTC", " Z", " -00:00", " GMT", " EST",
           " +08:00:30", " +0100")  # fmt: skip
LETTERS = "aAbBcCdDeFgGhHIjklLmMnNpPrRsStTuUvVwWxXyYzZQfiJKoqE%+"


@st.composite
def conversion(draw: st.DrawFn) -> str:
    flags = "".join(draw(st.lists(st.sampled_from("-_0^#"), max_size=3)))
    width = draw(st.sampled_from(("", "", "1", "3", "5", "07", "10", "12")))
    modifier = draw(st.sampled_from(("", "", "", "E", "O", ":", "::", ":::")))
    return f"%{flags}{width}{modifier}{draw(st.sampled_from(LETTERS))}"


formats = st.lists(st.one_of(conversion(), st.sampled_from(("-", " ", "|", "x", "年", "%", ":"))), max_size=6)


@st.composite
def example(draw: st.DrawFn) -> tuple[str, str, str]:
    zone = draw(st.sampled_from(ZONES))
    year, month, day = draw(st.integers(1900, 2100)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    hour, minute, second = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    fraction = draw(st.sampled_from(("", ".5", ".123456")))
    text = f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:{second:02d}{fraction}"
    return zone, text + draw(st.sampled_from(OFFSETS)), "".join(draw(formats))


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_STRFTIME, "-rtime") as process:
        yield process


def sitegen_strftime(zone: str, text: str, fmt: str) -> str:
    moment = parse_liquid_time(text, ZoneInfo(zone))
    assert moment is not None, text
    try:
        return moment.strftime(fmt)
    except StrftimeError:
        return "ERR"


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_date_formats_print_as_ruby_strftime(ruby: RubyProcess, batch: list[tuple[str, str, str]]) -> None:
    assert not ruby.mismatches(batch, sitegen_strftime)


def test_date_filter_keeps_the_written_offset_and_ruby_flags() -> None:
    """The reported example: Jekyll prints `16 27|   27|27|MAY|0000002022|MAY`."""
    filters = jekyll_filters(FilterSettings("", "", ZoneInfo("Asia/Shanghai"), "kramdown"))
    date = filters["date"]
    fmt = "%H %-d|%_5d|%-10d|%^b|%010Y|%#b"
    assert date("2022-05-27 16:48:36 +0000", fmt) == "16 27|   27|27|MAY|0000002022|MAY"
