"""A template that cannot work for any page (it extends itself, a macro calls itself, a
name no page's context has) fails the build as a syntax error does: one error naming the
template and line, exit 1, and the last published site left as it was. It used to be
taken for each page's own fault: every page was "not published", removed from the live
folder, and the build exited 0. A template whose code fails as it runs (`{{ 1 / 0 }}`)
fails on the data of each page it fails on (`sitegen.render.template_errors`): one error
per such page naming template, line and page, which is published with the theme's
template instead; every other page stays."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import TemplateError
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, build, post, write_files

THEME_TEMPLATES = sorted(
    path.name
    for path in default_theme_dir().iterdir()
    if path.suffix == ".html" and path.name not in {"search.html", "redirect.html"}
)
"""The theme's HTML templates the test site renders (it has no search page and no tag
that repeats a category, so no redirect)."""

FAILING = {
    "{{ 1 / 0 }}": "division by zero",
    "{{ 'a' + 1 }}": 'can only concatenate str (not "int") to str',
    "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}": "RecursionError",
    "{{ (0).bit_length(1) }}": "takes no arguments (1 given)",
    "{{ no_such_name }}": "'no_such_name' is undefined",
}
"""Snippets whose evaluation raises in the template's own code, and what they raise. An
undefined name already failed the build, but was blamed on the page's own template
(`post.html`) when it was in `base.html` or a partial."""

SITE_WIDE = {"{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}", "{{ no_such_name }}"}
"""The snippets that fail the build; the others fail each page that runs them."""


def _published(url: str) -> str:
    """The file a page URL is published as."""
    relative = url.lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _sitegen(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "-s", str(site)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SITE = {
    "_config.yml": CONFIG,
    "content/_posts/2022-05-27-a.md": post("第一篇", categories="caixin", tags="财新"),
    "content/_posts/2022-05-28-b.md": post("第二篇", date="2022-05-28 09:00:00 +0800"),
    "content/about.md": "---\nlayout: page\ntitle: 关于\n---\n关于本站\n",
}


@settings(max_examples=16, deadline=None)
@given(
    name=st.sampled_from(THEME_TEMPLATES),
    snippet=st.sampled_from(sorted(FAILING)),
    at_line=st.integers(min_value=0, max_value=40),
)
def test_a_template_failing_in_its_own_code_fails_the_build_or_its_pages(
    name: str, snippet: str, at_line: int
) -> None:
    """Any theme template overridden by a copy with a failing expression at any line."""
    with tempfile.TemporaryDirectory() as scratch:
        site = write_files(Path(scratch) / "site", SITE)
        assert build(site).errors == ()
        before = _tree(site / "_site")
        lines = (default_theme_dir() / name).read_text(encoding="utf-8").split("\n")
        # Into the first block the template opens, or at the top: where it is run.
        opening = next((index for index, line in enumerate(lines) if "{% block" in line), -1)
        index = min(opening + 1 if opening >= 0 else at_line, len(lines))
        lines.insert(index, snippet)
        write_files(site, {f"templates/{name}": "\n".join(lines)})

        if snippet in SITE_WIDE:
            try:
                build(site)
            except TemplateError as error:  # what the command prints as one line, exit 1
                assert str(error.path).endswith(f"templates/{name}") and error.line == index + 1, error
                assert FAILING[snippet] in str(error)
            # Failed or not (a template this site never renders), nothing published changed.
            assert _tree(site / "_site") == before
            return
        try:
            result = build(site)
        except TemplateError as error:
            # It failed on every page of some kind: the site's fault, nothing published changed.
            assert "fails on every page it renders" in str(error) and FAILING[snippet] in str(error)
            assert str(error.path).endswith(f"templates/{name}") and error.line == index + 1, error
            assert _tree(site / "_site") == before
            return
        fallen_back = set()
        for diagnostic in result.errors:
            assert str(diagnostic.path).endswith(f"templates/{name}"), diagnostic
            assert diagnostic.line == index + 1, diagnostic
            text = diagnostic.message
            assert FAILING[snippet] in text and not re.search(r"\w+Error\b", text)
            assert text.endswith(" instead") and "published with the theme's " in text, text
            (url,) = re.findall(r"while rendering (\S+): ", text)
            fallen_back.add(_published(url))
        assert len(fallen_back) == result.pages_fallen_back and result.pages_left_out == 0
        # Each page the template failed on is published with the theme's template, which
        # is what the site used before the override: every file is as it was.
        assert _tree(site / "_site") == before


def test_a_template_extending_itself_fails_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    """As the user runs it: exit 1, one error line naming the template and line."""
    site = write_files(tmp_path / "site", SITE)
    assert _sitegen(site).returncode == 0
    before = _tree(site / "_site")
    write_files(site, {"templates/base.html": '{% extends "base.html" %}\n'})
    failed = _sitegen(site)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    errors = [line for line in failed.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "templates/base.html:1: RecursionError" in errors[0], failed.stderr
    assert _tree(site / "_site") == before
