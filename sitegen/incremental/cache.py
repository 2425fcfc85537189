"""The persistent build cache: an SQLite file under `.sitegen-cache/`.

It remembers what each source file loaded into (keyed by the file's content digest and
the configuration) and the fingerprint of every written page (with the size and mtime of
the file written), so a rebuild neither re-parses unchanged posts nor re-renders pages
whose inputs did not change. It is only ever a shortcut: deleting it changes nothing but
speed, and a cache that cannot be read is detected, thrown away and rebuilt.

Damage is found where it is read, not by checking the whole file first (`PRAGMA
quick_check` reads every page of it: 24 s for the cache of a 100,000-post site, where a
rebuild reads a tenth of it). A query SQLite cannot answer (a malformed page, a missing
table, a file that is not a database) empties the cache and reads as a miss; one it
cannot answer now (a full disk, another process's lock, a read-only file) reads as a
miss and leaves the file as it is, and a write it cannot take is not kept, its room on
the disk given back (`sitegen.incremental.cache_access`, the one way to the file); a stored
value is sealed with a digest of its key and its bytes (`sitegen.incremental.sealed`), so
bytes that SQLite returns but that are not what was written under that key (a zeroed or
overwritten page, a value moved to another row) are a miss too, never a wrong result.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitegen.content.cache_tag import DATABASE_NAME
from sitegen.errors import Diagnostic
from sitegen.incremental.cache_access import CacheAccess
from sitegen.incremental.sealed import pickled, read_state, state_bytes, stored_value, text_digest, unsealed

CACHE_FILE_NAME = DATABASE_NAME


def storable(path: str) -> str:
    """A path as SQLite can store it: a name that is not UTF-8 (held by Python as lone
    surrogates) is written with backslash escapes, the same way every time."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


PageRecord = tuple[str, int, int, int, int, tuple[str, ...], tuple[str, ...]]
"""(fingerprint, size, mtime_ns, inode, folder inode, templates, entries) of one
published page: the fingerprint it was rendered for, its file's size, mtime and inode
and its folder's inode as written, and every template name its rendering asked for and
every entry of the site-wide context it read (its dependency record). Plain tuples, all
kept as one value: a rebuild of a 100,000-post site reads 165,000 of them (0.1 s,
against 0.9 s for a table row each, every row checked)."""

_PAGES = "pages"
"""The `state` name of the page records (see `pages`)."""


