"""A published file whose permission bits were changed by hand is not the file a build
writes: the next build that runs writes it again, so an incremental tree's modes are a
clean build's (a page left `rw-------` is one the web server cannot serve)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.file_modes import new_file_mode
from tests.conftest import post, tree_bytes, write_files
from tests.test_no_change import _clean_tree, _cli_build, _World

_MODES = st.sampled_from([0o600, 0o640, 0o664, 0o755, 0o400, 0o000])


def _modes(root: Path) -> dict[str, int]:
    return {
        path.relative_to(root).as_posix(): stat.S_IMODE(path.lstat().st_mode)
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def _clean_modes(world: _World, scratch: Path) -> dict[str, int]:
    _clean_tree(world.site, scratch)
    return _modes(scratch / "clean")


@settings(max_examples=10, deadline=None)
@given(
    picks=st.lists(st.tuples(st.integers(0, 10_000), _MODES), min_size=1, max_size=6),
    jobs=st.sampled_from(["1", "2"]),
)
def test_a_file_chmod_ed_by_hand_is_written_again_by_the_next_build(
    tmp_path_factory: pytest.TempPathFactory, picks: list[tuple[int, int]], jobs: str
) -> None:
    world = _World(tmp_path_factory.mktemp("modes"))
    assert _cli_build(world.site, world.destination, "-j", jobs)[0] == 0
    published = sorted(_modes(world.destination))
    for pick, mode in picks:
        os.chmod(world.destination / published[pick % len(published)], mode)
    write_files(world.site, {"content/_posts/2022-06-09-new.md": post("新", "2022-06-09 09:00:00 +0800")})
    assert _cli_build(world.site, world.destination, "-j", jobs)[0] == 0
    assert _modes(world.destination) == _clean_modes(world, world.root)
    assert tree_bytes(world.destination) == tree_bytes(world.root / "clean")


def test_a_new_file_s_mode_is_what_the_umask_leaves() -> None:
    mask = os.umask(0o027)
    try:
        assert new_file_mode() == 0o640
    finally:
        os.umask(mask)
    assert new_file_mode() == 0o666 & ~mask


_UMASKS = st.sampled_from([0o022, 0o002, 0o027, 0o077, 0o000])


@settings(max_examples=4, deadline=None)
@given(first=_UMASKS, second=_UMASKS)
def test_a_build_under_another_umask_publishes_that_umask_s_modes(
    tmp_path_factory: pytest.TempPathFactory, first: int, second: int
) -> None:
    """Nothing in the site changed, but the modes a written file gets did: that is no
    "nothing changed" (the no-change check compares the umask as a setting)."""
    world = _World(tmp_path_factory.mktemp("umask"))
    mask = os.umask(first)
    try:
        assert _cli_build(world.site, world.destination)[0] == 0
        os.umask(second)
        assert _cli_build(world.site, world.destination)[0] == 0
        modes = _modes(world.destination)
        assert modes == _clean_modes(world, world.root)
    finally:
        os.umask(mask)
    pages = [mode for path, mode in modes.items() if path.endswith(".html")]
    assert pages and set(pages) == {0o666 & ~second}


@settings(max_examples=6, deadline=None)
@given(pick=st.integers(0, 10_000), mode=_MODES.filter(lambda mode: mode != 0o644))
def test_a_top_level_file_chmod_ed_by_hand_is_no_unchanged_tree(
    tmp_path_factory: pytest.TempPathFactory, pick: int, mode: int
) -> None:
    """The no-change check compares the published tree's top level entry by entry: a
    file there chmod-ed (same bytes, its ctime moved) is a change, and the build that
    follows writes it with a clean build's mode."""
    world = _World(tmp_path_factory.mktemp("top"))
    assert _cli_build(world.site, world.destination)[0] == 0
    top = sorted(path for path in world.destination.iterdir() if path.is_file() and not path.is_symlink())
    os.chmod(top[pick % len(top)], mode)
    code, printed = _cli_build(world.site, world.destination)
    assert code == 0 and "nothing changed" not in printed
    assert _modes(world.destination) == _clean_modes(world, world.root)


def _folder_modes(root: Path) -> dict[str, int]:
    folders = [root, *(path for path in root.rglob("*") if path.is_dir() and not path.is_symlink())]
    return {path.relative_to(root).as_posix(): stat.S_IMODE(path.lstat().st_mode) for path in folders}


_FOLDER_MODES = st.sampled_from([0o700, 0o750, 0o711, 0o555, 0o775, 0o777])


@settings(max_examples=8, deadline=None)
@given(
    picks=st.lists(st.tuples(st.integers(0, 10_000), _FOLDER_MODES), min_size=1, max_size=5),
    edit=st.booleans(),
    jobs=st.sampled_from(["1", "2"]),
)
def test_a_folder_chmod_ed_by_hand_gets_a_clean_build_s_mode_again(
    tmp_path_factory: pytest.TempPathFactory, picks: list[tuple[int, int]], edit: bool, jobs: str
) -> None:
    """A clean build makes every folder new; a rebuild that writes nothing, or a few files
    in place (journaled), sets back a published folder whose permission bits were changed
    by hand. The destination itself is the user's folder: it keeps the mode it was given."""
    world = _World(tmp_path_factory.mktemp("folders"))
    assert _cli_build(world.site, world.destination, "-j", jobs)[0] == 0
    folders = sorted(_folder_modes(world.destination))
    chosen: dict[str, int] = {}
    for pick, mode in picks:
        os.chmod(world.destination / folders[pick % len(folders)], mode)
        chosen[folders[pick % len(folders)]] = mode
    if edit:
        post_file = world.posts()[0]
        post_file.write_text(post_file.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    assert _cli_build(world.site, world.destination, "-j", jobs)[0] == 0
    _clean_tree(world.site, world.root)
    expected = _folder_modes(world.root / "clean")
    expected["."] = chosen.get(".", expected["."])
    assert _folder_modes(world.destination) == expected
    assert _modes(world.destination) == _modes(world.root / "clean")
    assert tree_bytes(world.destination) == tree_bytes(world.root / "clean")


def test_a_folder_keep_files_keeps_is_left_with_its_own_mode(tmp_path: Path) -> None:
    """`keep_files` (`.git` by default, as in Jekyll) keeps a deploy checkout inside the
    destination as its owner has it: its folders' modes are not a build's to set."""
    world = _World(tmp_path)
    assert _cli_build(world.site, world.destination)[0] == 0
    objects = world.destination / ".git" / "objects"
    objects.mkdir(parents=True)
    (objects / "pack").write_text("x", encoding="utf-8")
    objects.chmod(0o700)
    (world.destination / ".git").chmod(0o750)
    post_file = world.posts()[0]
    post_file.write_text(post_file.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    assert _cli_build(world.site, world.destination)[0] == 0
    assert stat.S_IMODE(objects.stat().st_mode) == 0o700
    assert stat.S_IMODE((world.destination / ".git").stat().st_mode) == 0o750
