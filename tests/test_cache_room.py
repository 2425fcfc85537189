"""The build cache gives way to the site on a disk they share: it never keeps room it
took for a write that did not finish, never starts a write the disk has no room for,
and the site publishes what a clean build publishes, with one line about the cache.

The disk is a real one where it can be: a small tmpfs, mounted for the test (CI runs
as root, and there a mount that fails fails the test). Where the disk fills inside
SQLite (storing load results, storing bodies again, a checkpoint, a `VACUUM`), SQLite's
own `SQLITE_FULL` is raised there, on any machine.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import BuildResult
from sitegen.errors import OutputError
from sitegen.incremental.cache import CACHE_FILE_NAME
from sitegen.incremental.cache_file import connect
from sitegen.incremental.cache_room import log_size
from tests.conftest import CONFIG, in_forked_child, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run
from tests.test_publish_safety import tmpfs

POSTS = 30
BODY = "<p>" + "一段足够长的正文，让每篇文章占去缓存文件的好些地方。" * 480 + "</p>\n"
"""About 36 KB of UTF-8: thirty posts make a cache file of 2.8 MB and pages of 1.7 MB."""
NOT_WRITTEN = "the build cache could not be written"
REMOVED = "it was removed to give its room back to the site, and the next build makes it anew"


def _site(root: Path, numbers: range) -> Path:
    files = {"_config.yml": CONFIG}
    for number in numbers:
        day = 1 + number % 28
        files[f"content/_posts/2022-04-{day:02d}-p{number}.md"] = post(
            f"第{number}篇",
            date=f"2022-04-{day:02d} {number % 24:02d}:00:00 +0800",
            categories=f"cat{number % 3}",
            body=f"<p>{number}</p>\n" + BODY,
        )
    return write_files(root, files)


def _cache_notes(result: BuildResult) -> list[str]:
    return [str(d) for d in result.diagnostics if "build cache" in d.message]


@contextlib.contextmanager
def _small_disk(size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted for the block (`tests.test_publish_safety.tmpfs`: only
    root may mount one; CI runs as root, and there a mount that fails fails the test;
    unmounted lazily when a process deleting a retired tree still holds it)."""
    mount_point = Path(tempfile.mkdtemp(prefix="sitegen-disk-"))
    try:
        with tmpfs(mount_point, size) as disk:
            yield disk
    finally:
        with contextlib.suppress(OSError):
            mount_point.rmdir()


def _fill(disk: Path, leave: int = 0) -> Path:
    """A file taking all of the disk's free room but `leave` bytes."""
    ballast = disk / "ballast"
    with open(ballast, "ab") as handle:
        while (free := shutil.disk_usage(disk).free) > leave:
            try:
                handle.write(bytes(min(free - leave, 1 << 20)))
                handle.flush()
            except OSError:
                break
    return ballast


