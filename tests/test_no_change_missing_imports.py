"""A Sass import that looked outside the site in a folder that is not there: the folder
is an input all the same, so a partial made there later is a change, not "nothing
changed" over a stylesheet that failed."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_no_change import _clean_tree
from tests.test_no_change_inputs import _cli_build


@settings(max_examples=8, deadline=None)
@given(
    depth=st.integers(min_value=1, max_value=3),
    there=st.integers(min_value=0, max_value=3),
    absolute=st.booleans(),
)
def test_a_partial_made_where_an_import_found_no_folder_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, depth: int, there: int, absolute: bool
) -> None:
    """The import's folder is `depth` folders below a folder outside the site, of which
    the first `there` exist when the site is built (none to all but the last)."""
    root = tmp_path_factory.mktemp("import")
    there = min(there, depth - 1)
    folders = [f"f{level}" for level in range(depth)]
    base = root / "shared"
    base.joinpath(*folders[:there]).mkdir(parents=True, exist_ok=True)
    site = root / "site"
    target = base.joinpath(*folders, "part")
    spelled = str(target) if absolute else os.path.relpath(target, site)  # as Jekyll: from the site
    write_files(
        site,
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            "content/assets/style.scss": f'---\n---\n@import "{spelled}";\nbody {{ color: red; }}\n',
        },
    )
    destination = root / "out"
    _cli_build(site, destination)
    assert not (destination / "assets" / "style.css").exists()
    assert _cli_build(site, destination).startswith("nothing changed")
    write_files(base.joinpath(*folders), {"_part.scss": ".shared { color: blue; }\n"})
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert ".shared" in (destination / "assets" / "style.css").read_text(encoding="utf-8")
    assert tree_bytes(destination) == _clean_tree(site, root)
