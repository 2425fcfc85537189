"""Helpers for tests of the site watcher against a real kernel."""

from __future__ import annotations

from pathlib import Path

from watchdog.observers.inotify_c import InotifyConstants, InotifyEvent, WatchDescriptor

from sitegen.serve.watch import SiteWatcher


def inject_overflow(watcher: SiteWatcher) -> None:
    """Hand the watcher's inotify instance the event the kernel queues when its event
    queue overflows (watch descriptor -1), as its reading thread would."""
    fd = watcher._kernel._fd  # type: ignore[attr-defined]
    fd.handle_event(InotifyEvent(WatchDescriptor(-1), InotifyConstants.IN_Q_OVERFLOW, 0, b""))


def inotify_watches() -> list[tuple[int, int]]:
    """(inode, event mask) of every inotify watch this process holds (Linux)."""
    watches = []
    for info in Path("/proc/self/fdinfo").iterdir():
        try:
            text = info.read_text()
        except OSError:  # a descriptor closed meanwhile
            continue
        for line in text.splitlines():
            if line.startswith("inotify wd:"):
                fields = dict(part.split(":", 1) for part in line.split()[1:])
                watches.append((int(fields["ino"], 16), int(fields["mask"], 16)))
    return watches
