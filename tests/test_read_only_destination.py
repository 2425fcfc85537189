"""Publishing where this user may not write: the destination, the folder it is in, a
folder or a file inside it, or trash an earlier build left beside it.

`jekyll build` writes into the destination and fails with "Permission denied" where it
may not; sitegen must never replace, nor move aside and leave behind, a folder it could
not have written into. A read-only destination is refused before building (exit 2),
naming it as typed; a publish that must write in another user's read-only folder is
refused (exit 1), naming that folder; either way the previous site is left as it was.
The destination keeps its mode and owner through a swap, and trash left by any earlier
build is gone after the next one.

The builds run where file modes apply (`run_with_modes_applied`: when the tests run as
root, as CI does, root without the capabilities that override modes), and "another
user's" folder is one given to a user id no one has, which only root can give.
"""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import (
    CONFIG,
    build,
    generated_posts,
    jekyll_executable,
    post,
    run_with_modes_applied,
    sitegen_main,
    tree_bytes,
    world_readable_folder,
    write_files,
)

ROOT = 0
#: The owner of "another user's" files: a user id no one has (only root can give it).
ANOTHER = 12345
TRASH = ".out.sitegen-trash-4242-17"
READ_ONLY_LINE = (
    "error: out: the destination is read-only to this user, and publishing writes in it: "
    "make it writable, or choose another folder"
)


def six_post_site(root: Path) -> Path:
    posted = generated_posts(6, month=5, categories=2, tags=2, body="<p>正文 {number}</p>\n")
    return write_files(root / "site", {"_config.yml": CONFIG, **posted})


def edit_site(site: Path, step: int, *, many: bool) -> None:
    """One post edited (a journaled publish), or many posts added (a swap)."""
    posts = site / "content" / "_posts"
    edited = sorted(posts.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + f"<p>改 {step}</p>\n", encoding="utf-8")
    for number in range(12 if many else 0):
        day = 1 + number % 28
        (posts / f"2022-06-{day:02d}-s{step}-{number}.md").write_text(
            post(f"新 {step} {number}", f"2022-06-{day:02d} 10:00:00 +0800"), encoding="utf-8"
        )


def _in(folder: Path, action: Callable[[], None]) -> Callable[[], None]:
    """`action` run from `folder` (the destination is typed as `out`)."""

    def run() -> None:
        os.chdir(folder)
        action()

    return run


