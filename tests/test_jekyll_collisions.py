"""Two files of the site at one output path: sitegen publishes the one Jekyll publishes
(the one it writes last) and reports the other in one line naming both.

Jekyll writes pages (sorted by file name; of one name, a folder's own after its
subfolders'), then static files (by path), then posts (oldest first), then the other
collections' documents (by path): `Site#each_site_file`. Generated trees of pages,
static files (named plainly or with escapes that unescape to the same name), posts and
documents aimed at a few shared paths are built by both and compared path by path.
Pages of one name sit in one chain of folders (`b/`, `b/c/`): the order of sibling
folders is the file system's, which Jekyll does not fix.

Jekyll (Debian's `jekyll`) is the reference; where it is missing the test is skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, write_files
from tests.published_sources import marked, published_sources

TARGETS = ("t0.html", "t1.html", "t2.txt")
#: Static files written at a target: by its name, through an escape, from a folder.
STATICS = (
    "t0.html", "t%30.html", "%740.html", "d/%2e%2e%2ft0.html", "d/%2E%2E%2Ft0.html",
    "t1.html", "b/%2e%2e%2Ft1.html", "t2.txt", "t%32.txt", "b/c/%2e%2e%2F%2e%2e%2ft2.txt",
)  # fmt: skip
#: Pages of the same names along one chain of folders; `t0.md` needs no permalink.
PAGE_FOLDERS = ("", "b/", "b/c/")
PAGE_NAMES = ("a.md", "z.md", "a.html", "t0.md", "y.html")

pages = st.lists(
    st.tuples(st.sampled_from(PAGE_FOLDERS), st.sampled_from(PAGE_NAMES), st.sampled_from(TARGETS)),
    max_size=8,
    unique_by=lambda page: page[0] + page[1],
)
posts = st.lists(st.tuples(st.integers(1, 3), st.sampled_from(TARGETS)), max_size=4)
documents = st.lists(
    st.tuples(
        st.sampled_from(("", "a/", "b/")), st.sampled_from(("a.md", "b.md", "z.md")), st.sampled_from(TARGETS)
    ),
    max_size=4,
    unique_by=lambda document: document[0] + document[1],
)
statics = st.lists(st.sampled_from(STATICS), max_size=5, unique=True)


def site_files(
    static_names: list[str],
    page_cases: list[tuple[str, str, str]],
    post_cases: list[tuple[int, str]],
    document_cases: list[tuple[str, str, str]],
) -> tuple[dict[str, str | bytes], dict[str, str]]:
    """The site's files, and which file carries each marker."""
    files: dict[str, str | bytes] = {
        "_config.yml": "title: t\ntimezone: Asia/Shanghai\ncollections:\n  docs:\n    output: true\n"
    }
    sources: dict[str, str] = {}

    def add(path: str, kind: str, number: int, front: str | None) -> None:
        if path in files:
            return  # a generated case where a fixed one is
        files[path] = marked(kind, number, front)
        sources[f"{kind}{number}"] = path

    for number, name in enumerate(static_names):
        add(name, "STATIC", number, None)
    for number, (folder, name, target) in enumerate(page_cases):
        # `t0.md` is at `/t0.html` by itself; every other page names its target.
        front = "" if folder + name == "t0.md" else f"permalink: /{target}\n"
        add(folder + name, "PAGE", number, front)
    for number, (day, target) in enumerate(post_cases):
        add(f"_posts/2022-05-0{day}-p{number}.md", "POST", number, f"permalink: /{target}\n")
    for number, (folder, name, target) in enumerate(document_cases):
        add(f"_docs/{folder}{name}", "DOC", number, f"permalink: /{target}\n")
    return files, sources


# Each example is two whole builds: no shrinking, which would run hundreds of them.
@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(static_names=statics, page_cases=pages, post_cases=posts, document_cases=documents)
def test_of_two_files_at_one_path_the_one_jekyll_publishes_is_published(
    tmp_path_factory: pytest.TempPathFactory,
    static_names: list[str],
    page_cases: list[tuple[str, str, str]],
    post_cases: list[tuple[int, str]],
    document_cases: list[tuple[str, str, str]],
) -> None:
    root = tmp_path_factory.mktemp("collisions")
    files, sources = site_files(
        ["t0.html", "t%30.html", *static_names],
        [("", "a.md", "t0.html"), ("b/", "a.md", "t0.html"), ("", "y.html", "t1.html"), *page_cases],
        [(1, "t2.txt"), *post_cases],
        [("", "d.md", "t2.txt"), *document_cases],
    )
    site = write_files(root / "site", files)
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")

    expected = published_sources(root / "jekyll")
    assert published_sources(root / "sitegen") == expected
    # Each file left out is one error, on that file, naming the file published instead.
    left_out = {marker: path for marker, path in sources.items() if marker not in expected.values()}
    assert sorted(str(error.path.relative_to(site)) for error in result.errors) == sorted(left_out.values())
    for error in result.errors:
        assert "not published" in error.message
        assert any(str(site / sources[marker]) in error.message for marker in expected.values()), error


def test_a_static_file_beats_a_page_and_a_post_beats_a_static_file(tmp_path: Path) -> None:
    """Jekyll copies the static files after writing the pages, and writes the posts
    after both."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\n",
            "s.html": "STATIC\n",
            "page.md": "---\npermalink: /s.html\n---\nPAGE\n",
            "p.txt": "STATIC\n",
            "_posts/2022-05-27-p.md": "---\nlayout: null\npermalink: /p.txt\n---\nPOST\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert (tmp_path / "out" / "s.html").read_text() == "STATIC\n"
    assert (tmp_path / "out" / "p.txt").read_text() == "<p>POST</p>\n"
    page, post = site / "page.md", site / "_posts/2022-05-27-p.md"
    assert sorted(f"{error.path.name}: {error.message}" for error in result.errors) == [
        f"p.txt: {post} also writes p.txt; this file is not published",
        f"page.md: {page} and {site / 's.html'} both write s.html; {page} is not published",
    ]
