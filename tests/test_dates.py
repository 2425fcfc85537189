from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.jekyll.dates import (
    OFFSETLESS_SITE_ZONE,
    DateParseError,
    date_from_filename,
    day_moved_by_utc_reading,
    parse_date,
)
from sitegen.jekyll.ruby_time import common_form, time_parse_in_full
from sitegen.jekyll.yaml_reader import load_yaml
from tests.conftest import build, write_files

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_offset_in_text_is_honoured_and_shown_in_site_zone() -> None:
    moment = parse_date("2022-05-27 23:48:36 -0500", SHANGHAI)
    assert moment.isoformat() == "2022-05-28T12:48:36+08:00"


def test_text_without_offset_is_read_in_site_zone() -> None:
    assert parse_date("2021-12-08 10:46:18", SHANGHAI).utcoffset() == timedelta(hours=8)
    assert parse_date("2021-12-08 10:46:18", SHANGHAI).hour == 10


def test_yaml_naive_datetime_is_utc_shown_in_site_zone_as_in_jekyll() -> None:
    # An unquoted `date: 2021-12-01 13:33:50` is a UTC instant in Jekyll's YAML reader.
    moment = parse_date(datetime(2021, 12, 1, 13, 33, 50), SHANGHAI)
    assert moment.isoformat() == "2021-12-01T21:33:50+08:00"


def test_yaml_naive_datetime_is_read_in_site_zone_when_the_site_opts_in() -> None:
    moment = parse_date(datetime(2021, 12, 1, 13, 33, 50), SHANGHAI, OFFSETLESS_SITE_ZONE)
    assert moment.isoformat() == "2021-12-01T13:33:50+08:00"


def test_aware_datetime_is_converted_to_site_zone() -> None:
    moment = parse_date(datetime(2022, 1, 1, 20, 0, tzinfo=UTC), SHANGHAI)
    assert (moment.day, moment.hour) == (2, 4)


def test_plain_date_is_midnight_in_site_zone() -> None:
    assert parse_date(date(2022, 5, 27), SHANGHAI).isoformat() == "2022-05-27T00:00:00+08:00"


@pytest.mark.parametrize(
    "text", ["2022-05-27T16:48:36+08:00", "2022-05-27 16:48 +08:00", "2022-05-27 08:48:36Z"]
)
def test_other_common_spellings(text: str) -> None:
    assert parse_date(text, SHANGHAI).isoformat() == (
        "2022-05-27T16:48:36+08:00" if "36" in text else "2022-05-27T16:48:00+08:00"
    )


@pytest.mark.parametrize("value", ["+0800", "yesterday", "2022-13-40 10:00:00", True, ["2022-01-01"]])
def test_unreadable_dates_raise(value: object) -> None:
    with pytest.raises(DateParseError):
        parse_date(value, SHANGHAI)


# An unquoted number is a YAML integer or float; Jekyll gives `Time.parse` its `to_s`.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20220527, "2022-05-27T00:00:00+08:00"),
        (2022147, "2022-05-27T00:00:00+08:00"),
        (12345, "2012-12-10T00:00:00+08:00"),
    ],
)
def test_unquoted_numbers_are_read_as_jekyll_reads_their_text(value: int, expected: str) -> None:
    assert parse_date(value, SHANGHAI).isoformat() == expected


@pytest.mark.parametrize("value", [2022, 20220527.5, 1e16])
def test_numbers_ruby_reads_without_a_year_or_refuses_are_refused(value: float) -> None:
    # 2022 is month 20, day 22; `20220527.5` is the 20th at 22:05:27.5 of the build's month.
    with pytest.raises(DateParseError):
        parse_date(value, SHANGHAI)


