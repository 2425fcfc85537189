"""No change to the tree, however it races the watcher, ends watching: the kernel
watches' reading thread outlives any fault met handling one event."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from sitegen.serve.link_targets import leads_to
from sitegen.serve.tree_watch import TreeWatch
from sitegen.serve.watch import SiteWatcher


class Seen:
    """Collects the paths a `TreeWatch` reports, and its overflows."""

    def __init__(self) -> None:
        self.paths: set[Path] = set()
        self.overflows = 0
        self._lock = threading.Lock()

    def on_paths(self, paths: set[Path], present: bool) -> None:
        with self._lock:
            self.paths |= paths

    def on_overflow(self) -> None:
        with self._lock:
            self.overflows += 1

    def wait_for(self, path: Path, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if path in self.paths:
                    return True
            time.sleep(0.02)
        return False


def test_a_fault_handling_one_event_leaves_the_tree_watched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A look at a path raising inside the reading thread (in CI: a link removed between
    its event and `realpath`) ended the thread: nothing was watched after it. Now the
    event is reported as an overflow, the watches are reconciled, and watching goes on."""
    root = tmp_path.resolve()
    (root / "a").mkdir()
    faults = {"boom"}

    def is_ignored(path: Path) -> bool:
        if path.name in faults:
            faults.discard(path.name)  # once: the rescan after it must see the folder
            raise ValueError(f"cannot judge {path}")
        return False

    seen = Seen()
    watch = TreeWatch((root,), (), is_ignored, seen.on_paths, seen.on_overflow)
    watch.start()
    try:
        (root / "boom").mkdir()
        deadline = time.monotonic() + 10
        while seen.overflows == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert seen.overflows == 1
        (root / "a" / "after.md").write_text("saved after the fault")
        assert seen.wait_for(root / "a" / "after.md")
        (root / "boom" / "inside.md").write_text("in the folder whose event failed")
        assert seen.wait_for(root / "boom" / "inside.md")
        assert root / "boom" in watch.watched()
    finally:
        watch.stop()
    assert "ValueError: cannot judge" in capsys.readouterr().err


def test_a_link_removed_while_it_is_resolved_is_judged_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`os.path.realpath` raises when a link on the way goes between its `lstat` and its
    `readlink`; the watcher's judgement of the path must not (here every `readlink`
    loses that race)."""
    root = tmp_path.resolve()
    (root / "b" / "c").mkdir(parents=True)
    link = root / "b" / "c" / "l"
    link.symlink_to(root / "b", target_is_directory=True)

    def vanished(path: object, *args: object, **kwargs: object) -> str:
        raise FileNotFoundError(2, "No such file or directory", str(path))

    with SiteWatcher([root], lambda changed: None, debounce=0.05) as watcher:
        monkeypatch.setattr(os, "readlink", vanished)
        assert leads_to(link) == link
        assert watcher.is_ignored(link) is False
        assert watcher.is_ignored(link / "x.md") is False


def test_links_made_and_removed_as_fast_as_possible_never_end_watching(tmp_path: Path) -> None:
    """The race itself: a link made and removed in a loop while the watcher handles its
    events. Afterwards a save is still seen."""
    root = tmp_path.resolve()
    (root / "b" / "c").mkdir(parents=True)
    changes: list[frozenset[Path]] = []
    with SiteWatcher([root], changes.append, debounce=0.05) as watcher:
        link = root / "b" / "c" / "l"
        stop = time.monotonic() + 1.5
        while time.monotonic() < stop:
            link.symlink_to(root / "b", target_is_directory=True)
            link.unlink()
        time.sleep(0.3)
        changes.clear()
        (root / "b" / "saved.md").write_text("after the storm")
        deadline = time.monotonic() + 10
        while not any(root / "b" / "saved.md" in burst for burst in changes) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert any(root / "b" / "saved.md" in burst for burst in changes)
        assert root / "b" in watcher.watched_folders()


def test_a_fault_handling_one_event_leaves_the_portable_observer_watching(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same boundary where inotify's own watches are not used (watchdog's observer,
    on other systems): a fault reporting one event counts as an overflow, and the
    observer's thread goes on reporting."""
    from sitegen.serve.kernel_watch import _ObserverWatch

    root = tmp_path.resolve()
    seen = Seen()
    faults = {"boom.md"}

    def on_paths(paths: set[Path], present: bool) -> None:
        if any(path.name in faults for path in paths):
            faults.clear()
            raise ValueError("cannot report")
        seen.on_paths(paths, present)

    watch = _ObserverWatch((root,), (), on_paths, seen.on_overflow)
    watch.start()
    try:
        (root / "boom.md").write_text("the event that fails")
        deadline = time.monotonic() + 10
        while seen.overflows == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert seen.overflows >= 1
        (root / "after.md").write_text("saved after the fault")
        assert seen.wait_for(root / "after.md")
    finally:
        watch.stop()
    assert "ValueError: cannot report" in capsys.readouterr().err
