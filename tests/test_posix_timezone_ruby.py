"""`timezone:` is read as Jekyll's Ruby reads `TZ` (Jekyll sets `ENV["TZ"]` to it): a
POSIX TZ string (`CST-8`, `EST5EDT,M3.2.0,M11.1.0`, `<+08>-8`) is a zone with its DST
rules, and a value glibc cannot read (`Mars/Base`) is UTC with one warning, where sitegen
refused the whole build (`unknown timezone 'CST-8'`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.jekyll.posix_zone import site_zone
from sitegen.jekyll.ruby_local_time import local_moment
from tests.conftest import build, write_files
from tests.ruby_process import RubyProcess, ruby_process

RUBY = """
require "json"
STDOUT.sync = true
STDIN.each_line do |line|
  zone, seconds, fields = JSON.parse(line)
  ENV["TZ"] = zone
  at = Time.at(seconds)
  local = Time.local(*fields)
  shown = [local.year, local.month, local.day, local.hour, local.min, local.sec]
  puts JSON.generate([at.utc_offset, at.zone, local.to_i, local.utc_offset, local.zone, shown])
end
"""

LETTERS = st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz"), min_size=3, max_size=5)
QUOTED = st.text(st.sampled_from("ABCXYZ0123456789+-"), min_size=3, max_size=5).map(lambda name: f"<{name}>")
NAMES = st.one_of(LETTERS, QUOTED)


@st.composite
def clock(draw: st.DrawFn, hours: st.SearchStrategy[int]) -> str:
    """`[+-]hh[:mm[:ss]]`."""
    text = draw(st.sampled_from(("", "+", "-"))) + str(draw(hours))
    if draw(st.booleans()):
        text += f":{draw(st.integers(0, 59)):02}"
        if draw(st.booleans()):
            text += f":{draw(st.integers(0, 59)):02}"
    return text


@st.composite
def rule(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from("JnM"))
    if kind == "J":
        text = f"J{draw(st.integers(1, 365))}"
    elif kind == "n":
        text = str(draw(st.integers(0, 365)))
    else:
        text = f"M{draw(st.integers(1, 12))}.{draw(st.integers(1, 5))}.{draw(st.integers(0, 6))}"
    if draw(st.booleans()):
        text += "/" + draw(clock(st.integers(0, 30)))
    return text


@st.composite
def posix_tz(draw: st.DrawFn) -> str:
    text = draw(NAMES) + draw(clock(st.integers(0, 22)))
    if draw(st.booleans()):
        text += draw(NAMES)
        if draw(st.booleans()):
            text += draw(clock(st.integers(0, 22)))
        text += f",{draw(rule())},{draw(rule())}"
    return text


INSTANTS = st.integers(-(2**31), 2**32)
WALL_TIMES = st.datetimes(datetime(1902, 1, 1), datetime(2100, 12, 31))


@pytest.fixture(scope="module")
def ruby_tz() -> Iterator[RubyProcess]:
    with ruby_process(RUBY) as process:
        yield process


def sitegen_reads(zone_text: str, seconds: int, fields: list[int]) -> list[object]:
    zone = site_zone(zone_text)[0]
    at = datetime.fromtimestamp(seconds, UTC).astimezone(zone)
    local = local_moment(datetime(*fields), zone).astimezone(UTC).astimezone(zone)  # type: ignore[arg-type]
    at_offset, local_offset = at.utcoffset(), local.utcoffset()
    assert at_offset is not None and local_offset is not None
    return [
        int(at_offset.total_seconds()),
        at.tzname(),
        int(local.timestamp()),
        int(local_offset.total_seconds()),
        local.tzname(),
        fields_of(local),
    ]


def fields_of(moment: datetime) -> list[int]:
    return [moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second]


def shown_twice(zone_text: str, fields: list[int]) -> bool:
    """Whether a wall time is one the zone's clocks show twice: which of the two Ruby's
    `Time.local` (glibc `mktime`) takes is its search's, not a rule (left out here; the
    US fall-back hour is among the reported values below)."""
    zone = site_zone(zone_text)[0]
    naive = datetime(*fields)  # type: ignore[arg-type]
    return naive.replace(tzinfo=zone).utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset()


@given(batch=st.lists(st.tuples(posix_tz(), INSTANTS, WALL_TIMES.map(fields_of)), min_size=1, max_size=40))
def test_posix_zones_read_as_ruby_reads_them(
    ruby_tz: RubyProcess, batch: list[tuple[str, int, list[int]]]
) -> None:
    """Each instant's offset and abbreviation, and each wall time's instant, as Ruby's.
    A wall time Ruby's `Time.local` does not land on (a skipped one, or one of the
    generated zones whose two changes meet at New Year, where glibc's per-year rule makes
    the clock run backwards and Ruby's search lands elsewhere) is left to the reported
    values below."""
    answers = ruby_tz.answers([list(example) for example in batch])
    for example, answer in zip(batch, answers, strict=True):
        ours = sitegen_reads(*example)
        if shown_twice(example[0], example[2]) or answer[5] != example[2]:
            ours, answer = ours[:2], answer[:2]
        assert ours == answer, example


@pytest.mark.parametrize(
    "zone_text",
    ["CST-8", "EST5EDT,M3.2.0,M11.1.0", "<+08>-8", "UTC0", "Mars/Base", "garbage", "AB3", ":Asia/Tokyo"],
)
def test_the_reported_values(ruby_tz: RubyProcess, zone_text: str) -> None:
    """Around the US changes of 2022, and a southern-hemisphere-like rule."""
    batch = [
        (zone_text, seconds, fields)
        for seconds in (1647154800, 1647158400, 1667714400, 1667718000, 1656676800)
        for fields in ([2022, 3, 13, 2, 30, 0], [2022, 11, 6, 1, 30, 0], [2022, 7, 1, 12, 0, 0])
    ]
    assert not ruby_tz.mismatches(batch, sitegen_reads)


def test_a_posix_timezone_builds_and_an_unreadable_one_warns_once(tmp_path: Path) -> None:
    post = "---\ntitle: t\ndate: 2024-07-01 23:30:00 +0000\n---\n{{ page.date | date: '%F %R %z %Z' }}\n"
    site = write_files(
        tmp_path / "s", {"_config.yml": "title: t\ntimezone: CST-8\n", "_posts/2024-07-01-a.md": post}
    )
    result = build(site)
    page = (result.destination / "2024/07/02/a.html").read_text()
    assert "2024-07-02 07:30 +0800 CST" in page
    assert not [d for d in result.diagnostics if "timezone" in d.message]

    site = write_files(
        tmp_path / "m", {"_config.yml": "title: t\n\ntimezone: Mars/Base\n", "_posts/2024-07-01-a.md": post}
    )
    result = build(site)
    assert "2024-07-01 23:30 +0000 Mars" in (result.destination / "2024/07/01/a.html").read_text()
    warnings = [d for d in result.diagnostics if "timezone" in d.message]
    assert len(warnings) == 1
    assert (warnings[0].path.name, warnings[0].line) == ("_config.yml", 3)
    assert "Jekyll silently" in warnings[0].message


def test_site_config_zone_is_the_posix_zone() -> None:
    assert SiteConfig(timezone="EST5EDT,M3.2.0,M11.1.0").zone.utcoffset(datetime(2022, 7, 1)) is not None
