"""A cache file SQLite cannot write now is not a damaged one: a full disk or another
process's lock leaves every value in it, the build publishes what a clean build
publishes, and it says in one line that the cache could not be written. And no body
stored in it outlives its post's load result.

The disk is filled for real, in SQLite's terms: `PRAGMA max_page_count` caps the file
where the build left it, and SQLite answers a write past the cap as it answers one on a
full disk (`SQLITE_FULL`, "database or disk is full").
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildResult
from sitegen.incremental.cache import CACHE_FILE_NAME, BuildCache
from sitegen.incremental.cache_file import connect, unavailable_now
from sitegen.incremental.sealed import pickled, sealed
from tests.conftest import post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run, site_files

POSTS = 40
REBUILT = "could not be read; it was rebuilt"
NOT_WRITTEN = "the build cache could not be written"
AGAIN = "the next one does again"
BIG_BODY = "<p>" + "新的一篇很长的正文。" * 16000 + "</p>\n"
"""About 480 KB: a post added with it needs more than 3 new pages of 64 KB in the cache."""


def _built(root: Path) -> tuple[Path, Path]:
    """A site of `POSTS` posts built once with its cache (in place: a post's cache key
    holds its path, so a copy elsewhere would find none of it)."""
    site = write_files(root / "site", site_files(POSTS))
    assert run(site, root / "output", jobs=1).published
    return site, root / "output"


def _posts(site: Path) -> list[Path]:
    return sorted((site / "content/_posts").iterdir())


def _edit(site: Path, edits: list[tuple[str, int]]) -> int:
    """Apply `edits`; the number of the site's posts left as they were."""
    posts = _posts(site)
    touched: set[Path] = set()
    for kind, number in edits:
        if kind == "add":
            name = f"2022-05-{1 + number % 28:02d}-new{number}.md"
            (site / "content/_posts" / name).write_text(
                post(f"新{number}", date=f"2022-05-{1 + number % 28:02d} 08:00:00 +0800", body=BIG_BODY),
                encoding="utf-8",
            )
            continue
        target = posts[number % len(posts)]
        touched.add(target)
        if kind == "edit" and target.exists():
            target.write_text(target.read_text(encoding="utf-8") + f"<p>改{number}</p>\n", encoding="utf-8")
        elif kind == "remove" and target.exists():
            target.unlink()
    return len(posts) - len(touched)


@contextlib.contextmanager
def _capped(pages_more: int) -> Iterator[None]:
    """Every cache connection opened meanwhile may grow its file by `pages_more` pages at
    most (past that, SQLite answers as on a full disk)."""

    def capped(path: Path) -> sqlite3.Connection:
        connection = connect(path)  # the cache's own, capped after it opened the file
        total = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {total + pages_more}")
        return connection

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sitegen.incremental.cache_access.connect", capped)
        yield


def _cache_notes(result: BuildResult) -> list[str]:
    return [d.message for d in result.diagnostics if "build cache" in d.message]


EDITS = st.lists(
    st.tuples(st.sampled_from(["add", "edit", "remove"]), st.integers(0, POSTS - 1)), min_size=1, max_size=5
).map(lambda edits: [("add", POSTS), *edits])
"""Edits, one of them at least a post added that the cache has no room for."""


@settings(max_examples=10)
@given(edits=EDITS, pages_more=st.integers(0, 3))
def test_a_full_disk_keeps_the_cache_and_publishes_the_clean_build(
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, int]],
    pages_more: int,
) -> None:
    root = tmp_path_factory.mktemp("full")
    site, output = _built(root)
    untouched = _edit(site, edits)
    with _capped(pages_more):
        full = run(site, output, jobs=1)
    assert full.published
    (note,) = _cache_notes(full)
    assert note == f"{NOT_WRITTEN} (database or disk is full); what this build did not keep in it, {AGAIN}"
    clean = clean_build_of(site, root / "scratch")
    assert tree_bytes(output) == clean
    again = run(site, output, jobs=1)
    assert _cache_notes(again) == []
    assert again.sources_from_cache >= untouched  # what the cache held before is still there
    assert tree_bytes(output) == clean


def test_a_locked_cache_is_left_to_its_holder(tmp_path: Path) -> None:
    """Another process writing the cache (a second build, a dev server) holds its lock:
    this build waits for it a while, then publishes without writing, and the file stays."""
    site, output = _built(tmp_path)
    untouched = _edit(site, [("edit", 3), ("add", 7)])
    holder = sqlite3.connect(site / ".sitegen-cache" / CACHE_FILE_NAME, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        locked = run(site, output, jobs=1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert locked.published
    assert _cache_notes(locked) == [
        f"{NOT_WRITTEN} (database is locked); what this build did not keep in it, the next one does again"
    ]
    clean = clean_build_of(site, tmp_path / "scratch")
    assert tree_bytes(output) == clean
    again = run(site, output, jobs=1)
    assert again.sources_from_cache >= untouched
    assert tree_bytes(output) == clean


def test_damage_and_unavailability_are_told_apart() -> None:
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.execute("CREATE TABLE t (b BLOB)")
        connection.execute("PRAGMA max_page_count = 2")
        with pytest.raises(sqlite3.OperationalError) as full:
            connection.execute("INSERT INTO t VALUES (zeroblob(100000))")
        with pytest.raises(sqlite3.OperationalError) as missing:
            connection.execute("SELECT * FROM gone")
    assert unavailable_now(full.value) == "database or disk is full"
    assert unavailable_now(missing.value) == ""  # a table gone: the file is not what was written
    assert unavailable_now(sqlite3.DatabaseError("file is not a database")) == ""
    assert unavailable_now(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")) == ""


@settings(max_examples=30)
@given(
    loaded=st.sets(st.sampled_from("abcdef")),
    restored=st.sets(st.sampled_from("abcdef")),
    current=st.sets(st.sampled_from("abcdef")),
)
def test_no_body_outlives_its_post(
    tmp_path_factory: pytest.TempPathFactory, loaded: set[str], restored: set[str], current: set[str]
) -> None:
    """A body stored again (`store_bodies`, after the cache lost it) is kept only beside
    its post's load result, so forgetting the posts no source uses forgets every body
    with them; one stored after the file was emptied mid-build stayed for good."""
    cache = BuildCache.open(tmp_path_factory.mktemp("bodies"))
    try:
        cache.store_loaded(
            (key, sealed(key, b"row"), pickled(key, f"<p>{key}</p>")) for key in sorted(loaded)
        )
        cache.store_bodies({key: f"<p>{key} again</p>" for key in restored})
        cache.forget_loaded_except(current)
        kept = cache.bodies("abcdef")
    finally:
        cache.close()
    assert set(kept) == loaded & current
    assert all(kept[key] == (f"<p>{key} again</p>" if key in restored else f"<p>{key}</p>") for key in kept)
