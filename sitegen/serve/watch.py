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

import fnmatch
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from types import TracebackType

from sitegen.content.scan import TEMPLATES_DIR_NAME
from sitegen.content.unread import ReadRules, read_rules
from sitegen.own_folders import is_own_folder
from sitegen.serve.kernel_watch import KernelWatch, kernel_watch
from sitegen.serve.link_targets import leads_to

# An editor's save, a `git checkout` or a copy of many posts writes with gaps of
# milliseconds, so a tenth of a second of quiet ends a burst; more would be waited for
# on every save before the dev server's fast lane can rewrite the page (`sitegen.preview`).
DEFAULT_DEBOUNCE_SECONDS = 0.1
DEFAULT_MAX_WAIT_SECONDS = 2.0

#: sitegen's own scratch space, wherever it sits below a watched folder (`.sitegen-cache`,
#: and the writer's `._site.sitegen-staging` / `._site.sitegen-previous` next to the output
#: folder, which would otherwise make every build trigger the next one), told by its exact
#: names (`sitegen.own_folders`): never a source, whatever `include` says; a user's
#: `.sitegen-notes` that `include` brings in is watched. Other folders are left out by the
#: build's own rules (`sitegen.content.unread`): what the build never reads is not watched.

#: Editor and OS droppings: vim swap files and its `4913` write probe, backups ending
#: in `~`, emacs lock (`.#name`) and autosave (`#name#`) files, JetBrains' "safe write"
#: temporaries, Finder metadata. A path so named is dropped from a burst only when it is
#: gone by then (an editor's temporary, made and removed within the save): one that
#: stays is a file or folder like any other (an article folder `4913/`, a `notes.swp`
#: the build publishes as Jekyll does), and the build's own rules decide.
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

