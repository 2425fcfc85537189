"""The one way to the build cache's SQLite file: every open, query, write, checkpoint and
`VACUUM` goes through `CacheAccess`, and every failure of one through `_failed`, so
that whatever goes wrong with the cache (`sitegen.incremental.cache_faults`):

- the site's build goes on as it would without the cache (a query that fails reads as
  a miss, a write that fails is not kept, and none is tried after it);
- the disk gets back the room the cache took for what failed (the log truncated, or
  removed with the database file it belongs to: `sitegen.incremental.cache_room`), and
  the cache never starts a write the disk has no room for;
- the build says so in one line naming the file in the way (`notes`).

A damaged file (what SQLite cannot read, a file emptied to nothing) is thrown away and
made anew; one that cannot be used now (a full disk, another process's lock, a file
made read-only) is left as it is, every value still in it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitegen.content.cache_tag import DATABASE_NAME
from sitegen.errors import Diagnostic
from sitegen.incremental.cache_faults import fault_of, files_in_the_way
from sitegen.incremental.cache_file import DAMAGE, connect, reclaim_free_pages
from sitegen.incremental.cache_room import checkpoint, give_back, log_size, remove_files, short_of

__all__ = ["CacheAccess"]


class _NoRoom(Exception):
    """A write the disk has no room for (`cache_room.short_of`), given up before commit."""


class CacheAccess:
    """The cache file's connection and what became of it; open with `CacheAccess.open`."""

    def __init__(self, path: Path | None) -> None:
        self._connection: sqlite3.Connection | None = None
        self._path = path
        self.recovered = False
        """True when an unreadable cache was found and replaced by an empty one."""
        self.unusable = ""
        """Why the cache could be neither read nor replaced ("" when it could)."""
        self.unopened = ""
        """Why the cache could not be opened now, though it may be whole ("": it could)."""
        self.unwritten = ""
        """Why a write could not be taken now (a full disk, a lock); none is tried after it."""
        self.removed = ""
        """Why the cache was removed to give back its room: its log held pages that could
        not be moved into the file for lack of room, and the file needs them."""
        self._named: Path | None = None
        """The file a note names, when it is not the cache file itself."""
        self._in_the_way: tuple[Path, ...] = ()
        """The cache's files this user could not use when the file was opened
        (`cache_faults.fault_of`, `at_open`)."""

    @classmethod
    def open(cls, folder: Path) -> CacheAccess:
        folder.mkdir(parents=True, exist_ok=True)
        access = cls(folder / DATABASE_NAME)
        access._open_file(again=False)
        return access

    @classmethod
    def disabled(cls) -> CacheAccess:
        return cls(None)

    @property
    def connected(self) -> bool:
        """Whether there is a file to read and write (none when disabled or given up)."""
        return self._connection is not None

    @property
    def path(self) -> Path | None:
        """The cache file (None when disabled)."""
        return self._path

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of one query; none when it fails (see `_failed`)."""
        if self._connection is None:
            return []
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except DAMAGE as error:
            self._failed(error, writing=False)
            return []

    def write(self, work: Callable[[sqlite3.Connection], object], *, reserve: int) -> bool:
        """Run `work` in one transaction, committed only when the disk has room for it and
        keeps `reserve` free besides (`cache_room.short_of`), then moved into the file at
        once. False when it was not kept (and no write is tried after it)."""
        if self._connection is None or self.unwritten:
            return False
        assert self._path is not None  # a connection is to a file
        connection = self._connection
        try:
            if short := short_of(connection, self._path, reserve):
                raise _NoRoom(short)
            with connection:
                work(connection)
                if short := short_of(connection, self._path, reserve):
                    raise _NoRoom(short)  # rolled back: nothing of it stays in the log
            checkpoint(connection)
        except _NoRoom as declined:
            self._given_up(str(declined))
            return False
        except DAMAGE as error:
            self._failed(error, writing=True)
            return False
        return True

    def reclaim(self) -> None:
        """`cache_file.reclaim_free_pages`, its failure a write's (the file then keeps
        every value, so no note is owed unless its room had to be given back)."""
        if self._connection is None or self.unwritten:
            return
        assert self._path is not None
        try:
            reclaim_free_pages(self._connection, self._path)
            checkpoint(self._connection)  # a `VACUUM` writes the whole file into the log
        except DAMAGE as error:
            self._failed(error, writing=False)

    def notes(self) -> tuple[Diagnostic, ...]:
        """What the build summary says about the cache itself: one line at most, naming
        the file in the way."""
        if self._path is None:
            return ()
        if self.unusable:
            message = f"the build cache could not be read nor replaced ({self.unusable}); built without it"
        elif self.removed:
            message = (
                f"the build cache could not be written ({self.removed}); it was removed to give its "
                "room back to the site, and the next build makes it anew"
            )
        elif self.unopened:
            message = f"the build cache could not be opened now ({self.unopened}); built without it"
        elif self.unwritten:
            message = (
                f"the build cache could not be written ({self.unwritten}); "
                "what this build did not keep in it, the next one does again"
            )
        elif self.recovered:
            message = "the build cache could not be read; it was rebuilt"
        else:
            return ()
        return (Diagnostic(message, self._named or self._path),)

    # -- the one failure path -----------------------------------------------------------

    def _open_file(self, *, again: bool) -> None:
        """Connect to the cache file, its log moved into it first (a build that could not
        do so left it); a file emptied to nothing (without a log holding its pages) is
        damage like any other file SQLite cannot read."""
        assert self._path is not None
        path = self._path
        existed = os.path.lexists(path)
        if existed and not again and _emptied(path):
            self._start_over()
            return
        self._in_the_way = tuple(files_in_the_way(path))
        try:
            self._connection = connect(path)
        except DAMAGE as error:
            fault = fault_of(error, path, self._in_the_way)
            if fault is None and not again:
                self._start_over()
            elif fault is None:  # a file just made that SQLite cannot use
                self.unusable = str(error)
            else:
                self.unopened, self._named = fault.reason, fault.file
                if fault.takes_room and (not existed or log_size(path)):
                    remove_files(path)  # a file half made, or a log holding the site's room
            return
        if log_size(path):
            try:
                checkpoint(self._connection)
            except DAMAGE as error:
                self._failed(error, writing=True)

    def _start_over(self) -> None:
        """Throw the cache file away and go on with an empty one: what every query does
        when SQLite finds the file damaged. When it cannot be replaced either, the build
        goes on without a cache (`unusable` says why)."""
        assert self._path is not None  # a disabled cache never reads a file
        self.recovered = True
        self.close()
        try:
            for leftover in self._path.parent.glob(self._path.name + "*"):
                leftover.unlink()
        except OSError as error:  # a folder in its place, a read-only folder
            self.unusable = str(error.strerror or error)
            self._named = next(iter(files_in_the_way(self._path)), None)
            return
        self._open_file(again=True)

    def _failed(self, error: BaseException, *, writing: bool) -> None:
        """After SQLite could not do what it was asked: a damaged file is thrown away (see
        `_start_over`); one unavailable now is left as it is, the room a failed write took
        given back (`cache_room.give_back`), and after a write it could not take no other
        is tried (each would wait out a lock, or fill a full disk further), while reads go
        on. What each value means holds without the ones not written: a load result
        missing is loaded again, a page without its record is rendered again."""
        assert self._path is not None and self._connection is not None
        fault = fault_of(error, self._path, self._in_the_way)
        if fault is None:
            self._start_over()
            return
        if fault.takes_room and not give_back(self._connection, self._path):
            self._give_way(fault.reason)
        elif writing and not self.unwritten:
            self.unwritten, self._named = fault.reason, fault.file

    def _given_up(self, reason: str) -> None:
        """A write given up for want of room: what it spilled into the log given back."""
        assert self._path is not None and self._connection is not None
        if not give_back(self._connection, self._path):
            self._give_way(reason)
        elif not self.unwritten:
            self.unwritten = reason

    def _give_way(self, reason: str) -> None:
        """Remove the cache whose log holds pages the disk has no room to move into the
        file: the log cannot go without the file (a failed checkpoint may have written
        part of it), and the site needs its room."""
        assert self._path is not None
        self.close()
        remove_files(self._path)
        self.removed = reason


def _emptied(path: Path) -> bool:
    """Whether `path` is a regular file of no bytes with no log beside it holding its pages."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size == 0 and not log_size(path)
