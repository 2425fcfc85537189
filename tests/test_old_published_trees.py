"""A site sitegen published inside the site folder before is never read as a source.

Moving the destination (`destination:` or `-d`) left the old tree in the site folder,
and the next build published it again below the new destination: one more copy of the
site at every move (30 files, 60, 120). Every tree sitegen publishes holds its marker
(`sitegen.content.published_marker`); a folder holding it is skipped with one warning.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, files_below, tree_bytes, write_files

SITE = {
    "_config.yml": "title: T\nurl: https://example.com\n",
    "_posts/2024-05-06-hello.md": "---\ntitle: Hello\ncategories: news\n---\nBody.\n",
    "about.md": "---\ntitle: About\n---\nAbout us.\n",
}
PLACES = ("out", "public", "docs/site", "a/b/pub")


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(PLACES), min_size=1, max_size=4))
def test_moving_the_destination_inside_the_site_never_republishes_an_old_tree(
    tmp_path_factory: object, places: list[str]
) -> None:
    root = Path(tmp_path_factory.mktemp("moves"))  # type: ignore[attr-defined]
    site = write_files(root / "site", SITE)
    first = build(site, destination=root / "outside", cache=False)
    published = files_below(root / "outside")
    for place in places:
        result = build(site, destination=site / place)
        assert files_below(site / place) == published, place
        for old in set(places) - {place}:
            if (site / old).is_dir() and not (site / place).is_relative_to(site / old):
                assert any(str(site / old) in str(d) for d in result.diagnostics), old
    clean = build(site, destination=root / "clean", cache=False)
    assert tree_bytes(root / "clean") == tree_bytes(site / places[-1])
    assert clean.files_written == first.files_written


def test_a_sites_own_dot_sitegen_file_is_only_a_file(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {**SITE, "notes/.sitegen": "mine\n", "notes/n.html": "<p>n</p>\n"})
    result = build(site, destination=tmp_path / "out", cache=False)
    assert (tmp_path / "out/notes/n.html").is_file()
    assert not any("notes" in str(d) for d in result.diagnostics)
