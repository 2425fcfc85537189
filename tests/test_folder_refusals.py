"""A folder the command line names (`-s`, `-d`, `--cache-dir`, `sitegen check DIR`) that
the system will not let be used is refused before anything is built: exit 2, one line
naming the folder as the user typed it (`./out/`, not `out`), no traceback, nothing
published, the previous site as it was; `sitegen serve` refuses it in the same line.

File modes apply as they do to an unprivileged user (`run_with_modes_applied`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import free_port, post, run_with_modes_applied, sitegen_main, write_files

_SITE = {"_config.yml": "title: 测试\n", "_posts/2022-05-27-a.md": post()}
FOLDERS = ("source", "destination", "cache")
FAULTS = ("missing", "a file", "unreadable", "read-only", "unwritable parent")
BUILDS = {
    ("source", "read-only"),
    ("destination", "missing"),
    ("cache", "missing"),
}
"""What is no refusal: a site this user may not write in (the build never writes
there), a destination or cache folder that is not there yet (the build makes it). A
destination this user may not write in is refused (as `jekyll build` fails in it), even
empty: replacing it whole would drop the folder the user set up."""
SPELLINGS = ("{}", "./{}", "{}/", "./{}/", "{absolute}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site, its published tree `out` and its cache folder `cache`, built once."""
    root = tmp_path_factory.mktemp("built")
    write_files(root / "site", _SITE)
    with contextlib.chdir(root):
        code, _, errors = sitegen_main("build", "-s", "site", "-d", "out", "--cache-dir", "cache", "-j", "1")
    assert code == 0, errors
    return root


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path below `root`: a file's bytes, None for a folder."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        found[path.relative_to(root).as_posix()] = path.read_bytes() if path.is_file() else None
    return found


def _set_up(root: Path, folder: str, fault: str) -> tuple[str, Callable[[], None], Callable[[], None]]:
    """Give `folder` the fault at `given` (or `parent/given`): the path below `root`, and
    how to take away and give back the rights the fault is about (the tree is compared
    with the rights it had)."""
    name = "parent/given" if fault == "unwritable parent" else "given"
    path = root / name
    if fault == "a file":
        path.write_text("x", encoding="utf-8")
    elif fault in ("unreadable", "read-only"):
        if folder == "source":
            shutil.copytree(root / "site", path)
        else:
            path.mkdir()  # a folder made for the output or the cache: empty
    elif fault == "unwritable parent":
        path.parent.mkdir()
    held = path.parent if fault == "unwritable parent" else path
    mode = {"unreadable": 0o000, "read-only": 0o555, "unwritable parent": 0o555}.get(fault)

    def take_away() -> None:
        if mode is not None:
            held.chmod(mode)

    def give_back() -> None:
        if mode is not None:
            held.chmod(0o755)

    return name, take_away, give_back


def _arguments(folder: str, typed: str) -> list[str]:
    given = {"source": "site", "destination": "out", "cache": "cache", folder: typed}
    return ["-s", given["source"], "-d", given["destination"], "--cache-dir", given["cache"], "-j", "1"]


def _assert_refused(code: int, out: str, errors: str, typed: str) -> None:
    lines = errors.splitlines()
    assert code == 2 and out == "" and "Traceback" not in errors, (code, out, errors)
    assert len(lines) == 1 and lines[0].startswith(f"error: {typed}: "), errors


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folder=st.sampled_from(FOLDERS), fault=st.sampled_from(FAULTS), spelling=st.sampled_from(SPELLINGS))
def test_a_folder_the_system_refuses_is_refused_in_one_line_as_typed(
    built: Path, tmp_path: Path, folder: str, fault: str, spelling: str
) -> None:
    root = tmp_path / f"case-{len(os.listdir(tmp_path))}"
    shutil.copytree(built, root, symlinks=True)
    name, take_away, give_back = _set_up(root, folder, fault)
    typed = spelling.format(name, absolute=root / name)
    before = _snapshot(root)

    def check() -> None:
        with contextlib.chdir(root):
            code, out, errors = sitegen_main("build", *_arguments(folder, typed))
        if (folder, fault) in BUILDS:
            assert code == 0 and "error" not in errors, errors
        else:
            _assert_refused(code, out, errors, typed)

    take_away()
    try:
        run_with_modes_applied(check)
    finally:
        give_back()
    if (folder, fault) not in BUILDS:
        assert _snapshot(root) == before  # nothing published, the previous site as it was


