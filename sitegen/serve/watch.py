"""Watch the site's sources and report each burst of changes once.

Editors and `git checkout` touch many files within milliseconds, and one save often
produces several events (create, modify, rename of a temp file). Rebuilding per event
would build a half-written tree several times over, so the watcher collects paths until
the sources have been quiet for `debounce` seconds (or `max_wait` seconds have passed
under a continuous stream of events) and then calls `on_change` once with the whole set.

`on_change` runs on a single worker thread, so two rebuilds never overlap; events that
arrive while it runs are collected into the next burst.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from sitegen.serve.overflow import OverflowListener
from sitegen.serve.watch_plan import FolderWatch, folder_watches

# An editor's save, a `git checkout` or a copy of many posts writes with gaps of
# milliseconds, so a tenth of a second of quiet ends a burst; more would be waited for
# on every save before the dev server's fast lane can rewrite the page (`sitegen.preview`).
DEFAULT_DEBOUNCE_SECONDS = 0.1
DEFAULT_MAX_WAIT_SECONDS = 2.0

#: Folders whose contents are never sources, wherever they sit below a watched folder:
#: version control, and sitegen's own scratch space (`.sitegen-cache`, and the writer's
#: `._site.sitegen-staging` / `._site.sitegen-previous` next to the output folder, which
#: would otherwise make every build trigger the next one).
IGNORED_DIR_PATTERNS = (
    ".git",
    ".hg",
    ".svn",
    ".sitegen-*",
    ".*.sitegen-*",
    # Tool folders that can sit in a site folder and churn without changing the site
    # (an editor's project files, test and type-check caches, Jekyll's own caches).
    ".venv",
    "node_modules",
    "__pycache__",
    ".*_cache",
    ".*-cache",
    ".tox",
    ".nox",
    ".hypothesis",
    ".idea",
    ".vscode",
    ".bzr",
    ".jj",
)

#: Editor and OS droppings: vim swap files and its `4913` write probe, backups ending
#: in `~`, emacs lock (`.#name`) and autosave (`#name#`) files, JetBrains' "safe write"
#: temporaries, Finder metadata.
IGNORED_NAME_PATTERNS = (
    "*.swp",
    "*.swx",
    "*.swo",
    "*~",
    ".#*",
    "#*#",
    "4913",
    "*___jb_tmp___",
    "*___jb_old___",
    ".DS_Store",
)

# `attrib` is kept because `touch file` (the usual way to force a rebuild) produces only
# that; `opened`/`closed` add nothing once `modified` has been seen. A folder's own
# `modified` event only says its listing changed, which the entries' events already say.
_RELEVANT_EVENT_TYPES = frozenset({"created", "modified", "deleted", "moved", "attrib"})
_PRESENT_EVENT_TYPES = frozenset({"created", "modified", "attrib"})
_EVENT_FILTER = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileAttribEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""The events asked of the kernel: with none given, watchdog asks inotify for opens and
closes too, so the build reading every source, or watchdog itself listing the folders
again after a queue overflow, queues thousands of events that are only thrown away
(enough to overflow the queue again: a loop that held a core at 2,000 posts)."""

MAX_WATCHED_FOLDERS = 64
"""The most folders watched apart (see `sitegen.serve.watch_plan`): watchdog runs a
thread per watch, so a site whose top level holds hundreds of folders beside its output
folder is watched as one tree, output and all, as before."""

ChangeCallback = Callable[[frozenset[Path]], None]


