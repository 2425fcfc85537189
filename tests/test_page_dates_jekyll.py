"""A page's `date` never costs the page, as in Jekyll: one generated site of pages with
dates Jekyll cannot parse (and some it can) is built by Jekyll and by sitegen; every page
Jekyll publishes sitegen publishes at the same path, Liquid's `page.date` is the value as
written, and each unreadable date is one warning naming the file, never an error.

Jekyll's `Page` has no `merge_date!` (jekyll/lib/jekyll/page.rb): a page's date is never
parsed, so nothing about it can fail. A post's or collection document's invalid date is
fatal in Jekyll ("Invalid date"), and stays one error naming the file in sitegen.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, one_seeded_batch, write_files

#: Quoted strings print as written in both; unquoted values are YAML's own types.
UNREADABLE = ('"garbage"', '"2024-13-45"', '"yesterday"', '"2024-01-01 25:61"', '""', '"年"')
#: `01/02/2024` is 1 February to Ruby's `Time.parse`, as to sitegen.
READABLE = ('"2024-01-01T10:00:00Z"', "2024-01-01", '"2023-05-06 07:08:09 +0800"', '"01/02/2024"')
FIXED = ('"garbage"',)


def site_files(dates: list[str]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "_config.yml": "title: t\nurl: https://ex.com\n",
        "_posts/2024-01-01-p.md": "---\ntitle: p\n---\nb\n",
    }
    for number, value in enumerate(dates):
        suffix = (".md", ".html")[number % 2]
        body = f"PAGE{number} DATE={{{{ page.date }}}}=END\n"
        files[f"pages/case{number}{suffix}"] = f"---\ntitle: case{number}\ndate: {value}\n---\n{body}"
    return files


def printed_dates(root: Path, count: int) -> dict[int, str]:
    found = {}
    for number in range(count):
        text = (root / f"pages/case{number}.html").read_text(encoding="utf-8")
        match = re.search(rf"PAGE{number} DATE=(.*?)=END", text, re.S)
        assert match is not None, number
        found[number] = match.group(1)
    return found


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_a_page_with_any_date_is_published_as_jekyll_publishes_it(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    rng = random.Random(seed)  # Hypothesis's own first random makes every choice the first
    root = tmp_path_factory.mktemp("page-dates")
    dates = [*FIXED, *(rng.choice(UNREADABLE + READABLE) for _ in range(40))]
    site = write_files(root / "site", site_files(dates))
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")
    assert not result.errors, result.errors
    ours, jekylls = printed_dates(root / "sitegen", len(dates)), printed_dates(root / "jekyll", len(dates))
    for number, value in enumerate(dates):
        if value.startswith('"'):
            assert ours[number] == jekylls[number] == value.strip('"'), (number, value)
    for number, value in enumerate(dates):
        name = f"case{number}."
        named = [w for w in result.warnings if w.path is not None and w.path.name.startswith(name)]
        assert len(named) == (1 if value in UNREADABLE else 0), (value, named)


def test_a_posts_unreadable_date_stays_one_error_naming_it(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\n",
            "_posts/2024-01-01-bad.md": '---\ntitle: bad\ndate: "garbage"\n---\nb\n',
            "page.md": '---\ntitle: pg\ndate: "garbage"\n---\nx\n',
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert [error.path.name for error in result.errors if error.path is not None] == ["2024-01-01-bad.md"]
    assert len(result.errors) == 1
    assert (tmp_path / "out" / "page.html").is_file()