# Each expected value is what Ruby's `Time.parse(text).localtime` gives with
# TZ=Asia/Shanghai, the reading Jekyll 4.3 applies to every front-matter date.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022/05/27", "2022-05-27T00:00:00+08:00"),
        ("May 27 2022", "2022-05-27T00:00:00+08:00"),
        ("May 27, 2022", "2022-05-27T00:00:00+08:00"),
        ("Fri, 27 May 2022 10:00:00 GMT", "2022-05-27T18:00:00+08:00"),
        ("27 May 2022 10:00", "2022-05-27T10:00:00+08:00"),
        ("September 3, 2022 10:00:00 +0800", "2022-09-03T10:00:00+08:00"),
        ("May 2022", "2022-05-01T00:00:00+08:00"),
        ("2022-05-27T10:00:00Z", "2022-05-27T18:00:00+08:00"),
        ("2022-05-27 10:00:00 UTC", "2022-05-27T18:00:00+08:00"),
        ("2022-05-27 10:00:00 PST", "2022-05-28T02:00:00+08:00"),
        ("2022-05-27 10:00:00 CST", "2022-05-28T00:00:00+08:00"),
        ("2022-05-27 10:00:00 -05", "2022-05-27T23:00:00+08:00"),
        ("2022-05-27 10:00:00 +0530", "2022-05-27T12:30:00+08:00"),
        ("2022-05-27 10:00:00 PM", "2022-05-27T22:00:00+08:00"),
        ("2022-05-27 12:00:00 AM", "2022-05-27T00:00:00+08:00"),
        ("2022-5-7", "2022-05-07T00:00:00+08:00"),
        ("2022/5/7 10:00", "2022-05-07T10:00:00+08:00"),
        ("22-05-27", "2022-05-27T00:00:00+08:00"),
        ("99-05-27", "1999-05-27T00:00:00+08:00"),
        ("27/05/2022", "2022-05-27T00:00:00+08:00"),
        ("05/06/2022", "2022-06-05T00:00:00+08:00"),
        ("2022.05.27", "2022-05-27T00:00:00+08:00"),
        ("20220527", "2022-05-27T00:00:00+08:00"),
        ("2022-02-30", "2022-03-02T00:00:00+08:00"),
        ("2022-04-31", "2022-05-01T00:00:00+08:00"),
        ("2022-02-31 10:00:00", "2022-03-03T10:00:00+08:00"),
        ("2022-05-27 24:00:00", "2022-05-28T00:00:00+08:00"),
        ("2022-05-27 23:59:60", "2022-05-28T00:00:00+08:00"),
        ("20220527T235959", "2022-05-27T23:59:59+08:00"),
        ("20220527T1548Z", "2022-05-27T23:48:00+08:00"),
        ("2022-147", "2022-05-27T00:00:00+08:00"),
        ("2022147 10:00", "2022-05-27T10:00:00+08:00"),
        ("22-147", "2022-05-27T00:00:00+08:00"),
        ("Fri, 27 May 2022 16:48:36 +0800", "2022-05-27T16:48:36+08:00"),
        ("May 27, 2022 4:48pm", "2022-05-27T16:48:00+08:00"),
        ("27.05.2022 16:48", "2022-05-27T16:48:00+08:00"),
        ("H34.05.27", "2022-05-27T00:00:00+08:00"),
        ("27-May-2022", "2022-05-27T00:00:00+08:00"),
        ("2022-05-27T16:48:36.123456789+08:00", "2022-05-27T16:48:36.123456+08:00"),
        ("2022-05-27 16:48 +08", "2022-05-27T16:48:00+08:00"),
        ("Posted on 2022-05-27 at 16:48 by Reuters", "2022-05-27T16:48:00+08:00"),
        # Zones Ruby's `Time.parse` does not know are dropped: the time is the site's.
        ("2022-05-27 10:00:00 JST", "2022-05-27T10:00:00+08:00"),
        ("2022-05-27 10:00:00 GMT+9", "2022-05-27T10:00:00+08:00"),
        ("2022-05-27 10:00:00 +9", "2022-05-27T10:00:00+08:00"),
        # A zone it knows shifts the written fields first, which can make a time valid.
        ("2022-05-27 25:00:00 +0800", "2022-05-28T01:00:00+08:00"),
    ],
)
def test_lenient_forms_are_read_as_jekyll_reads_them(text: str, expected: str) -> None:
    assert parse_date(text, SHANGHAI).isoformat() == expected


