"""`collections_dir` holds the posts, drafts and collections, as in Jekyll 4.3 (the
reference: `Site#collections_path`, `Reader#outside_configured_directory?`)."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.scan import scan_sources
from sitegen.jekyll.collections_folder import collections_folder, reads_posts_in
from tests.conftest import build, built_by_both, files_below, jekyll_build, one_seeded_batch, write_files
from tests.published_sources import marked

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


#: What a `collections_dir` value is made of: folder names, the two dot segments, empty
#: segments (`//`), a leading `~`, so values that leave the site (`../..`) are drawn.
_SEGMENTS = ("c", "d", "..", ".", "", "~c")


def _value(rng: random.Random) -> str:
    segments = [rng.choice(_SEGMENTS) for _ in range(rng.randint(1, 4))]
    return rng.choice(("", "/")) + "/".join(segments) + rng.choice(("", "/"))


#: Folders (below `outer/x/`, where the site is `outer/x/site`) holding posts, drafts and
#: documents: in the site, in the folders a value may name, and outside the site.
_HOLDERS = ("site", "site/c", "site/d", "site/c/d", "site/c/news", "site/c/c", "x", "outer", "site/~c")


def _collections_site(root: Path, value: str) -> Path:
    files: dict[str, str | bytes] = {
        "site/_config.yml": f"title: T\ncollections_dir: {json.dumps(value)}\n"
        "collections:\n  notes: {output: true}\n",
    }
    for number, holder in enumerate(_HOLDERS):
        post = f"{holder}/_posts/2020-01-0{number % 9 + 1}-p{number}.md"
        files[post] = marked("POST", number, "title: P\n")
        files[f"{holder}/_notes/n{number}.md"] = marked("DOC", number, "title: N\n")
    write_files(root / "outer" / "x", files)
    return root / "outer" / "x" / "site"


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_any_collections_dir_reads_what_jekyll_reads_and_nothing_outside_the_site(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    """Jekyll keeps the collections' folder inside the site (`sanitized_path`) and reads
    posts only where a folder's path starts with the setting; a value leading out of the
    site (`../..`) read and published the posts of the folders above it, and dropped the
    site's own."""
    rng = random.Random(seed)
    values = [*(_value(rng) for _ in range(24)), "../..", "../x", "c/", "/c", "./c", "c/../../..", "c", ""]
    root = tmp_path_factory.mktemp("collections-dir")
    sites = [_collections_site(root / f"s{number}", value) for number, value in enumerate(values)]
    for value, both in zip(values, built_by_both(sites), strict=True):
        site, result = both.site, both.result
        assert [d for d in result.diagnostics if d.level == "error"] == [], value
        expected = both.jekyll
        if any(site.as_posix().lstrip("/") in path for path in expected):
            # Jekyll's own slip: a value leading out of the site puts the site's absolute
            # path into its documents' URLs (`notes/srv/www/site/n0.html`); sitegen keeps
            # each at its collection's URL.
            expected = {
                f"notes/{path.rpartition('/')[2]}" if site.as_posix().lstrip("/") in path else path: marker
                for path, marker in expected.items()
            }
        assert both.sitegen == expected, value
        noted = any("setting 'collections_dir'" in d.message for d in result.diagnostics)
        folder = collections_folder(value, str(site))
        assert noted == (not reads_posts_in(folder, value)), value
        if noted:  # said where Jekyll reads none of the collections' folder's own posts
            assert not any(name.startswith("POST") for name in expected.values()) or folder.parts, value
        # Said too where a folder that is not there, or the collections' folder beside the
        # top-level `_posts/`, leaves posts unread without a word from Jekyll.
        read = bool(value) and reads_posts_in(folder, value) and bool(folder.parts)
        missing = read and not (site / folder).is_dir()
        assert any("names no folder of the site" in d.message for d in result.diagnostics) == missing, value
        assert any(d.path == site / "_posts" for d in result.diagnostics) == (read and not missing), value
