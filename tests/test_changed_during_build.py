"""A published site changed between the listing the render stage kept pages by and the
moment of publishing (its folder removed, replaced, or its top changed) is never
published over as if it were whole: the build stops with one line, and the next build
publishes the whole site."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import build as build_module
from sitegen.errors import OutputError
from sitegen.publish.writer import publish as real_publish
from tests.conftest import PROJECT_ROOT, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run, site_files


def _remove(destination: Path) -> None:
    shutil.rmtree(destination)


def _replace_by_empty(destination: Path) -> None:
    shutil.rmtree(destination)
    destination.mkdir()


def _add_at_top(destination: Path) -> None:
    (destination / "stray.html").write_text("not planned", encoding="utf-8")


def _remove_at_top(destination: Path) -> None:
    (destination / "feed.xml").unlink()


BASE = (PROJECT_ROOT / "templates" / "base.html").read_text(encoding="utf-8")

TAMPERS: dict[str, Callable[[Path], None]] = {
    "remove the site": _remove,
    "replace it by an empty folder": _replace_by_empty,
    "add a file at its top": _add_at_top,
    "remove a file at its top": _remove_at_top,
}


@settings(max_examples=4, deadline=None)
@given(tamper=st.sampled_from(sorted(TAMPERS)), journaled=st.booleans())
def test_a_site_changed_while_the_build_ran_is_not_published_over(
    tamper: str, journaled: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("changed")
    site = write_files(root / "site", site_files(40))
    destination = root / "out"
    run(site, destination)
    # A post added (journaled: a few files) or every page's template edited (a swap).
    extra = (
        {"content/_posts/2022-06-01-new.md": post("新", "2022-06-01 09:00:00 +0800")}
        if journaled
        else {"templates/base.html": BASE.replace("</body>", "<!-- 新 --></body>", 1)}
    )
    write_files(site, extra)

    def tampered(target: Path, *args: object, **kwargs: object) -> object:
        TAMPERS[tamper](target)  # between the listing and publishing
        return real_publish(target, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "publish", tampered)
        with pytest.raises(OutputError, match="changed while this build ran"):
            run(site, destination)
    run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, root)
