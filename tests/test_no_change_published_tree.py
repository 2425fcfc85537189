"""The no-change check against the published tree: a tree damaged or replaced deep
inside, or restored over stale files, is never "nothing changed"; and what a source that
is a link leads to is not taken for the file that was there."""

from __future__ import annotations

import functools
import math
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import build
from sitegen.incremental import manifest, published_top
from sitegen.incremental.manifest_file import read_manifest
from sitegen.publish import writer
from tests.conftest import tree_bytes
from tests.test_no_change import (
    CHANGES,
    _clean_tree,
    _cli_build,
    _deep,
    _delete_deep_page,
    _next,
    _symlink_deep_folder,
    _World,
)


@pytest.mark.parametrize("damage", [_delete_deep_page, _symlink_deep_folder])
def test_damage_deep_in_the_published_tree_is_never_nothing_changed(
    tmp_path: Path, damage: Callable[[_World, int], None]
) -> None:
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    damage(world, 0)
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and not summary.startswith("nothing changed"), summary
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)


def test_a_source_turned_into_a_link_to_outside_the_site_is_a_change(tmp_path: Path) -> None:
    """The build skips a link that leads out of the site; the check must not take the
    same bytes behind it for the file that was there."""
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    posts = world.site / "content" / "_posts"
    outside = tmp_path / "outside-posts"
    shutil.copytree(posts, outside, copy_function=shutil.copy2)
    shutil.rmtree(posts)
    posts.symlink_to(outside, target_is_directory=True)
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and not summary.startswith("nothing changed"), summary
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)


def _restore_over(world: _World, plant: Callable[[Path], None]) -> None:
    """The published tree copied away with its stamps, the destination replaced by
    folders that `plant` fills, and the copy restored over them keeping its stamps (as
    `tar -x` into an existing folder does): folders end with the archived mtimes."""
    saved = world.root / f"saved-{_next(world)}"
    shutil.copytree(world.destination, saved, copy_function=shutil.copy2, symlinks=True)
    shutil.rmtree(world.destination)
    world.destination.mkdir()
    plant(world.destination)
    shutil.copytree(saved, world.destination, copy_function=shutil.copy2, symlinks=True, dirs_exist_ok=True)
    for folder in sorted(saved.rglob("*"), reverse=True):
        if folder.is_dir():
            target = world.destination / folder.relative_to(saved)
            os.utime(target, ns=(folder.stat().st_atime_ns, folder.stat().st_mtime_ns))
    os.utime(world.destination, ns=(saved.stat().st_atime_ns, saved.stat().st_mtime_ns))


def test_a_restore_over_a_folder_holding_stale_pages_is_a_change(tmp_path: Path) -> None:
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    page = _deep(world.destination, 0, folders=False)
    assert page is not None
    relative = page.parent.relative_to(world.destination)

    def plant(destination: Path) -> None:
        (destination / relative).mkdir(parents=True)
        (destination / relative / "stale.html").write_text("a page no build publishes", encoding="utf-8")

    _restore_over(world, plant)
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and not summary.startswith("nothing changed"), summary
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)


def test_a_copied_tree_whose_folder_mtimes_were_put_back_by_hand_is_still_checked(tmp_path: Path) -> None:
    """A page deleted, its folder's mtime set back (`touch -r`), then the tree copied
    (new inodes): the mtimes match, the folder's entries do not."""
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    page = _deep(world.destination, 0, folders=False)
    assert page is not None
    folder = page.parent
    stamp = folder.stat()
    page.unlink()
    os.utime(folder, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    _restore_over(world, lambda destination: None)
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and not summary.startswith("nothing changed"), summary
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)


@settings(max_examples=30)
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "b", "新", "c.html", "d.xml"]), min_size=1, max_size=4).map("/".join),
        min_size=1,
        max_size=12,
    )
)
def test_the_entries_recorded_for_each_folder_are_what_listing_it_finds(
    tmp_path_factory: pytest.TempPathFactory, paths: list[str]
) -> None:
    root = tmp_path_factory.mktemp("entries")
    files: list[str] = []
    for path in paths:
        try:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text("x", encoding="utf-8")
            files.append(path)
        except OSError:
            continue  # a file where a folder is needed: a tree no build publishes
    published = sorted({path for path in files if (root / path).is_file()})  # each file once, as published
    recorded = published_top.folder_entries(published)
    folders = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir()}
    assert set(recorded) == {f for f in folders if any(f"{q}/".startswith(f"{f}/") for q in published)}
    for folder, digest in recorded.items():
        assert published_top._listed_entries(str(root / folder)) == digest, folder


@contextmanager
def _journal_every_rebuild() -> Iterator[None]:
    """Publish every rebuild by its journal, as a large site's few-page rebuild is (a
    test site is small enough that most changes would swap in a new tree)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "publish", functools.partial(writer.publish, journal_share=math.inf))
        yield


@settings(max_examples=12)
@given(
    steps=st.lists(st.tuples(st.sampled_from(sorted(CHANGES)), st.integers(0, 50)), min_size=1, max_size=5)
)
def test_the_folders_recorded_after_a_rebuild_are_what_a_full_record_finds(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]
) -> None:
    """A rebuild keeps the last manifest's stamp of each folder publishing left alone:
    kept or read again, every folder's record must be what reading the tree now gives."""
    world = _World(tmp_path_factory.mktemp("record"))
    _cli_build(world.site, world.destination)
    for change, number in steps:
        CHANGES[change](world, number)
        with _journal_every_rebuild():
            assert _cli_build(world.site, world.destination, *world.flags())[0] == 0
        stored = read_manifest(world.site / ".sitegen-cache")
        assert stored is not None
        files = [
            str(path.relative_to(world.destination))
            for path in world.destination.rglob("*")
            if path.is_file()
        ]
        folders = published_top.folder_entries(files)
        now = published_top.destination_state(world.destination, with_digests=False, folders=folders)
        # A folder written within the racy window is recorded with no inode, to be listed.
        inodes = {stamp[0]: stamp[3] for stamp in now[2]}
        recorded = tuple(
            (*stamp[:3], inodes.get(stamp[0]), stamp[4]) if stamp[3] == published_top.RACY_INODE else stamp
            for stamp in stored.destination[2]
        )
        assert recorded == now[2], change


@settings(max_examples=12, deadline=None)
@given(
    share=st.floats(0, 1),
    pick=st.integers(0, 50),
    damage=st.sampled_from([_delete_deep_page, _symlink_deep_folder]),
)
def test_a_damaged_folder_is_found_whichever_process_compares_it(
    tmp_path_factory: pytest.TempPathFactory, share: float, pick: int, damage: Callable[[_World, int], None]
) -> None:
    """The check compares the published folders on both cores, the forked process taking
    the first and this one the last (`manifest._own_share`): damage on either side of
    the split is a change."""
    world = _World(tmp_path_factory.mktemp("split"))
    _cli_build(world.site, world.destination)
    damage(world, pick)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest, "_own_share", lambda folders, _: round(folders * share))
        code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and not summary.startswith("nothing changed"), summary
    assert tree_bytes(world.destination) == _clean_tree(world.site, world.root)
