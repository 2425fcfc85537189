"""The room the build cache takes on its disk, and how it gives that room back.

The cache is a shortcut; the site is the build's work. Where both share a disk, the
cache must never take the room the site's pages need, nor keep room it took for a
write that did not finish. SQLite in WAL mode writes a transaction into the log
(`cache.sqlite-wal`) and moves it into the database file at a checkpoint, growing
that file (https://sqlite.org/wal.html): meanwhile the transaction takes its size on
the disk twice. A log whose checkpoint cannot finish (the disk full) stays on the disk
for good: SQLite needs it to read the database, whose pages the failed checkpoint may
have half-written. So:

- a write is committed only when the disk has room for its checkpoint and still as
  much as the site may need afterwards (`short_of`), and each one is moved into the
  database file at once, the log truncated (`checkpoint`): between writes, the log
  holds nothing, and giving back a failed write's room only truncates it;
- a write that cannot finish is rolled back and its log truncated (`give_back`); a
  log that cannot be truncated (its pages could not be moved) is removed with the
  database file it belongs to (`remove_files`).

Only the standard library is imported.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

__all__ = ["checkpoint", "give_back", "log_size", "remove_files", "short_of", "unspilled_bound"]

_LOG = "-wal"
_SIDES = (_LOG, "-shm", "-journal")


def log_size(database: Path) -> int:
    """The size of the write-ahead log beside `database` (0: none)."""
    try:
        return os.stat(database.with_name(database.name + _LOG)).st_size
    except OSError:
        return 0


def free_bytes(folder: Path) -> int | None:
    """What this user may still write on the disk of `folder` (None: unknown)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def unspilled_bound(connection: sqlite3.Connection) -> int:
    """The most a transaction's commit writes into the log beyond what it wrote before:
    the pages SQLite's page cache holds (`PRAGMA cache_size`: pages, or KiB when
    negative, https://sqlite.org/pragma.html#pragma_cache_size); it spills the rest
    into the log as it goes."""
    size = connection.execute("PRAGMA cache_size").fetchone()[0]
    page = connection.execute("PRAGMA page_size").fetchone()[0]
    return int(-size * 1024 if size < 0 else size * page)


def short_of(connection: sqlite3.Connection, database: Path, reserve: int) -> str:
    """Why the transaction open on `connection` must not be committed ("": it may be):
    its commit and checkpoint need the rest of its log and the pages by which the
    database file grows, and afterwards the disk must keep `reserve` (what the site's
    pages may need) free, and no less than the file grew by (the site's pages hold at
    least the bodies the cache keeps). Also asked with no transaction open, before a
    write begins: a disk nearly full is not written to at all."""
    free = free_bytes(database.parent)
    if free is None:
        return ""
    page = connection.execute("PRAGMA page_size").fetchone()[0]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    try:
        on_disk = os.stat(database).st_size
    except OSError:
        on_disk = 0
    growth = max(0, pages * page - on_disk)
    needed = growth + max(unspilled_bound(connection), reserve, growth)
    if free >= needed:
        return ""
    shown = f"{_megabytes(free)} free, {_megabytes(needed)} needed"
    return f"its disk is nearly full: {shown} to leave room for the site"


def checkpoint(connection: sqlite3.Connection) -> None:
    """Move the log into the database file and truncate it to nothing
    (`wal_checkpoint(TRUNCATE)`). Raises `sqlite3.Error` when it cannot finish (then
    the log must stay: see `give_back`); a reader holding pages of the log makes it
    wait, then leave the log to a later checkpoint."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()


def give_back(connection: sqlite3.Connection, database: Path) -> bool:
    """Give back the room a failed write took: roll it back and truncate the log. True
    when the log is empty afterwards; False when it holds committed pages that cannot be
    moved (the caller then removes the files: `remove_files`)."""
    with contextlib.suppress(sqlite3.Error):
        connection.rollback()
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error:
        busy = 1
    return not busy or log_size(database) == 0


def remove_files(database: Path) -> None:
    """Remove the database file and the files SQLite keeps beside it (after every
    connection of this process to it is closed): a log that cannot be moved into the
    database file is part of the database, so neither is kept without the other."""
    for path in (database, *(database.with_name(database.name + suffix) for suffix in _SIDES)):
        with contextlib.suppress(OSError):  # none there (or a read-only folder: nothing to give back)
            path.unlink()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
