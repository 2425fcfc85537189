"""How the command ends: at once, its output flushed, holding what the build made rather
than freeing it (about a second at 100,000 posts); and quietly when whoever reads its
output has gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO

from sitegen.build import BuildOptions, build_site
from sitegen.site.plan import SitePlan
from tests.conftest import NOW, write_files
from tests.test_incremental import site_files

_PROJECT = Path(__file__).resolve().parent.parent


def _command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "sitegen", *arguments]


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(_PROJECT)}


def test_a_build_hands_what_it_made_to_the_holder(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(12))
    held: list[object] = []
    build_site(BuildOptions(source=site, destination=tmp_path / "out", now=NOW), hold=held)
    plans = [plan for value in held if isinstance(plan := getattr(value, "plan", None), SitePlan)]
    assert len(plans) == 1 and len(plans[0].pages) > 12


def test_the_command_prints_everything_and_keeps_its_exit_status(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(12))
    clean = subprocess.run(
        _command("build", "-s", str(site)), capture_output=True, text=True, cwd=tmp_path, env=_environment()
    )
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.startswith("built 12 posts") and clean.stdout.endswith("\n")
    write_files(site, {"content/_posts/2022-04-29-bad.md": "---\ntitle: [unclosed\n---\n"})
    strict = subprocess.run(
        _command("build", "-s", str(site), "--strict"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
    )
    assert strict.returncode == 1
    assert "bad.md" in strict.stderr and "Traceback" not in strict.stderr


def _build_into(site: Path, stdout: int | IO[str]) -> subprocess.CompletedProcess[str]:
    """`sitegen build` of `site` with its report written to `stdout`."""
    return subprocess.run(
        _command("build", "-s", str(site)),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=site.parent,
        env=_environment(),
    )


def test_output_to_a_reader_that_has_gone_is_no_traceback(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(12))
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before anything is written
    try:
        done = _build_into(site, writing)
    finally:
        os.close(writing)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (site / "_site" / "index.html").is_file()


def test_a_report_to_a_full_disk_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(12))
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _build_into(site, full)
    assert done.returncode == 1
    # The site's two title clashes are warned first (`site_files` tags categories in turn).
    lines = [line for line in done.stderr.splitlines() if not line.startswith("warning: ")]
    assert lines == ["error: cannot write the report: No space left on device"]
    assert (site / "_site" / "index.html").is_file()
