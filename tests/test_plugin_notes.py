"""The site's `plugins:`: a plugin whose work sitegen does (jekyll-feed, jekyll-paginate,
…) is not reported; any other is named once, so a site knows what it will be missing.
Before, every build of the user's site (`plugins: [jekyll-feed]`) said sitegen ignored
`plugins`, while it published the feed that plugin makes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.plugins import DONE_BY_SITEGEN, plugin_notes
from tests.conftest import build, write_files

OTHERS = ("jemoji", "jekyll-archives", "jekyll-gist", "jekyll-mentions", "jekyll-relative-links")
NAMES = st.sampled_from(sorted(DONE_BY_SITEGEN) + list(OTHERS))


@given(st.lists(NAMES, max_size=8))
def test_only_the_plugins_sitegen_does_not_run_are_named(plugins: list[str]) -> None:
    notes = plugin_notes({"plugins": plugins}, Path("_config.yml"))
    missing = sorted(set(plugins) - DONE_BY_SITEGEN)
    if not missing:
        assert notes == ()
        return
    (note,) = notes
    named = note.message.rpartition(": ")[2].split(", ")
    assert named == missing


def test_a_plugins_value_that_is_no_list_is_said(tmp_path: Path) -> None:
    (note,) = plugin_notes({"plugins": "jekyll-feed"}, tmp_path / "_config.yml")
    assert "not a list" in note.message


def test_a_build_names_the_missing_plugin_once(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: T\nplugins: [jekyll-feed, jemoji, jekyll-paginate]\n",
        "_posts/2024-01-02-a.md": "---\ntitle: A\n---\nhi\n",
    }
    result = build(write_files(tmp_path / "site", files), destination=tmp_path / "out")
    said = [str(diagnostic) for diagnostic in result.diagnostics if "plugin" in diagnostic.message]
    assert len(said) == 1 and said[0].endswith("not published): jemoji"), said