# Ruby rejects most of these (a week date gives `Time.parse` no day; 2022 has 365 days;
# `Date._parse` reads at most 128 bytes); the others it reads without a year, which it
# takes from the build's clock (`junk` holds the month name `jun`), and sitegen refuses.
@pytest.mark.parametrize(
    "text",
    ["2022-02-32", "2022-05-27 25:00:00", "2022-05-27 10:61:00", "yesterday", "Thursday", "10:00",
     "2022-05-27 10:00:00 +0800 junk", "2022-W21-5", "2022-366", "May 27", "x" * 129],
)  # fmt: skip
def test_dates_jekyll_rejects_or_guesses_are_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(text, SHANGHAI)


timestamps = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda moment: moment.replace(microsecond=0)
)


@given(
    moment=timestamps, zone=st.sampled_from(["Asia/Shanghai", "America/Los_Angeles", "UTC", "Asia/Kolkata"])
)
@example(moment=datetime(2060, 11, 7, 8, 0), zone="America/Los_Angeles")  # 01:00 there, twice that night
@example(moment=datetime(2060, 11, 7, 9, 0), zone="America/Los_Angeles")  # the second 01:00
def test_unquoted_timestamp_without_offset_is_utc_and_quoted_is_site_zone(
    moment: datetime, zone: str
) -> None:
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    front = load_yaml(f"unquoted: {text}\nquoted: '{text}'\n")
    assert isinstance(front, dict)
    site_zone = ZoneInfo(zone)
    # The same instant, compared in UTC: `==` between zones is False for a time that
    # occurs twice (PEP 495), even when it is the right one of the two.
    assert parse_date(front["unquoted"], site_zone).astimezone(UTC) == moment.replace(tzinfo=UTC)
    assert parse_date(front["quoted"], site_zone) == moment.replace(tzinfo=site_zone)
    assert parse_date(front["unquoted"], site_zone, OFFSETLESS_SITE_ZONE) == moment.replace(tzinfo=site_zone)


def test_unquoted_timestamp_python_cannot_hold_rolls_over_as_utc() -> None:
    # Psych builds `2022-02-30 20:00:00` with Ruby's Time.utc, which rolls it into March.
    front = load_yaml("date: 2022-02-30 20:00:00\nday: 2022-02-30\n")
    assert isinstance(front, dict)
    assert parse_date(front["date"], SHANGHAI).isoformat() == "2022-03-03T04:00:00+08:00"
    assert parse_date(front["day"], SHANGHAI).isoformat() == "2022-03-02T00:00:00+08:00"


def test_file_name_dates_follow_rubys_rules() -> None:
    assert date_from_filename("22", "5", "7", SHANGHAI).isoformat() == "2022-05-07T00:00:00+08:00"
    assert date_from_filename("2022", "02", "29", SHANGHAI).isoformat() == "2022-03-01T00:00:00+08:00"
    with pytest.raises(DateParseError):
        date_from_filename("2022", "13", "01", SHANGHAI)


def test_day_moved_only_for_unquoted_offsetless_timestamps() -> None:
    late_evening = datetime(2024, 3, 4, 20, 0)
    assert day_moved_by_utc_reading(late_evening, SHANGHAI)
    assert not day_moved_by_utc_reading(datetime(2024, 3, 4, 10, 0), SHANGHAI)
    assert not day_moved_by_utc_reading("2024-03-04 20:00:00", SHANGHAI)
    assert not day_moved_by_utc_reading(late_evening.replace(tzinfo=UTC), SHANGHAI)


def offsetless_site(root: Path, extra_config: str = "") -> Path:
    return write_files(
        root,
        {
            "_config.yml": f"title: t\ntimezone: Asia/Shanghai\n{extra_config}",
            "_posts/2024-03-04-evening.md": "---\ntitle: e\ndate: 2024-03-04 20:00:00\n---\nbody\n",
            "_posts/2024-03-04-late.md": "---\ntitle: l\ndate: 2024-03-04 23:00:00\n---\nbody\n",
            "_posts/2024-03-04-morning.md": "---\ntitle: m\ndate: 2024-03-04 10:00:00\n---\nbody\n",
            "_posts/2024-03-04-quoted.md": "---\ntitle: q\ndate: '2024-03-04 20:00:00'\n---\nbody\n",
        },
    )


