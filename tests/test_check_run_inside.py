"""`sitegen check` run as a user runs it: from inside the folder a build published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build, write_files


@pytest.mark.parametrize("named", [".", "./", "../out", "../out/"])
def test_check_run_inside_the_built_folder_reads_the_sites_settings(tmp_path: Path, named: str) -> None:
    """`cd _site && sitegen check .`: the site is the built folder's parent as named from
    there, not `.` itself (which was refused as the source folder); its `baseurl` is read,
    so the links under it resolve."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nurl: https://news.example.com\nbaseurl: /news\n",
            "_posts/2024-01-02-a.md": "---\ntitle: A\n---\n正文\n",
        },
    )
    build(site, destination=site / "out", cache=False)
    completed = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", named],
        cwd=site / "out",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("0 broken internal links"), completed.stdout
