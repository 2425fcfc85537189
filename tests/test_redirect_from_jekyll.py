"""jekyll-redirect-from as Jekyll 4.3 with the plugin (0.16) publishes it.

Hypothesis writes sites whose posts, pages and collection documents carry
`redirect_from:` (a text or a list; with and without a leading or trailing `/`,
`.html` or `.htm`; non-ASCII paths; the paths of the site's own files, so that
redirects and files meet), under `url` and `baseurl` variants. Jekyll and sitegen build
each; every redirect page must be at the same path with the same bytes (so the same
target), every file of the site where Jekyll left it (a redirect replaces a page, a
post or document keeps its path), and `redirects.json` the same, in the same order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import built_by_both, write_files
from tests.published_sources import marked

REDIRECT_MARK = b"Redirecting&hellip;"
SEGMENTS = ("old", "旧", "新闻", "a-b", "a b", "Über", "a%20b", "x:basename", "e?f")
SUFFIXES = ("", "/", ".html", ".htm")
SETTINGS = (
    "",
    "url: https://example.com\n",
    "url: https://example.com\nbaseurl: /news\n",
    "baseurl: /news/\n",
    "url: http://example.com\nbaseurl: /新闻\n",
)
#: Each kind's source path and URL (`{n}` its number).
KINDS = {
    "post": ("_posts/2022-05-0{n}-post{n}.md", "/2022/05/0{n}/post{n}.html", "POST"),
    "page": ("p{n}.md", "/p{n}.html", "PAGE"),
    "document": ("_docs/d{n}.md", "/docs/d{n}.html", "DOC"),
}


@st.composite
def from_path(draw: st.DrawFn, own_urls: tuple[str, ...]) -> str:
    """One `redirect_from` entry: a made-up path, or (to meet a file) a URL of the site."""
    if own_urls and draw(st.integers(0, 3)) == 0:
        url = draw(st.sampled_from(own_urls))
        return url.removesuffix(".html") if draw(st.booleans()) else url
    segments = draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=2))
    path = "/".join(segments) + draw(st.sampled_from(SUFFIXES))
    return path if draw(st.booleans()) else "/" + path


@st.composite
def site(draw: st.DrawFn) -> tuple[str, list[tuple[str, object]]]:
    """Settings and the site's files: (kind, `redirect_from` value or None)."""
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=5))
    own_urls = tuple(KINDS[kind][1].format(n=n) for n, kind in enumerate(kinds, start=1))
    files: list[tuple[str, object]] = []
    for kind in kinds:
        if draw(st.integers(0, 4)) == 0:
            files.append((kind, None))
        elif draw(st.booleans()):
            files.append((kind, draw(from_path(own_urls))))
        else:
            files.append((kind, draw(st.lists(from_path(own_urls), min_size=1, max_size=3))))
    return draw(st.sampled_from(SETTINGS)), files


def write_site(root: Path, settings_text: str, files: list[tuple[str, object]]) -> Path:
    config = "title: T\nplugins: [jekyll-redirect-from]\ncollections:\n  docs:\n    output: true\n"
    sources = {"_config.yml": config + settings_text}
    for n, (kind, value) in enumerate(files, start=1):
        path, _, mark = KINDS[kind]
        front = "" if value is None else f"redirect_from: {json.dumps(value, ensure_ascii=False)}\n"
        sources[path.format(n=n)] = marked(mark, n, front)
    return write_files(root, sources)


