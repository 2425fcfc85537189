"""The watcher's kernel watches and threads stay bounded by the source folders, whatever
the tree does, and a kernel queue overflow never turns into a loop of rebuilds."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.serve.watch import OVERFLOW_MIN_GAP_SECONDS, SiteWatcher
from tests.threads import NewThreads
from tests.watching import inject_overflow, inotify_watched_files, inotify_watches

DEBOUNCE = 0.15

SETTLE_SECONDS = 30
"""How long the watcher may take to reconcile with the tree: a wait that ends as soon as
it has, not a speed limit; on a busy machine (CI beside other builds) it took over 5 s."""


class Bursts:
    """Records each call of `on_change`: when it started and ended, and what it named."""

    def __init__(self, hold: float = 0.0) -> None:
        self.hold = hold
        self.calls: list[tuple[float, float, frozenset[Path]]] = []

    def __call__(self, changed: frozenset[Path]) -> None:
        started = time.monotonic()
        time.sleep(self.hold)
        self.calls.append((started, time.monotonic(), changed))

    def wait_for(self, count: int, timeout: float = 5.0) -> list[frozenset[Path]]:
        deadline = time.monotonic() + timeout
        while len(self.calls) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.calls) >= count, f"expected {count} bursts, got {self.calls}"
        return [changed for _, _, changed in self.calls]

    def quiet(self) -> int:
        """Wait until no burst has come for a while; how many came."""
        count = -1
        while count != len(self.calls):
            count = len(self.calls)
            time.sleep(DEBOUNCE * 4)
        return count


def _inodes(paths: list[Path]) -> set[tuple[int, int]]:
    """(device, inode) of each of `paths`: what `_watched_inodes` compares them with."""
    return {(path.stat().st_dev, path.stat().st_ino) for path in paths}


def _watched_inodes() -> set[tuple[int, int]]:
    return inotify_watched_files()


def _folders(root: Path) -> list[Path]:
    return [root, *(Path(folder, name) for folder, names, _ in os.walk(root) for name in names)]


def test_an_output_beside_many_sections_is_never_watched(tmp_path: Path) -> None:
    """Past 64 folders the site used to be watched as one tree, output included: one
    watch per published folder, each rebuild's writes queued as events."""
    root = tmp_path.resolve()
    for number in range(100):
        (root / f"sec{number:03d}" / "_posts").mkdir(parents=True)
    output = [root / "_site" / f"sec{number:03d}" / "2024" for number in range(100)]
    for folder in output:
        folder.mkdir(parents=True)
    bursts = Bursts()
    threads = NewThreads()
    with SiteWatcher([root], bursts, ignore_paths=[root / "_site"], debounce=DEBOUNCE):
        assert len(threads.names()) <= 2, threads.names()
        watched = _watched_inodes()
        assert not watched & _inodes([root / "_site", *output])
        assert _inodes([root / "sec042" / "_posts"]) <= watched
        (root / "sec042" / "_posts" / "a.md").write_text("x")
        assert bursts.wait_for(1) == [{root / "sec042" / "_posts" / "a.md"}]


def test_tool_folders_made_or_moved_in_later_get_no_watch(tmp_path: Path) -> None:
    """`npm install` or a new virtual environment inside a watched tree: tens of
    thousands of folders the build never reads must not each become a watch."""
    root = tmp_path.resolve()
    (root / "assets" / "js" / "lib").mkdir(parents=True)
    bursts = Bursts()
    with SiteWatcher([root], bursts, debounce=DEBOUNCE):
        made = [root / "node_modules" / "pkg" / "dist", root / "assets" / ".venv" / "lib"]
        for folder in made:
            folder.mkdir(parents=True)
        (root / "assets" / "js" / "lib").rename(root / "assets" / "js" / ".cache")
        time.sleep(DEBOUNCE * 3)
        ignored = [*made, *(folder.parent for folder in made), root / "assets" / "js" / ".cache"]
        assert not _watched_inodes() & _inodes(ignored)
        count = bursts.quiet()
        for folder in ignored:
            (folder / "noise.js").write_text("x")
        (root / "assets" / "js" / "site.js").write_text("x")
        assert bursts.wait_for(count + 1)[count] == {root / "assets" / "js" / "site.js"}


