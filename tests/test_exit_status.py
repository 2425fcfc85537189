"""`sitegen build`'s exit status tells what to fix: 2 when it refused to start (the
command line, a setting, or a folder they name: the destination, the cache folder), 1
when it ran and failed (`--strict` with an error, a publish the system refused), 0 when
it published, 130/143 when it was stopped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import post, run_with_modes_applied, sitegen_main, write_files

_SITE = {"_config.yml": "title: 测试\n", "_posts/2022-05-27-a.md": post()}


def _refused_destinations(root: Path) -> dict[str, str]:
    """A destination refused before building, by what is wrong with it → `-d` value."""
    (root / "a-file").write_text("x", encoding="utf-8")
    write_files(root / "foreign", {"index.html": "someone else's"})
    return {
        "the file-system root": "/",
        "a home folder's parent": str(Path.home().parent),
        "the site folder": str(root / "site"),
        "a source folder": str(root / "site/_posts"),
        "a file": str(root / "a-file"),
        "below a file": str(root / "a-file/out"),
        "a folder of files sitegen did not write": str(root / "foreign"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "the file-system root",
        "a home folder's parent",
        "the site folder",
        "a source folder",
        "a file",
        "below a file",
        "a folder of files sitegen did not write",
    ],
)
def test_a_refused_destination_exits_2_in_one_line_building_nothing(tmp_path: Path, kind: str) -> None:
    write_files(tmp_path / "site", _SITE)
    destination = _refused_destinations(tmp_path)[kind]
    before = sorted(os.listdir(tmp_path / "site"))
    code, out, errors = sitegen_main("build", "-s", str(tmp_path / "site"), "-d", destination)
    lines = [line for line in errors.splitlines() if line.startswith("error: ")]
    assert code == 2 and len(lines) == 1 and "Traceback" not in errors, (kind, errors)
    assert out == "" and sorted(os.listdir(tmp_path / "site")) == before


def test_a_refused_cache_folder_exits_2_as_a_refused_destination(tmp_path: Path) -> None:
    write_files(tmp_path / "site", _SITE)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    code, _, errors = sitegen_main(
        "build", "-s", str(tmp_path / "site"), "--cache-dir", str(tmp_path / "a-file")
    )
    assert code == 2 and "Traceback" not in errors, errors


def test_a_strict_build_with_an_error_exits_1(tmp_path: Path) -> None:
    write_files(tmp_path / "site", {**_SITE, "_posts/2022-05-28-bad.md": "---\ntitle: [\n---\nx\n"})
    code, _, errors = sitegen_main("build", "-s", str(tmp_path / "site"), "--strict")
    assert code == 1 and "2022-05-28-bad.md" in errors, errors
    assert not (tmp_path / "site/_site").exists()


def test_a_cache_folder_below_a_folder_this_user_may_not_write_in_is_named_so(tmp_path: Path) -> None:
    """It said `…/cache/lock: cannot make the build lock (Permission denied)`, naming
    the lock rather than the folder to fix, and exited 1."""
    write_files(tmp_path / "site", _SITE)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o555)
    cache = tmp_path / "locked/cache"

    def check() -> None:
        code, _, errors = sitegen_main("build", "-s", str(tmp_path / "site"), "--cache-dir", str(cache))
        lines = [line for line in errors.splitlines() if line.startswith("error: ")]
        said = f"the cache folder cannot be made: this user may not write in {tmp_path / 'locked'}"
        assert code == 2 and lines == [f"error: {cache}: {said}; choose another --cache-dir"], errors

    try:
        run_with_modes_applied(check)
    finally:
        (tmp_path / "locked").chmod(0o755)
