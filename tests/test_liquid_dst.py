"""Wall-clock times the clocks skip or show twice, read as Jekyll reads them.

Jekyll reads a quoted front-matter date (and Liquid's `date` filter reads text) with
Ruby's `Time.parse` in the site's zone: a skipped time (02:30 on a spring-forward night)
takes the offset before the change, so it lands later; a time shown twice is the second,
standard-time one. One Jekyll build per zone covers every quarter hour around each
change of a few years, in zones with hour and half-hour changes on both hemispheres.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import build, jekyll_build, write_files

NO_LAYOUT = 'defaults:\n  - scope: {path: ""}\n    values: {layout: null}\n'
PROBE = '{{ page.date }}|{{ page.when | date: "%F %T %z %s" }}|{{ page.when | date_to_xmlschema }}\n'


def wall_times_around_changes(zone: ZoneInfo, years: range) -> list[datetime]:
    """Naive wall times every quarter hour from 90 minutes before to 90 minutes after
    each change of `zone`'s offset in `years`."""
    found: list[datetime] = []
    moment = datetime(years.start, 1, 1, tzinfo=UTC)
    end = datetime(years.stop, 1, 1, tzinfo=UTC)
    while moment < end:
        later = moment + timedelta(hours=1)
        if moment.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset():
            wall = later.astimezone(zone).replace(tzinfo=None, minute=0, second=0)
            found.extend(wall + timedelta(minutes=15 * step) for step in range(-6, 7))
        moment = later
    return sorted(set(found))


@pytest.mark.parametrize("zone_name", ["America/New_York", "Australia/Lord_Howe"])
def test_quoted_times_in_a_gap_or_overlap_are_the_instants_jekyll_reads(
    tmp_path: Path, zone_name: str
) -> None:
    times = wall_times_around_changes(ZoneInfo(zone_name), range(2023, 2025))
    files = {"_config.yml": f"title: T\ntimezone: {zone_name}\n{NO_LAYOUT}"}
    for number, wall in enumerate(times):
        text = wall.strftime("%Y-%m-%d %H:%M:%S")
        files[f"_posts/{wall:%Y-%m-%d}-p{number}.html"] = f'---\ndate: "{text}"\nwhen: "{text}"\n---\n{PROBE}'
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    expected = {
        p.relative_to(tmp_path / "jekyll").as_posix(): p.read_text()
        for p in (tmp_path / "jekyll").rglob("p*.html")
    }
    assert len(expected) == len(times)
    actual = {
        name: (tmp_path / "sitegen" / name).read_text() if (tmp_path / "sitegen" / name).exists() else None
        for name in expected
    }
    assert actual == expected
