"""A build cache made read-only, in any of its files or its folder, is not damage: the
build publishes what a clean build publishes, one line names the file actually in the
way (SQLite's "attempt to write a readonly database" names none, and a `-shm` made
while `cache.sqlite` was read-only stays read-only after it is made writable again),
and once the user makes writable what that line named, the cache works again.

File modes apply as they do to an unprivileged user (`run_with_modes_applied`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.incremental.cache import CACHE_FILE_NAME
from sitegen.incremental.cache_file import connect
from tests.conftest import run_with_modes_applied, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run, site_files

POSTS = 12
PARTS = ("cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm", "folder")


def _notes(result: object) -> list[tuple[Path | None, str]]:
    return [(d.path, d.message) for d in result.diagnostics if "build cache" in d.message]  # type: ignore[attr-defined]


def _leave_log_and_index(cache_file: Path) -> None:
    """The `-wal` and `-shm` files a build killed mid-write leaves beside the file."""
    child = os.fork()
    if child == 0:  # pragma: no cover - reports through its exit status
        connection = connect(cache_file)
        with connection:
            connection.execute("INSERT OR REPLACE INTO state VALUES ('left', x'00')")
        os._exit(0)
    os.waitpid(child, 0)


def _named(folder: Path, notes: list[tuple[Path | None, str]]) -> list[Path]:
    """The files (or folder) a note names: its path, and those its reason lists."""
    named: list[Path] = []
    for path, message in notes:
        assert path is not None
        named.append(path)
        if listed := re.search(r"\(([^()]*) cannot be written\)", message):
            named.extend(folder / name for name in listed.group(1).split(", "))
    return named


def _builds_until_whole(site: Path, output: Path, clean: dict[str, bytes], made_read_only: set[Path]) -> None:
    """Build; each note names only files (or the folder) this user may not write, and
    making those writable again is all it takes: after at most two rounds (the folder's
    files first, then the folder) no note is left, and the next build reuses every post."""
    cache_folder = site / ".sitegen-cache"
    for _ in range(3):
        result = run(site, output, jobs=1)
        assert result.published
        assert tree_bytes(output) == clean
        notes = _notes(result)
        assert len(notes) <= 1
        if not notes:
            break
        named = _named(cache_folder, notes)
        # What was made read-only, or a `-wal`/`-shm` SQLite made with a read-only file's mode.
        assert all(not os.access(path, os.W_OK) for path in named), notes
        assert named[0] in made_read_only or named[0].name != CACHE_FILE_NAME, notes
        for path in named:
            path.chmod(0o755 if path.is_dir() else 0o644)
    else:
        raise AssertionError("the cache did not recover once what the notes named was fixed")
    assert run(site, output, jobs=1).sources_from_cache == POSTS


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(read_only=st.sets(st.sampled_from(PARTS), min_size=1), leftovers=st.booleans())
def test_a_read_only_part_of_the_cache_is_named_and_recovers(
    world_readable_tmp: Path, read_only: set[str], leftovers: bool
) -> None:
    root = world_readable_tmp / f"case-{len(os.listdir(world_readable_tmp))}"
    site = write_files(root / "site", site_files(POSTS))
    output = root / "output"
    run(site, output, jobs=1)
    cache_folder = site / ".sitegen-cache"
    if leftovers:
        _leave_log_and_index(cache_folder / CACHE_FILE_NAME)
    edited = site / "content/_posts/2022-04-03-p2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "<p>改了</p>\n", encoding="utf-8")
    clean = clean_build_of(site, root / "scratch")
    made: set[Path] = set()
    for part in sorted(read_only, reverse=True):  # the folder last, its files still reachable
        path = cache_folder if part == "folder" else cache_folder / part
        if path.exists():
            path.chmod(0o555 if part == "folder" else 0o444)
            made.add(path)

    run_with_modes_applied(lambda: _builds_until_whole(site, output, clean, made))


def test_an_index_left_read_only_by_a_read_only_file_is_named(world_readable_tmp: Path) -> None:
    """What a user meets: `cache.sqlite` made read-only, a build run (SQLite makes the
    `-shm` index with the file's mode), then `cache.sqlite` made writable again, as the
    note said. The index is still read-only: the note must name it, not `cache.sqlite`."""
    site = write_files(world_readable_tmp / "site", site_files(POSTS))
    output = world_readable_tmp / "output"
    run(site, output, jobs=1)
    cache_file = site / ".sitegen-cache" / CACHE_FILE_NAME
    edited = site / "content/_posts/2022-04-03-p2.md"
    clean_before = clean_build_of(site, world_readable_tmp / "scratch")

    def check() -> None:
        cache_file.chmod(0o444)
        first = run(site, output, jobs=1)
        assert first.published and tree_bytes(output) == clean_before
        assert [path for path, _ in _notes(first)] == [cache_file]
        cache_file.chmod(0o644)  # what the note named
        edited.write_text(edited.read_text(encoding="utf-8") + "<p>改了</p>\n", encoding="utf-8")
        second = run(site, output, jobs=1)
        assert second.published
        index = cache_file.with_name(CACHE_FILE_NAME + "-shm")
        assert [path for path, _ in _notes(second)] == [index]  # not cache.sqlite, now writable
        index.chmod(0o644)
        for leftover in cache_file.parent.glob(CACHE_FILE_NAME + "-*"):
            leftover.chmod(0o644)  # the note's line lists every file in the way
        third = run(site, output, jobs=1)
        assert _notes(third) == []
        assert run(site, output, jobs=1).sources_from_cache == POSTS

    run_with_modes_applied(check)
    assert tree_bytes(output) == clean_build_of(site, world_readable_tmp / "scratch")


@pytest.mark.parametrize("part", ["cache.sqlite-wal", "cache.sqlite-shm"])
def test_the_note_lists_every_file_in_the_way(world_readable_tmp: Path, part: str) -> None:
    site = write_files(world_readable_tmp / "site", site_files(POSTS))
    run(site, world_readable_tmp / "output", jobs=1)
    cache_folder = site / ".sitegen-cache"
    _leave_log_and_index(cache_folder / CACHE_FILE_NAME)
    (cache_folder / part).chmod(0o444)
    (cache_folder / CACHE_FILE_NAME).chmod(0o444)
    edited = site / "content/_posts/2022-04-03-p2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "<p>改了</p>\n", encoding="utf-8")

    def check() -> None:
        notes = _notes(run(site, world_readable_tmp / "output", jobs=1))
        assert notes == [
            (
                cache_folder / CACHE_FILE_NAME,
                f"the build cache could not be written ({CACHE_FILE_NAME}, {part} cannot be written); "
                "what this build did not keep in it, the next one does again",
            )
        ]

    run_with_modes_applied(check)


def test_an_empty_read_only_log_alone_is_named(world_readable_tmp: Path) -> None:
    """An empty `-wal` (what a build killed after its last checkpoint leaves: the cache
    truncates its log) made read-only, every other file writable: SQLite opens it, gives
    it the database file's mode, and only then refuses the write. The note named
    `cache.sqlite` with SQLite's "attempt to write a readonly database"."""
    site = write_files(world_readable_tmp / "site", site_files(POSTS))
    output = world_readable_tmp / "output"
    run(site, output, jobs=1)
    cache_folder = site / ".sitegen-cache"
    log = cache_folder / (CACHE_FILE_NAME + "-wal")
    log.write_bytes(b"")
    log.chmod(0o444)
    edited = site / "content/_posts/2022-04-03-p2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "<p>改了</p>\n", encoding="utf-8")
    clean = clean_build_of(site, world_readable_tmp / "scratch")

    def check() -> None:
        result = run(site, output, jobs=1)
        assert result.published and tree_bytes(output) == clean
        assert _notes(result) == [
            (
                log,
                f"the build cache could not be written ({log.name} cannot be written); "
                "what this build did not keep in it, the next one does again",
            )
        ]

    run_with_modes_applied(check)
