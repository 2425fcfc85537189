"""A command started in a folder that no longer exists (a shell left in a folder a
deploy or `git` replaced) says so in one line, exit 2, never a traceback; given full
paths it runs as ever."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import WORKING_FOLDER_GONE
from tests.conftest import CONFIG, post, write_files


def _run_in_a_deleted_folder(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`sitegen ARGUMENTS` with its working folder removed just before it starts."""
    gone = root / "gone"
    gone.mkdir()
    command = 'cd "$1" && rmdir "$1" && shift && exec "$@"'
    return subprocess.run(
        ["sh", "-c", command, "sh", str(gone), sys.executable, "-m", "sitegen", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "arguments",
    [
        ("build",),
        ("build", "-s", "."),
        ("build", "-d", "out"),
        ("check",),
        ("serve", "--port", "0"),
        ("init", "newsite"),
    ],
)
def test_a_relative_path_read_from_a_deleted_working_folder_is_one_line(
    tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    done = _run_in_a_deleted_folder(tmp_path, *arguments)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"error: {WORKING_FOLDER_GONE}\n"
    assert "Traceback" not in done.stdout + done.stderr


def test_full_paths_build_from_a_deleted_working_folder(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    done = _run_in_a_deleted_folder(tmp_path, "build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "index.html").is_file()
