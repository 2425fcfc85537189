"""The build cache's SQLite file itself: its tables, how a connection to it is opened,
and when its free pages are given back (`sitegen.incremental.cache` reads and writes it)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sitegen import __version__

__all__ = [
    "DAMAGE",
    "FREE_SHARE",
    "PAGE_SIZE",
    "SCHEMA",
    "connect",
    "reclaim_free_pages",
    "unavailable_now",
]

SCHEMA = f"sitegen-cache-14-{__version__}"
"""6: bodies apart; 7: derived; 8: digests; 9: state; 10: keyed; 11: pages in state;
12: page inodes; 13: states marshalled; 14: the context's entries a page read."""


PAGE_SIZE = 65536
"""The page size of a new cache file: SQLite's largest. Most of the file is post bodies
(13 KB on average for the bench posts), at the default 4 KB four pages each, a system
call each to write, checkpoint and read: storing 10,000 bodies took half the time at
64 KB pages (0.38 s against 0.78 s) and reading them back a third less."""


DAMAGE = (sqlite3.DatabaseError, UnicodeDecodeError)
"""What reading a damaged cache file raises: SQLite's own errors, and a text value whose
bytes are not UTF-8 (even one SQLite reports about the file itself, as `PRAGMA
journal_mode` does with a damaged header). Either means: start over with an empty cache."""


_NOT_DAMAGE = frozenset(
    {
        "SQLITE_FULL",
        "SQLITE_BUSY",
        "SQLITE_LOCKED",
        "SQLITE_READONLY",
        "SQLITE_IOERR",
        "SQLITE_NOMEM",
        "SQLITE_INTERRUPT",
        "SQLITE_PROTOCOL",
        "SQLITE_NOLFS",
    }
)
"""SQLite's primary result codes (https://sqlite.org/rescode.html) for a file that cannot
be used now but is not damaged by that: a full disk or `max_page_count`, another
process's lock, a file or folder made read-only, an I/O error, memory. Every other error
(`SQLITE_CORRUPT`, `SQLITE_NOTADB`, a missing table, text that is not UTF-8) is damage."""


def unavailable_now(error: BaseException) -> str:
    """Why the cache file cannot be used now though it may well be whole (SQLite's own
    words: "database or disk is full"), or "" when `error` means the file is damaged.
    A full disk must not be taken for damage: emptying the cache there throws away every
    post a build had kept, for a condition the next build may no longer meet."""
    name = getattr(error, "sqlite_errorname", None)
    if not isinstance(name, str) or "_".join(name.split("_")[:2]) not in _NOT_DAMAGE:
        return ""
    return str(error) or name


FREE_SHARE = 0.25
"""The share of the file's pages that may lie free before `reclaim_free_pages` writes
the file anew."""


_TABLES = ("meta", "sources", "loaded", "bodies", "derived", "state")
_RETIRED_TABLES = ("pages",)
"""Tables of earlier schemas, dropped with the rest when the schema changes."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the cache file at `path`, its tables emptied and made anew when
    they are of another schema (or there are none yet). Raises one of `DAMAGE` when the
    file cannot be read as a cache."""
    connection = sqlite3.connect(path, isolation_level="DEFERRED")
    try:
        # Only a new, empty file takes it (a file in WAL mode keeps the size it has).
        connection.execute(f"PRAGMA page_size={PAGE_SIZE}")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        schema_row = _schema_of(connection)
        if schema_row != SCHEMA:
            # Another sitegen version, or nothing yet: start from empty tables.
            with connection:
                for table in (*_TABLES, *_RETIRED_TABLES):
                    connection.execute(f"DROP TABLE IF EXISTS {table}")
                connection.execute("CREATE TABLE meta (schema TEXT)")
                connection.execute("INSERT INTO meta VALUES (?)", (SCHEMA,))
                connection.execute(
                    "CREATE TABLE sources (path TEXT PRIMARY KEY, size INT, stamp TEXT, digest TEXT)"
                )
                connection.execute("CREATE TABLE loaded (key TEXT PRIMARY KEY, value BLOB)")
                connection.execute("CREATE TABLE bodies (key TEXT PRIMARY KEY, body BLOB)")
                connection.execute(
                    "CREATE TABLE derived "
                    "(kind TEXT, key TEXT, value TEXT, digest TEXT, PRIMARY KEY (kind, key))"
                )
                connection.execute("CREATE TABLE state (name TEXT PRIMARY KEY, value BLOB)")
                connection.execute(f"PRAGMA user_version = {version + 1}")
        tables = {
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables >= set(_TABLES):
            raise sqlite3.DatabaseError("cache lacks a table")
    except DAMAGE:
        connection.close()
        raise
    return connection


def reclaim_free_pages(connection: sqlite3.Connection, path: Path) -> None:
    """Write the file at `path` anew (`VACUUM`) when more than `FREE_SHARE` of its pages
    are free and its file system has room for it twice over (SQLite writes the whole
    file into a temporary copy and then into the write-ahead log). Raises one of
    `DAMAGE` (`unavailable_now` tells which are not damage).

    SQLite reuses the pages of deleted rows but never shrinks a file by itself. A new
    sitegen version, or a setting the loader reads, re-keys every post: the new rows are
    stored before the old ones are forgotten, which left half the file free (321 MB at
    10,000 bench posts for 164 MB of rows), and CI saves and restores all of it between
    runs. Writing those 164 MB anew took 0.3 s (in memory). An ordinary rebuild frees a
    few pages, which the next one reuses, and writes nothing here."""
    free = connection.execute("PRAGMA freelist_count").fetchone()[0]
    total = connection.execute("PRAGMA page_count").fetchone()[0]
    if free <= total * FREE_SHARE or not _room_for_copies(path):
        return
    connection.execute("VACUUM")  # what a failed one wrote into the log, the caller gives back


def _room_for_copies(path: Path) -> bool:
    """Whether the file system of `path` has its size free twice over. Without the room,
    a `VACUUM` would fail at every build, after filling the disk for a while."""
    try:
        return shutil.disk_usage(path.parent).free > 2 * path.stat().st_size
    except OSError:
        return False


def _schema_of(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT schema FROM meta").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None
