"""The journaled publish: a rebuild killed at any step leaves, after recovery, the old
site or the new one byte for byte, never a mix, and never a temporary file."""

from __future__ import annotations

import math
import os
import signal
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.publish import journal, journaled
from sitegen.publish.journal import JOURNAL_NAME, TEMP_PREFIX
from sitegen.publish.writer import publish, recover_destination

ALWAYS = math.inf
"""A journal share no rebuild exceeds: every rebuild of an existing site is journaled."""
Tree = dict[str, bytes]
Snapshot = dict[str, bytes | None]
"""Every entry below a root: a file's bytes, or None for a folder (empty ones included)."""


def consistent(tree: Tree) -> Tree:
    """Drop paths that would need a file and a folder at the same place."""
    kept: Tree = {}
    for path in sorted(tree):
        folders = {"/".join(path.split("/")[:depth]) for depth in range(1, path.count("/") + 1)}
        if not folders & kept.keys() and not any(other.startswith(path + "/") for other in kept):
            kept[path] = tree[path]
    return kept


names = st.sampled_from(["a", "b", "c.html", "index.html"])
paths = st.lists(names, min_size=1, max_size=3).map("/".join)
trees = st.dictionaries(paths, st.sampled_from([b"1", b"2", b"three"]), min_size=1, max_size=8).map(
    consistent
)


def snapshot(root: Path) -> Snapshot:
    entries: Snapshot = {}
    for folder, subfolders, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        for name in subfolders:
            entries[(relative / name).as_posix()] = None
        for name in files:
            entries[(relative / name).as_posix()] = (Path(folder) / name).read_bytes()
    return entries


def without_temporaries(entries: Snapshot) -> Snapshot:
    return {
        path: data for path, data in entries.items() if not path.rpartition("/")[2].startswith(TEMP_PREFIX)
    }


def publish_tree(destination: Path, tree: Tree, journal_share: float) -> None:
    publish(
        destination,
        list(tree.items()),
        [],
        journal_share=journal_share,
    )


def clean_snapshot(tmp_path: Path, tree: Tree, name: str) -> Snapshot:
    destination = tmp_path / name
    publish_tree(destination, tree, 0.0)
    return snapshot(destination)


@given(old=trees, new=trees)
def test_a_journaled_rebuild_equals_a_clean_build(
    tmp_path_factory: pytest.TempPathFactory, old: Tree, new: Tree
) -> None:
    """Files replaced by folders and the reverse, emptied folders removed, no temporary file left."""
    tmp_path = tmp_path_factory.mktemp("journal")
    destination = tmp_path / "out"
    publish_tree(destination, old, 0.0)
    publish_tree(destination, new, ALWAYS)
    assert snapshot(destination) == clean_snapshot(tmp_path, new, "clean")


def test_a_file_becomes_a_folder_and_a_folder_a_file(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    publish_tree(destination, {"a": b"file", "b/index.html": b"page", "c/d/e.html": b"deep"}, 0.0)
    new = {"a/index.html": b"page", "b": b"file", "keep.html": b"k"}
    publish_tree(destination, new, ALWAYS)
    assert snapshot(destination) == clean_snapshot(tmp_path, new, "clean")
    assert not (destination / "c").exists()  # emptied folders go too


def killing(step: int, counter: list[int], function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, but the process dies by SIGKILL when this is the `step`-th call counted."""

    def wrapped(*arguments: Any, **keywords: Any) -> Any:
        if counter[0] == step:
            os.kill(os.getpid(), signal.SIGKILL)
        counter[0] += 1
        return function(*arguments, **keywords)

    return wrapped


def publish_killed_at(destination: Path, tree: Tree, step: int) -> bool:
    """Publish `tree` by a journal in a child process SIGKILLed before its `step`-th step
    (committing the journal, each entry removed, each move, removing emptied folders);
    True when it was killed."""

    def patch() -> None:
        counter = [0]
        steps = (
            (journaled, "commit"),
            (journal, "remove_entry"),
            (journal, "_move"),
            (journal, "_remove_emptied"),
        )
        for module, name in steps:
            wrap(module, name, lambda function: killing(step, counter, function))

    return publish_in_child(destination, tree, patch)


def wrap(module: ModuleType, name: str, wrapper: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Replace `module.name` (in a child process only) by `wrapper` of it."""
    setattr(module, name, wrapper(getattr(module, name)))


def publish_in_child(destination: Path, tree: Tree, patch: Callable[[], None]) -> bool:
    """Publish `tree` by a journal in a child process patched by `patch`; True when the
    child was killed by a signal."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            patch()
            publish_tree(destination, tree, ALWAYS)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@given(old=trees, new=trees, step=st.integers(min_value=0, max_value=20))
def test_a_publish_killed_at_any_step_recovers_to_the_old_or_the_new_site(
    tmp_path_factory: pytest.TempPathFactory, old: Tree, new: Tree, step: int
) -> None:
    tmp_path = tmp_path_factory.mktemp("killed")
    destination = tmp_path / "out"
    publish_tree(destination, old, 0.0)
    old_site = snapshot(destination)
    new_site = clean_snapshot(tmp_path, new, "clean")
    killed = publish_killed_at(destination, new, step)
    committed = (destination / JOURNAL_NAME).exists()
    assert committed <= killed
    recover_destination(destination)
    recovered = snapshot(destination)
    if committed:
        assert recovered == new_site  # the journal was rolled forward
    else:
        # Killed before the commit: the previous site, plus temporary files no link reaches.
        assert without_temporaries(recovered) in (old_site, new_site)
    publish_tree(destination, new, ALWAYS)  # the next build
    assert snapshot(destination) == new_site


def test_a_journal_left_behind_is_rolled_forward_by_the_next_build(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    old = {"a/index.html": b"old", "gone.html": b"gone", "same.html": b"same"}
    new = {"a": b"now a file", "same.html": b"same", "b/c/new.html": b"new"}
    publish_tree(destination, old, 0.0)
    old_site = snapshot(destination)

    def die_after_the_commit() -> None:
        def killed(*arguments: Any) -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        wrap(journaled, "perform", lambda _: killed)

    assert publish_in_child(destination, new, die_after_the_commit)
    left = without_temporaries(snapshot(destination))
    assert left.pop(JOURNAL_NAME) is not None
    assert left == old_site
    recover_destination(destination)  # what the next build does first
    assert snapshot(destination) == clean_snapshot(tmp_path, new, "clean")


def test_a_publish_that_fails_before_the_commit_leaves_no_temporary_file(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    publish_tree(destination, {"a/index.html": b"old"}, 0.0)
    before = snapshot(destination)
    too_long = "a/" + "x" * 300 + ".html"
    with pytest.raises(Exception, match="File name too long; the previous site is unchanged"):
        publish_tree(destination, {"a/index.html": b"new", "b.html": b"b", too_long: b"page"}, ALWAYS)
    assert snapshot(destination) == before


@given(old=trees, new=trees)
def test_a_journaled_publish_syncs_nothing(
    tmp_path_factory: pytest.TempPathFactory, old: Tree, new: Tree
) -> None:
    """Its guarantee is against a killed build, which syncing does not change: each sync
    cost a one-post rebuild 3-4 ms, and it made one per file and per folder."""
    destination = tmp_path_factory.mktemp("unsynced") / "out"
    publish_tree(destination, old, 0.0)
    calls: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: calls.append(fd))
        patch.setattr(os, "fdatasync", lambda fd: calls.append(fd))
        publish_tree(destination, new, ALWAYS)
    assert calls == []
