"""The watcher against a real temp folder: bursts coalesce, ignored paths stay quiet."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitegen.content.unread import read_rules
from sitegen.serve.watch import SiteWatcher, is_editor_temp_name
from tests.conftest import run_with_modes_applied
from tests.watching import inject_overflow, inotify_watches

DEBOUNCE = 0.15


class Recorder:
    """Collects bursts handed to `on_change`, and notes any overlapping calls."""

    def __init__(self, hold: float = 0.0) -> None:
        self.bursts: list[frozenset[Path]] = []
        self.hold = hold
        self.running = 0
        self.overlapped = False
        self._lock = threading.Lock()

    def __call__(self, changed: frozenset[Path]) -> None:
        with self._lock:
            self.running += 1
            self.overlapped |= self.running > 1
        time.sleep(self.hold)
        with self._lock:
            self.bursts.append(changed)
            self.running -= 1

    def wait_for(self, count: int, timeout: float = 3.0) -> list[frozenset[Path]]:
        deadline = time.monotonic() + timeout
        while len(self.bursts) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.bursts) >= count, f"expected {count} bursts, got {self.bursts}"
        return self.bursts


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = (tmp_path / "site").resolve()
    folder.mkdir()
    return folder


@pytest.fixture
def watch(root: Path) -> Iterator[Callable[..., Recorder]]:
    watchers: list[SiteWatcher] = []

    def start(
        *,
        paths: list[Path] | None = None,
        hold: float = 0.0,
        started: Callable[[SiteWatcher], None] = lambda watcher: None,
        **options: object,
    ) -> Recorder:
        recorder = Recorder(hold)
        options.setdefault("debounce", DEBOUNCE)
        watcher = SiteWatcher(paths or [root], recorder, **options)  # type: ignore[arg-type]
        watcher.start()
        watchers.append(watcher)
        started(watcher)
        return recorder

    yield start
    for watcher in watchers:
        watcher.stop()


def test_a_burst_of_writes_is_reported_once(root: Path, watch: Callable[..., Recorder]) -> None:
    recorder = watch()
    written = {root / f"post-{number:02d}.md" for number in range(50)}
    for path in sorted(written):
        path.write_text("x")
    (burst,) = recorder.wait_for(1)
    assert burst == written
    time.sleep(DEBOUNCE * 3)  # a second burst would have arrived by now
    assert len(recorder.bursts) == 1


def test_ignored_paths_never_trigger(root: Path, watch: Callable[..., Recorder]) -> None:
    output = root / "_site"
    staging = root / "._site.sitegen-staging"
    for folder in (output / "about", root / ".git", root / ".sitegen-cache", staging, root / ".idea",
                   root / ".jekyll-cache" / "Jekyll" / "Cache"):  # fmt: skip
        folder.mkdir(parents=True)
    recorder = watch(ignore_paths=[output])
    for noise in (
        output / "about" / "index.html",
        output / "feed.xml",
        root / ".git" / "index",
        root / ".idea" / "workspace.xml",
        root / ".jekyll-cache" / "Jekyll" / "Cache" / "x",
        root / ".sitegen-cache" / "state.db",
        staging / "index.html",
        root / ".post.md.swp",
        root / "post.md~",
        root / ".#post.md",
    ):
        noise.write_text("noise")
    # vim's write probe, made and removed within a save (one left in place is a file
    # the build publishes, as Jekyll does: test_watch_follows_build).
    (root / "4913").write_text("")
    (root / "4913").unlink()
    shutil.rmtree(output)
    staging.rename(output)  # how the writer publishes a build
    # A real change written last: the burst must hold it and nothing else.
    (root / "post.md").write_text("real")
    (burst,) = recorder.wait_for(1)
    assert burst == {root / "post.md"}


def test_a_rename_reports_both_paths(root: Path, watch: Callable[..., Recorder]) -> None:
    (root / "draft.md").write_text("x")
    recorder = watch()
    (root / "draft.md").rename(root / "published.md")
    (burst,) = recorder.wait_for(1)
    assert burst == {root / "draft.md", root / "published.md"}


def test_a_delete_is_reported(root: Path, watch: Callable[..., Recorder]) -> None:
    (root / "old.md").write_text("x")
    recorder = watch()
    (root / "old.md").unlink()
    (burst,) = recorder.wait_for(1)
    assert burst == {root / "old.md"}


def test_a_watched_file_ignores_its_siblings(root: Path, watch: Callable[..., Recorder]) -> None:
    config = root / "_config.yml"
    config.write_text("title: a")
    recorder = watch(paths=[config])
    (root / "unrelated.md").write_text("x")
    config.write_text("title: b")
    (burst,) = recorder.wait_for(1)
    assert burst == {config}


def test_continuous_events_are_flushed_after_max_wait(root: Path, watch: Callable[..., Recorder]) -> None:
    recorder = watch(debounce=0.5, max_wait=0.5)
    started = time.monotonic()
    while time.monotonic() - started < 1.3:
        (root / "live.md").write_text(str(time.monotonic()))
        time.sleep(0.03)
    # With a quiet period never reached, only max_wait can have flushed these.
    assert len(recorder.bursts) >= 1
    recorder.wait_for(2)


def test_callback_never_runs_concurrently(root: Path, watch: Callable[..., Recorder]) -> None:
    recorder = watch(hold=0.3)
    (root / "a.md").write_text("x")
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline and recorder.running == 0:
        time.sleep(0.01)
    (root / "b.md").write_text("x")  # arrives while the first callback is still running
    bursts = recorder.wait_for(2)
    assert not recorder.overlapped
    assert bursts[:2] == [{root / "a.md"}, {root / "b.md"}]


def test_stop_joins_every_thread(root: Path) -> None:
    baseline = threading.active_count()
    recorder = Recorder()
    with SiteWatcher([root], recorder, debounce=DEBOUNCE):
        (root / "a.md").write_text("x")
        recorder.wait_for(1)
    assert threading.active_count() == baseline


@pytest.mark.parametrize(
    ("name", "ignored"),
    [(".post.md.swp", True), ("post.md~", True), (".#post.md", True), ("4913", True),
     ("post.md___jb_tmp___", True), ("post.md___jb_old___", True),
     ("post.md", False), ("4913.md", False)],
)  # fmt: skip
def test_editor_temp_names(name: str, ignored: bool) -> None:
    assert is_editor_temp_name(name) is ignored


IN_ACCESS, IN_CLOSE_NOWRITE, IN_OPEN = 0x1, 0x10, 0x20


def test_the_output_folder_and_tool_folders_get_no_watch(root: Path, watch: Callable[..., Recorder]) -> None:
    """A watch per published folder counts against the kernel's limit, and the build's
    writes there fill its event queue (an overflow loses source events)."""
    for number in range(300):
        (root / "_site" / f"cat{number:03d}" / "2024").mkdir(parents=True)
    (root / ".git" / "objects").mkdir(parents=True)
    (root / "_posts").mkdir()
    (root / "assets" / "css").mkdir(parents=True)
    before = len(inotify_watches())
    recorder = watch(ignore_paths=[root / "_site"])
    watched = {inode for inode, _ in inotify_watches()}
    # The site folder alone, then `_posts` and `assets` with what is below them.
    assert len(inotify_watches()) - before <= 4
    assert (root / "_site").stat().st_ino not in watched
    assert (root / ".git").stat().st_ino not in watched
    # The output folder's writes report nothing; a source written after them does.
    for number in range(300):
        (root / "_site" / f"cat{number:03d}" / "index.html").write_text("page")
    (root / "assets" / "css" / "site.css").write_text("body {}")
    (burst,) = recorder.wait_for(1)
    assert burst == {root / "assets" / "css" / "site.css"}


def test_reads_queue_no_events(root: Path, watch: Callable[..., Recorder]) -> None:
    """The build reads every source: opens and closes must not be asked of the kernel,
    or reading a large site (or watchdog listing it again) overflows its queue."""
    (root / "_posts").mkdir()
    (root / "_site").mkdir()
    before = set(inotify_watches())
    watch(ignore_paths=[root / "_site"])
    masks = [mask for entry in inotify_watches() if entry not in before for _, mask in [entry]]
    assert masks
    assert all(mask & (IN_ACCESS | IN_OPEN | IN_CLOSE_NOWRITE) == 0 for mask in masks)


def test_a_folder_made_below_the_site_is_watched(root: Path, watch: Callable[..., Recorder]) -> None:
    (root / "_site").mkdir()
    recorder = watch(ignore_paths=[root / "_site"])
    made = root / "_drafts" / "2024"
    made.mkdir(parents=True)
    (made / "first.md").write_text("x")  # possibly before its folder's watch is in place
    recorder.wait_for(1)
    assert made / "first.md" in set().union(*recorder.bursts)
    _quiet(recorder)
    count = len(recorder.bursts)
    (made / "first.md").write_text("edited")
    assert recorder.wait_for(count + 1)[count] == {made / "first.md"}


def test_a_folder_moved_inside_the_site_reports_only_where_it_is(
    root: Path, watch: Callable[..., Recorder]
) -> None:
    """A draft folder published by `mv`: later edits name the new place, never the old."""
    (root / "_drafts" / "batch").mkdir(parents=True)
    (root / "_drafts" / "batch" / "a.md").write_text("x")
    (root / "_posts").mkdir()
    recorder = watch()
    (root / "_drafts" / "batch").rename(root / "_posts" / "batch")
    recorder.wait_for(1)
    _quiet(recorder)
    count = len(recorder.bursts)
    (root / "_posts" / "batch" / "a.md").write_text("edited")
    assert recorder.wait_for(count + 1)[count] == {root / "_posts" / "batch" / "a.md"}


def test_a_folder_moved_out_of_the_site_is_let_go(root: Path, watch: Callable[..., Recorder]) -> None:
    (root / "_posts").mkdir()
    (root / "_posts" / "a.md").write_text("x")
    recorder = watch()
    (root / "_posts").rename(root.parent / "held")
    recorder.wait_for(1)
    _quiet(recorder)
    count = len(recorder.bursts)
    (root.parent / "held" / "a.md").write_text("edited outside")
    time.sleep(DEBOUNCE * 4)
    assert len(recorder.bursts) == count


def _quiet(recorder: Recorder) -> None:
    """Wait until no burst has arrived for a while: the events of one change are in."""
    count = -1
    while count != len(recorder.bursts):
        count = len(recorder.bursts)
        time.sleep(DEBOUNCE * 3)


def test_an_overflow_of_the_kernels_queue_counts_as_a_change_of_everything(
    root: Path, watch: Callable[..., Recorder]
) -> None:
    """watchdog only logs that events were lost: the site must be rebuilt all the same."""
    watchers: list[SiteWatcher] = []
    recorder = watch(started=watchers.append)
    inject_overflow(watchers[0])
    (burst,) = recorder.wait_for(1)
    assert burst == {root}


def test_a_folder_made_while_events_were_lost_is_watched_after_the_overflow(root: Path) -> None:
    (root / "_site").mkdir()
    recorder = Recorder()
    watcher = SiteWatcher([root], recorder, ignore_paths=[root / "_site"], debounce=DEBOUNCE)
    with watcher:
        # The folder's creation is lost, as in an overflow of the kernel's queue.
        kernel = watcher._kernel
        kernel.on_event = lambda event: None  # type: ignore[attr-defined]
        (root / "_drafts").mkdir()
        time.sleep(DEBOUNCE * 2)
        del kernel.on_event  # type: ignore[attr-defined]
        inject_overflow(watcher)
        assert root in recorder.wait_for(1)[0]
        _quiet(recorder)
        count = len(recorder.bursts)
        (root / "_drafts" / "a.md").write_text("x")
        assert recorder.wait_for(count + 1)[count] == {root / "_drafts" / "a.md"}


def test_a_folder_whose_mode_changes_is_watched_as_it_can_be_read(root: Path) -> None:
    """A folder that could not be read when watching began was never watched, and making
    it readable (`chmod`) started no rebuild: its files stayed unread, and edits in it
    unseen, until a restart. Made readable, it is watched and its files count as changed;
    made unreadable while watched, it counts as changed too (the build then says so)."""

    def check() -> None:
        folder = root / "_posts" / "locked"
        folder.mkdir(parents=True)
        (folder / "a.md").write_text("a")
        folder.chmod(0)
        recorder = Recorder()
        with SiteWatcher([root], recorder, debounce=DEBOUNCE) as watcher:
            assert folder not in watcher.watched_folders()
            folder.chmod(0o755)
            assert folder / "a.md" in set().union(*recorder.wait_for(1))
            assert folder in watcher.watched_folders()
            _quiet(recorder)
            count = len(recorder.bursts)
            (folder / "a.md").write_text("edited")
            assert recorder.wait_for(count + 1)[count] == {folder / "a.md"}
            _quiet(recorder)
            count = len(recorder.bursts)
            folder.chmod(0)
            assert folder in recorder.wait_for(count + 1)[count]
            # Saved while it could not be read (by root, say), then readable again: read again.
            _quiet(recorder)
            count = len(recorder.bursts)
            folder.chmod(0o755)
            assert folder in recorder.wait_for(count + 1)[count]

    try:
        run_with_modes_applied(check)
    finally:
        for path in (root, *root.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)


def test_a_change_judged_before_the_cache_moved_there_starts_no_rebuild(root: Path) -> None:
    """`cache_dir:` moved into the site while serving: the rebuild's own writes there are
    judged by the reading thread while the rebuild tells the watcher where the cache now
    is. One judged relevant just before, and handed over just after the pending changes
    were cleared of the cache's, started a second rebuild (seen in CI under load). Here
    the reading thread is held between the two for certain."""
    cache = root / "mycache"
    cache.mkdir()
    judged, release = threading.Event(), threading.Event()

    class HeldWatcher(SiteWatcher):
        def is_ignored(self, path: Path) -> bool:
            ignored = super().is_ignored(path)
            if path.name == "cache.sqlite" and not ignored:
                judged.set()
                release.wait(5)
            return ignored

    recorder = Recorder()
    with HeldWatcher([root], recorder, debounce=DEBOUNCE) as watcher:
        (cache / "cache.sqlite").write_text("written by the rebuild")
        assert judged.wait(5)
        watcher.ignore_cache(cache)
        release.set()
        time.sleep(DEBOUNCE * 2)
        (root / "a.md").write_text("a change of the site")
        recorder.wait_for(1)
        _quiet(recorder)
    assert all(not path.is_relative_to(cache) for burst in recorder.bursts for path in burst), recorder.bursts


def test_a_hidden_folder_include_brings_in_is_watched_though_its_name_holds_sitegen(
    root: Path, watch: Callable[..., Recorder]
) -> None:
    """Only the names sitegen gives its own folders are left out (`sitegen.own_folders`):
    a user's `.sitegen-notes`, published with `include: [".*"]`, rebuilds when edited,
    while the staging tree beside the output never does."""
    notes, staging = root / ".sitegen-notes", root / "._site.sitegen-staging"
    notes.mkdir()
    staging.mkdir()
    recorder = watch(started=lambda watcher: watcher.follow_rules(read_rules(root, include=(".*",))))
    (staging / "index.html").write_text("noise")
    (notes / "a.txt").write_text("edited")
    (burst,) = recorder.wait_for(1)
    assert burst == {notes / "a.txt"}