def redirect_pages(root: Path) -> dict[str, bytes]:
    """Each published redirect page, by its path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and REDIRECT_MARK in path.read_bytes()
    }


def json_entries(root: Path) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = json.loads(
        (root / "redirects.json").read_text(encoding="utf-8"), object_pairs_hook=list
    )
    return entries


@settings(max_examples=12, deadline=None)
@given(sites=st.lists(site(), min_size=3, max_size=3))
def test_redirect_from_publishes_what_jekyll_publishes(
    tmp_path_factory: pytest.TempPathFactory, sites: list[tuple[str, list[tuple[str, object]]]]
) -> None:
    root = tmp_path_factory.mktemp("redirect_from")
    folders = [write_site(root / f"s{number}", *drawn) for number, drawn in enumerate(sites)]
    for drawn, both in zip(sites, built_by_both(folders), strict=True):
        jekyll, sitegen = both.site / "_jekyll", both.destination
        assert not both.result.errors, (drawn, [str(d) for d in both.result.errors])
        assert redirect_pages(sitegen) == redirect_pages(jekyll), drawn
        assert both.sitegen == both.jekyll, drawn
        assert json_entries(sitegen) == json_entries(jekyll), drawn


def test_a_non_ascii_redirect_is_published_where_jekyll_writes_it(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "s", "url: https://example.com\n", [("post", ["/旧/新闻.html", "old/"])])
    (both,) = built_by_both([folder])
    pages = redirect_pages(both.destination)
    assert sorted(pages) == ["old/index.html", "旧/新闻.html"]
    assert pages == redirect_pages(both.site / "_jekyll")
    assert b'href="https://example.com/2022/05/01/post1.html"' in pages["old/index.html"]


REDIRECT_TO_FILES = {
    "_posts/2022-05-01-away.md": marked("POST", 1, 'redirect_to: "https://elsewhere.example.org/a/b"\n'),
    "_posts/2022-05-02-kept.md": marked("POST", 2, "redirect_from: /kept-old/\n"),
    "moved.md": marked("PAGE", 3, "redirect_to: [null, /2022/05/02/kept.html]\n"),
    "_docs/gone.md": marked("DOC", 4, "redirect_to: docs/here.html\nredirect_from: [/gone-old]\n"),
    "_docs/here.md": marked("DOC", 5),
}


@pytest.mark.parametrize(
    "settings_text", ["url: https://example.com\nbaseurl: /news\n", ""], ids=["absolute", "relative"]
)
def test_redirect_to_publishes_the_document_as_a_redirect_as_jekyll_does(
    tmp_path: Path, settings_text: str
) -> None:
    config = "title: T\nplugins: [jekyll-redirect-from]\ncollections:\n  docs:\n    output: true\n"
    folder = write_files(tmp_path / "s", {"_config.yml": config + settings_text, **REDIRECT_TO_FILES})
    (both,) = built_by_both([folder])
    jekyll, sitegen = both.site / "_jekyll", both.destination
    assert not both.result.errors, [str(d) for d in both.result.errors]
    pages = redirect_pages(sitegen)
    assert pages == redirect_pages(jekyll)
    assert {"2022/05/01/away.html", "moved.html", "docs/gone.html", "kept-old/index.html"} <= set(pages)
    assert b'location="https://elsewhere.example.org/a/b"' in pages["2022/05/01/away.html"]
    assert both.sitegen == both.jekyll
    assert json_entries(sitegen) == json_entries(jekyll)
    assert both.result.posts == 2  # the post sent elsewhere is published, as its redirect


@pytest.mark.parametrize(
    "setting",
    ["gems: [jekyll-redirect-from]", "plugins: [jekyll-feed]", "safe: true\nplugins: [jekyll-redirect-from]"],
)
def test_no_redirects_where_jekyll_does_not_load_the_plugin(tmp_path: Path, setting: str) -> None:
    """Jekyll 4 no longer reads `gems:`; a site without the plugin has no redirects, nor
    one in safe mode whose `whitelist:` does not name it."""
    files = {
        "_config.yml": f"title: T\n{setting}\n",
        "_posts/2022-05-01-p.md": marked("POST", 1, "redirect_from: /old/\n"),
    }
    (both,) = built_by_both([write_files(tmp_path / "s", files)])
    assert redirect_pages(both.destination) == redirect_pages(both.site / "_jekyll") == {}
    assert not (both.destination / "redirects.json").exists()
    assert not (both.site / "_jekyll" / "redirects.json").exists()


def test_json_false_writes_no_redirects_json(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: T\nplugins: [jekyll-redirect-from]\nredirect_from:\n  json: false\n",
        "_posts/2022-05-01-p.md": marked("POST", 1, "redirect_from: /old/\n"),
    }
    (both,) = built_by_both([write_files(tmp_path / "s", files)])
    assert redirect_pages(both.destination) == redirect_pages(both.site / "_jekyll") != {}
    assert not (both.destination / "redirects.json").exists()
    assert not (both.site / "_jekyll" / "redirects.json").exists()


def test_safe_mode_runs_the_plugin_where_the_whitelist_names_it(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: T\nsafe: true\n"
        + "plugins: [jekyll-redirect-from]\nwhitelist: [jekyll-redirect-from]\n",
        "_posts/2022-05-01-p.md": marked("POST", 1, "redirect_from: /old/\n"),
    }
    (both,) = built_by_both([write_files(tmp_path / "s", files)])
    assert redirect_pages(both.destination) == redirect_pages(both.site / "_jekyll") != {}
    assert json_entries(both.destination) == json_entries(both.site / "_jekyll")
