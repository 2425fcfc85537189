"""Dates as Jekyll reads them: a generated batch of posts, one tree per time zone, built
by Jekyll and by sitegen, publishes every post at the same URL.

The batch mixes every shape of front-matter date real sites use: unquoted YAML timestamps
with and without an offset (Jekyll reads the latter as UTC), quoted text, date-only
values, days past the month's end and the lenient forms Ruby's `Time.parse` accepts
(ISO 8601 basic and ordinal dates, RFC 2822, am/pm), at times near midnight where a
reading in the wrong zone moves the post to another day.
Jekyll runs once per zone (three runs in all), whatever the batch's size.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, jekyll_executable, one_seeded_batch, write_files

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
BATCH_SIZE = 150
HOURS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22, 23)


def front_matter_date(rng: random.Random) -> str:
    """One `date:` line of front matter, in one of the shapes real posts use."""
    year = rng.randint(2001, 2023)
    month = rng.randint(1, 12)
    day = rng.choice((rng.randint(1, 31), 29, 30, 31))  # month ends, where calendars differ most
    hour = rng.choice(HOURS)
    minute = rng.randint(0, 59)
    second = rng.randint(0, 59)
    offset_hours = rng.randint(-12, 14)
    sign = "-" if offset_hours < 0 else "+"
    offset = f"{sign}{abs(offset_hours):02d}"
    iso_day = f"{year}-{month:02d}-{day:02d}"
    ordinal = rng.randint(1, 365)
    meridian = "pm" if hour >= 12 else "am"
    clock = f"{hour:02d}:{minute:02d}:{second:02d}"
    forms = [
        f"{iso_day} {clock}",  # unquoted, no offset: UTC in Jekyll
        f'"{iso_day} {clock}"',  # quoted, no offset: the site's zone
        f"{iso_day}T{clock}",
        f"{year}-{month}-{day} {hour}:{minute:02d}:{second:02d}",
        f"{iso_day} {clock} {offset}:00",  # a YAML timestamp with an offset
        f"{iso_day} {clock} {offset}00",  # text with an offset
        f'"{iso_day}T{clock}Z"',
        f"{iso_day} {clock} UTC",
        iso_day,  # a YAML date: midnight in the site's zone
        f'"{iso_day}"',
        f"{year}/{month:02d}/{day:02d}",
        f"{MONTH_NAMES[month - 1]} {day} {year}",
        f"{day} {MONTH_NAMES[month - 1]} {year} {hour:02d}:{minute:02d}",
        f'"{iso_day} {hour:02d}:{minute:02d}"',
        f"{iso_day} {clock} {year} {offset}00",  # a year repeated, as `git log` prints dates
        f'"{year}{month:02d}{day:02d}T{hour:02d}{minute:02d}{second:02d}"',  # ISO 8601 basic
        f'"{year}-{ordinal:03d} {clock}"',  # an ordinal date
        f'"Sun, {day:02d} {MONTH_NAMES[month - 1]} {year} {clock} {offset}00"',  # RFC 2822
        f'"{MONTH_NAMES[month - 1]} {day}, {year} {hour % 12 or 12}:{minute:02d}{meridian}"',
    ]
    return rng.choice(forms)


def jekyll_post_urls(jekyll: str, site: Path, destination: Path, machine_zone: str) -> set[str]:
    completed = subprocess.run(
        [jekyll, "build", "--quiet", "-s", str(site), "-d", str(destination)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TZ": machine_zone},
    )
    assert completed.returncode == 0, completed.stderr
    return {"/" + p.relative_to(destination).as_posix() for p in destination.rglob("p*.html")}


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/Los_Angeles", None])
@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_every_generated_date_gives_jekylls_url(tmp_path: Path, zone: str | None, rng: random.Random) -> None:
    # One Hypothesis-seeded generator draws the whole batch: a single example (one Jekyll
    # run per zone) that is still varied, where Hypothesis's first list would be minimal.
    dates = [front_matter_date(rng) for _ in range(BATCH_SIZE)]
    jekyll = jekyll_executable()
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")
    # Without `timezone` Jekyll uses the machine's zone and sitegen UTC: run Jekyll in UTC.
    config = "title: t\n" + (f"timezone: {zone}\n" if zone else "")
    files: dict[str, str | bytes] = {"_config.yml": config}
    for number, date_line in enumerate(dates):
        files[f"_posts/2000-01-01-p{number}.md"] = f"---\ntitle: p{number}\ndate: {date_line}\n---\nbody\n"
    site = write_files(tmp_path / "site", files)

    expected = jekyll_post_urls(jekyll, site, tmp_path / "jekyll", "UTC" if zone is None else zone)
    result = build(site, destination=tmp_path / "sitegen")

    assert not result.errors
    published = {
        "/" + p.relative_to(tmp_path / "sitegen").as_posix() for p in (tmp_path / "sitegen").rglob("p*.html")
    }
    assert len(expected) == BATCH_SIZE
    mismatched = {
        date_line: sorted(url for url in expected ^ published if url.endswith(f"/p{number}.html"))
        for number, date_line in enumerate(dates)
        if any(url.endswith(f"/p{number}.html") for url in expected ^ published)
    }
    assert not mismatched


SHOWN_DATE = re.compile(r"when ([0-9T:+-]+)")

#: Dates in forms `Time.parse` reads that sitegen once refused, by post name.
SPELLED_DATES = {
    "basic": '"20220527T235959"',
    "ordinal": '"2022-147"',
    "compact": "20220527",  # a YAML integer: Jekyll parses its `to_s`
    "number": "12345",  # the year 12's day 345, completed to 2012
    "rfc": '"Fri, 27 May 2022 23:48:36 -0800"',
    "http": '"Sat, 28 May 2022 15:59:59 GMT"',
    "words": '"Posted on May 27, 2022 at 11:48pm"',
    "zone": '"2022-05-27 23:30:00 JST"',  # a zone Ruby does not know: Shanghai's 23:30
    # Unquoted timestamps past the month's end, which Psych makes with Ruby's `Time.new`:
    # the 31st of a shorter month that is the next day in UTC wraps to the day before
    # the 1st (a 5-bit day field); its neighbours roll over plainly.
    "wraps": "2022-02-31 19:00:00 -05:30",
    "wraps-at-24": "2022-04-31T24:00:00 -01:00",
    "rolls": "2022-02-30 19:00:00 -05:30",
    "rolls-east": "2022-06-31 23:00:00 +08:00",
    "rolls-utc": "2022-09-31T23:00:00Z",
    # Hours Ruby's `Time.new` refuses (25 and up): Psych keeps the text, and Jekyll's
    # `Time.parse` reads it, carrying the hours under an offset.
    "hour-25": "2022-09-31 25:00:00 -05:30",
    "hour-48": "2022-09-30 48:00:00 -05:30",
}


def test_posts_dated_in_every_form_time_parse_reads_publish_at_jekylls_url(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"_config.yml": "title: t\ntimezone: Asia/Shanghai\n"}
    for name, date_line in SPELLED_DATES.items():
        body = "when {{ page.date | date_to_xmlschema }}"
        files[f"_posts/2000-01-01-{name}.md"] = f"---\ntitle: {name}\ndate: {date_line}\n---\n{body}\n"
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")

    assert not result.errors
    assert (tmp_path / "jekyll/2022/05/27/basic.html").is_file()
    jekyll_dates = dates_shown(tmp_path / "jekyll")
    assert len(jekyll_dates) == len(SPELLED_DATES)
    assert dates_shown(tmp_path / "sitegen") == jekyll_dates


def dates_shown(root: Path) -> dict[str, str]:
    """Each post's URL, with the date its body printed."""
    return {
        page.relative_to(root).as_posix(): SHOWN_DATE.findall(page.read_text(encoding="utf-8"))[0]
        for page in root.glob("20*/*/*/*.html")
    }


@pytest.mark.parametrize(
    "written", ["2022-09-30 25:00:00", "2022-09-30T25:00:00Z", "2022-09-31T25:00:00 +01:00"]
)
def test_an_unquoted_hour_past_24_that_ruby_refuses_is_an_impossible_date(written: str) -> None:
    """Psych keeps such a timestamp as text, and `Time.parse` refuses it ("hour out of
    range"), so Jekyll stops with "Invalid date"; sitegen rolled it over into the next
    day and published the post a day late."""
    from zoneinfo import ZoneInfo

    from sitegen.jekyll.dates import DateParseError, parse_date
    from sitegen.jekyll.yaml_reader import load_yaml

    loaded = load_yaml(f"date: {written}\n")
    assert isinstance(loaded, dict)
    value = loaded["date"]
    with pytest.raises(DateParseError, match="impossible date"):
        parse_date(value, ZoneInfo("Asia/Shanghai"))
