"""Helpers for tests of the site watcher against a real kernel."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from watchdog.observers.inotify_c import InotifyConstants, InotifyEvent, WatchDescriptor

from sitegen.serve.watch import SiteWatcher


def inject_overflow(watcher: SiteWatcher) -> None:
    """Hand the watcher's inotify instance the event the kernel queues when its event
    queue overflows (watch descriptor -1), as its reading thread would."""
    fd = watcher._kernel._fd  # type: ignore[attr-defined]
    fd.handle_event(InotifyEvent(WatchDescriptor(-1), InotifyConstants.IN_Q_OVERFLOW, 0, b""))


def inotify_watched_files() -> set[tuple[int, int]]:
    """(device, inode) of every file or folder an inotify watch of this process is on,
    the device as `os.stat` gives it: inode numbers alone are shared by file systems,
    and a watch another test left on another file system's folder can bear the number of
    a folder here (the kernel prints `sdev` as major << 20 | minor)."""
    return {
        (os.makedev(int(fields["sdev"], 16) >> 20, int(fields["sdev"], 16) & 0xFFFFF), int(fields["ino"], 16))
        for fields in _inotify_watch_fields()
    }


def inotify_watches() -> list[tuple[int, int]]:
    """(inode, event mask) of every inotify watch this process holds (Linux)."""
    return [(int(fields["ino"], 16), int(fields["mask"], 16)) for fields in _inotify_watch_fields()]


def _inotify_watch_fields() -> Iterator[dict[str, str]]:
    """The fields /proc prints of each inotify watch of this process (`ino`, `sdev`, `mask`, in hex)."""
    for info in Path("/proc/self/fdinfo").iterdir():
        try:
            text = info.read_text()
        except OSError:  # a descriptor closed meanwhile
            continue
        for line in text.splitlines():
            if line.startswith("inotify wd:"):
                yield dict(part.split(":", 1) for part in line.split()[1:])
