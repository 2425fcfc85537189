"""Every machine-readable time sitegen prints is valid RFC 3339, as Ruby prints it.

Zones' offsets before standard time are local mean time, in seconds (Asia/Shanghai in
1900: +08:05:43); Python printed them (`+08:05:43`) in feeds, sitemaps, JSON-LD and
`<time datetime>`, which no RFC 3339 reader accepts. Ruby's `Time#xmlschema`, which
Jekyll prints, keeps the whole minutes (`+08:05`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.jekyll.xmlschema import ruby_time_text, xmlschema
from tests.conftest import build, write_files

RFC_3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
ZONES = ("Asia/Shanghai", "America/Sao_Paulo", "Africa/Monrovia", "Europe/Amsterdam", "Asia/Kolkata", "UTC")
#: Prints `Time#xmlschema` and `Time#to_s` of `zone<TAB>epoch seconds` lines.
RUBY_PRINTER = r"""
require "time"
STDIN.each_line do |line|
  zone, seconds = line.split("\t")
  ENV["TZ"] = zone
  t = Time.at(seconds.to_i).localtime
  puts "#{t.xmlschema}\t#{t}"
end
"""


@given(moment=st.datetimes(timezones=st.timezones()))
@example(moment=datetime(1900, 6, 1, 12, 5, 43, tzinfo=ZoneInfo("Asia/Shanghai")))
@example(moment=datetime(1, 1, 1, tzinfo=timezone(timedelta(seconds=-30))))
def test_any_zone_and_year_prints_rfc_3339(moment: datetime) -> None:
    printed = xmlschema(moment)
    assert RFC_3339.fullmatch(printed), printed
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(abs(offset.total_seconds())) // 60
    sign = "-" if offset < timedelta(0) else "+"
    assert printed.endswith(f"{sign}{minutes // 60:02d}:{minutes % 60:02d}")
    assert printed[:19] == f"{moment.year:04d}{moment:-%m-%dT%H:%M:%S}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}", ruby_time_text(moment))


def _ruby_rule(moment: datetime) -> str:
    """`Time#xmlschema` spelled out field by field: the offset's whole minutes, cut toward
    zero and signed as the offset is."""
    offset = moment.utcoffset()
    zone = ""
    if offset is not None:
        seconds = int(offset.total_seconds())
        hours, minutes = divmod(abs(seconds) // 60, 60)
        zone = f"{'-' if seconds < 0 else '+'}{hours:02d}:{minutes:02d}"
    return f"{moment.year:04d}{moment:-%m-%dT%H:%M:%S}{zone}"


@given(
    moment=st.datetimes(
        timezones=st.one_of(
            st.none(),
            st.timezones(),
            st.timedeltas(
                min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
            )
            .filter(lambda offset: offset.microseconds == 0)
            .map(timezone),
        )
    )
)
@example(moment=datetime(1900, 6, 1, 12, 5, 43, tzinfo=ZoneInfo("Asia/Shanghai")))
@example(moment=datetime(2022, 5, 27, 16, 48, 36, 999_999, tzinfo=timezone(timedelta(seconds=-30))))
@example(moment=datetime(5, 1, 1, tzinfo=timezone(timedelta(minutes=-30))))
def test_the_printed_text_is_ruby_rule_whichever_way_it_is_made(moment: datetime) -> None:
    """The fast path (`isoformat`) and the field-by-field rule print the same text for
    every time: with no zone, whole-minute and second offsets, and zones' history."""
    assert xmlschema(moment) == _ruby_rule(moment)


#: Instants across the history of each zone: local mean time, first standard offsets,
#: summer times, the far past and future.
INSTANTS = tuple(
    (zone, int(datetime(year, month, 1, 12, tzinfo=UTC).timestamp()))
    for zone in ZONES
    for year in (1, 1000, 1850, 1900, 1915, 1930, 1945, 1960, 2000, 2038, 9999)
    for month in (1, 7)
)


def test_times_print_as_ruby_prints_them() -> None:
    """One Ruby process prints them all (Ruby starts slowly)."""
    ruby = shutil.which("ruby")
    if ruby is None:
        pytest.skip("Ruby is not installed")
    lines = "".join(f"{zone}\t{seconds}\n" for zone, seconds in INSTANTS)
    answer = subprocess.run(
        [ruby, "-e", RUBY_PRINTER], input=lines, capture_output=True, text=True, check=True
    )
    for (zone, seconds), expected in zip(INSTANTS, answer.stdout.splitlines(), strict=True):
        moment = datetime.fromtimestamp(seconds, ZoneInfo(zone))
        assert f"{xmlschema(moment)}\t{ruby_time_text(moment)}" == expected, (zone, seconds)


def test_a_post_in_local_mean_time_prints_minutes_everywhere() -> None:
    files = {
        "_config.yml": "title: T\nurl: https://t.example.com\ntimezone: Asia/Shanghai\n",
        "content/_posts/1900-06-01-old.md": "---\ntitle: Old\ndate: 1900-06-01 12:00:00 +0800\n---\nOld\n",
    }
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        build(site)
        published = site / "_site"
        texts = "".join(
            path.read_text("utf-8") for path in published.rglob("*") if path.suffix in (".xml", ".html")
        )
        assert "+08:05:43" not in texts
        for marker in ("<published>", "<updated>", "<lastmod>", '"datePublished":"', 'datetime="'):
            assert f"{marker}1900-06-01T12:05:43+08:05" in texts, marker


def test_liquid_prints_offsets_as_jekyll_does() -> None:
    """`date_to_rfc822`, `date: "%z"`, `date_to_xmlschema` and `{{ page.date }}` write
    the offset as Ruby's `%z` and `xmlschema` do: whole minutes, as Jekyll 4.3 prints
    them. The time is the moment the front matter names, as plain Ruby prints it; Jekyll
    4.3.1 prints 12:07:09 here, having moved the time by the offset's dropped seconds
    each time `Document#merge_date!` read back its own `Time#to_s` (a bug not copied)."""
    probe = '{{ page.date | date_to_rfc822 }}|{{ page.date | date: "%z %:z" }}|'
    probe += "{{ page.date | date_to_xmlschema }}|{{ page.date }}|{{ page.date | jsonify }}"
    files = {
        "_config.yml": "title: T\ntimezone: Asia/Shanghai\n",
        "_posts/1900-06-01-old.html": f"---\nlayout: null\ndate: 1900-06-01 12:00:00 +0800\n---\n{probe}",
    }
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        build(site)
        printed = next((site / "_site").rglob("old.html")).read_text("utf-8")
    assert printed.split("|") == [
        "Fri, 01 Jun 1900 12:05:43 +0805",
        "+0805 +08:05",
        "1900-06-01T12:05:43+08:05",
        "1900-06-01 12:05:43 +0805",
        '"1900-06-01 12:05:43 +0805"',
    ]
