"""Kernel watches on every folder of the site the build can read, and on no other (Linux).

watchdog's own recursive watch cannot leave a folder out, so on the site folder it also
watches the output (37,000 folders for 10,000 posts in 100 sections) and whatever tool
folder appears later (`node_modules`). After a kernel queue overflow it drops every watch
of a recursive watch and adds them again; each dropped watch queues one event, so above
16,384 watches (`fs.inotify.max_queued_events`) the recovery overflows the queue it
recovers from, every second, for good. And it runs a thread per watch, so watching the
source folders apart grows a thread per folder.

So the watches are kept here, on watchdog's inotify instance (`InotifyFD`: one reading
thread, any number of watches): one per folder `is_ignored` keeps, placed as folders
appear and removed as they go, are moved away or become ignored. After an overflow the
watches are reconciled with the tree (`sync`): missing ones added, stale ones removed,
the others left alone, so the recovery queues no events of its own.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from watchdog.observers.inotify_c import (
    CallbackId,
    InotifyConstants,
    InotifyEvent,
    InotifyFD,
    Mask,
    WatchDescriptor,
)

from sitegen.serve.link_targets import leads_to

__all__ = ["TreeWatch"]

Identity = tuple[int, int]
"""A folder as the kernel knows it, whatever way leads there: (device, inode)."""

_MASK = Mask(
    InotifyConstants.IN_CREATE
    | InotifyConstants.IN_DELETE
    | InotifyConstants.IN_MODIFY
    | InotifyConstants.IN_ATTRIB
    | InotifyConstants.IN_MOVED_FROM
    | InotifyConstants.IN_MOVED_TO
    | InotifyConstants.IN_ONLYDIR
    | InotifyConstants.IN_DONT_FOLLOW
)
"""Changes only: `attrib` because `touch` makes only that; never opens, reads or closes,
which the build's own reads (or a listing of the tree) would queue by the thousand."""
_LINK_MASK = Mask(_MASK & ~InotifyConstants.IN_DONT_FOLLOW)
"""For a symbolic link to a folder, which the build reads through (a `templates` linked
to a theme folder, a content folder linked to a hidden one): its target is watched,
under the link's path."""


