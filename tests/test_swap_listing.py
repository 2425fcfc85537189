"""A tree published by a swap comes with its own listing, so the build after a first (or
any swapped) build lists only what changed since, not every folder of the site; and
that listing gives what a full listing of the published tree gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.publish import tree_listing
from sitegen.publish.tree_io import open_folder
from sitegen.publish.tree_listing import ListedTree, RememberedFolder, list_tree
from sitegen.publish.writer import publish
from tests.conftest import NOW, tree_bytes, write_files
from tests.racy import trust_stamps_at_once
from tests.test_incremental import site_files

_TRUST_ALL = -3600 * 1_000_000_000
"""A racy window that trusts every folder: a test's whole build takes less than the
real window, so without this no folder would be remembered."""
_LATER = 3600 * 1_000_000_000
_NAMES = st.sampled_from(["a", "b", "新闻"])
_PATHS = st.lists(_NAMES, min_size=0, max_size=3).map(lambda parts: "/".join([*parts, "index.html"]))
_SITES = st.dictionaries(_PATHS, st.sampled_from([b"one", b"two"]), min_size=1, max_size=8)


def _listed(root: Path, remembered: dict[str, RememberedFolder], scans: list[str]) -> ListedTree:
    """`list_tree` of `root` (every folder trusted), each folder it lists appended to `scans`."""
    real_scan = tree_listing._scan

    def counted(fd: int, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        scans.append(prefix)
        return real_scan(fd, prefix)

    fd = open_folder(root)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(tree_listing, "_scan", counted)
            return list_tree(fd, remembered, time.time_ns() + _LATER)
    finally:
        os.close(fd)


@settings(max_examples=30)
@given(first=_SITES, second=_SITES)
def test_a_swapped_trees_listing_is_a_full_listing_of_it(
    tmp_path_factory: pytest.TempPathFactory, first: dict[str, bytes], second: dict[str, bytes]
) -> None:
    destination = tmp_path_factory.mktemp("swap") / "site"
    with pytest.MonkeyPatch.context() as patch:
        trust_stamps_at_once(patch, _TRUST_ALL)
        publish(destination, first.items(), [])  # a first build: always swapped
        # A rebuild that changes a file (so it publishes) swaps too with no journal
        # share; its unchanged files are linked from the previous tree into the new one.
        second = {**second, "b/changed.html": b"new"}
        summary = publish(destination, second.items(), [], journal_share=0)

    scans: list[str] = []
    again = _listed(destination, dict(summary.remembered), scans)
    full = _listed(destination, {}, [])

    assert (again.files, again.strays) == (full.files, full.strays)
    assert again.files == {*second, ".sitegen"}
    assert scans in ([], [""])  # at most the root, whose ctime the exchange moved


def test_the_build_after_a_first_build_lists_only_what_changed(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(30))
    destination = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        trust_stamps_at_once(patch, _TRUST_ALL)
        build_site(BuildOptions(source=site, destination=destination, now=NOW))
    post_folder = next(path.parent for path in destination.rglob("p7.html"))
    (post_folder / "planted.html").write_text("not planned", encoding="utf-8")
    log = tmp_path / "scans.log"  # a file: the build may list in a forked process (`published_check`)
    real_scan = tree_listing._scan

    def counted(fd: int, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        with log.open("a", encoding="utf-8") as scans_so_far:
            scans_so_far.write(prefix + "\n")
        return real_scan(fd, prefix)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tree_listing, "_scan", counted)
        build_site(BuildOptions(source=site, destination=destination, now=NOW))

    scans = log.read_text(encoding="utf-8").splitlines()
    folders = sum(1 for path in destination.rglob("*") if path.is_dir()) + 1
    assert 1 <= len(scans) <= 3 < folders  # the root and the planted file's folder
    assert not (post_folder / "planted.html").exists()
    clean = tmp_path / "clean"
    build_site(BuildOptions(source=site, destination=clean, now=NOW, cache=False))
    assert tree_bytes(destination) == tree_bytes(clean)