def _killed_writer_log(cache_file: Path, size: int) -> None:
    """A log of `size` bytes of committed pages never moved into the file, as a build
    killed (or an older sitegen on a full disk) leaves it: written by a process that
    ends without closing its connection."""

    def write_and_end_unclosed() -> None:
        connection = connect(cache_file)
        with connection:
            connection.executemany(
                "INSERT INTO state VALUES (?, ?)",
                ((f"old {n}", bytes(65536)) for n in range(size // 65536)),
            )

    in_forked_child(write_and_end_unclosed, "the log was not written")
    assert log_size(cache_file) >= size


def test_a_log_left_on_a_full_disk_gives_its_room_to_the_site(tmp_path: Path) -> None:
    """A log that cannot be moved into the file (no room for the file to grow) held 3 MB
    of a disk the site needs: the site never published, and nothing said why. The cache
    gives the room back (the log is part of the file, so both go), the site publishes
    the clean build, the next healthy build makes the cache anew and the one after
    reuses it."""
    with _small_disk("10m") as disk:
        site = _site(disk / "site", range(POSTS))
        output = disk / "site" / "_site"
        assert run(site, output, jobs=1).published
        cache_file = site / ".sitegen-cache" / CACHE_FILE_NAME
        _killed_writer_log(cache_file, 3_000_000)
        edited = site / "content/_posts/2022-04-02-p1.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "<p>改了</p>\n", encoding="utf-8")
        ballast = _fill(disk)

        full = run(site, output, jobs=1)

        assert full.published
        assert _cache_notes(full) == [
            f"warning: {cache_file}: {NOT_WRITTEN} (database or disk is full); {REMOVED}"
        ]
        assert log_size(cache_file) == 0
        clean = clean_build_of(site, tmp_path)
        assert tree_bytes(output) == clean
        ballast.unlink()
        healthy = run(site, output, jobs=1)
        assert _cache_notes(healthy) == []
        assert tree_bytes(output) == clean
        assert run(site, output, jobs=1).sources_from_cache == POSTS


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    free_kb=st.integers(0, 6000),
    added=st.integers(0, 12),
    log_mb=st.sampled_from([0, 3]),
)
def test_the_site_publishes_whenever_it_would_without_the_cache(
    tmp_path: Path, free_kb: int, added: int, log_mb: int
) -> None:
    """On a disk left with any room, the build with its cache publishes whenever a
    build without it (`cache=False`, the cache's files left where they are) publishes,
    the clean build's bytes, and leaves no log behind. The cache's own index (the
    32 KB `-shm` file every SQLite connection in WAL mode makes,
    https://sqlite.org/walformat.html#shm) is what it takes whatever it does: it is
    given that much more room."""
    state = tmp_path / f"state-{len(list(tmp_path.iterdir()))}"
    with _small_disk("12m") as disk:
        site = _site(disk / "site", range(POSTS))
        assert run(site, disk / "site" / "_site", jobs=1).published
        if log_mb:
            _killed_writer_log(site / ".sitegen-cache" / CACHE_FILE_NAME, log_mb * 1_000_000)
        _site(disk / "site", range(POSTS, POSTS + added))
        shutil.copytree(disk / "site", state, symlinks=True)
        clean = clean_build_of(site, tmp_path)
        published = {}
        for cache in (False, True):
            shutil.rmtree(disk / "site")
            shutil.copytree(state, disk / "site", symlinks=True)
            ballast = _fill(disk, free_kb * 1024 + (64 * 1024 if cache else 0))
            try:
                result: BuildResult | None = run(site, disk / "site" / "_site", jobs=1, cache=cache)
            except OutputError:  # no room for the site's pages: the previous site stays
                result = None
            published[cache] = result is not None and result.published
            ballast.unlink()
        if published[False]:
            assert published[True]
            assert tree_bytes(disk / "site" / "_site") == clean
        assert result is None or len(_cache_notes(result)) <= 1
        assert log_size(site / ".sitegen-cache" / CACHE_FILE_NAME) == 0


# -- where the disk fills inside SQLite, on any machine -------------------------------


def _sqlite_full() -> sqlite3.OperationalError:
    """SQLite's own error for a full disk (`max_page_count` reached)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as capped:
        capped.execute("CREATE TABLE t (b BLOB)")
        capped.execute("PRAGMA max_page_count = 2")
        try:
            capped.execute("INSERT INTO t VALUES (zeroblob(100000))")
        except sqlite3.OperationalError as error:
            return error
    raise AssertionError("max_page_count did not fill")


class _FillsAt:
    """A cache connection that answers as a full disk the first time `sql` runs, after
    writing what it was given into the log: what SQLite leaves when a write or a
    checkpoint meets a full disk half-way."""

    def __init__(self, connection: sqlite3.Connection, sql: str) -> None:
        self._connection, self._sql = connection, sql

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        if sql.startswith(self._sql) and self._sql:
            self._sql = ""
            if sql.startswith("INSERT"):
                self._connection.execute(sql, parameters)  # its pages reach the log
            raise _sqlite_full()
        return self._connection.execute(sql, parameters)

    def executemany(self, sql: str, rows: object) -> sqlite3.Cursor:
        if sql.startswith(self._sql) and self._sql:
            self._sql = ""
            self._connection.executemany(sql, rows)  # type: ignore[arg-type]
            raise _sqlite_full()
        return self._connection.executemany(sql, rows)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)

    def __enter__(self) -> sqlite3.Connection:
        return self._connection.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._connection.__exit__(*exc)  # type: ignore[arg-type]


WHERE = {
    "storing load results": "INSERT OR REPLACE INTO loaded",
    "storing bodies": "INSERT OR REPLACE INTO bodies",
    "storing the page records": "INSERT OR REPLACE INTO state",
    "a checkpoint": "PRAGMA wal_checkpoint(TRUNCATE)",
    "a VACUUM": "VACUUM",
}


@pytest.mark.parametrize("where", WHERE)
def test_a_disk_filling_inside_sqlite_leaves_no_log_and_the_clean_build(tmp_path: Path, where: str) -> None:
    site = _site(tmp_path / "site", range(POSTS))
    output = tmp_path / "output"
    assert run(site, output, jobs=1).published
    if where == "a VACUUM":  # re-keying every post leaves half the file free: it is written anew
        (site / "_config.yml").write_text(CONFIG + 'excerpt_separator: "<!--more-->"\n', encoding="utf-8")
    _site(site, range(POSTS, POSTS + 3))
    cache_file = site / ".sitegen-cache" / CACHE_FILE_NAME

    def filling(path: Path) -> object:
        return _FillsAt(connect(path), WHERE[where])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sitegen.incremental.cache_access.connect", filling)
        full = run(site, output, jobs=1)

    assert full.published
    notes = _cache_notes(full)
    assert len(notes) <= 1 and all(note.startswith(f"warning: {cache_file}: ") for note in notes)
    assert where == "a VACUUM" or notes == [
        f"warning: {cache_file}: {NOT_WRITTEN} (database or disk is full); "
        "what this build did not keep in it, the next one does again"
    ]
    assert log_size(cache_file) == 0  # whatever the failed write put there, given back
    clean = clean_build_of(site, tmp_path / "scratch")
    assert tree_bytes(output) == clean
    again = run(site, output, jobs=1)
    assert _cache_notes(again) == []
    assert tree_bytes(output) == clean
    assert run(site, output, jobs=1).sources_from_cache == POSTS + 3