def _unexpected_watches(
    expected: set[tuple[int, int]], before: set[tuple[int, int]]
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The folders of `expected` this process does not watch, and the watches it holds
    that are neither on one of them nor held already (`before`, taken earlier).

    Not `watched - before == expected`: a watch another test's watcher held in `before`
    may end with its folder, and that inode number be given to one of `expected`'s
    folders (a CI run failed so)."""
    watched = _watched_inodes()
    return expected - watched, watched - expected - before


def test_watches_and_threads_follow_the_folders_that_exist(tmp_path: Path) -> None:
    """Sections made after start, and top-level folders renamed again and again, must
    leave neither a thread nor a watch per folder that ever existed."""
    root = tmp_path.resolve()
    (root / "_posts").mkdir()
    threads = NewThreads()
    before = _watched_inodes()
    with SiteWatcher([root], Bursts(), debounce=DEBOUNCE):
        for number in range(200):
            (root / f"sec{number:03d}" / "_posts").mkdir(parents=True)
        for number in range(20):
            name = f"sec{number:03d}"
            for round_ in range(5):
                renamed = f"moved{number:03d}-{round_}"
                (root / name).rename(root / renamed)
                name = renamed
        for number in range(100, 200):
            (root / f"sec{number:03d}" / "_posts").rmdir()
            (root / f"sec{number:03d}").rmdir()
        deadline = time.monotonic() + SETTLE_SECONDS
        expected = _inodes(_folders(root))
        while _unexpected_watches(expected, before) != (set(), set()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _unexpected_watches(expected, before) == (set(), set())
        assert len(threads.names()) <= 2, threads.names()


PLACES = st.sampled_from(["a", "b", "a/c", "b/c", "a/c/d", "b/d", "a/b", "c"])
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("make"), PLACES),
        st.tuples(st.just("move"), PLACES, PLACES),
        st.tuples(st.just("move out"), PLACES),
        st.tuples(st.just("move in"), PLACES),
        st.tuples(st.just("remove"), PLACES),
    ),
    max_size=25,
)


def _apply(root: Path, outside: Path, operation: tuple[str, ...]) -> None:
    """One change to the tree, skipped where it cannot be made (a move into itself,
    a folder that is not there)."""
    kind, place, *rest = operation
    path = root / place
    try:
        if kind == "make":
            path.mkdir(parents=True, exist_ok=True)
        elif kind == "move":
            target = root / rest[0]
            if target.is_relative_to(path) or target.exists():
                return
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
        elif kind == "move out":
            path.rename(outside / f"out{len(list(outside.iterdir()))}")
        elif kind == "move in":
            kept = outside / "kept"
            (kept / "x" / "y").mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                kept.rename(path)
        else:
            shutil.rmtree(path)
    except OSError:  # not there, a link where a folder is needed, a move into a link
        pass


@settings(max_examples=25, deadline=None)
@given(OPERATIONS)
def test_any_changes_to_the_tree_leave_exactly_its_folders_watched(operations: list[tuple[str, ...]]) -> None:
    """Folders made, moved inside, out of and into the site, and removed, in any order and
    faster than the events are read: once the events are read, each folder there is
    watched on its own inode and nothing else is (the watches were seconds behind the
    tree when many folders went at once)."""
    with tempfile.TemporaryDirectory() as scratch:
        root, outside = Path(scratch).resolve() / "site", Path(scratch).resolve() / "elsewhere"
        root.mkdir()
        outside.mkdir()
        with SiteWatcher([root], Bursts(), debounce=DEBOUNCE) as watcher:
            for operation in operations:
                _apply(root, outside, operation)
            folders = _folders(root)

            def settled() -> bool:
                # Both at once: the paths can match while a folder moved away and another
                # moved to its path is still watched on the old inode, its events unread.
                return watcher.watched_folders() == set(folders) and _inodes(folders) <= _watched_inodes()

            deadline = time.monotonic() + SETTLE_SECONDS
            while not settled() and time.monotonic() < deadline:
                time.sleep(0.02)
            assert watcher.watched_folders() == set(folders)
            assert _inodes(folders) <= _watched_inodes()


LINKING = st.lists(
    st.one_of(
        st.tuples(st.just("make"), PLACES),
        st.tuples(st.just("move"), PLACES, PLACES),
        st.tuples(st.just("remove"), PLACES),
        st.tuples(
            st.just("link"), st.sampled_from(["l", "a/l", "b/c/l"]), st.sampled_from([".", "a", "b", "a/c"])
        ),
        st.tuples(st.just("unlink"), st.sampled_from(["l", "a/l", "b/c/l"])),
        st.tuples(st.just("pause"), PLACES),
    ),
    max_size=20,
)


def _reachable(root: Path) -> set[tuple[int, int]]:
    """The folders a walk from `root` reaches through links too, as (device, inode)."""
    found: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        info = folder.stat()
        if (info.st_dev, info.st_ino) in found:
            continue
        found.add((info.st_dev, info.st_ino))
        pending.extend(entry for entry in folder.iterdir() if entry.is_dir())
    return found


@settings(max_examples=40, deadline=None)
@given(LINKING)
def test_links_made_and_removed_leave_each_folder_watched_once(operations: list[tuple[str, ...]]) -> None:
    """A link to a watched folder took its watch over: removing the link then left the
    folder unwatched (saves there lost), and `ln -s . loop` watched the output and the
    ignored folders again below the link. Once the events are read, every folder the
    build reaches, through links too, is watched once, under a path that leads to it."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch).resolve() / "site"
        for folder in ("a/c", "b/c"):
            (root / folder).mkdir(parents=True)
        with SiteWatcher([root], Bursts(), debounce=DEBOUNCE) as watcher:
            for operation in operations:
                kind, place, *rest = operation
                path = root / place
                if kind == "link":
                    if not os.path.lexists(path) and path.parent.is_dir():
                        path.symlink_to(root / rest[0], target_is_directory=True)
                elif kind == "unlink":
                    if path.is_symlink():
                        path.unlink()
                elif kind == "pause":  # let the watcher read what came so far
                    time.sleep(0.1)
                else:
                    _apply(root, root.parent, operation)
            expected = _reachable(root)

            def settled() -> bool:
                try:  # a watched path gone is not settled yet
                    identities = [
                        (info.st_dev, info.st_ino) for info in map(os.stat, watcher.watched_folders())
                    ]
                except OSError:
                    return False
                return (
                    len(identities) == len(set(identities))
                    and set(identities) == expected
                    and expected <= inotify_watched_files()  # each on its own inode too
                )

            deadline = time.monotonic() + SETTLE_SECONDS
            while not settled() and time.monotonic() < deadline:
                time.sleep(0.02)
            assert settled(), (sorted(map(str, watcher.watched_folders())), operations)
            assert expected <= inotify_watched_files()


def test_a_link_to_a_watched_folder_made_and_removed_leaves_it_watched(tmp_path: Path) -> None:
    """`ln -s _posts p; rm p` left `_posts` unwatched (saves there lost until a restart),
    and `ln -s . loop` watched the output below the link."""
    root = tmp_path.resolve()
    (root / "_posts").mkdir()
    (root / "_site" / "a").mkdir(parents=True)
    bursts = Bursts()
    with SiteWatcher([root], bursts, ignore_paths=[root / "_site"], debounce=DEBOUNCE) as watcher:
        for link, target in (("p", "_posts"), ("loop", ".")):
            (root / link).symlink_to(target)
            time.sleep(DEBOUNCE * 3)
            assert not any(folder.is_relative_to(root / link) for folder in watcher.watched_folders())
            (root / link).unlink()
            time.sleep(DEBOUNCE * 3)
            assert watcher.watched_folders() == {root, root / "_posts"}
        count = bursts.quiet()
        (root / "_posts" / "2024-01-02-a.md").write_text("x")
        assert bursts.wait_for(count + 1)[count] == {root / "_posts" / "2024-01-02-a.md"}


def test_removing_thousands_of_folders_leaves_the_watches_in_step(tmp_path: Path) -> None:
    """Each removed folder used to be looked up in every watch: removing 3,000 folders of
    6,000 took minutes to catch up with (quadratic), during which saves went unseen.
    A bound far above the linear cost and far below the quadratic one."""
    root = tmp_path.resolve()
    for number in range(3_000):
        (root / f"sec{number:04d}" / "_posts").mkdir(parents=True)
    with SiteWatcher([root], Bursts(), debounce=DEBOUNCE) as watcher:
        for number in range(1_500, 3_000):
            shutil.rmtree(root / f"sec{number:04d}")
        deadline = time.monotonic() + 30
        while len(watcher.watched_folders()) > 3_001 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(watcher.watched_folders()) == 3_001


def test_an_overflow_with_more_folders_than_the_queue_holds_settles(tmp_path: Path) -> None:
    """watchdog recovered from an overflow by dropping and adding every watch of a
    recursive watch, each drop queueing an event: past 16,384 folders (an image folder
    per article) that overflowed the queue again, a full rebuild every second for good."""
    root = tmp_path.resolve()
    for number in range(17_000):
        (root / "images" / f"{number:05d}").mkdir(parents=True)
    bursts = Bursts()
    with SiteWatcher([root], bursts, debounce=DEBOUNCE) as watcher:
        watches = len(inotify_watches())
        inject_overflow(watcher)
        assert bursts.wait_for(1) == [{root}]
        time.sleep(3.0)
        assert len(bursts.calls) == 1
        assert len(inotify_watches()) == watches


def test_overflows_that_keep_coming_leave_the_cpu_idle_between_rebuilds(tmp_path: Path) -> None:
    """Overflows during a rebuild collapse into one follow-up rebuild, which waits at
    least as long as the last one took (and a second): a storm never spins a core."""
    root = tmp_path.resolve()
    bursts = Bursts(hold=0.3)
    with SiteWatcher([root], bursts, debounce=0.05) as watcher:
        ends = time.monotonic() + 3.0
        while time.monotonic() < ends:
            inject_overflow(watcher)
            time.sleep(0.05)
        bursts.quiet()
    starts = [started for started, _, _ in bursts.calls]
    idle = [starts[index + 1] - ended for index, (_, ended, _) in enumerate(bursts.calls[:-1])]
    assert 2 <= len(bursts.calls) <= 4
    assert all(gap >= OVERFLOW_MIN_GAP_SECONDS - 0.05 for gap in idle), idle


def test_a_folder_that_stops_being_the_cache_is_watched_again(tmp_path: Path) -> None:
    """`cache_dir:` in `_config.yml` moves the cache: the folder it was in, even the one
    in use when watching started, is a folder of the site again, watched anew."""
    root = tmp_path.resolve()
    first, second = root / "content" / "cache-a", root / "content" / "cache-b"
    first.mkdir(parents=True)
    second.mkdir()
    bursts = Bursts()
    watcher = SiteWatcher([root], bursts, debounce=DEBOUNCE)
    watcher.ignore_cache(first)  # the cache of the build before the watching starts
    with watcher:
        assert first not in watcher.watched_folders()
        (first / "state.db").write_text("x")
        watcher.ignore_cache(second)
        assert first in watcher.watched_folders()
        assert second not in watcher.watched_folders()
        count = bursts.quiet()
        (second / "state.db").write_text("x")
        (first / "page.md").write_text("x")
        assert bursts.wait_for(count + 1)[count] == {first / "page.md"}