def is_editor_temp_name(name: str) -> bool:
    """True for a file name an editor or the OS writes next to the real file."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in IGNORED_NAME_PATTERNS)


class SiteWatcher:
    """Watch folders (recursively) and single files; call `on_change` once per burst.

    Reported paths are absolute and lie under the *resolved* watch paths (so under
    `/private/tmp/...` on macOS when `/tmp/...` was given). A watch path that does not
    exist yet is watched as a file in its parent folder, so creating it is noticed.
    The watcher is single-use: `start()` once, `stop()` once (or use `with`).
    """

    def __init__(
        self,
        watch_paths: Iterable[Path],
        on_change: ChangeCallback,
        *,
        ignore_paths: Iterable[Path] = (),
        debounce: float = DEFAULT_DEBOUNCE_SECONDS,
        max_wait: float = DEFAULT_MAX_WAIT_SECONDS,
    ) -> None:
        self._on_change = on_change
        self._debounce = debounce
        self._max_wait = max(max_wait, debounce)
        self._ignore_paths = tuple(Path(os.path.realpath(Path(p))) for p in ignore_paths)
        self._moved_cache: tuple[Path, ...] = ()
        self._dir_roots, self._file_targets = _split_watch_paths(watch_paths)

        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._first_event_at = 0.0
        self._last_event_at = 0.0
        self._stopping = False

        self._observer = Observer()
        self._handler = _Handler(self._accept_event)
        self._scheduled: dict[FolderWatch, ObservedWatch] = {}
        self._shallow: frozenset[Path] = frozenset()
        """Folders watched alone (something ignored lies below): a folder made in one
        gets watches of its own (`_watch_new_folder`)."""
        self._overflows = OverflowListener(self._overflowed)
        self._replan = False
        """Set after an overflow, under `_cond`: the worker watches what was made unseen."""
        self._worker = threading.Thread(target=self._run, name="sitegen-watch", daemon=True)

    def start(self) -> None:
        handler = self._handler
        for root in self._dir_roots:
            self._watch_tree(root)
        self._overflows.attach()
        # A single file is watched through its folder: editors save by writing a temp
        # file and renaming it over the original, which would orphan a watch on the file.
        for parent in sorted({target.parent for target in self._file_targets}):
            if parent.is_dir() and not self._is_under_dir_root(parent):
                self._observer.schedule(handler, str(parent), recursive=False, event_filter=_EVENT_FILTER)
        self._observer.start()
        self._worker.start()

    def stop(self) -> None:
        """Stop watching and wait for the threads; a burst not yet reported is dropped."""
        self._overflows.detach()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join()
        if self._worker.is_alive() and threading.current_thread() is not self._worker:
            self._worker.join()

    def __enter__(self) -> SiteWatcher:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _watch_tree(self, root: Path) -> None:
        """Watch every folder below `root` that is not ignored, and only those (see
        `sitegen.serve.watch_plan`), or `root` whole when that would take too many watches."""
        plan = folder_watches(root, self.is_ignored, self._ignore_paths)
        if len(plan) > MAX_WATCHED_FOLDERS:
            plan = (FolderWatch(root, True),)
        for watch in plan:
            self._schedule(watch)
        self._shallow = self._shallow | {watch.path for watch in plan if not watch.recursive}

    def _schedule(self, watch: FolderWatch) -> None:
        stale = self._scheduled.pop(watch, None)
        if stale is not None:  # the folder was removed and made again: a new watch
            self._observer.unschedule(stale)
        self._scheduled[watch] = self._observer.schedule(
            self._handler, str(watch.path), recursive=watch.recursive, event_filter=_EVENT_FILTER
        )

    def _watch_new_folder(self, folder: Path) -> set[Path]:
        """Observer thread: watch a folder made in a folder watched alone; its files
        written before its watch was in place, as changed paths."""
        try:
            self._watch_tree(folder)
        except OSError:  # removed again at once, or a watch limit: the rest goes on
            return set()
        found: set[Path] = set()
        for parent, folders, files in os.walk(folder):
            folders[:] = [name for name in folders if not self.is_ignored(Path(parent, name))]
            found.update(Path(parent, name) for name in files)
        return {path for path in found if not self.is_ignored(path)}

    def _overflowed(self) -> None:
        """watchdog's reading thread: the kernel dropped events, so whatever changed
        meanwhile is unknown. The whole site counts as changed (a full rebuild), and the
        worker thread first watches folders made meanwhile in a folder watched alone
        (scheduling is left to it: this thread must not wait for the observer's lock)."""
        now = time.monotonic()
        with self._cond:
            self._replan = True
            if not self._pending:
                self._first_event_at = now
            self._pending.update(self._dir_roots)
            self._last_event_at = now
            self._cond.notify_all()

    def _watch_folders_made_unseen(self) -> None:
        """Worker thread, after an overflow: watch the folders its lost events named."""
        for folder in sorted(self._shallow):
            with contextlib.suppress(OSError):  # gone meanwhile, or a watch limit
                self._watch_unwatched_below(folder)

    def _watch_unwatched_below(self, folder: Path) -> None:
        watched = {watch.path for watch in self._scheduled}
        with os.scandir(folder) as entries:
            made = [Path(entry.path) for entry in entries if entry.is_dir(follow_symlinks=False)]
        for child in made:
            if child not in watched and not self.is_ignored(child):
                self._watch_tree(child)

    def ignore_cache(self, path: Path) -> None:
        """Ignore changes at or below `path`, the cache folder the last rebuild used, in
        place of the one given before: a setting can move it, and a folder that was the
        cache is a folder of the site again once the setting moves it away."""
        self._moved_cache = (Path(os.path.realpath(path)),)  # one assignment: read by another thread

    def is_ignored(self, path: Path) -> bool:
        """True when a change at `path` must not trigger a rebuild."""
        ignored_paths = (*self._ignore_paths, *self._moved_cache)
        if any(path == ignored or path.is_relative_to(ignored) for ignored in ignored_paths):
            return True
        if is_editor_temp_name(path.name):
            return True
        return any(
            fnmatch.fnmatchcase(part, pattern)
            for part in self._parts_below_root(path)
            for pattern in IGNORED_DIR_PATTERNS
        )

    def _parts_below_root(self, path: Path) -> tuple[str, ...]:
        # Only the part below the watched folder counts: a site kept under, say,
        # `~/.git-sites/blog` must still be watched.
        for root in self._dir_roots:
            if path.is_relative_to(root):
                return path.relative_to(root).parts
        return (path.name,)

    def _is_under_dir_root(self, path: Path) -> bool:
        return any(path.is_relative_to(root) for root in self._dir_roots)

    def _is_watched(self, path: Path) -> bool:
        return path in self._file_targets or self._is_under_dir_root(path)

    def _accept_event(self, event: FileSystemEvent) -> None:
        """Observer thread: keep the relevant paths of one event and restart the quiet timer."""
        if event.event_type not in _RELEVANT_EVENT_TYPES:
            return
        if event.is_directory and event.event_type in {"modified", "attrib"}:
            return
        raw_paths = [event.src_path]
        if event.event_type == "moved":
            raw_paths.append(event.dest_path)
        paths = {Path(os.fsdecode(raw)) for raw in raw_paths if raw}
        if event.event_type == "moved" and not any(os.path.lexists(path) for path in paths):
            return  # a move seen by a watch left on a folder moved away (both ends gone)
        if event.event_type in _PRESENT_EVENT_TYPES:
            # What is not there cannot have changed there: watchdog keeps watching a
            # folder moved out of the site under its old path (and a folder moved between
            # two watches under both), so its edits would name paths the site no longer
            # has. A real change to a path that is gone also has its deletion reported.
            paths = {path for path in paths if os.path.lexists(path)}
        relevant = {p for p in paths if self._is_watched(p) and not self.is_ignored(p)}
        if event.is_directory and event.event_type in {"created", "moved"}:
            made = Path(os.fsdecode(event.dest_path or event.src_path))
            if made.parent in self._shallow and made in relevant:
                relevant |= self._watch_new_folder(made)
        if not relevant:
            return
        now = time.monotonic()
        with self._cond:
            if not self._pending:
                self._first_event_at = now
            self._pending.update(relevant)
            self._last_event_at = now
            self._cond.notify_all()

    def _run(self) -> None:
        """Worker thread: wait for a quiet period, then hand over the burst."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopping or bool(self._pending))
                while not self._stopping:
                    deadline = min(
                        self._last_event_at + self._debounce,
                        self._first_event_at + self._max_wait,
                    )
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                if self._stopping:
                    return
                burst = frozenset(self._pending)
                self._pending.clear()
                replan, self._replan = self._replan, False
            if replan:
                self._watch_folders_made_unseen()
            try:
                self._on_change(burst)
            except Exception:
                # A failing callback must not end watching: the next save may fix it.
                traceback.print_exc()


class _Handler(FileSystemEventHandler):
    """Forwards every event to the watcher; filtering happens there, in one place."""

    def __init__(self, accept: Callable[[FileSystemEvent], None]) -> None:
        super().__init__()
        self._accept = accept

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._accept(event)


def _split_watch_paths(watch_paths: Iterable[Path]) -> tuple[tuple[Path, ...], frozenset[Path]]:
    """Resolved folders to watch recursively (minus nested ones) and single files."""
    dirs: list[Path] = []
    files: set[Path] = set()
    for raw in watch_paths:
        path = Path(os.path.realpath(Path(raw)))
        if path.is_dir():
            dirs.append(path)
        else:
            files.add(path)
    # Sorting by depth puts a parent before its children, so a nested folder is
    # dropped rather than watched twice.
    roots: list[Path] = []
    for path in sorted(set(dirs), key=lambda p: (len(p.parts), str(p))):
        if not any(path.is_relative_to(root) for root in roots):
            roots.append(path)
    return tuple(roots), frozenset(files)
