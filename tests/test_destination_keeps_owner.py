"""The destination is the user's folder, set up for whoever serves it: publishing keeps
its mode, group and owner, by a journal or a swap. A swap puts a new folder in its
place, so that folder is given the old one's group and mode; where this user may not
give that group, the site is published inside the folder instead."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import build, sitegen_main, tree_bytes
from tests.file_modes import CHOWN, OVERRIDES, run_with_modes_applied
from tests.test_read_only_destination import ANOTHER, ROOT, edit_site, six_post_site


@pytest.mark.parametrize("many", [False, True], ids=["journaled", "swapped"])
def test_the_destination_keeps_its_mode_and_group(tmp_path: Path, many: bool) -> None:
    site = six_post_site(tmp_path)
    destination = tmp_path / "out"
    assert not build(site, destination=destination).errors
    destination.chmod(0o2750)
    # Root may give any group; another user one of their own groups, if they have two.
    groups = [12345] if os.geteuid() == ROOT else os.getgroups()
    group = next((group for group in groups if group != destination.stat().st_gid), None)
    if group is not None:
        os.chown(destination, -1, group)
        destination.chmod(0o2750)  # a change of group clears the set-group-ID bit
    expected = destination.stat()
    edit_site(site, 1, many=many)
    assert not build(site, destination=destination).errors
    after = destination.stat()
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (
        stat.S_IMODE(expected.st_mode),
        expected.st_uid,
        expected.st_gid,
    )
    assert not build(site, destination=tmp_path / "clean", cache=False).errors
    assert tree_bytes(destination) == tree_bytes(tmp_path / "clean")


def _without_chown(check: Callable[[], None]) -> None:
    """`check` in a forked child of root that has dropped CAP_CHOWN too (as
    `run_with_modes_applied` drops the overrides): it may give a folder only a group of
    its own, as any user."""
    run_with_modes_applied(check, OVERRIDES | CHOWN)


def test_a_destination_whose_group_this_user_may_not_give_is_published_inside(tmp_path: Path) -> None:
    """A swap would put a folder of this user's group in its place: the site is published
    inside it instead (journaled), and the folder keeps its group."""
    if os.geteuid() != ROOT:
        pytest.skip("only root can give a folder a group its user is not in")  # CI runs as root
    site = six_post_site(tmp_path)
    destination = tmp_path / "out"
    assert not build(site, destination=destination).errors
    os.chown(destination, -1, ANOTHER)
    held = destination.stat()
    edit_site(site, 1, many=True)  # enough to swap

    def check() -> None:
        code, _, stderr = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and stderr == "", stderr

    _without_chown(check)
    after = destination.stat()
    assert (after.st_ino, after.st_gid, after.st_mode) == (held.st_ino, ANOTHER, held.st_mode)
    assert not build(site, destination=tmp_path / "clean", cache=False).errors
    assert tree_bytes(destination) == tree_bytes(tmp_path / "clean")
    assert sorted(os.listdir(tmp_path)) == ["clean", "out", "site"]  # no staging left