def test_a_cache_folder_whose_lock_is_another_users_is_refused(tmp_path: Path) -> None:
    """It said `cache/lock: cannot make the build lock (Permission denied)`, exit 1."""
    write_files(tmp_path / "site", _SITE)
    with contextlib.chdir(tmp_path):
        assert sitegen_main("build", "-s", "site", "-d", "out", "--cache-dir", "cache")[0] == 0
    (tmp_path / "site/_posts/2022-05-27-a.md").write_text(post(title="改了"), encoding="utf-8")
    lock = tmp_path / "cache/lock"
    lock.chmod(0o644 if os.geteuid() == 0 else 0o444)
    if os.geteuid() == 0:
        os.chown(lock, 65534, 65534)  # `nobody`'s, as a build run by another account leaves it
    before = _snapshot(tmp_path / "out")

    def check() -> None:
        with contextlib.chdir(tmp_path):
            code, out, errors = sitegen_main("build", "-s", "site", "-d", "out", "--cache-dir", "./cache/")
        _assert_refused(code, out, errors, "./cache/")
        assert "lock" in errors and "choose another --cache-dir" in errors, errors

    run_with_modes_applied(check)
    assert _snapshot(tmp_path / "out") == before


@pytest.mark.parametrize("changed", [False, True])
def test_a_cache_folder_that_cannot_be_tagged_is_refused(tmp_path: Path, changed: bool) -> None:
    """A read-only cache folder whose tag was lost: `cache/CACHEDIR.TAG: cannot write the
    build cache's tag`, exit 1 (as for a build that ran), from the build and from the
    no-change check alike."""
    write_files(tmp_path / "site", _SITE)
    with contextlib.chdir(tmp_path):
        assert sitegen_main("build", "-s", "site", "-d", "out", "--cache-dir", "cache")[0] == 0
    if changed:
        (tmp_path / "site/_posts/2022-05-27-a.md").write_text(post(title="改了"), encoding="utf-8")
    (tmp_path / "cache/CACHEDIR.TAG").unlink()
    (tmp_path / "cache").chmod(0o555)
    before = _snapshot(tmp_path)

    def check() -> None:
        with contextlib.chdir(tmp_path):
            code, out, errors = sitegen_main("build", "-s", "site", "-d", "out", "--cache-dir", "cache")
        _assert_refused(code, out, errors, "cache/CACHEDIR.TAG")  # the way to clear

    try:
        run_with_modes_applied(check)
    finally:
        (tmp_path / "cache").chmod(0o755)
    assert _snapshot(tmp_path) == before


def test_a_destination_the_file_system_will_not_make_is_refused_before_building(tmp_path: Path) -> None:
    """`/proc` makes no folders, whatever `access` says of it for root: it said "cannot
    make the staging folder" once every page was rendered, exit 1."""
    write_files(tmp_path / "site", _SITE)
    code, out, errors = sitegen_main("build", "-s", str(tmp_path / "site"), "-d", "/proc/sitegen-out")
    _assert_refused(code, out, errors, "/proc/sitegen-out")
    assert "staging" not in errors, errors


def test_a_destination_is_named_as_typed(tmp_path: Path) -> None:
    """`-d ./nonempty/` was named `nonempty`."""
    write_files(tmp_path / "site", _SITE)
    write_files(tmp_path / "nonempty", {"index.html": "someone else's"})
    with contextlib.chdir(tmp_path):
        code, out, errors = sitegen_main("build", "-s", "site", "-d", "./nonempty/")
    _assert_refused(code, out, errors, "./nonempty/")
    assert (tmp_path / "nonempty/index.html").read_text(encoding="utf-8") == "someone else's"