class TreeWatch:
    """Watch every folder below `roots` that `is_ignored` keeps, and `alone` folders
    without what is below them; report the paths events name to `on_paths` (with
    whether they are present: `kernel_watch.PathsCallback`), from the reading thread,
    and an overflow of the kernel's queue to `on_overflow`."""

    def __init__(
        self,
        roots: tuple[Path, ...],
        alone: tuple[Path, ...],
        is_ignored: Callable[[Path], bool],
        on_paths: Callable[[set[Path], bool], None],
        on_overflow: Callable[[], None],
        is_unread_link: Callable[[Path, Path], bool] = lambda link, target: False,
    ) -> None:
        self._roots = roots
        self._alone = frozenset(alone)
        self._is_ignored = is_ignored
        self._is_unread_link = is_unread_link
        """Whether a real path is one the build never reads through any link (the
        output, the cache): a link to a folder is followed unless it leads there."""
        self._on_paths = on_paths
        self._on_overflow = on_overflow
        self._fd: InotifyFD | None = None
        """Made by `start`: one made and never started would keep its descriptor open."""
        self._id = CallbackId(id(self))
        self._lock = threading.RLock()
        self._by_path: dict[Path, tuple[WatchDescriptor, Identity]] = {}
        """Each watched folder → its watch and the folder it was placed on."""
        self._by_wd: dict[WatchDescriptor, Path] = {}
        self._by_identity: dict[Identity, Path] = {}
        """Each watched folder's identity → the path it is watched under."""
        self._below: dict[Path, set[Path]] = {}
        """Each folder → the watched folders right below it: a folder removed or moved
        away drops the watches below it without a pass over every watch (a pass per
        removed folder made removing many folders quadratic, seconds behind the tree)."""
        self._stopped = False
        self._warned = False
        self._unlistable: set[Path] = set()
        """Folders seen turned unlistable by a change of their mode (`_access_turned`)."""

    def start(self) -> None:
        self._fd = InotifyFD()
        self.sync()
        self._fd.start()

    def stop(self) -> None:
        with self._lock:  # an event being handled ends before the descriptor closes
            self._stopped = True
        if self._fd is not None:
            self._fd.stop()
            if self._fd.is_alive():
                self._fd.join()

    def move(self, roots: tuple[Path, ...], alone: tuple[Path, ...]) -> None:
        """Watch these `roots` and `alone` folders in place of those given before, from
        the next `sync` on: the same descriptor throughout, so no event is lost."""
        with self._lock:
            self._roots, self._alone = roots, frozenset(alone)

    def watched(self) -> frozenset[Path]:
        """The folders watched right now."""
        with self._lock:
            return frozenset(self._by_path)

    def sync(self) -> frozenset[Path]:
        """Make the watches match the tree: watch each kept folder not yet watched (or
        watched on another inode: removed and made again), and stop watching folders
        that are gone, moved away or now ignored. Watches that are right stay as they
        are. Returns the folders newly watched."""
        with self._lock:
            if self._stopped or self._fd is None:
                return frozenset()
            planned: set[Path] = set()
            added: set[Path] = set()
            for path, identity in self._planned():  # each watched before it is listed
                planned.add(path)
                known = self._by_path.get(path)
                if known is None or known[1] != identity:
                    self._add(path, identity)
                    added.add(path)
            stale = [path for path in self._by_path if path not in planned]
            self._remove(stale)
            return frozenset(added)

    def _planned(self) -> Iterator[tuple[Path, Identity]]:
        for folder in sorted(self._alone):
            try:
                info = os.stat(folder)
            except OSError:  # not there (yet)
                continue
            yield folder, (info.st_dev, info.st_ino)
        for root in self._roots:
            yield from self._folders(root, set())

    def _add(self, path: Path, identity: Identity) -> None:
        known = self._by_path.get(path)
        if known is not None and known[1] != identity:  # another folder made at this path
            self._remove([path])
        mask = _LINK_MASK if os.path.islink(path) else _MASK
        assert self._fd is not None  # watches are placed only once started
        try:
            wd = self._fd.add_callback(os.fsencode(path), mask, self, self._id)
        except OSError as error:  # gone meanwhile, or the kernel's watch limit
            if os.path.isdir(path) and not self._warned:
                self._warned = True
                print(
                    f"{path}: cannot be watched ({error.strerror}); changes below it are missed",
                    file=sys.stderr,
                )
            return
        if wd < 0:  # watchdog's answer for a folder this user may not read (EACCES)
            self._fd.remove_callbacks([(wd, self._id)])
            return  # the build says so; `_access_turned` watches it once it can be read
        moved_from = self._by_wd.get(wd)
        if moved_from is not None and moved_from != path:
            if _identity(moved_from) == identity:  # a second way to a watched folder (a link)
                return  # one watch covers both; the first way keeps it
            self._forget(moved_from)  # the same folder, moved
        self._by_wd[wd] = path
        self._by_path[path] = (wd, identity)
        self._by_identity[identity] = path
        self._below.setdefault(path.parent, set()).add(path)

    def _forget(self, path: Path) -> tuple[WatchDescriptor, Identity] | None:
        """Drop `path` from the books (not its kernel watch); what it was watched with."""
        siblings = self._below.get(path.parent)
        if siblings is not None:
            siblings.discard(path)
            if not siblings:
                del self._below[path.parent]
        known = self._by_path.pop(path, None)
        if known is not None and self._by_identity.get(known[1]) == path:
            del self._by_identity[known[1]]
        return known

    def _remove(self, paths: list[Path]) -> None:
        dropped = []
        for path in paths:
            known = self._forget(path)
            if known is not None and self._by_wd.get(known[0]) == path:
                del self._by_wd[known[0]]
                dropped.append((known[0], self._id))
        if dropped and self._fd is not None:
            self._fd.remove_callbacks(dropped)

    def _remove_below(self, folder: Path) -> None:
        """Stop watching `folder` and every watched folder below it."""
        found = [folder] if folder in self._by_path else []
        pending = [folder]
        while pending:
            below = self._below.get(pending.pop(), ())
            found.extend(below)
            pending.extend(below)
        self._remove(found)

    def _watch_made(self, folder: Path) -> set[Path]:
        """Watch a folder made (or moved) into a watched one, and what is below it, but
        for folders watched already (a link made to one: `ln -s . loop`); the files
        found there, which may have been written before their watch was."""
        files: set[Path] = set()
        for path, identity in self._folders(folder, files, self._watched_elsewhere):
            self._add(path, identity)
        return files

    def _watched_elsewhere(self, identity: Identity) -> bool:
        """Whether the folder is watched under a path that still leads to it."""
        path = self._by_identity.get(identity)
        return path is not None and _identity(path) == identity

    def _folders(
        self, top: Path, files: set[Path], watched: Callable[[Identity], bool] = lambda identity: False
    ) -> Iterator[tuple[Path, Identity]]:
        return _folders(top, self._is_ignored, files, self._is_unread_link, watched)

    # The callbacks watchdog's reading thread makes (`WatchCallback`).

    def on_event(self, event: InotifyEvent) -> None:
        """An error boundary: whatever one event raises, the reading thread lives on.
        (A link removed between its event and a look at it raised out of the thread, and
        nothing after was watched.) The watches are then reconciled with the tree and
        the whole site counts as changed, as after an overflow: what the event meant is
        unknown."""
        try:
            self._handle(event)
        except Exception as error:  # any fault: else no change is seen again
            print(f"watching: {type(error).__name__}: {error}; rescanning the site", file=sys.stderr)
            with contextlib.suppress(Exception):  # the tree may still be changing
                self.sync()
            self._on_overflow()

    def _handle(self, event: InotifyEvent) -> None:
        found: set[Path] = set()
        with self._lock:
            folder = self._by_wd.get(event.wd)
            if folder is None or event.is_delete_self or self._stopped:
                return
            path = folder / os.fsdecode(event.name) if event.name else folder
            present = event.is_create or event.is_moved_to or event.is_modify or event.is_attrib
            if event.is_directory:
                if event.is_modify or (event.is_attrib and not self._access_turned(path)):
                    return  # a listing changed: its entries' own events say how
                if not present:
                    self._remove_below(path)
                elif folder not in self._alone and not self._is_ignored(path):
                    found = self._watch_made(path)
            elif (event.is_create or event.is_moved_to) and self._followed_link(folder, path):
                found = self._watch_made(path)
            elif event.name and not present and path in self._by_path:  # a link to a folder removed
                self._remove_below(path)
        self._on_paths({path, *found}, present)

    def _access_turned(self, path: Path) -> bool:
        """Whether the folder's mode (`chmod`) turned it listable or not since last seen:
        watched and now not listable (the next build says so, and keeps its pages), or
        listable again, or listable now but never watched, as one that could not be read
        when watching began or it was made. Such a folder counts as made: watched, with
        what is below it, and read again by the next build, with whatever was saved in it
        meanwhile (before, it stayed unwatched and unread until a restart)."""
        if self._is_ignored(path):
            return False
        effective = os.access in os.supports_effective_ids
        if not os.access(path, os.R_OK | os.X_OK, effective_ids=effective):
            turned = path in self._by_path and path not in self._unlistable
            self._unlistable.add(path)
            return turned
        turned = path in self._unlistable or path not in self._by_path
        self._unlistable.discard(path)
        return turned

    def _followed_link(self, folder: Path, path: Path) -> bool:
        """Whether `path`, just made in the watched `folder`, is a link to a folder the
        build reads through (see `_folders`)."""
        if folder in self._alone or not os.path.islink(path) or not os.path.isdir(path):
            return False
        return not self._is_ignored(path) and not self._is_unread_link(path, leads_to(path))

    def on_watch_deleted(self, wd: WatchDescriptor) -> None:
        with self._lock:
            path = self._by_wd.pop(wd, None)
            if path is not None and self._by_path.get(path, (None, 0))[0] == wd:
                self._forget(path)

    def on_queue_overflow(self) -> None:
        with contextlib.suppress(OSError):
            self.sync()
        self._on_overflow()


