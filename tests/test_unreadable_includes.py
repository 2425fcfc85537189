"""An include that cannot be found or read for a reason of the file system (its folder
without permission, the file without permission, gone between look and read) is that
tag's problem, one line naming the include; the page is published without the tag. It
was an exception that cost the page, and the build removed its published version."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import nullcontext
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.conftest import CONFIG, run_with_modes_applied, sitegen_main, write_files

_ODD = ("folder 000", "folder not searchable", "file 000", "file vanishes", "folder in its place")
"""What is wrong with the include: its folder without any permission, or without the
permission to look inside (`r` without `x`), the file without permission, the file gone
between finding and reading it, a folder where the file was."""


def _break(includes: Path, odd: str) -> None:
    target = includes / "i.html"
    if odd == "folder 000":
        includes.chmod(0)
    elif odd == "folder not searchable":
        includes.chmod(0o600)
    elif odd == "file 000":
        target.chmod(0)
    elif odd == "folder in its place":
        target.unlink()
        target.mkdir()


def test_every_odd_include_is_its_tags_problem_and_the_page_is_rendered_without_it() -> None:
    """A property over which part is odd and which tag reads it."""

    @given(odd=st.sampled_from(_ODD), relative=st.booleans())
    def each(odd: str, relative: bool) -> None:
        site = Path(tempfile.mkdtemp(prefix="sitegen-test-"))
        try:
            includes = site / ("pages" if relative else "_includes")
            write_files(includes, {"i.html": "INC"})
            _break(includes, odd)
            tag = "include_relative" if relative else "include"
            engine = LiquidEngine(
                FilterSettings("", "", ZoneInfo("UTC"), "kramdown"),
                (site / "_includes",),
                SiteLinks({}, {}),
                site,
            )
            gone = FileNotFoundError(2, "No such file or directory")
            with (
                mock.patch("sitegen.liquid.include.read_regular", side_effect=gone)
                if odd == "file vanishes"
                else nullcontext()
            ):
                outcome = engine.render(f"a {{% {tag} i.html %}} b", {"page": {"path": "pages/p.md"}})
            assert outcome.text == "a  b"
            assert len(outcome.problems) == 1, outcome.problems
            assert "i.html'" in outcome.problems[0].message
            assert "Errno" not in outcome.problems[0].message
        finally:
            includes.chmod(0o755)
            shutil.rmtree(site)

    run_with_modes_applied(each)


@pytest.mark.parametrize("mode", [0o000, 0o600, 0o644])
def test_an_unreadable_includes_folder_keeps_the_page_published_without_the_tag(
    tmp_path: Path, mode: int
) -> None:
    """The reported tree: `_includes/` at mode 000 removed the published `about.html`;
    at 644 (listed, not entered) the build stopped with a traceback (the clock check)."""

    def check() -> None:
        site = write_files(
            tmp_path / "s",
            {
                "_config.yml": CONFIG,
                "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nbody\n",
                "_includes/i.html": "INC",
                "about.md": "---\ntitle: About\nlayout: null\n---\nabout [{% include i.html %}]\n",
            },
        )
        destination = tmp_path / "out"
        code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and "[INC]" in (destination / "about.html").read_text(), err
        (site / "_includes").chmod(mode)
        try:
            code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        finally:
            (site / "_includes").chmod(0o755)
        errors = [line for line in err.splitlines() if line.startswith("error: ")]
        assert errors == [
            f"error: {site / 'about.md'}:5: Liquid: included file '_includes/i.html' cannot be read "
            "(Permission denied); published without the broken tag"
        ], err
        assert code == 0 and "about []" in (destination / "about.html").read_text()

    run_with_modes_applied(check)
