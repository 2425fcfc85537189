"""Published folders written within the racy window of the no-change record.

A file removed in the same clock tick as the build's last write to its folder leaves
the folder's ctime as it was: on a file system keeping whole seconds a page deleted
right after a build stayed missing through every later build. Such a folder is
recorded racy, and the next check lists it instead of trusting its stamp; once it has
settled and listed the same, its stamp is kept and later checks `lstat` it alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.incremental import published_top
from sitegen.incremental.manifest_file import read_manifest
from tests.conftest import tree_bytes
from tests.racy import racy_window, wait_until_settled
from tests.test_no_change import _clean_tree, _cli_build, _World

_HOUR = 3600 * 1_000_000_000


def _folder_stamps(world: _World) -> dict[str, tuple[str, int, int, int, str]]:
    stored = read_manifest(world.site / ".sitegen-cache")
    assert stored is not None
    return {stamp[0]: stamp for stamp in stored.destination[2]}


def test_a_page_removed_in_the_tick_of_the_build_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _World(tmp_path)
    with racy_window(_HOUR):  # every folder written by the build is within the window
        assert _cli_build(world.site, world.destination)[0] == 0
    page = next(
        path for path in sorted(world.destination.rglob("*.html")) if path.parent != world.destination
    )
    folder = page.parent.relative_to(world.destination).as_posix()
    recorded = _folder_stamps(world)[folder]
    page.unlink()
    real_lstat = os.lstat

    def same_tick(path: str | Path, *, dir_fd: int | None = None, **kw: object) -> os.stat_result:
        """The folder's times as recorded: the removal came in the tick of the last write."""
        info = real_lstat(path, dir_fd=dir_fd)
        if dir_fd is None or str(path) != folder:
            return info
        fields = list(info)
        fields[8], fields[9] = recorded[1] // 10**9, recorded[2] // 10**9
        kept = os.stat_result(fields, {"st_mtime_ns": recorded[1], "st_ctime_ns": recorded[2]})
        assert kept.st_ctime_ns == recorded[2]
        return kept

    monkeypatch.setattr(os, "lstat", same_tick)
    code, printed = _cli_build(world.site, world.destination)

    assert code == 0 and not printed.startswith("nothing changed"), printed
    monkeypatch.undo()
    assert page.exists()
    assert tree_bytes(world.destination) == _clean_tree(world.site, world.root)
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")


def test_racy_folders_are_listed_once_then_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = _World(tmp_path)
    with racy_window(_HOUR):
        assert _cli_build(world.site, world.destination)[0] == 0
    racy = [path for path, stamp in _folder_stamps(world).items() if stamp[3] == published_top.RACY_INODE]
    assert racy, "every folder was written within the window"
    wait_until_settled(*(world.destination / folder for folder in racy))
    log = tmp_path / "listed.log"  # a file: the check lists in a forked process too
    real_listing = published_top._listed_entries

    def counted(folder: str) -> str:
        with log.open("a", encoding="utf-8") as listed:
            listed.write(folder + "\n")
        return real_listing(folder)

    monkeypatch.setattr(published_top, "_listed_entries", counted)
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")
    assert len(log.read_text(encoding="utf-8").splitlines()) == len(racy)  # found the same, settled by now
    assert not any(stamp[3] == published_top.RACY_INODE for stamp in _folder_stamps(world).values())
    log.unlink()
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")
    assert not log.exists()
