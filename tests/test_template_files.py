"""A template file that cannot be used (not UTF-8, unreadable, a folder in its place, any
bytes at all) fails the build in one line naming it, never a traceback, and never falls
back to the theme's template unseen."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import TemplateError
from tests.conftest import SiteFactory, build, is_utf8, run_unprivileged, sitegen_main, write_files
from tests.test_build import BASIC

#: Template files of every kind: the theme's own names (one extended by every page, one
#: included, one per kind of page), and one no page uses.
TEMPLATE_NAMES = st.sampled_from(
    [
        "templates/page.html",
        "templates/base.html",
        "templates/_seo.html",
        "templates/feed.xml",
        "templates/own.html",
    ]
)
#: Bytes a template file may hold: anything, UTF-8 text, or a good template cut by bad bytes.
TEMPLATE_BYTES = (
    st.binary(max_size=40)
    | st.text(max_size=40).map(lambda text: text.encode("utf-8"))
    | st.tuples(st.sampled_from([b"{{ page.title }}\n", b"<p>\n"]), st.binary(min_size=1, max_size=3)).map(
        b"".join
    )
)


def build_cli(site: Path) -> tuple[int, str]:
    """`sitegen build -j 1` in-process (templates are all read before any worker would
    start): its exit code and what it printed to stderr."""
    code, _, stderr = sitegen_main("build", "-s", str(site), "-j", "1")
    return code, stderr


@pytest.mark.parametrize("name", ["templates/page.html", "templates/_seo.html"])
def test_a_template_that_is_not_utf8_fails_the_build_naming_template_and_line(
    make_site: SiteFactory, name: str
) -> None:
    site = make_site({**BASIC, name: b"<p>\n\xff\xfe\n"})
    with pytest.raises(TemplateError, match="not UTF-8") as caught:
        build(site)
    assert caught.value.path == site / name and caught.value.line == 2


def test_a_template_that_is_a_folder_fails_the_build_naming_it(make_site: SiteFactory) -> None:
    """A folder (or a dangling link) in place of a template is the site's mistake, not a
    reason to fall back to the theme's template unseen."""
    site = make_site({**BASIC, "templates/page.html/inside.txt": "x"})
    with pytest.raises(TemplateError, match="not a readable file") as caught:
        build(site)
    assert caught.value.path == site / "templates/page.html"


def test_a_template_that_cannot_be_read_fails_the_build_naming_it(world_readable_tmp: Path) -> None:
    site = write_files(world_readable_tmp / "site", BASIC)
    build(site)  # imports every module while it may
    write_files(site, {"templates/page.html": "x"})
    for path in (site, *site.rglob("*")):
        path.chmod(0o777 if path.is_dir() else 0o666)
    (site / "templates/page.html").chmod(0)

    def check() -> None:
        with pytest.raises(TemplateError, match=r"cannot be read \(Permission denied\)") as caught:
            build(site)
        assert caught.value.path == site / "templates/page.html"

    run_unprivileged(check)


@given(name=TEMPLATE_NAMES, data=TEMPLATE_BYTES)
@settings(max_examples=50)
def test_any_bytes_as_a_template_build_or_fail_in_one_line_naming_it(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", {**BASIC, name: data})
        code, stderr = build_cli(site)
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    if code == 0:
        assert errors == [], stderr
        return
    assert code == 1 and len(errors) == 1 and "template" in errors[0], stderr
    if not is_utf8(data):
        assert f"{Path(folder) / 'site' / name}:" in errors[0] and "not UTF-8" in errors[0], stderr
