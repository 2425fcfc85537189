"""Dates at the ends of the calendar, in any site zone: a post dated 0001-01-01 in
Asia/Shanghai (year 0 in UTC) is published at `/0001/01/01/`, as Jekyll publishes it;
one whose day in the site's zone is in year 0 or 10000 (`9999-12-31 23:59:59 +00:00` in
Asia/Shanghai), which Jekyll publishes under `/10000/01/01/` and Python's calendar cannot
hold, is one line naming the file and saying so. sitegen refused both, calling year 1
"impossible" and the other "out of the range a calendar can show"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.dates import DateParseError, date_from_filename, parse_date
from tests.conftest import build, jekyll_build, write_files

ZONES = st.sampled_from(
    (
        "UTC",
        "Asia/Shanghai",
        "Etc/GMT-14",
        "Pacific/Kiritimati",
        "Etc/GMT+12",
        "America/New_York",
        "Asia/Kolkata",
    )
).map(ZoneInfo)
_LAST_DAY = date.max.toordinal()


@st.composite
def edge_moments(draw: st.DrawFn) -> tuple[str, int, int, int]:
    """A date text within a day of the calendar's ends, with an offset (minutes) or
    without (None: the site's zone), and its day ordinal and seconds into the day."""
    day = draw(st.sampled_from((1, 2, _LAST_DAY - 1, _LAST_DAY)))
    seconds = draw(st.integers(0, 86_399))
    offset = draw(st.integers(-12 * 60, 14 * 60))
    written = date.fromordinal(day)
    clock = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    sign = "-" if offset < 0 else "+"
    zone = f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    text = f"{written.year:04d}-{written.month:02d}-{written.day:02d} {clock} {zone}"
    return text, day, seconds, offset


def _zone_offset_seconds(zone: ZoneInfo, day: int) -> int:
    """The zone's offset at the calendar's end near `day` (no clock changes there)."""
    near = datetime(1, 1, 2) if day < 10 else datetime(9999, 12, 30)
    offset = zone.utcoffset(near)
    assert offset is not None
    return int(offset.total_seconds())


@given(moment=edge_moments(), zone=ZONES)
def test_an_edge_date_is_its_wall_time_in_the_zone_or_one_clear_error(
    moment: tuple[str, int, int, int], zone: ZoneInfo
) -> None:
    text, day, seconds, offset = moment
    wall = day * 86_400 + seconds - offset * 60 + _zone_offset_seconds(zone, day)
    wall_day, wall_seconds = divmod(wall, 86_400)
    if 1 <= wall_day <= _LAST_DAY:
        shown = parse_date(text, zone)
        expected = datetime.fromordinal(wall_day) + timedelta(seconds=wall_seconds)
        assert shown.replace(tzinfo=None) == expected
        assert shown.tzinfo is zone
        assert shown - datetime(1970, 1, 1, tzinfo=UTC) == timedelta(
            days=day - date(1970, 1, 1).toordinal(), seconds=seconds - offset * 60
        )
    else:
        with pytest.raises(DateParseError, match=r"outside years 1-9999 in the site's time zone"):
            parse_date(text, zone)


@given(
    zone=ZONES,
    day=st.sampled_from(("0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31")),
    seconds=st.integers(0, 86_399),
)
def test_a_date_without_an_offset_at_the_ends_is_its_wall_time(
    zone: ZoneInfo, day: str, seconds: int
) -> None:
    """A day from a file name, a YAML date or text without an offset is read in the
    site's zone: always a day the calendar holds."""
    year, month, day_of_month = day.split("-")
    midnight = datetime.fromisoformat(day)
    assert date_from_filename(year, month, day_of_month, zone).replace(tzinfo=None) == midnight
    assert parse_date(date.fromisoformat(day), zone).replace(tzinfo=None) == midnight
    wall = midnight + timedelta(seconds=seconds)
    assert parse_date(wall.isoformat(sep=" "), zone).replace(tzinfo=None) == wall


#: Posts at the calendar's ends (name, front matter date or None), in Asia/Shanghai.
EDGE_POSTS = (
    ("0001-01-01-ancient", None),
    ("0001-01-01-offset", "0001-01-01 00:00:00 +08:00"),
    ("0001-01-02-east", '"0001-01-01 10:00:00 +14:00"'),
    ("0001-01-03-utc", "0001-01-01 00:00:00 +00:00"),
    ("0001-01-04-zero", "0001-01-01 00:00:00 +14:00"),
    ("9999-12-31-late", None),
    ("9999-12-31-edge", "9999-12-31 23:59:59 +00:00"),
    ("9999-12-30-west", '"9999-12-31 20:00:00 -05:00"'),
)


def test_edge_posts_publish_at_jekylls_url_or_name_the_year(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"_config.yml": "title: T\ntimezone: Asia/Shanghai\nfuture: true\n"}
    for name, when in EDGE_POSTS:
        date_line = f"date: {when}\n" if when else ""
        files[f"_posts/{name}.md"] = f"---\ntitle: t\n{date_line}---\nbody\n"
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")

    jekyll_urls = {
        p.stem: p.relative_to(tmp_path / "jekyll").as_posix()
        for p in (tmp_path / "jekyll").glob("*/*/*/*.html")
    }
    assert len(jekyll_urls) == len(EDGE_POSTS)
    outside = {stem for stem, url in jekyll_urls.items() if re.match(r"(0000|10000)/", url)}
    assert outside == {"zero", "edge", "west"}
    ours = {
        p.stem: p.relative_to(tmp_path / "sitegen").as_posix()
        for p in (tmp_path / "sitegen").glob("[0-9]*/*/*/*.html")
    }
    assert ours == {stem: url for stem, url in jekyll_urls.items() if stem not in outside}
    errors = sorted((d.path.name if d.path else "", d.message) for d in result.errors)
    assert [name for name, _ in errors] == sorted(
        f"{n}.md" for n, _ in EDGE_POSTS if n.split("-")[-1] in outside
    )
    assert all("outside years 1-9999 in the site's time zone (Asia/Shanghai)" in m for _, m in errors)
