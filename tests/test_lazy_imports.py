"""Libraries a build needs only for some inputs are imported only when such an input is
met: every command pays for what it imports, a rebuild of a large site included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, write_files
from tests.test_incremental import site_files


def _modules_after_build(site: Path, destination: Path, packages: tuple[str, ...] = ("sass", "_sass")) -> str:
    script = (
        "import sys\nfrom sitegen.cli import main\n"
        f"code = main(['build', '-s', {str(site)!r}, '-d', {str(destination)!r}])\n"
        f"print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in {packages!r}), code)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True
    )
    return run.stdout


def test_libsass_is_imported_only_by_a_build_that_compiles_sass(tmp_path: Path) -> None:
    plain = write_files(tmp_path / "plain", site_files(3))
    assert "LOADED [] 0" in _modules_after_build(plain, tmp_path / "plain-out")
    styled = write_files(
        tmp_path / "styled", {**site_files(3), "content/style.scss": "---\n---\na { b { color: red; } }\n"}
    )
    assert "LOADED ['_sass', 'sass'] 0" in _modules_after_build(styled, tmp_path / "styled-out")
    assert "a b {" in (tmp_path / "styled-out" / "style.css").read_text(encoding="utf-8")


def test_python_liquid_is_imported_only_by_a_build_with_liquid_to_render(tmp_path: Path) -> None:
    """A wrapper of filters imported by every build once imported python-liquid (a tenth
    of a second or more) with it, for sites without a line of Liquid."""
    plain = write_files(tmp_path / "plain", site_files(3))
    assert "LOADED [] 0" in _modules_after_build(plain, tmp_path / "plain-out", ("liquid",))
    page = "---\ntitle: t\n---\n{% assign n = 2 | plus: 3 %}{{ n }}\n"
    with_liquid = write_files(tmp_path / "liquid", {**site_files(3), "content/about.html": page})
    assert "'liquid'" in _modules_after_build(with_liquid, tmp_path / "liquid-out", ("liquid",))
    assert "5" in (tmp_path / "liquid-out" / "about.html").read_text(encoding="utf-8")