def _gone(path: Path) -> None:
    """Wait for the background deleter to remove `path`."""
    deadline = time.monotonic() + 30
    while os.path.lexists(path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not os.path.lexists(path)


def _only_trash_gone(top: Path, wanted: list[str]) -> None:
    """Wait for the background deleter: beside the destination, only `wanted` is left."""
    deadline = time.monotonic() + 30
    while sorted(os.listdir(top)) != wanted and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(os.listdir(top)) == wanted


def test_a_read_only_destination_is_refused_and_left_as_it_was(world_readable_tmp: Path) -> None:
    site = six_post_site(world_readable_tmp)
    top = world_readable_tmp / "top"
    top.mkdir()

    def first() -> None:
        assert sitegen_main("build", "-s", "../site", "-d", "out")[0] == 0

    run_with_modes_applied(_in(top, first))
    before = tree_bytes(top / "out")
    (top / "out").chmod(0o555)
    edit_site(site, 1, many=True)  # enough to swap

    def second() -> None:
        code, stdout, stderr = sitegen_main("build", "-s", "../site", "-d", "out")
        assert code == 2 and "Traceback" not in stderr, stderr
        assert [line for line in stderr.splitlines() if line.startswith("error:")] == [READ_ONLY_LINE]
        assert "published" not in stdout

    run_with_modes_applied(_in(top, second))
    assert stat.S_IMODE((top / "out").stat().st_mode) == 0o555
    assert tree_bytes(top / "out") == before
    assert sorted(os.listdir(top)) == ["out"]  # nothing moved aside


def test_another_user_s_empty_read_only_folder_is_not_replaced(world_readable_tmp: Path) -> None:
    """`-d ro`, an empty folder of another user's at mode 555 in a folder this user may
    write in."""
    if os.geteuid() != ROOT:
        pytest.skip("only root can give a folder to another user")  # CI runs as root
    six_post_site(world_readable_tmp)
    top = world_readable_tmp / "top"
    (top / "ro").mkdir(parents=True)
    os.chown(top / "ro", ANOTHER, ANOTHER)
    (top / "ro").chmod(0o555)
    ro_before = (top / "ro").stat()

    def check() -> None:
        code, _, stderr = sitegen_main("build", "-s", "../site", "-d", "ro")
        assert code == 2 and "Traceback" not in stderr, stderr
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        assert errors == [READ_ONLY_LINE.replace("out:", "ro:")]

    run_with_modes_applied(_in(top, check))
    after = (top / "ro").stat()
    assert (after.st_ino, after.st_uid, stat.S_IMODE(after.st_mode)) == (ro_before.st_ino, ANOTHER, 0o555)
    assert sorted(os.listdir(top)) == ["ro"]


def test_jekyll_refuses_the_same_read_only_destination(world_readable_tmp: Path) -> None:
    """The reference: `jekyll build` into an empty folder it may not write in fails with
    "Permission denied", writing nothing; sitegen refuses it before building."""
    jekyll = jekyll_executable()
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")  # CI installs it (jekyll_executable)
    files = {
        "_config.yml": "title: t\n",
        "_posts/2022-05-27-a.md": post("甲"),
        "index.html": "---\n---\n首页\n",
    }
    site = write_files(world_readable_tmp / "site", files)
    for name in ("jekyll", "sitegen"):
        (world_readable_tmp / name).mkdir(mode=0o555)
    # Root regains the capabilities that override modes when it starts a program, unless
    # they are gone from its bounding set too.
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == ROOT else []
    command = [*drop, jekyll, "build", "-s", str(site), "-d", str(world_readable_tmp / "jekyll")]
    ran = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert ran.returncode != 0 and "Permission denied" in ran.stderr, ran.stderr

    def check() -> None:
        code, _, stderr = sitegen_main("build", "-s", "site", "-d", "sitegen")
        assert code == 2 and [line for line in stderr.splitlines() if line.startswith("error:")] == [
            READ_ONLY_LINE.replace("out:", "sitegen:")
        ], stderr

    run_with_modes_applied(_in(world_readable_tmp, check))
    for name in ("jekyll", "sitegen"):
        assert list((world_readable_tmp / name).iterdir()) == []
    assert sorted(os.listdir(world_readable_tmp)) == ["jekyll", "site", "sitegen"]


@pytest.mark.parametrize("edit", [True, False], ids=["publishing", "nothing-changed"])
def test_trash_a_killed_build_left_is_removed_by_the_next_build(world_readable_tmp: Path, edit: bool) -> None:
    """A deleter killed half-way leaves its trash, read-only folders and all; the next
    build removes it, whether it publishes or finds nothing changed."""
    site = six_post_site(world_readable_tmp)
    top = world_readable_tmp / "top"
    top.mkdir()

    def first() -> None:
        assert sitegen_main("build", "-s", "../site", "-d", "out")[0] == 0
        deep = write_files(top / TRASH, {"a/b/page.html": "旧", "a/c.html": "旧"})
        for folder in (deep / "a" / "b", deep / "a", deep):
            folder.chmod(0o555)
        (top / ".outer.sitegen-trash-1-2").mkdir()  # another destination's: not this build's to take
        (top / ".out.sitegen-trash-notes").mkdir()  # no trash name sitegen gives

    run_with_modes_applied(_in(top, first))
    if edit:
        edit_site(site, 1, many=False)

    def second() -> None:
        code, stdout, stderr = sitegen_main("build", "-s", "../site", "-d", "out")
        assert code == 0 and stderr == "", stderr
        assert ("nothing changed" in stdout) is not edit, stdout

    run_with_modes_applied(_in(top, second))
    _only_trash_gone(top, [".out.sitegen-trash-notes", ".outer.sitegen-trash-1-2", "out"])


def test_trash_a_deleter_holds_is_left_to_it(tmp_path: Path) -> None:
    """A large tree's deleter may still be at work when the next build publishes: that
    build leaves the tree to it (one deleter, not two racing over the same tree), and
    the build after the deleter stopped takes it up."""
    site = six_post_site(tmp_path)
    top = tmp_path / "top"
    assert sitegen_main("build", "-s", str(site), "-d", str(top / "out"))[0] == 0
    write_files(top / TRASH, {"a/page.html": "旧"})
    deleter = os.open(top / TRASH, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(deleter, fcntl.LOCK_EX)
        edit_site(site, 1, many=False)
        assert sitegen_main("build", "-s", str(site), "-d", str(top / "out"))[0] == 0
        time.sleep(0.5)  # what a second deleter would have had to remove it
        assert (top / TRASH / "a" / "page.html").exists()
    finally:
        os.close(deleter)  # the deleter stops
    edit_site(site, 2, many=False)
    assert sitegen_main("build", "-s", str(site), "-d", str(top / "out"))[0] == 0
    _only_trash_gone(top, ["out"])


STATES = ["writable", "read-only", "another's"]
"""What an item is made: as built, read-only to its owner (this user), or another user's
that this user may not write in."""


def _apply(path: Path, state: str, read_only_mode: int) -> None:
    if state == "read-only":
        path.chmod(read_only_mode)
    elif state == "another's":
        os.chown(path, ANOTHER, ANOTHER, follow_symlinks=False)
    elif state == "another's, writable":  # a folder another user shares with everyone
        os.chown(path, ANOTHER, ANOTHER, follow_symlinks=False)
        path.chmod(0o777)


def _nearest_folder(path: str, folders: set[str]) -> str:
    folder = path.rpartition("/")[0]
    while folder and folder not in folders:
        folder = folder.rpartition("/")[0]
    return folder


@given(
    destination_state=st.sampled_from([*STATES, "another's, writable"]),
    destination_mode=st.sampled_from([0o755, 0o750, 0o711]),
    parent_state=st.sampled_from(STATES),
    folder_state=st.sampled_from(STATES),
    folder_pick=st.integers(0, 1000),
    file_state=st.sampled_from(STATES),
    file_pick=st.integers(0, 1000),
    trash_state=st.sampled_from([*STATES, "another's, writable", "none"]),
    many=st.booleans(),
)
@settings(max_examples=14, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_what_this_user_may_not_write_in_is_never_replaced_nor_left_behind(
    destination_state: str,
    destination_mode: int,
    parent_state: str,
    folder_state: str,
    folder_pick: int,
    file_state: str,
    file_pick: int,
    trash_state: str,
    many: bool,
) -> None:
    """Whichever of the destination, its folder, a folder or file inside it, and old
    trash beside it are read-only or another user's: exit 2 for a destination this user
    may not write in, exit 1 for a publish that must write in a folder this user may
    not write in, else 0; one line for a refusal; the previous site as it was, or the
    new one complete; the destination's, and such a folder's, mode and owner as they
    were; and after the next build, once everything is writable again, no trash left."""
    another = "another's" in {destination_state, parent_state, folder_state, file_state, trash_state}
    assume(os.geteuid() == ROOT or not another)  # only root can give a file to another user
    with world_readable_folder() as scratch:
        site = six_post_site(scratch)
        top = scratch / "top"
        top.mkdir()
        destination = top / "out"
        run_with_modes_applied(_in(top, lambda: _built_ok("out")))
        folders = sorted(path for path in destination.rglob("*") if path.is_dir())
        files = sorted(path for path in destination.rglob("*") if path.is_file())
        folder, file = folders[folder_pick % len(folders)], files[file_pick % len(files)]
        if trash_state != "none":
            write_files(top / TRASH, {"page.html": "旧", "a/page.html": "旧"})
            if trash_state == "another's, writable":  # with folders everyone may write in
                for path in (top / TRASH / "a", top / TRASH / "a" / "page.html", top / TRASH / "page.html"):
                    os.chown(path, ANOTHER, ANOTHER)
                (top / TRASH / "a").chmod(0o777)
            elif trash_state == "read-only":
                (top / TRASH / "a").chmod(0o555)
            _apply(top / TRASH, trash_state, 0o555)
        _apply(file, file_state, 0o444)
        _apply(folder, folder_state, 0o555)
        destination.chmod(destination_mode)
        _apply(destination, destination_state, 0o555)
        _apply(top, parent_state, 0o555)
        before, kept = tree_bytes(destination), destination.stat()
        held = folder.stat()
        live_folders = {path.relative_to(destination).as_posix() for path in folders}

        edit_site(site, 1, many=many)
        assert not build(site, destination=scratch / "clean", cache=False).errors
        new = tree_bytes(scratch / "clean")
        changed = {path for path in new.keys() | before.keys() if new.get(path) != before.get(path)}
        if file_state == "read-only":
            changed.add(file.relative_to(destination).as_posix())  # written again with a page's mode
        folder_name = folder.relative_to(destination).as_posix()
        if destination_state in ("read-only", "another's"):
            expected, line = 2, READ_ONLY_LINE
        elif folder_state != "writable" and any(
            _nearest_folder(path, live_folders) == folder_name for path in changed
        ):
            expected = 1
            line = (
                f"error: out/{folder_name}: cannot publish: this user may not write in this folder "
                "(Permission denied); the previous site is unchanged"
            )
        else:
            expected, line = 0, ""

        def second() -> None:
            code, _, stderr = sitegen_main("build", "-s", "../site", "-d", "out")
            assert "Traceback" not in stderr, stderr
            assert code == expected, stderr
            assert [line for line in stderr.splitlines() if line.startswith("error:")] == (
                [line] if line else []
            )

        run_with_modes_applied(_in(top, second))
        if expected != 2 and parent_state == "writable" and trash_state != "another's":
            _gone(top / TRASH)  # any this user may remove: removed by this very build
        assert tree_bytes(destination) == (new if expected == 0 else before)
        after = destination.stat()
        assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (
            stat.S_IMODE(kept.st_mode),
            kept.st_uid,
            kept.st_gid,
        )
        if folder_state != "writable":  # never replaced, never moved aside, its mode kept
            now = folder.stat()
            assert (now.st_ino, now.st_uid, now.st_mode) == (held.st_ino, held.st_uid, held.st_mode)

        # The destination, its folder and the folder and file inside made the user's and
        # writable again (and another user's trash given back to the user, read-only trash
        # left as it is): the next build publishes, and no trash is left.
        for path in (top, destination, folder, file, top / TRASH):
            with suppress(FileNotFoundError):
                os.chown(path, os.geteuid(), os.getegid())
                if path != top / TRASH:
                    path.chmod(0o644 if path == file else 0o755)
        edit_site(site, 2, many=False)
        run_with_modes_applied(_in(top, lambda: _built_ok("out")))
        assert not build(site, destination=scratch / "clean2", cache=False).errors
        assert tree_bytes(destination) == tree_bytes(scratch / "clean2")
        _only_trash_gone(top, ["out"])


def _built_ok(destination: str) -> None:
    code, _, stderr = sitegen_main("build", "-s", "../site", "-d", destination)
    assert code == 0 and "error" not in stderr, stderr
