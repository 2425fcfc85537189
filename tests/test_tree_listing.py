"""Listing the published tree with the last build's listing gives what a full listing
gives, whatever changed in between; and a rebuild removes a file nobody planned even in
a folder the last listing remembered."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.publish import tree_listing
from sitegen.publish.tree_io import open_folder
from sitegen.publish.tree_listing import ListedTree, RememberedFolder, list_tree
from tests.conftest import NOW, tree_bytes, write_files
from tests.racy import wait_until_settled
from tests.test_incremental import site_files

_LATER = 3600 * 1_000_000_000
"""Added to the trust horizon: every folder counts as changed long before the listing."""
_TICK = 0.03
"""Longer than a coarse file-system clock's tick (a jiffy): a change after the first
listing gets a later ctime, as it does outside a test, where minutes pass between builds."""
_NAMES = st.sampled_from(["a", "b", "c"])
_PATHS = st.lists(_NAMES, min_size=1, max_size=3).map("/".join)
_CHANGES = st.lists(st.tuples(st.sampled_from(["file", "folder", "symlink", "remove"]), _PATHS), max_size=6)


def _listed(root: Path, remembered: dict[str, RememberedFolder], trusted_before_ns: int) -> ListedTree:
    fd = open_folder(root)
    try:
        return list_tree(fd, remembered, trusted_before_ns)
    finally:
        os.close(fd)


def _change(root: Path, kind: str, path: str) -> None:
    """One change to the tree; a change the tree's shape does not allow is skipped."""
    target = root / path
    try:
        if kind == "file":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("x", encoding="utf-8")
        elif kind == "folder":
            target.mkdir(parents=True)
        elif kind == "symlink":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(root)
        elif kind == "remove" and target.is_dir() and not target.is_symlink():
            for inner, folders, files in os.walk(target, topdown=False):
                for name in files:
                    os.unlink(os.path.join(inner, name))
                for name in folders:
                    os.rmdir(os.path.join(inner, name))
            target.rmdir()
        elif kind == "remove":
            target.unlink()
    except (FileExistsError, FileNotFoundError, NotADirectoryError, IsADirectoryError):
        pass


@settings(max_examples=40)
@given(before=_CHANGES, after=_CHANGES)
def test_a_remembered_listing_gives_the_full_listing(
    tmp_path_factory: pytest.TempPathFactory, before: list[tuple[str, str]], after: list[tuple[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("tree")
    (root / "index.html").write_text("x", encoding="utf-8")
    for change in before:
        _change(root, *change)
    first = _listed(root, {}, time.time_ns() + _LATER)
    assert "" in first.remembered
    time.sleep(_TICK)
    for change in after:
        _change(root, *change)

    again = _listed(root, first.remembered, time.time_ns() + _LATER)
    full = _listed(root, {}, time.time_ns() + _LATER)

    assert (again.files, again.strays) == (full.files, full.strays)


def test_a_folder_changed_within_the_racy_window_is_not_remembered(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    listed = _listed(tmp_path, {}, time.time_ns())
    assert listed.remembered == {}


def test_a_rebuild_lists_only_changed_folders_and_removes_a_planted_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_files(tmp_path / "site", site_files(30))
    destination = tmp_path / "out"

    def build() -> None:
        build_site(BuildOptions(source=site, destination=destination, now=NOW))

    build()
    wait_until_settled(destination, *destination.rglob("*"))  # the tree is older than the racy window
    build()  # this build's listing remembers every folder of the tree
    post_folder = next(path.parent for path in destination.rglob("p7.html"))
    (post_folder / "planted.html").write_text("not planned", encoding="utf-8")
    os.utime(post_folder, ns=(0, 0))  # an mtime put back does not hide it: the ctime moved
    log = tmp_path / "scans.log"  # a file: the build may list in a forked process (`published_check`)
    real_scan = tree_listing._scan

    def counted_scan(fd: int, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        with log.open("a", encoding="utf-8") as scans_so_far:
            scans_so_far.write(prefix + "\n")
        return real_scan(fd, prefix)

    monkeypatch.setattr(tree_listing, "_scan", counted_scan)
    build()
    scanned = log.read_text(encoding="utf-8").splitlines()

    folders = sum(1 for path in destination.rglob("*") if path.is_dir()) + 1
    assert 1 <= len(scanned) <= 3 < folders  # the planted file's folder, not the whole tree
    assert not (post_folder / "planted.html").exists()
    clean = tmp_path / "clean"
    build_site(BuildOptions(source=site, destination=clean, now=NOW, cache=False))
    assert tree_bytes(destination) == tree_bytes(clean)


@pytest.mark.parametrize("replaced", ["file", "folder"])
def test_a_kept_page_reached_through_a_symlink_is_written_again(tmp_path: Path, replaced: str) -> None:
    """A published page (or its folder) moved away and symlinked back, size and mtime
    kept: the render stage must not keep it, as publishing never follows a symlink."""
    site = write_files(tmp_path / "site", site_files(30))
    destination = tmp_path / "out"
    build_site(BuildOptions(source=site, destination=destination, now=NOW))
    page = next(destination.rglob("p7.html"))
    moved = tmp_path / "elsewhere"
    target = page if replaced == "file" else page.parent
    shutil.move(target, moved)  # keeps the mtime
    target.symlink_to(moved)

    result = build_site(BuildOptions(source=site, destination=destination, now=NOW))

    assert result.published and not target.is_symlink()
    clean = tmp_path / "clean"
    build_site(BuildOptions(source=site, destination=clean, now=NOW, cache=False))
    assert tree_bytes(destination) == tree_bytes(clean)