def test_an_unreadable_source_folder_is_named_not_a_file_in_it(tmp_path: Path) -> None:
    """It said `site/_config.yml: Permission denied`, exit 1."""
    write_files(tmp_path / "site", _SITE)
    (tmp_path / "site").chmod(0o000)

    def check() -> None:
        with contextlib.chdir(tmp_path):
            code, out, errors = sitegen_main("build", "-s", "site/", "-d", "out")
        _assert_refused(code, out, errors, "site/")
        assert "_config.yml" not in errors and "source folder" in errors, errors

    try:
        run_with_modes_applied(check)
    finally:
        (tmp_path / "site").chmod(0o755)
    assert not (tmp_path / "out").exists()


def test_an_unreadable_content_folder_is_the_sites_fault_not_the_cache_folders(tmp_path: Path) -> None:
    """The cache folder's check asks where the site's folders are: `content/` without
    permission said `site/content/_posts: Permission denied`, exit 1, and once its
    errors were the cache folder's, blamed the cache folder."""
    write_files(tmp_path / "site", {"_config.yml": "title: 测试\n", "content/_posts/2022-05-27-a.md": post()})
    (tmp_path / "site/content").chmod(0o000)

    def check() -> None:
        with contextlib.chdir(tmp_path):
            code, out, errors = sitegen_main("build", "-s", "site", "-d", "out")
        _assert_refused(code, out, errors, "site/content")
        assert "cache" not in errors, errors

    try:
        run_with_modes_applied(check)
    finally:
        (tmp_path / "site/content").chmod(0o755)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("given_folder", ["missing", "a-file", "locked/out", "empty", "site", "site/_posts"])
def test_check_refuses_a_folder_that_holds_no_built_site(tmp_path: Path, given_folder: str) -> None:
    """`sitegen check nonexistent_folder` exited 1, as for broken links; an empty folder
    (a build that published nothing) passed, and a site's own folder was checked as if
    built, its templates' links all broken (exit 1)."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "locked/out").mkdir(parents=True)
    (tmp_path / "empty").mkdir()
    write_files(tmp_path / "site", {**_SITE, "_layouts/post.html": '<a href="/nowhere/">x</a>{{ content }}'})
    (tmp_path / "locked").chmod(0o000)

    def check() -> None:
        with contextlib.chdir(tmp_path):
            code, out, errors = sitegen_main("check", f"./{given_folder}/")
        _assert_refused(code, out, errors, f"./{given_folder}/")
        assert "destination" not in errors, errors  # check has none

    try:
        run_with_modes_applied(check)
    finally:
        (tmp_path / "locked").chmod(0o755)


@pytest.mark.parametrize("site_given", ["./missing/", "site/_config.yml"])
def test_check_refuses_a_site_folder_that_is_none_in_one_line_as_typed(
    tmp_path: Path, site_given: str
) -> None:
    """`check -s missing` said `missing/_site: no built site here`, naming no fault of
    the folder the user gave."""
    write_files(tmp_path / "site", _SITE)
    with contextlib.chdir(tmp_path):
        assert sitegen_main("build", "-s", "site")[0] == 0
        _assert_refused(*sitegen_main("check", "-s", site_given, "site/_site"), site_given)


@pytest.mark.parametrize(
    ("option", "typed"),
    [
        *(("-s", "./missing/"), ("-d", "./nonempty/"), ("--cache-dir", "./read-only/"), ("-d", "./a-file")),
        *(("-d", "read-only/out"), ("--cache-dir", "./read-only/cache")),
    ],
)
def test_serve_refuses_as_build_does(tmp_path: Path, option: str, typed: str) -> None:
    """The dev server builds from the real paths: its line named `/…/missing`, and a
    missing site folder exited 1; a folder on the way this user may not write in was
    named by its whole path (`may not write in /…/read-only`)."""
    write_files(tmp_path / "site", _SITE)
    write_files(tmp_path / "nonempty", {"index.html": "someone else's"})
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "read-only").mkdir()
    (tmp_path / "read-only").chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    given = {"-s": "site", "-d": "out", "--cache-dir": "cache", option: typed}
    arguments = [part for pair in given.items() for part in pair]

    def check() -> None:
        with contextlib.chdir(tmp_path):
            built = sitegen_main("build", *arguments)
            served = sitegen_main("serve", *arguments, "--port", str(free_port()))
        _assert_refused(*served, typed)
        assert served == built

    try:
        run_with_modes_applied(check)
    finally:
        (tmp_path / "read-only").chmod(0o755)
