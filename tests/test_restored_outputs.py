"""A published file deleted by hand is written back, and the summary says so truly.

A file deleted from its folder leaves the folder empty, which the listing of the live
tree counts as a stray; the folder is not removed but filled again, so the summary and
the changed paths (what live reload refreshes) must not count it as removed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, generated_posts, tree_bytes, write_files

_POSTS = generated_posts(6, month=5, categories=2, tags=2, body="<p>{number}</p>\n")
_FILES = {"_config.yml": CONFIG, **_POSTS}


@settings(max_examples=10)  # two builds an example
@given(picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=4, unique=True), folders=st.booleans())
def test_deleted_outputs_are_written_back_and_nothing_is_counted_removed(
    tmp_path_factory: pytest.TempPathFactory, picks: list[int], folders: bool
) -> None:
    root = tmp_path_factory.mktemp("restore")
    site = write_files(root / "site", _FILES)
    build(site, destination=root / "out")
    before = tree_bytes(root / "out")
    pages = sorted(path for path in before if path.endswith(".html") and "/" in path)
    deleted = sorted({pages[pick % len(pages)] for pick in picks})
    for path in deleted:
        target = root / "out" / path
        if folders and target.parent.exists() and len(list(target.parent.iterdir())) == 1:
            shutil.rmtree(target.parent)  # the page's folder goes with it
        else:
            target.unlink(missing_ok=True)

    result = build(site, destination=root / "out")

    assert tree_bytes(root / "out") == before
    assert result.files_removed == 0, result.changed_paths
    assert result.files_written == len(deleted)
    assert sorted(result.changed_paths) == deleted


def test_the_reported_example_counts_no_removal(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", _FILES)
    build(site, destination=tmp_path / "out")
    page = next(path for path in sorted((tmp_path / "out").rglob("*.html")) if len(path.parent.name) == 2)
    page.unlink()  # its day folder is left empty

    result = build(site, destination=tmp_path / "out")

    assert page.is_file()
    assert (result.files_written, result.files_removed) == (1, 0)
