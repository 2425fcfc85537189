"""Something other than the no-change manifest in its place in the cache folder (a
folder, a folder with files, a link to one): every build still publishes what a clean
build would, with one warning naming it, and none claims "nothing changed"."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.incremental.manifest_file import MANIFEST_NAME
from tests.conftest import tree_bytes
from tests.test_no_change import CHANGES, _clean_tree, _World


def _folder(path: Path) -> None:
    path.mkdir()


def _folder_with_files(path: Path) -> None:
    (path / "inner").mkdir(parents=True)
    (path / "inner" / "x.txt").write_text("x", encoding="utf-8")


def _link_to_a_folder(path: Path, target: Path) -> None:
    target.mkdir()
    os.symlink(target, path)


IN_THE_WAY: dict[str, Callable[[Path], None]] = {
    "a folder": _folder,
    "a folder with files": _folder_with_files,
}


def _build(world: _World) -> tuple[int, str, str]:
    printed, warned = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(warned):
        code = main(["build", "-s", str(world.site), "-d", str(world.destination)])
    return code, printed.getvalue(), warned.getvalue()


@pytest.mark.parametrize("what", sorted(IN_THE_WAY))
def test_builds_go_on_with_one_warning(tmp_path: Path, what: str) -> None:
    world = _World(tmp_path)
    assert _build(world)[0] == 0
    manifest = world.site / ".sitegen-cache" / MANIFEST_NAME
    manifest.unlink()
    IN_THE_WAY[what](manifest)
    for change in ("edit a post, same size and mtime", "add a post", "touch a post"):
        CHANGES[change](world, 1)
        code, printed, warned = _build(world)
        assert code == 0 and "nothing changed" not in printed
        lines = [line for line in warned.splitlines() if MANIFEST_NAME in line]
        assert lines == [
            f"warning: {manifest}: cannot remove the no-change manifest (Is a directory); "
            "the no-change check is off until it is removed"
        ]
        assert "Traceback" not in warned
        assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)
    assert not list(manifest.parent.glob(f"{MANIFEST_NAME}.*.tmp"))


def test_a_link_in_its_place_is_removed_like_the_manifest(tmp_path: Path) -> None:
    """A symlink is a name like any other: removing it removes the link, not its target."""
    world = _World(tmp_path)
    assert _build(world)[0] == 0
    manifest = world.site / ".sitegen-cache" / MANIFEST_NAME
    manifest.unlink()
    elsewhere = tmp_path / "elsewhere"
    _link_to_a_folder(manifest, elsewhere)
    CHANGES["add a post"](world, 2)
    code, _, warned = _build(world)
    assert code == 0 and MANIFEST_NAME not in warned, warned
    assert manifest.is_file() and not manifest.is_symlink() and elsewhere.is_dir()
    assert _build(world)[1].startswith("nothing changed")
