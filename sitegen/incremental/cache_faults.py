"""What an error from the build cache's SQLite file means: damage, or a file that cannot
be used now, and then which file is in the way (`sitegen.incremental.cache_access`
decides what to do about it).

SQLite's own message names no file: "attempt to write a readonly database" comes as
well from a read-only `-shm` or `-wal` beside a writable `cache.sqlite` (SQLite makes
both with the mode of the database file, https://sqlite.org/tempfiles.html, so a
build run while `cache.sqlite` was read-only leaves them read-only after it is made
writable again). The file named is the one this user may not use, found by its mode.

Only the standard library and `cache_file` are imported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.folder_ways import may_write_in
from sitegen.incremental.cache_file import unavailable_now

__all__ = ["LOG_SUFFIX", "SIDE_SUFFIXES", "Unavailable", "fault_of", "files_in_the_way"]

LOG_SUFFIX = "-wal"
"""The write-ahead log beside the database file (https://sqlite.org/wal.html)."""

SIDE_SUFFIXES = (LOG_SUFFIX, "-shm", "-journal")
"""The files SQLite keeps beside the database file: the log, its shared-memory index
and a rollback journal (https://sqlite.org/tempfiles.html)."""

_TAKES_ROOM = ("SQLITE_FULL", "SQLITE_IOERR")
"""Result codes of a write that may have left pages in the log: a full disk, and an
I/O error (what a failed `ftruncate` or `mmap` of the `-shm` index gives there)."""


@dataclass(frozen=True)
class Unavailable:
    """Why the cache cannot be used now, though it may well be whole."""

    reason: str
    """SQLite's words ("database or disk is full"), or what is read-only."""
    file: Path
    """The file in the way: the database file unless another one is."""
    takes_room: bool
    """Whether the failed write may have left pages in the log, whose room it must give
    back (a full disk, an I/O error)."""


def fault_of(error: BaseException, database: Path, at_open: Sequence[Path] = ()) -> Unavailable | None:
    """What `error`, raised using the cache file `database`, means: None when the file
    is damaged. A file of the cache this user may not read or write is not damage, nor
    is anything `cache_file.unavailable_now` names; SQLite reports the first as
    `SQLITE_READONLY`, `SQLITE_CANTOPEN` or an I/O error, by which file it is.

    `at_open`: `files_in_the_way` before the connection was opened. SQLite opens a
    read-only `-wal` read-only and then gives it the database file's mode, so by the
    time a write fails the file's mode no longer shows what was in the way."""
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(name, str) and name.startswith(
        ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")
    ):
        blocked = files_in_the_way(database) or list(at_open)
        if blocked:
            if blocked[0] == database.parent:
                return Unavailable("the folder is read-only", blocked[0], takes_room=False)
            names = ", ".join(path.name for path in blocked)
            return Unavailable(f"{names} cannot be written", blocked[0], takes_room=False)
    reason = unavailable_now(error)
    if not reason:
        return None
    takes_room = isinstance(name, str) and name.startswith(_TAKES_ROOM)
    return Unavailable(reason, database, takes_room)


def files_in_the_way(database: Path) -> list[Path]:
    """The cache's files this user may not read and write (by effective ids and
    capabilities), the database file first; else the cache folder when a file SQLite
    must make beside the database file is missing and the folder refuses it; else none."""
    present = [database, *(_side(database, suffix) for suffix in SIDE_SUFFIXES)]
    blocked = [path for path in present if os.path.exists(path) and not _may_use(path)]
    if blocked:
        return blocked
    missing = not all(os.path.exists(path) for path in present[:3])
    if missing and not may_write_in(database.parent):
        return [database.parent]
    return []


def _side(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def _may_use(path: Path) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.R_OK | os.W_OK, effective_ids=effective)
