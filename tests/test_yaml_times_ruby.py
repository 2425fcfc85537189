"""Unquoted YAML times print as Jekyll prints them: Psych's `Time` (or `Date`) of the
value, printed with `to_s`, through Liquid's `date` filter (the value's own `strftime`)
and through Jekyll's `date_to_xmlschema` (`localtime`).

A page's `date`, any other front-matter key and a `_data` value are Psych's values as
they are (psych/scalar_scanner.rb `TIME`, `parse_time`); only a post's or a collection
document's `date` is converted (document.rb `merge_date!`). Hypothesis writes batches of
times in every form Psych's pattern takes (offsets with and without a colon, `Z`,
fractions, `T` or spaces); one Ruby process, started once for this file, reads each with
`Psych.safe_load` as Jekyll does (utils.rb `safe_load_yaml`) in the batch's zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.yaml_reader import load_yaml
from sitegen.liquid.filters import FilterSettings, jekyll_filters
from sitegen.liquid.ruby_values import liquid_value, ruby_to_s
from tests.conftest import build, write_files
from tests.ruby_process import RubyProcess, ruby_process

FORMAT = "%F %T %z %Z"

#: Reads JSON `[zone, yaml]` lines; answers `[to_s, date filter, date_to_xmlschema]`.
RUBY_PSYCH = r"""
require "json"
require "yaml"
require "date"
require "time"
STDOUT.sync = true
STDIN.each_line("\n") do |line|
  zone, text = JSON.parse(line)
  ENV["TZ"] = zone
  value = Psych.safe_load(text, permitted_classes: [Date, Time], aliases: true)["v"]
  if value.respond_to?(:strftime)
    answer = [value.to_s, value.strftime("%F %T %z %Z"), value.to_time.dup.localtime.xmlschema]
  else
    answer = [value.to_s, nil, nil]
  end
  puts JSON.generate(answer)
end
"""

ZONES = ("Asia/Shanghai", "America/New_York", "UTC", "Europe/London")
OFFSETS = ("", "Z", " Z", " +0000", "+00:00", " -05:30", " +8", " +08", " -0030", " -00:30",
           " +0530", " +14:00", " -00:00", "  +01", " +100")  # fmt: skip


@st.composite
def example(draw: st.DrawFn) -> tuple[str, str]:
    zone = draw(st.sampled_from(ZONES))
    year, month, day = draw(st.integers(1970, 2100)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    hour, minute, second = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    month_text = draw(st.sampled_from((f"{month:02d}", str(month))))
    hour_text = draw(st.sampled_from((f"{hour:02d}", str(hour))))
    separator = draw(st.sampled_from((" ", "T", "t", "  ")))
    fraction = draw(st.sampled_from(("", ".5", ".123456789", ".")))
    text = f"{year:04d}-{month_text}-{day:02d}{separator}{hour_text}:{minute:02d}:{second:02d}{fraction}"
    return zone, "v: " + text + draw(st.sampled_from(OFFSETS)) + "\n"


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_PSYCH) as process:
        yield process


def sitegen_prints(zone: str, text: str) -> list[Any]:
    loaded = load_yaml(text)
    assert isinstance(loaded, dict)
    value = liquid_value(loaded, ZoneInfo(zone))["v"]
    if isinstance(value, str):
        return [value, None, None]
    filters = jekyll_filters(FilterSettings("", "", ZoneInfo(zone), "kramdown"))
    return [
        ruby_to_s(value),
        filters["date"](value, FORMAT),
        filters["date_to_xmlschema"](value),
    ]


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_yaml_times_print_as_psych_reads_them(ruby: RubyProcess, batch: list[tuple[str, str]]) -> None:
    assert not ruby.mismatches(batch, sitegen_prints)


def test_a_pages_date_keeps_its_written_offset(tmp_path: Path) -> None:
    """The reported example, checked against `jekyll build`: a page prints its date as
    written; a post's is shown in the site's zone."""
    shown = '{{ page.date }}|{{ page.date | date: "%z %Z" }}|{{ page.date | date_to_xmlschema }}'
    front = "---\nlayout: none\ndate: 2022-05-27 16:48:36 +0000\n---\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "timezone: Asia/Shanghai\n",
            "page.html": front + shown,
            "_posts/2022-05-27-post.html": front + shown,
        },
    )
    build(site)
    output = site / "_site"
    assert (output / "page.html").read_text().strip() == (
        "2022-05-27 16:48:36 +0000|+0000 |2022-05-28T00:48:36+08:00"
    )
    assert (output / "2022/05/28/post.html").read_text().strip() == (
        "2022-05-28 00:48:36 +0800|+0800 CST|2022-05-28T00:48:36+08:00"
    )
