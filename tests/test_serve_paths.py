"""`sitegen serve` names files as `sitegen build` does: by the site folder as the command
line named it (`content/_posts/a.md` run in the site, `site/content/…` run beside it),
not by the real path the server builds from."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import free_port, write_files

BAD = "---\ntitle: [unclosed\n---\n<p>x</p>\n"


def _sitegen() -> str:
    return str(Path(sys.executable).parent / "sitegen")


def _served_lines(cwd: Path, given: str) -> list[str]:
    """What `sitegen serve -s GIVEN` prints before it serves (its first build)."""
    log = cwd / f"serve-{free_port()}.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [_sitegen(), "serve", "--port", str(free_port()), "-s", given], cwd=cwd, stdout=out, stderr=out
        )
        try:
            deadline = time.monotonic() + 60
            while "serving http" not in log.read_text(encoding="utf-8"):
                assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.1)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return log.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("given", [".", "site", "./site/", "link"])
def test_serve_names_files_as_build_does(tmp_path: Path, given: str) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nurl: https://ex.com\n",
            "_posts/2024-01-01-bad.md": BAD,
            "_posts/2024-01-02-good.md": "---\ntitle: Good\n---\n<p>ok</p>\n",
        },
    )
    (tmp_path / "link").symlink_to(site, target_is_directory=True)
    cwd = site if given == "." else tmp_path
    command = [_sitegen(), "build", "-s", given, "-d", str(tmp_path / "out")]
    built = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    expected = [line for line in built.stderr.splitlines() if line.startswith("error:")]
    assert len(expected) == 1 and "_posts/2024-01-01-bad.md:2:" in expected[0], built.stderr
    served = [line for line in _served_lines(cwd, given) if line.startswith("error:")]
    assert served == expected
