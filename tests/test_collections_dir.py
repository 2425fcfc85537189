"""`collections_dir` holds the posts, drafts and collections, as in Jekyll 4.3 (the
reference: `Site#collections_path`, `Reader#outside_configured_directory?`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.scan import scan_sources
from tests.conftest import build, files_below, jekyll_build, write_files

_PAGE = "---\ntitle: {0}\n---\n{0}\n"

#: Where a file may sit, below the collections folder or beside it.
PLACES = ("_posts/2020-01-01-a.md", "news/_posts/2020-01-02-b.md", "_drafts/idea.md", "_notes/n.md", "pg.md")


@given(
    st.sampled_from(("", "my_collections", "a/b")),
    st.lists(st.tuples(st.booleans(), st.sampled_from(PLACES)), unique=True),
)
def test_posts_drafts_and_documents_are_read_only_below_the_collections_folder(
    container: str, chosen: list[tuple[bool, str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files: dict[str, str | bytes] = {"_config.yml": "title: t\n"}
        for inside, place in chosen:
            files[f"{container}/{place}".lstrip("/") if inside else place] = _PAGE.format(place)
        site = write_files(Path(folder), files)
        tree = scan_sources(site, (), (), ("_notes",), (), container)
        inside_places = {place for inside, place in chosen if inside or not container}
        expect = {place for place in inside_places if "_posts/" in place}
        assert {str(s.relative_path) for s in tree.posts} == expect
        assert {str(s.relative_path) for s in tree.drafts} == {p for p in inside_places if "_drafts/" in p}
        assert {str(s.relative_path) for s in tree.documents} == {p for p in inside_places if "_notes/" in p}
        pages = {f"{container}/{p}".lstrip("/") if inside else p for inside, p in chosen if p == "pg.md"}
        assert {str(s.relative_path) for s in tree.others} == pages


def test_a_site_with_collections_dir_publishes_what_jekyll_publishes(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: C\nurl: https://c.example.com\ncollections_dir: my_collections\n"
            "collections:\n  notes:\n    output: true\n",
            "my_collections/_posts/2020-01-01-p.md": _PAGE.format("P"),
            "my_collections/news/_posts/2020-01-01-q.md": _PAGE.format("Q"),
            "my_collections/_notes/n.md": _PAGE.format("N"),
            "my_collections/pg.md": _PAGE.format("pg"),
            "_posts/2020-01-01-top.md": _PAGE.format("Top"),
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    assert not result.errors
    jekyll = files_below(tmp_path / "jekyll", "*.html")
    assert jekyll == {"2020/01/01/p.html", "news/2020/01/01/q.html", "notes/n.html", "my_collections/pg.html"}
    published = files_below(tmp_path / "sitegen", "*.html")
    assert jekyll <= published
    assert not {"my_collections/2020/01/01/p.html", "2020/01/01/top.html"} & published