OVERFLOW_MIN_GAP_SECONDS = 1.0
"""After a kernel queue overflow the whole site is rebuilt, but never sooner after the
last rebuild than this, nor than that rebuild took: overflows that keep coming (during a
rebuild, or a tool writing thousands of files a second) then cost at most every other
second of a core, each wave one rebuild, instead of a rebuild queued behind each one."""

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
        self._cache: tuple[Path, ...] = ()
        paths = tuple(watch_paths)
        self._dir_roots, self._file_targets = _split_watch_paths(paths)
        first = Path(os.path.realpath(paths[0])) if paths else None
        self._site = first if first is not None and first in self._dir_roots else None
        """The first watch path, when a folder: the site, whose read rules apply below it
        (the other paths, Sass imports outside the site, are watched whole)."""
        self._rules: ReadRules | None = (
            read_rules(self._site, unread=self._ignore_paths) if self._site is not None else None
        )
        """What the build reads (`sitegen.content.unread`), until a build says otherwise."""

        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._first_event_at = 0.0
        self._last_event_at = 0.0
        self._overflowed = False
        """Set under `_cond` when the pending burst holds an overflow of the kernel's queue."""
        self._calm_at = 0.0
        """When an overflow may next be handed over (see `OVERFLOW_MIN_GAP_SECONDS`)."""
        self._stopping = False
        self._started = False
        self._in_callback = False
        """Set under `_cond` while the worker runs `on_change`."""
        self._burst_taken_ns = 0
        """When the burst being handled was taken (wall clock): a folder first watched
        while it is handled may hold files changed since, which no event reported."""
        # A single file is watched through its folder: editors save by writing a temp
        # file and renaming it over the original, which would orphan a watch on the file.
        self._kernel: KernelWatch = kernel_watch(
            self._dir_roots,
            self._alone_folders(),
            self.is_ignored,
            self._accept_paths,
            self._overflow,
            is_unread_link=self._is_unread_link,
        )
        self._worker = threading.Thread(target=self._run, name="sitegen-watch", daemon=True)

    def _alone_folders(self) -> tuple[Path, ...]:
        """The folders of the single files watched outside every folder watched whole."""
        folders = {target.parent for target in self._file_targets}
        return tuple(sorted(folder for folder in folders if not self._is_under_dir_root(folder)))

    def start(self) -> None:
        self._started = True
        self._kernel.start()
        self._worker.start()

    def stop(self, *, leave_callback: bool = False) -> None:
        """Stop watching and wait for the threads; a burst not yet reported is dropped.

        With `leave_callback`, a worker busy in `on_change` (a rebuild) is not waited
        for: it ends when the callback returns (the dev server stops at once and closes
        the build's publish gate instead, `sitegen.publish.gate`). Every other wait here
        is woken by the stop itself."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            busy = self._in_callback
        self._kernel.stop()
        if leave_callback and busy:
            return
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

    def ignore_cache(self, path: Path | None) -> None:
        """Ignore changes at or below `path`, the cache folder the last build used, in
        place of the one given before: a setting can move it, and a folder that was the
        cache is a folder of the site again once the setting moves it away, watched anew."""
        cache = () if path is None else (Path(os.path.realpath(path)),)
        if cache != self._cache:
            with self._cond:  # the writes that made it, queued before it was the cache
                self._cache = cache  # one assignment: read by the reading thread
                self._pending = _outside(self._pending, cache)
            self._resync()

    def follow_rules(self, rules: ReadRules) -> None:
        """Watch what a build with these rules reads (the site's `include` and `exclude`
        may have changed): folders it now reads are watched, folders it no longer does
        are let go."""
        if rules != self._rules:
            self._rules = rules
            self._resync()

    def follow_paths(self, watch_paths: Iterable[Path]) -> None:
        """Watch `watch_paths` in place of those given before (the site first, as
        before): a rebuild read folders outside the site the last one did not (a Sass
        `load_paths` entry added, a theme file linked out of the site after the start),
        or no longer does. The same watcher and kernel watch throughout, so the changes
        seen while that rebuild ran stay pending (a watcher replaced by a new one dropped
        them: an edit saved then was never shown), and files changed since the burst was
        taken in folders watched only now count as changes, as `_resync` says."""
        roots, files = _split_watch_paths(watch_paths)
        if (roots, files) == (self._dir_roots, self._file_targets):
            return
        # Read by the reading thread: each an assignment of its own, the roots first (a
        # file target outside them counts only once its folder is watched).
        self._dir_roots, self._file_targets = roots, files
        self._kernel.move(roots, self._alone_folders())
        self._resync()

    def _resync(self) -> None:
        """Watch what the rules now keep; files in folders watched only now that changed
        since the current burst was taken are a change of their own. (Called after a
        rebuild that read new settings: a save in a folder `include` just let in, made
        while that rebuild ran, queued no event, as the folder had no watch yet.)"""
        if not self._started:
            return
        since = self._burst_taken_ns - _COARSEST_MTIME_NS
        changed: set[Path] = set()
        for folder in self._kernel.sync():
            changed |= _changed_files(folder, since)
        relevant = {path for path in changed if self._is_watched(path) and not self.is_ignored(path)}
        if relevant:
            self._add_pending(relevant, overflow=False)

    def watched_folders(self) -> frozenset[Path]:
        """The folders with a kernel watch right now (for tests and diagnostics)."""
        return self._kernel.watched()

    def is_ignored(self, path: Path) -> bool:
        """True when a change at `path` must not trigger a rebuild: the build never reads it."""
        parts = self._parts_below_root(path)
        if self._is_sitegen_own(path, parts):
            return True
        if self._site is None or not path.is_relative_to(self._site):  # watched besides the site
            return False
        rules = self._rules
        return rules is not None and rules.never_read(PurePosixPath(*path.relative_to(self._site).parts))

    def _is_unread_link(self, link: Path, target: Path) -> bool:
        """A link not to follow: to a folder the build never reads through (into the
        output, the cache or sitegen's scratch folders), or to one watched as a watch path
        of its own (the link's target out of the site that the build read through: one
        folder watched by two paths had its events named by one of them only); or out of
        the site, but for the theme's (in safe mode the scan skips a link out of the
        site; `templates/` is read wherever its links lead)."""
        if self._is_sitegen_own(target, target.parts):
            return True
        if (
            self._site is not None
            and not target.is_relative_to(self._site)
            and self._is_under_dir_root(target)
        ):
            return True
        if self._is_under_dir_root(target):
            return False
        return self._parts_below_root(link)[:1] != (TEMPLATES_DIR_NAME,)

    def _is_sitegen_own(self, path: Path, parts: tuple[str, ...]) -> bool:
        """At or below an ignored path (the output) or the cache, or with one of `parts`
        named like sitegen's scratch folders. Judged by where `path` leads, not by how
        it is spelled: with `lnk -> real` and the cache in `real/c`, the cache watched
        as `lnk/c` started a rebuild at each of its own writes, forever; and a link in
        the cache leading out of it (`cache/m -> ../a`) leads to a folder of the site."""
        owned = (*self._ignore_paths, *self._cache)
        real = leads_to(path)  # `cache/m -> ../a` leads out of it, too
        if any(real.is_relative_to(ignored) for ignored in owned):
            return True
        return any(is_own_folder(part) for part in parts)

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

    def _accept_paths(self, paths: set[Path], present: bool) -> None:
        """Reading thread: keep the relevant paths of one event, restart the quiet timer."""
        if present:
            # What is not there cannot have changed there: an event queued before a
            # folder was moved away names its old place. A real change to a path that is
            # gone also has its deletion reported.
            paths = {path for path in paths if os.path.lexists(path)}
        relevant = {p for p in paths if self._is_watched(p) and not self.is_ignored(p)}
        if relevant:
            self._add_pending(relevant, overflow=False)

    def _overflow(self) -> None:
        """Reading thread: the kernel dropped events, so whatever changed meanwhile is
        unknown: the whole site counts as changed (the watches are already reconciled)."""
        self._add_pending(set(self._dir_roots), overflow=True)

    def _add_pending(self, paths: set[Path], *, overflow: bool) -> None:
        now = time.monotonic()
        with self._cond:
            # Judged relevant before the cache moved here, perhaps: the reading thread
            # looked while `ignore_cache` filtered what was pending (a rebuild's own writes
            # into its new cache then started the next rebuild).
            paths = _outside(paths, self._cache)
            if not paths:
                return
            if not self._pending:
                self._first_event_at = now
            self._pending.update(paths)
            self._overflowed |= overflow
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
                    if self._overflowed:
                        deadline = max(deadline, self._calm_at)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                if self._stopping:
                    return
                burst = frozenset(path for path in self._pending if not _editor_temporary(path))
                self._pending.clear()
                self._overflowed = False
                self._burst_taken_ns = time.time_ns()
                self._in_callback = bool(burst)
            if not burst:
                continue
            started = time.monotonic()
            try:
                self._on_change(burst)
            except Exception:
                # A failing callback must not end watching: the next save may fix it.
                traceback.print_exc()
            ended = time.monotonic()
            with self._cond:
                self._in_callback = False
                self._calm_at = ended + max(OVERFLOW_MIN_GAP_SECONDS, ended - started)


_COARSEST_MTIME_NS = 2_000_000_000
"""FAT's two seconds: a file changed this long before a moment may show a time before it."""


def _outside(paths: set[Path], folders: tuple[Path, ...]) -> set[Path]:
    """`paths` but those at or below one of `folders`."""
    return {path for path in paths if not any(path.is_relative_to(folder) for folder in folders)}


def _editor_temporary(path: Path) -> bool:
    """An editor's temporary file, gone again (see `IGNORED_NAME_PATTERNS`)."""
    return is_editor_temp_name(path.name) and not os.path.lexists(path)


def _changed_files(folder: Path, since_ns: int) -> set[Path]:
    """The entries of `folder` (not below it) changed or made at or after `since_ns`."""
    changed: set[Path] = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                if max(info.st_mtime_ns, info.st_ctime_ns) >= since_ns:
                    changed.add(Path(entry.path))
    except OSError:  # gone meanwhile: its deletion is an event of the folder above
        pass
    return changed


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
