"""Percent escapes and dot segments in file names and permalinks: the same generated
tree built by Jekyll and by sitegen publishes the same files, each holding the same
source's bytes.

Jekyll writes a file at its URL unescaped and resolved as a path (`URL.unescape_path`,
then `File.expand_path` in `Site#in_dest_dir`), after `URL#sanitize_url` has read the
URL still escaped: a static file `a%41.txt` is written `aA.txt` and `x%2Fy.txt` is
`x/y.txt`, a permalink `/a%2e/b` is `a./b.html` and `/:title/.` is `title.html`, while
a placeholder's value (a page's own file name, a category) stays as written.

Jekyll (Debian's `jekyll`) is the reference; where it is missing the test is skipped
(in CI it must be installed).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from sitegen.urls import destination_url, static_output_path
from tests.conftest import build, jekyll_build, write_files
from tests.published_sources import marked, published_sources

#: What file names are made of: escapes of letters, of `/`, `.`, `%` and Chinese, the
#: same characters written plainly, a decomposed `é`, dots and spaces.
NAME_PIECES = (
    "a", "x", "%41", "%2F", "%2f", "%2e", "%2E%2E", "%25", "%E4%B8%AD", "中", "e\u0301", "é",
    " ", "%20", ".", "..", "-", "%zz",
)  # fmt: skip
#: The folders a file is in: plain, escaped (which a static file's URL unescapes and a
#: page's keeps), one Jekyll never reads (`f.`).
FOLDERS = ("", "d/", "%41/", "%2e%2e/", "d/%2F/", "f./", "e\u0301/")
#: How a static file's name ends; one ending in `.` is never read.
STATIC_ENDINGS = (".txt", ".png", ".txt.", "..txt", ".tar.gz")
#: The folders of a permalink: escaped and plain dot segments, empty ones, escaped slashes.
SEGMENTS = (
    "a", "%41", "%2e", "%2e%2e", "%2E%2E", ".", "..", "", "a%2Fb", "a%2e", "x.y", "中",
    "%E4%B8%AD", "%25", "%2541", "e\u0301",
)  # fmt: skip
#: How a permalink ends after its own last name: a folder, an extension, a dot, `/.`
#: (`/:title/.`), an escaped slash or dot.
ENDINGS = ("", ".html", ".", "/", "/.", "%2F", "/%2e", ".txt", "%2e", "/./")
#: What a page's, post's or document's permalink may also name.
PLACEHOLDERS = {
    "page": (":basename", ":path"),
    "post": (":title", ":slug", ":categories", ":path"),
    "doc": (":name", ":path", ":title", ":slug"),
}

names = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4).map("".join)
statics = st.lists(
    st.tuples(st.sampled_from(FOLDERS), names, st.sampled_from(STATIC_ENDINGS)).map("".join),
    max_size=14,
    unique=True,
)


def permalinks(kind: str) -> st.SearchStrategy[tuple[str, str]]:
    """A permalink's folders and ending: each case adds its own last name between, so no
    case's file is another's folder."""
    segment = st.sampled_from(SEGMENTS + PLACEHOLDERS[kind])
    return st.tuples(st.lists(segment, max_size=3).map("/".join), st.sampled_from(ENDINGS))


documents = st.lists(
    st.tuples(st.sampled_from(("page", "post", "doc")), st.sampled_from(FOLDERS), names).flatmap(
        lambda case: st.tuples(st.just(case), permalinks(case[0]))
    ),
    max_size=14,
)

#: The shapes the rules were found with, in every generated site.
FIXED_STATICS = ("a%41.txt", "%E4%B8%AD.png", "x%2Fy.txt", "%25.txt", "a..txt", "b.", "%2e%2e%2fup.txt")
FIXED_PAGES = (
    "/:basename/.", "/q/%2e%2e/r.html", "/a%2e/b", "/s//t/./u/", "/v.", "/w/..", "/%2e%2e", "/x%2F",
)  # fmt: skip


def site_files(
    static_names: list[str], cases: list[tuple[tuple[str, str, str], tuple[str, str]]]
) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "_config.yml": "title: t\ntimezone: Asia/Shanghai\ncollections:\n  docs:\n    output: true\n",
    }
    for number, name in enumerate(static_names):
        files[name] = marked("STATIC", number)
        files[f"_docs/{name}"] = marked("STATIC", 100 + number)  # a collection's file keeps its name
    for number, permalink in enumerate(FIXED_PAGES):
        files[f"fixed/p{number}.md"] = marked("PAGE", 100 + number, f"permalink: '{permalink}'\n")
    for number, ((kind, folder, name), (folders, ending)) in enumerate(cases):
        permalink = f"/{folders}/c{number}{ending}"
        front = f"permalink: '{permalink}'\n"
        if kind == "page":
            files[f"{folder}p{number}{name}.md"] = marked("PAGE", number, front)
        elif kind == "post":
            categories = '["%41", "a..b", "E\u0301 x"]'
            files[f"_posts/2022-05-27-p{number}{name}.md"] = marked(
                "POST", number, f"{front}categories: {categories}\n"
            )
        else:
            files[f"_docs/{folder}p{number}{name}.md"] = marked("DOC", number, front)
    return files


# Each example is two whole builds: no shrinking, which would run hundreds of them.
@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(static_names=statics, cases=documents)
def test_escaped_and_dotted_paths_are_published_where_jekyll_publishes_them(
    tmp_path_factory: pytest.TempPathFactory,
    static_names: list[str],
    cases: list[tuple[tuple[str, str, str], tuple[str, str]]],
) -> None:
    root = tmp_path_factory.mktemp("escaped")
    site = write_files(root / "site", site_files([*FIXED_STATICS, *static_names], cases))
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")

    expected = published_sources(root / "jekyll")
    assert published_sources(root / "sitegen") == expected
    # Two sources at one path: the one Jekyll writes last is published, the other is one
    # error naming both; nothing else is an error.
    assert all("not published" in str(error) for error in result.errors), result.errors
    assert {"aA.txt", "中.png", "x/y.txt", "%.txt", "a.txt", "up.txt", "p0.html", ".html"} <= set(expected)


#: Placeholders whose values are file names Jekyll trims or reads in its own way: a
#: nested `_posts`' `:path` keeps the folder above it, a trailing dot leaves `:path`,
#: a dated document's slug is its name after the date, an empty `slug:` is empty, and a
#: `categories:` string is split on ASCII whitespace only.
PLACEHOLDER_CASES = {
    "news/_posts/sub/2022-05-27-p..md": "permalink: /a/:path/x\n",
    "_posts/s2/2022-05-27-q..md": "permalink: /b/:path/x\n",
    "_docs/p0..md": "permalink: /d/:path/:title/:slug/:name/\n",
    "_docs/2022-05-27-dated.md": "permalink: /e/:title/:slug/:name/\n",
    "_posts/2022-05-27-empty-slug.md": "slug: ''\npermalink: /f/:title/:slug/:name/\n",
    "_docs/empty-slug.md": "slug: ''\npermalink: /g/:title/:slug/:name/\n",
    "_posts/2022-05-27-spaces.md": "categories: '国内\u3000新闻 a\u00a0b'\npermalink: /h/:categories/\n",
}


def test_placeholders_from_file_names_are_jekylls(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "_config.yml": "title: t\ntimezone: Asia/Shanghai\ncollections:\n  docs:\n    output: true\n",
    }
    for number, (path, front) in enumerate(PLACEHOLDER_CASES.items()):
        files[path] = marked("POST" if "_posts" in path else "DOC", number, front)
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    expected = published_sources(tmp_path / "jekyll")
    assert published_sources(tmp_path / "sitegen") == expected
    assert len(expected) == len(PLACEHOLDER_CASES)
    assert not result.errors


def test_a_static_file_named_as_the_destination_folder_is_one_error(tmp_path: Path) -> None:
    """`%2e%2e` resolves to the destination itself: Jekyll fails on it; sitegen leaves
    it out with one line naming it and publishes the rest."""
    files = {"_config.yml": "title: t\n", "%2e%2e": "x", "d/%2E%2E": "y", "a.txt": "z"}
    site = write_files(tmp_path / "site", files)
    result = build(site, destination=tmp_path / "out")
    assert sorted(error.path.name for error in result.errors) == ["%2E%2E", "%2e%2e"]
    assert all("the destination folder itself; not published" in error.message for error in result.errors)
    assert (tmp_path / "out" / "a.txt").read_text() == "z"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("a%41.txt", "aA.txt"),
        ("%E4%B8%AD.png", "中.png"),
        ("x%2Fy.txt", "x/y.txt"),
        ("%25.txt", "%.txt"),
        ("%2541.txt", "%41.txt"),
        ("a..txt", "a.txt"),
        ("d/%2e%2e%2F%2e%2e%2Fz.txt", "z.txt"),
        ("%2e.txt", "..txt"),
        (".htaccess", ".htaccess"),
    ],
)
def test_static_output_path(name: str, written: str) -> None:
    assert static_output_path(PurePosixPath(name)) == written


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("/a%2e/b", "/a./b"),
        ("/q/%2e%2e/r.html", "/r.html"),
        ("/x%2F", "/x"),
        ("/p1/.", "/p1"),
        ("/%2e%2e", "/.html"),
        ("/%2e%2e/", "/"),
        ("/a/%2e/", "/a/"),
        ("/k%25l.html", "/k%l.html"),
    ],
)
def test_destination_url(url: str, resolved: str) -> None:
    assert destination_url(url, ".html") == resolved
