"""A `content/` folder makes a site sitegen's layout only when the top level holds no
Jekyll sources; a Jekyll tree with a `content/` folder is read as Jekyll reads it, and
nothing outside `content/` is lost (Jekyll 4.3 is the reference)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.scan import scan_sources
from tests.conftest import build, files_below, jekyll_build, write_files

_PAGE = "---\ntitle: {0}\n---\n{0}\n"

#: Pieces of a tree; those marked True are Jekyll sources at the top (outside
#: `content/`, `templates/` and the folders sitegen's layout shares).
PIECES: dict[str, tuple[str, bool]] = {
    "_posts/2020-01-01-a.md": (_PAGE.format("A"), True),
    "news/_posts/2020-01-02-b.md": (_PAGE.format("B"), True),
    "about.md": (_PAGE.format("About"), True),
    "_docs/install.md": (_PAGE.format("Install"), True),
    "README.md": ("no front matter\n", False),
    "_data/d.yml": ("a: 1\n", False),
    "templates/extra.html": ("<p>x</p>\n", False),
    "content/_posts/2020-01-03-c.md": (_PAGE.format("C"), False),
    "content/guide.md": (_PAGE.format("Guide"), False),
    "content/images/logo.png": ("PNG", False),
}


def _files(chosen: list[str]) -> dict[str, str | bytes]:
    return {"_config.yml": "title: t\n", **{name: PIECES[name][0] for name in chosen}}


@given(st.lists(st.sampled_from(sorted(PIECES)), unique=True))
def test_a_tree_is_sitegens_layout_only_without_jekyll_sources_at_the_top(chosen: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder), _files(chosen))
        tree = scan_sources(site, (), (), ("_docs",))
        jekyll_sources = any(PIECES[name][1] for name in chosen)
        has_content = any(name.startswith("content/") for name in chosen)
        sitegens = has_content and not jekyll_sources
        assert tree.content_dir == (site / "content" if sitegens else site)
        read = {str(s.relative_path) for s in (*tree.posts, *tree.others, *tree.documents)}
        if sitegens:
            assert read == {name.removeprefix("content/") for name in chosen if name.startswith("content/")}
        else:
            # Everything Jekyll reads is read: nothing outside content/ is lost.
            jekyll_reads = {n for n in chosen if not n.startswith(("_data/", "templates/"))}
            assert read == jekyll_reads
        # A warning says which reading was chosen when the signs are few or mixed.
        own_posts = "content/_posts/2020-01-03-c.md" in chosen
        doubtful = has_content and (own_posts == jekyll_sources)
        notes = [d for d in tree.diagnostics if "read as" in d.message]
        assert len(notes) == (1 if doubtful else 0)


def _published(root: Path) -> set[str]:
    return {
        name
        for name in files_below(root)
        if (root / name).is_file()
        and not name.startswith(("assets/sitegen", "archive", "category", "page/", "tag", "feed", "."))
        and name not in {"404.html", "sitemap.xml", "sitemap-news.xml", "robots.txt", "index.html"}
    }


def test_a_jekyll_tree_with_a_content_folder_publishes_what_jekyll_publishes(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: J\nurl: https://j.example.com\n",
            "news/_posts/2020-01-01-a.md": _PAGE.format("A"),
            "about.md": _PAGE.format("About"),
            "content/guide.md": _PAGE.format("Guide"),
            "content/images/logo.png": "PNG",
            "docs/_docs/x.md": "no\n",
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    assert not result.errors
    jekyll = {name for name in files_below(tmp_path / "jekyll") if (tmp_path / "jekyll" / name).is_file()}
    assert jekyll == {"about.html", "content/guide.html", "content/images/logo.png", "news/2020/01/01/a.html"}
    published = _published(tmp_path / "sitegen")
    assert jekyll <= published
    assert not {"guide.html", "images/logo.png"} & published


def test_a_posts_free_jekyll_site_with_images_in_content(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: D\ncollections:\n  docs:\n    output: true\n",
            "index.md": _PAGE.format("Home"),
            "_docs/install.md": _PAGE.format("Install"),
            "content/images/logo.png": "PNG",
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    assert not result.errors
    jekyll = {name for name in files_below(tmp_path / "jekyll") if (tmp_path / "jekyll" / name).is_file()}
    assert jekyll == {"index.html", "docs/install.html", "content/images/logo.png"}
    assert jekyll - {"index.html"} <= _published(tmp_path / "sitegen")
    assert (tmp_path / "sitegen" / "index.html").is_file()
