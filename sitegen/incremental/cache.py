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
cannot answer now (a full disk, another process's lock: `unavailable_now`) reads as a
miss and leaves the file as it is, and a write it cannot take is not kept; a stored
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
from sitegen.incremental.cache_file import DAMAGE as _DAMAGE
from sitegen.incremental.cache_file import connect as _connect
from sitegen.incremental.cache_file import reclaim_free_pages, unavailable_now
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
    """Open with `BuildCache.open(folder)`; every method is safe on a fresh, empty cache."""

    def __init__(self, connection: sqlite3.Connection | None, path: Path | None = None) -> None:
        self._connection = connection
        self._path = path
        self.recovered = False
        """True when an unreadable cache was found and replaced by an empty one."""
        self.unusable = ""
        """Why the cache could be neither read nor replaced ("" when it could)."""
        self.unopened = ""
        """Why the cache could not be opened now, though it may be whole ("": it could)."""
        self.unwritten = ""
        """Why a write could not be taken now (a full disk, a lock); none is tried after it."""
        self._pages: dict[str, PageRecord] | None = None
        self._sources: dict[str, tuple[int, str, str]] | None = None
        """What `source_digests` read, so that `store_sources` writes only the changes."""

    @classmethod
    def open(cls, folder: Path) -> BuildCache:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CACHE_FILE_NAME
        try:
            return cls(_connect(path), path)
        except _DAMAGE as error:
            cache = cls(None, path)
            if reason := unavailable_now(error):
                cache.unopened = reason
            else:
                cache._start_over()
            return cache

    @classmethod
    def disabled(cls) -> BuildCache:
        return cls(None)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    @property
    def keeps_bodies(self) -> bool:
        """Whether this cache stores what it is given (a disabled one does not), so a
        post's body can be stored here and read back when its page renders."""
        return self._connection is not None

    def cache_file(self) -> Path | None:
        """The file (None when disabled), for a reader with a connection of its own."""
        return self._path if self._connection is not None else None

    def _start_over(self) -> None:
        """Throw the cache file away and go on with an empty one: what every query does
        when SQLite finds the file damaged. When it cannot be replaced either, the build
        goes on without a cache (`unusable` says why)."""
        self.recovered = True
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        assert self._path is not None  # a disabled cache never reads a file
        try:
            for leftover in self._path.parent.glob(CACHE_FILE_NAME + "*"):
                leftover.unlink()
            self._connection = _connect(self._path)
        except (OSError, *_DAMAGE) as error:  # a folder in its place, a read-only folder
            self._connection = None
            self.unusable = str(getattr(error, "strerror", None) or error)

    def notes(self, folder: Path) -> tuple[Diagnostic, ...]:
        """What the build summary says about the cache itself."""
        if self.unusable:
            message = f"the build cache could not be read nor replaced ({self.unusable}); built without it"
        elif self.unopened:
            message = f"the build cache could not be opened now ({self.unopened}); built without it"
        elif self.unwritten:
            message = (
                f"the build cache could not be written ({self.unwritten}); "
                "what this build did not keep in it, the next one does again"
            )
        elif self.recovered:
            return (Diagnostic("the build cache could not be read; it was rebuilt", folder),)
        else:
            return ()
        return (Diagnostic(message, folder / CACHE_FILE_NAME),)

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
        pass), also when the file turns out damaged half-way (see `_start_over`)."""
        items = iter(loaded)
        if self._connection is not None and not self.unwritten:
            try:
                with self._connection:
                    for key, row, apart in items:
                        self._connection.execute("INSERT OR REPLACE INTO loaded VALUES (?, ?)", (key, row))
                        if apart is not None:
                            self._connection.execute(
                                "INSERT OR REPLACE INTO bodies VALUES (?, ?)", (key, apart)
                            )
            except _DAMAGE as error:
                self._failed(error, writing=True)
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
        if self._connection is None or self.unwritten:
            return
        assert self._path is not None  # a connection is to a file
        try:
            reclaim_free_pages(self._connection, self._path)
        except _DAMAGE as error:
            self._failed(error, writing=False)  # not taken: the file keeps every value

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

    def store_derived(self, kind: str, values: Mapping[str, str]) -> None:
        """Keep exactly `values` for `kind` (older keys and other versions of it dropped)."""
        family = kind.split(" ", 1)[0]

        def store(connection: sqlite3.Connection) -> None:
            connection.execute("DELETE FROM derived WHERE kind = ? OR kind LIKE ?", (kind, family + " %"))
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
        """The rows of one query; none when the file turns out damaged (it is then
        thrown away: see `_start_over`)."""
        if self._connection is None:
            return []
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except _DAMAGE as error:
            self._failed(error, writing=False)
            return []

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run `work` in one transaction. When the file turns out damaged it is thrown
        away (see `_start_over`) and what `work` stores is simply not cached this time."""
        if self._connection is None or self.unwritten:
            return
        try:
            with self._connection:
                work(self._connection)
        except _DAMAGE as error:
            self._failed(error, writing=True)

    def _failed(self, error: BaseException, *, writing: bool) -> None:
        """After a query SQLite could not answer: a damaged file is thrown away (see
        `_start_over`); one unavailable now is left as it is, and after a write it could
        not take no other is tried (each would wait out a lock, or fill a full disk
        further), while reads go on. What each value means holds without the ones not
        written: a load result missing is loaded again, a page without its record is
        rendered again."""
        reason = unavailable_now(error)
        if not reason:
            self._start_over()
        elif writing:
            self.unwritten = reason


_CHUNK = 500
"""Keys per `IN (…)` query: well under SQLite's limit on bound parameters."""


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