class BuildCache:
    """Open with `BuildCache.open(folder)`; every method is safe on a fresh, empty cache.
    What it stores is its own; how the file is reached, and what a failure of it means,
    is `sitegen.incremental.cache_access`'s."""

    def __init__(self, access: CacheAccess) -> None:
        self._access = access
        self._pages: dict[str, PageRecord] | None = None
        self._sources: dict[str, tuple[int, str, str]] | None = None
        """What `source_digests` read, so that `store_sources` writes only the changes."""
        self._reserve: int | None = None

    @classmethod
    def open(cls, folder: Path) -> BuildCache:
        return cls(CacheAccess.open(folder))

    @classmethod
    def disabled(cls) -> BuildCache:
        return cls(CacheAccess.disabled())

    def close(self) -> None:
        self._access.close()

    @property
    def keeps_bodies(self) -> bool:
        """Whether this cache stores what it is given (a disabled one does not), so a
        post's body can be stored here and read back when its page renders."""
        return self._access.connected

    def cache_file(self) -> Path | None:
        """The file (None when disabled), for a reader with a connection of its own."""
        return self._access.path if self._access.connected else None

    def notes(self) -> tuple[Diagnostic, ...]:
        """What the build summary says about the cache itself (`CacheAccess.notes`)."""
        return self._access.notes()

    # -- sources ------------------------------------------------------------------------

    def source_digests(self) -> dict[str, tuple[int, str, str]]:
        """Path → (size, mtime_ns, digest) as last seen, so unchanged files are not re-read."""
        rows = self._query("SELECT path, size, stamp, digest FROM sources")
        self._sources = {path: (size, mtime, digest) for path, size, mtime, digest in rows}
        return self._sources

    def loaded(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The cached load results among `keys`, as the bytes `store_loaded` was given
        (`sitegen.incremental.load_rows` reads them: a damaged row is a miss there)."""
        wanted = set(keys)
        found: dict[str, bytes] = {}
        for key, stored in self._query("SELECT key, value FROM loaded"):
            if key in wanted and (row := unsealed(key, stored)) is not None:
                found[key] = row
        return found

    def loaded_among(self, keys: Iterable[str]) -> dict[str, bytes]:
        """`loaded` for a few keys, each looked up by itself rather than every row read
        (a file's last good load, `sitegen.incremental.last_good`)."""
        found: dict[str, bytes] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            for key, stored in self._query(
                f"SELECT key, value FROM loaded WHERE key IN ({marks})", tuple(chunk)
            ):
                if (row := unsealed(key, stored)) is not None:
                    found[key] = row
        return found

    def holds_loaded(self) -> bool:
        """Whether any load result is cached (none on a first build or in a new
        `--cache-dir`): without one, no file can be a hit."""
        return bool(self._query("SELECT 1 FROM loaded LIMIT 1"))

    def bodies(self, keys: Iterable[str]) -> dict[str, Any]:
        """The parts stored apart for `keys` (those that have one and can be read)."""
        found: dict[str, Any] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            for key, body in self._query(
                f"SELECT key, body FROM bodies WHERE key IN ({marks})", tuple(chunk)
            ):
                readable, value = stored_value(key, body)
                if readable:
                    found[key] = value
        return found

    def store_sources(self, sources: Sequence[tuple[str, int, str, str]]) -> None:
        """Record the sources as seen: (path, size, stamp, digest) of each."""
        known = self._sources if self._sources is not None else self.source_digests()
        # Only what changed is written: a rebuild sees 100,000s of sources, a few new.
        changed = [row for row in sources if known.get(row[0]) != row[1:]]
        gone = known.keys() - {row[0] for row in sources}

        def store(connection: sqlite3.Connection) -> None:
            connection.executemany("DELETE FROM sources WHERE path = ?", [(path,) for path in gone])
            connection.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", changed)

        if changed or gone:
            self._write(store)
        self._sources = None

    def store_loaded(self, loaded: Iterable[tuple[str, bytes, bytes | None]]) -> None:
        """Store new load results as they come, each as (key, row, apart), both already
        sealed under the key (`sealed(key, …)`, by the worker that made them): the row
        (`loaded` gives it back unsealed); `apart` (a post's body, pickled, or None) in a
        table of its own, read only by `bodies`, so that a rebuild reading every post's metadata
        reads none of the posts' bodies. A first build streams its posts through here, so
        the parent keeps each post's metadata and never all their bodies. Every
        item of `loaded` is taken, stored or not (the caller collects results as they
        pass), also when the file turns out damaged half-way or the disk fills
        (`sitegen.incremental.cache_access`). They are stored in batches (`_batch`), each
        committed and moved into the file before the next: the disk holds one batch
        twice at most, never the whole build's (the log, then the file)."""
        items = iter(loaded)
        while self._access.connected and not self._access.unwritten:
            batch = list(_batch(items))
            if not batch:
                break

            def store(
                connection: sqlite3.Connection, batch: list[tuple[str, bytes, bytes | None]] = batch
            ) -> None:
                connection.executemany(
                    "INSERT OR REPLACE INTO loaded VALUES (?, ?)", [item[:2] for item in batch]
                )
                connection.executemany(
                    "INSERT OR REPLACE INTO bodies VALUES (?, ?)",
                    [(key, apart) for key, _, apart in batch if apart is not None],
                )

            self._write(store)
        for _ in items:  # nothing (more) kept; the results still pass through
            pass

    def store_bodies(self, bodies: Mapping[str, Any]) -> None:
        """Store again the parts kept apart (see `store_loaded`) that had gone missing,
        each only beside its post's `loaded` row: `forget_loaded_except` forgets a body
        with its row, so one stored without (its row lost when a damaged file was
        emptied mid-build) would stay in the file for good."""
        if bodies:
            rows = [(key, pickled(key, body), key) for key, body in bodies.items()]
            self._write(
                lambda connection: connection.executemany(
                    "INSERT OR REPLACE INTO bodies SELECT ?, ? "
                    "WHERE EXISTS (SELECT 1 FROM loaded WHERE key = ?)",
                    rows,
                )
            )

    def forget_loaded_except(self, keys: set[str]) -> None:
        """Drop loaded values no current source uses, so the cache does not grow forever."""
        stale = [(key,) for (key,) in self._query("SELECT key FROM loaded") if key not in keys]

        def forget(connection: sqlite3.Connection) -> None:
            connection.executemany("DELETE FROM loaded WHERE key = ?", stale)
            connection.executemany("DELETE FROM bodies WHERE key = ?", stale)

        if stale:
            self._write(forget)

    def reclaim_space(self) -> None:
        """Give the file's free pages back when many lie free (after every post was
        keyed anew: `sitegen.incremental.cache_file.reclaim_free_pages`). A file that
        cannot be written anew now (a full disk: it needs its size again meanwhile)
        is left as it is, every value still in it."""
        self._access.reclaim()

    # -- derived values ---------------------------------------------------------------

    def derived(self, kind: str, keys: Iterable[str]) -> dict[str, str]:
        """Values of `kind` computed by an earlier build for `keys` (a pure function of
        the key, such as a title's pinyin initials; `kind` names the function and its
        version)."""
        found: dict[str, str] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                f"SELECT key, value, digest FROM derived WHERE kind = ? AND key IN ({marks})", (kind, *chunk)
            )
            found.update(
                (key, value) for key, value, digest in rows if digest == text_digest(kind, key, value)
            )
        return found

    def derived_count(self, kind: str) -> int:
        """How many rows the cache holds of `kind`'s family (any version of it)."""
        rows = self._query("SELECT COUNT(*) FROM derived WHERE kind = ? OR kind LIKE ?", _family(kind))
        return int(rows[0][0]) if rows else 0

    def store_derived(self, kind: str, values: Mapping[str, str]) -> None:
        """Keep exactly `values` for `kind` (older keys and other versions of it dropped)."""

        def store(connection: sqlite3.Connection) -> None:
            connection.execute("DELETE FROM derived WHERE kind = ? OR kind LIKE ?", _family(kind))
            connection.executemany(
                "INSERT INTO derived VALUES (?, ?, ?, ?)",
                ((kind, key, value, text_digest(kind, key, value)) for key, value in values.items()),
            )

        self._write(store)

    # -- values kept whole -------------------------------------------------------------

    def state(self, name: str) -> Any:
        """The value last kept under `name` by `store_state` (None when there is none or
        it cannot be read)."""
        return read_state(name, self.stored_state(name))

    def stored_state(self, name: str) -> object:
        """`state`'s bytes as stored (None: none), for `sealed.read_state` to read elsewhere."""
        rows = self._query("SELECT value FROM state WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def store_state(self, name: str, value: Any) -> None:
        """Keep `value` (plain values, else picklable) under `name`, sealed like every
        stored value (`sitegen.incremental.sealed.state_bytes`)."""
        stored = state_bytes(name, value)
        self._write(
            lambda connection: connection.execute(
                "INSERT OR REPLACE INTO state VALUES (?, ?)", (name, stored)
            )
        )

    # -- pages --------------------------------------------------------------------------

    def pages(self) -> dict[str, PageRecord]:
        """The record of every page published, by output path, as `store_pages` kept it."""
        if self._pages is None:
            value = self.state(_PAGES)
            self._pages = value if isinstance(value, dict) else {}
        return self._pages

    def store_pages(self, records: Iterable[tuple[str, PageRecord]], planned: set[str]) -> None:
        """Record the pages written this build and forget every page not in `planned`
        (gone, or published this build as no record may say: `RenderedSite.unrecorded`)."""
        kept = {path: record for path, record in self.pages().items() if path in planned}
        kept.update((path, record) for path, record in records if path in planned)
        # Pages share a handful of template lists and a category's pages the same
        # entries: one object each, so stored once (marshal writes a reference again).
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for path, record in kept.items():
            templates, entries = record[5], record[6]
            kept[path] = (
                *record[:5],
                shared.setdefault(templates, templates),
                shared.setdefault(entries, entries),
            )
        self._pages = kept
        self.store_state(_PAGES, kept)

    def _query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of one query; none when it fails (`CacheAccess.query`)."""
        return self._access.query(sql, parameters)

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run `work` in one transaction (`CacheAccess.write`), kept only while the disk
        keeps free the room the site's pages took when last published: a rebuild may
        write each of them anew beside the old one (a swap does), and the cache must
        not take the room they need."""
        if self._reserve is None:
            self._reserve = sum(record[1] for record in self.pages().values())
        self._access.write(work, reserve=self._reserve)


_CHUNK = 500
"""Keys per `IN (…)` query: well under SQLite's limit on bound parameters."""

_BATCH_BYTES = 16_000_000
"""Bytes of load results stored per transaction: each is moved into the file at once
(`CacheAccess.write`), so the log never holds more than one batch, and a disk that
fills half-way through a first build keeps the batches stored before."""


def _batch(
    items: Iterator[tuple[str, bytes, bytes | None]],
) -> Iterator[tuple[str, bytes, bytes | None]]:
    """The next items of `items`, about `_BATCH_BYTES` of them."""
    size = 0
    for item in items:
        yield item
        size += len(item[1]) + len(item[2] or b"")
        if size >= _BATCH_BYTES:
            return


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@contextlib.contextmanager
def opened_cache(folder: Path, *, enabled: bool = True) -> Iterator[BuildCache]:
    """The cache under `folder` for the length of one build (a disabled one when not
    `enabled`), closed however the build ends."""
    cache = BuildCache.open(folder) if enabled else BuildCache.disabled()
    try:
        yield cache
    finally:
        cache.close()


def _family(kind: str) -> tuple[str, str]:
    """The `kind = ? OR kind LIKE ?` arguments naming `kind` and its other versions."""
    return kind, kind.split(" ", 1)[0] + " %"
