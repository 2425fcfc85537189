"""Which folders get which inotify watch: every source folder, never an ignored one.

A recursive watch (watchdog's, as inotify itself has none) puts a watch on every folder
below its root. Put on the site folder, that includes the published tree and the cache:
a 17,000-post site's output has some 25,000 folders, each a watch the kernel counts
against `fs.inotify.max_user_watches`, and every rebuild's writes there queue events
that are read only to be thrown away. Enough of them overflow the kernel's queue
(`fs.inotify.max_queued_events`, 16,384 by default): events from sources are lost, and
watchdog walks every watched folder again to recover.

So the site folder is split: a folder with nothing ignored anywhere below it gets one
recursive watch; a folder with something ignored below it gets a watch on itself alone
(so new entries in it are seen), and its other subfolders are planned the same way.
An ignored folder gets none. The folders named to be ignored (the destination, the
cache) count as below their parent even before they exist, so the first build's new
output folder never falls under a recursive watch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FolderWatch", "folder_watches"]


@dataclass(frozen=True, slots=True, order=True)
class FolderWatch:
    """One watch to schedule: on `path` alone, or on it and every folder below it."""

    path: Path
    recursive: bool


def folder_watches(
    root: Path, is_ignored: Callable[[Path], bool], ignored_paths: Iterable[Path] = ()
) -> tuple[FolderWatch, ...]:
    """The watches that cover every folder below `root` (itself included) that is not
    ignored, and no ignored one, sorted by path.

    `is_ignored(folder)`: whether a folder is left out (its whole subtree with it).
    `ignored_paths`: folders left out that may not exist yet. Symbolic links to folders
    are not followed, as watchdog's recursive watch does not follow them. A folder that
    cannot be listed (removed meanwhile, no permission) gets a recursive watch of its
    own: watchdog then watches what it can. `root` itself is watched even if ignored.
    """
    pending = tuple(Path(path) for path in ignored_paths)
    # Post-order without recursion (a deep tree must not exhaust Python's stack): a
    # folder is decided once every subfolder is, as "clean" (nothing ignored below).
    stack: list[tuple[Path, list[Path] | None]] = [(root, None)]
    clean: dict[Path, bool] = {}
    planned: dict[Path, list[FolderWatch]] = {}
    while stack:
        folder, children = stack.pop()
        if children is None:
            listed = _subfolders(folder)
            kept = [child for child in listed if not is_ignored(child)]
            stack.append((folder, kept))
            stack.extend((child, None) for child in reversed(kept))
            clean[folder] = len(kept) == len(listed) and not any(
                path != folder and path.is_relative_to(folder) for path in pending
            )
            continue
        if clean[folder] and all(clean[child] for child in children):
            planned[folder] = [FolderWatch(folder, True)]
        else:
            clean[folder] = False
            own = [FolderWatch(folder, False)]
            planned[folder] = own + [watch for child in children for watch in planned.pop(child)]
        for child in children:
            planned.pop(child, None)
            clean.pop(child, None)
    return tuple(sorted(planned[root]))


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries if entry.is_dir(follow_symlinks=False))
    except OSError:
        return []
