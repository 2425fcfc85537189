"""A Jekyll tree's `_layouts/` is not run; the build says so once, naming a few layouts,
so a site moved off Jekyll does not change its look without a word."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, post, write_files

LAYOUT_NAMES = st.lists(
    st.sampled_from(["default.html", "post.html", "page.html", "home.html", "x.md"]), unique=True
)


@settings(max_examples=8, deadline=None)
@given(names=LAYOUT_NAMES)
def test_a_jekyll_trees_layouts_are_named_once(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        files = {"_config.yml": CONFIG, "_posts/2022-05-27-a.md": post()}
        files.update({f"_layouts/{name}": "<html>{{ content }}</html>\n" for name in names})
        site = write_files(Path(scratch) / "site", files)
        result = build(site)
        notes = [str(note) for note in result.warnings if "Jekyll layouts are not run" in note.message]
        if not names:
            assert notes == []
            return
        (note,) = notes
        assert note.startswith(f"warning: {site / '_layouts'}: ")
        assert all(name in note for name in sorted(names)[:3])
        assert ("more" in note) == (len(names) > 3)
