"""The cache file gives back the space of what it forgot: re-keying every post (a new
setting the loader reads, a new sitegen) or removing many posts must not leave the file
that CI saves and restores half empty."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.incremental.cache import CACHE_FILE_NAME
from sitegen.incremental.cache_file import FREE_SHARE
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run

BODY = "<p>" + "一段足够长的正文，让每篇文章占去缓存文件的好些地方。" * 480 + "</p>\n"
"""About 36 KB of UTF-8: forty posts fill two dozen of the cache's 64 KB pages, more
than its tables and indexes take besides."""


def _site(root: Path, numbers: list[int], extra_config: str = "") -> Path:
    posts_folder = root / "content" / "_posts"
    if posts_folder.exists():
        shutil.rmtree(posts_folder)
    files = {"_config.yml": CONFIG + extra_config}
    for number in numbers:
        date = f"2022-04-{1 + number % 28:02d} {number % 24:02d}:00:00 +0800"
        files[f"content/_posts/2022-04-{1 + number % 28:02d}-p{number}.md"] = post(
            f"第{number}篇", date=date, categories=f"cat{number % 3}", body=f"<p>{number}</p>\n" + BODY
        )
    return write_files(root, files)


def _pages(site: Path) -> tuple[int, int]:
    """(free pages, all pages) of the site's cache file."""
    with contextlib.closing(sqlite3.connect(site / ".sitegen-cache" / CACHE_FILE_NAME)) as connection:
        free: int = connection.execute("PRAGMA freelist_count").fetchone()[0]
        total: int = connection.execute("PRAGMA page_count").fetchone()[0]
    return free, total


def test_re_keying_every_post_leaves_no_file_of_twice_the_size(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", list(range(40)))
    run(site, tmp_path / "out")
    _, pages_before = _pages(site)
    # A setting the loader reads: every post's load result is keyed anew.
    _site(tmp_path / "site", list(range(40)), 'excerpt_separator: "<!--more-->"\n')
    result = run(site, tmp_path / "out")
    assert result.sources_from_cache == 0
    free, total = _pages(site)
    assert free <= total * FREE_SHARE
    assert total <= pages_before * 1.25  # was about twice: old rows' pages left free
    again = run(site, tmp_path / "out")  # the rewritten file serves the next build
    assert again.sources_from_cache == 40
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path / "scratch")


def test_without_room_for_two_copies_the_file_is_not_written_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `VACUUM` needs the file's size twice (a temporary copy, then the log): without
    that much free, it would fill the disk and fail at every build, so none is tried."""
    site = _site(tmp_path / "site", list(range(40)))
    run(site, tmp_path / "out")
    size = (site / ".sitegen-cache" / CACHE_FILE_NAME).stat().st_size
    _site(tmp_path / "site", list(range(40)), 'excerpt_separator: "<!--more-->"\n')
    nearly_full = shutil.disk_usage(tmp_path)._replace(free=2 * size)
    monkeypatch.setattr("sitegen.incremental.cache_file.shutil.disk_usage", lambda path: nearly_full)
    result = run(site, tmp_path / "out")
    assert result.published
    assert not [d for d in result.diagnostics if "cache" in d.message]
    free, total = _pages(site)
    assert free > total * FREE_SHARE  # left for a build with room
    monkeypatch.undo()
    run(site, tmp_path / "out")
    free, total = _pages(site)
    assert free <= total * FREE_SHARE
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path / "scratch")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kept=st.lists(st.integers(0, 59), min_size=1, max_size=60, unique=True),
    rekey=st.booleans(),
)
def test_after_any_rebuild_at_most_a_quarter_of_the_cache_file_lies_free(
    tmp_path: Path, kept: list[int], rekey: bool
) -> None:
    """Posts removed (any share of them) and every post re-keyed or not: the file is
    never left with more than `FREE_SHARE` of its pages free, and the build is still
    the clean one."""
    root = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    site = _site(root / "site", list(range(60)))
    run(site, root / "out")
    _site(root / "site", sorted(kept), 'excerpt_separator: "<!--more-->"\n' if rekey else "")
    run(site, root / "out")
    free, total = _pages(site)
    assert free <= total * FREE_SHARE
    assert tree_bytes(root / "out") == clean_build_of(site, root / "scratch")


def test_a_cache_file_that_cannot_be_written_anew_keeps_every_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (`VACUUM` needs the file's size again) leaves the file as it was: the
    build publishes, and the next one still finds every post in the cache."""

    def disk_full(connection: sqlite3.Connection, path: Path) -> None:
        with contextlib.closing(sqlite3.connect(":memory:")) as capped:  # SQLite's own SQLITE_FULL
            capped.execute("CREATE TABLE t (b BLOB)")
            capped.execute("PRAGMA max_page_count = 2")
            capped.execute("INSERT INTO t VALUES (zeroblob(100000))")

    monkeypatch.setattr("sitegen.incremental.cache_access.reclaim_free_pages", disk_full)
    site = _site(tmp_path / "site", list(range(40)))
    run(site, tmp_path / "out")
    _site(tmp_path / "site", list(range(40)), 'excerpt_separator: "<!--more-->"\n')
    assert run(site, tmp_path / "out").published
    again = run(site, tmp_path / "out")
    assert again.sources_from_cache == 40
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path / "scratch")