def _identity(path: Path) -> Identity | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _folders(
    top: Path,
    is_ignored: Callable[[Path], bool],
    files: set[Path],
    is_unread_link: Callable[[Path, Path], bool],
    watched: Callable[[Identity], bool],
) -> Iterator[tuple[Path, Identity]]:
    """`top` and every folder below it that `is_ignored` keeps, each with its identity;
    the files met are added to `files`. A link to a folder is followed, as the build
    reads through it, unless `is_unread_link`, its target was met already or is `watched`
    (a loop, or a second way to one folder, which one watch covers). Links are followed
    only once no folder is left that is reached without one, so each folder is watched
    by its own path where it has one: a chain of links met first (`a/next -> ../b`,
    `b/next -> ../c`, …) had the folders watched as `a/next/next/…`, as deep as the
    system took the path, and removing one link of the chain dropped the watches of
    every folder past it. A folder is listed only after it is yielded, so a caller that
    watches it then misses nothing made in it meanwhile. Iterative: a deep tree must
    not exhaust Python's stack."""
    pending = [top]
    linked: list[Path] = []
    """Folders met through a link, walked once `pending` is empty."""
    seen: set[Identity] = set()
    while pending or linked:
        if not pending:
            pending, linked = linked[::-1], []
            continue
        folder = pending.pop()
        try:
            info = os.stat(folder)
        except OSError:  # removed meanwhile, or a broken link
            continue
        if (info.st_dev, info.st_ino) in seen or watched((info.st_dev, info.st_ino)):
            continue
        seen.add((info.st_dev, info.st_ino))
        yield folder, (info.st_dev, info.st_ino)
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:  # removed meanwhile, or no permission
            continue
        for entry in listed:
            path = Path(entry.path)
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    if not is_ignored(path):
                        pending.append(path)
                elif entry.is_symlink() and entry.is_dir():
                    if not is_ignored(path) and not is_unread_link(path, leads_to(path)):
                        linked.append(path)
                else:
                    files.add(path)
