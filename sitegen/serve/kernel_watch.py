"""Which kernel watch the site watcher runs on: per-folder inotify watches on Linux
(`sitegen.serve.tree_watch`), else watchdog's own observer, one recursive watch per root.

Elsewhere (macOS's FSEvents, Windows) one recursive watch costs one stream, not a watch
per folder, so folders the build never reads are only filtered out of its events. The
same goes for a watchdog older than 7, which has no shared inotify instance to build on.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from sitegen.serve.overflow import OverflowListener

__all__ = ["KernelWatch", "kernel_watch"]

PathsCallback = Callable[[set[Path], bool], None]
"""Called with paths an event names, and whether the event says they are present
(created, written) rather than gone (deleted, moved away)."""


class KernelWatch(Protocol):
    """Kernel watches on the site's folders, reporting the paths events name."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def sync(self) -> frozenset[Path]:
        """Watch again what the ignore rule and the paths now keep (they changed), and
        nothing else; the folders newly watched, whose changes before now went unseen."""

    def move(self, roots: tuple[Path, ...], alone: tuple[Path, ...]) -> None:
        """Watch these `roots` and `alone` folders in place of those given before, from
        the next `sync` on (the same watch throughout: no event queued meanwhile is lost)."""

    def watched(self) -> frozenset[Path]: ...


def kernel_watch(
    roots: tuple[Path, ...],
    alone: tuple[Path, ...],
    is_ignored: Callable[[Path], bool],
    on_paths: PathsCallback,
    on_overflow: Callable[[], None],
    is_unread_link: Callable[[Path, Path], bool] = lambda link, target: False,
) -> KernelWatch:
    """Watch every folder below `roots` that `is_ignored` keeps, and the `alone` folders
    without what is below them; links to folders are followed unless `is_unread_link`
    (the link, its real target) says the build never reads through them (Linux;
    watchdog's observer follows none)."""
    try:
        from sitegen.serve.tree_watch import TreeWatch
    except (ImportError, OSError):  # not Linux, or a watchdog without `InotifyFD`
        return _ObserverWatch(roots, alone, on_paths, on_overflow)
    return TreeWatch(roots, alone, is_ignored, on_paths, on_overflow, is_unread_link)


_EVENT_TYPES = frozenset({"created", "modified", "deleted", "moved", "attrib"})
_PRESENT = frozenset({"created", "modified", "attrib"})


class _ObserverWatch(FileSystemEventHandler):
    """watchdog's observer, one recursive watch per root: the portable way."""

    def __init__(
        self,
        roots: tuple[Path, ...],
        alone: tuple[Path, ...],
        on_paths: PathsCallback,
        on_overflow: Callable[[], None],
    ) -> None:
        super().__init__()
        self._roots = roots
        self._alone = alone
        self._on_paths = on_paths
        self._on_overflow = on_overflow
        self._overflows = OverflowListener(on_overflow)
        self._observer = Observer()
        self._scheduled: dict[tuple[Path, bool], ObservedWatch] = {}
        """Each folder watched, with whether below it too → its watch."""
        self._lock = threading.Lock()
        self._stopped = False

    def start(self) -> None:
        self._overflows.attach()
        self.sync()
        self._observer.start()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
        self._overflows.detach()
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join()

    def sync(self) -> frozenset[Path]:
        """Schedule the roots and `alone` folders not yet watched, unschedule those let
        go; below a root every change is watched, and filtered by events."""
        with self._lock:
            if self._stopped:
                return frozenset()
            wanted = {(root, True) for root in self._roots}
            wanted |= {(folder, False) for folder in self._alone if folder.is_dir()}
            for key in set(self._scheduled) - wanted:
                self._observer.unschedule(self._scheduled.pop(key))
            added = wanted - set(self._scheduled)
            for folder, recursive in added:
                self._scheduled[folder, recursive] = self._observer.schedule(
                    self, str(folder), recursive=recursive
                )
            return frozenset(folder for folder, _ in added)

    def move(self, roots: tuple[Path, ...], alone: tuple[Path, ...]) -> None:
        with self._lock:
            self._roots, self._alone = roots, alone

    def watched(self) -> frozenset[Path]:
        return frozenset((*self._roots, *self._alone))

    def on_any_event(self, event: FileSystemEvent) -> None:
        """An error boundary, as `TreeWatch.on_event`: a fault handling one event would
        end the observer's thread, and with it every later change; the whole site then
        counts as changed instead."""
        try:
            self._handle(event)
        except Exception as error:  # any fault: else no change is seen again
            print(f"watching: {type(error).__name__}: {error}; rescanning the site", file=sys.stderr)
            self._on_overflow()

    def _handle(self, event: FileSystemEvent) -> None:
        if event.event_type not in _EVENT_TYPES:
            return
        if event.is_directory and event.event_type in {"modified", "attrib"}:
            return
        source = Path(os.fsdecode(event.src_path))
        if event.event_type == "moved":
            self._on_paths({source}, False)
            if event.dest_path:
                self._on_paths({Path(os.fsdecode(event.dest_path))}, True)
        else:
            self._on_paths({source}, event.event_type in _PRESENT)