def test_unquoted_offsetless_dates_publish_on_jekylls_day_with_one_counting_warning(tmp_path: Path) -> None:
    result = build(offsetless_site(tmp_path / "site"), destination=tmp_path / "out")
    for url in (
        "2024/03/05/evening.html",
        "2024/03/05/late.html",
        "2024/03/04/morning.html",
        "2024/03/04/quoted.html",
    ):
        assert (tmp_path / "out" / url).is_file(), url
    moved = [str(d) for d in result.diagnostics if "Jekyll reads as UTC" in str(d)]
    assert len(moved) == 1
    assert "2 post(s)" in moved[0]


def test_site_zone_setting_reads_offsetless_dates_in_the_site_zone(tmp_path: Path) -> None:
    site = offsetless_site(tmp_path / "site", "offsetless_dates: site_zone\n")
    result = build(site, destination=tmp_path / "out")
    for url in ("2024/03/04/evening.html", "2024/03/04/late.html", "2024/03/04/quoted.html"):
        assert (tmp_path / "out" / url).is_file(), url
    assert not [d for d in result.diagnostics if "Jekyll reads as UTC" in str(d)]


def test_a_zone_name_jekyll_ignores_is_read_in_the_site_zone_with_a_warning(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\ntimezone: Asia/Shanghai\n",
            "_posts/2022-05-01-tokyo.md": "---\ntitle: t\ndate: '2022-05-27 23:30:00 JST'\n---\nbody\n",
            "_posts/2022-05-01-offset.md": "---\ntitle: o\ndate: '2022-05-27 23:30:00 +0900'\n---\nbody\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert (tmp_path / "out/2022/05/27/tokyo.html").is_file()  # Jekyll's day: 23:30 in Shanghai
    assert (tmp_path / "out/2022/05/27/offset.html").is_file()
    warnings = [str(d) for d in result.diagnostics if "time zone" in str(d)]
    assert len(warnings) == 1
    assert "2022-05-01-tokyo.md:3" in warnings[0]
    assert "'JST'" in warnings[0]


@given(
    fields=st.tuples(
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(0, 25),
        st.integers(0, 61),
        st.integers(0, 61),
        st.sampled_from(["+", "-"]),
        st.integers(0, 25),
        st.integers(0, 61),
    ),
    separators=st.tuples(st.sampled_from([" ", "T"]), st.sampled_from([" ", ""]), st.sampled_from([":", ""])),
    zone=st.sampled_from(["Asia/Shanghai", "America/New_York", "UTC"]),
)
@example(fields=(2022, 5, 27, 16, 48, 36, "+", 8, 0), separators=(" ", " ", ""), zone="Asia/Shanghai")
@example(fields=(2024, 2, 30, 23, 59, 60, "-", 24, 0), separators=(" ", " ", ""), zone="Asia/Shanghai")
def test_the_crawlers_date_shape_is_read_as_the_whole_port_reads_it(
    fields: tuple[int, int, int, int, int, int, str, int, int], separators: tuple[str, str, str], zone: str
) -> None:
    """`2022-05-27 16:48:36 +0800` skips the port of `Date._parse` (`common_form`): any
    text of that shape, fields in range or not, reads as the whole port reads it (which
    tests/test_dates_ruby_differential.py checks against Ruby), or is left to it."""
    year, month, day, hour, minute, second, sign, offset_hours, offset_minutes = fields
    between, before_offset, in_offset = separators
    text = (
        f"{year:04d}-{month:02d}-{day:02d}{between}{hour:02d}:{minute:02d}:{second:02d}"
        f"{before_offset}{sign}{offset_hours:02d}{in_offset}{offset_minutes:02d}"
    )
    shortcut = common_form(text)
    if shortcut is None:
        return
    whole = time_parse_in_full(text, ZoneInfo(zone))
    assert (shortcut, shortcut.utcoffset()) == (whole, whole.utcoffset()), text


def test_the_crawlers_date_shape_takes_the_shortcut() -> None:
    for text in ("2022-05-27 16:48:36 +0800", "2022-05-27T16:48:36+08:00", "2021-12-08 10:46:18 -0330"):
        assert common_form(text) is not None, text
    assert common_form("2022-06-31 16:48:36 +0800") is None  # Ruby rolls it into July
