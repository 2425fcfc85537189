"""A permalink's own extension decides the file written, as in Jekyll: one generated site
of pages, posts and collection documents, each with a permalink of its own (in its front
matter or from `defaults:`), built by Jekyll and by sitegen, publishes the same files and
gives Liquid the same `page.url`.

Jekyll (Debian's `jekyll`) is the reference; where it is missing the test is skipped
(in CI it must be installed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from sitegen.urls import permalink_ext
from tests.conftest import build, files_below, jekyll_build, write_files
from tests.served_urls import as_ours, links_off_the_rule

#: Names a permalink's folders and last name are made of: dots inside, at the end and
#: in version numbers, Chinese, digits.
NAMES = ("a", "p9", "v1.2", "a.b", "新闻", "end.", "x.y.z", "2024", "报告.v2", "data")
#: What may end the last name: no extension, common ones, a bare dot, a folder, a dot
#: segment (`/a/.` is written `a.html`, and a browser asks for `/a/`).
ENDINGS = (
    "",
    ".json",
    ".xml",
    ".txt",
    ".htm",
    ".html",
    ".",
    ".2",
    ".JSON",
    ".HTML",
    "/",
    ".json/",
    "/.",
    "/./.",
)
#: How a case gets its permalink: its own front matter, or a `defaults:` scope naming it.
KINDS = ("page", "html_page", "post", "doc", "default_page", "default_post")

#: The same shapes written out, in every generated site.
FIXED = (
    ("page", "/p9.json"),
    ("page", "/end."),
    ("page", "/v1.2"),
    ("page", "/v1.2/x"),
    ("page", "/a.b/"),
    ("page", "/end.."),
    ("doc", "/end.."),
    ("post", "/新闻/报告.xml"),
    ("post", "/v1.2"),
    ("post", "/end."),
    ("doc", "/d.txt"),
    ("default_page", "/feed.json"),
    ("default_post", "/notes.htm"),
)

permalinks = st.builds(
    lambda folders, name, ending: "/" + "/".join((*folders, name)) + ending,
    st.lists(st.sampled_from(NAMES), max_size=2),
    st.sampled_from(NAMES),
    st.sampled_from(ENDINGS),
)
cases = st.lists(st.tuples(st.sampled_from(KINDS), permalinks), min_size=20, max_size=40)

CONFIG = (
    "title: t\ntimezone: Asia/Shanghai\n"
    # The posts' and another collection's permalink are URL templates, not a document's
    # permalink: their `.json` and `.txt` do not decide the extension.
    "collections:\n  posts:\n    permalink: /sw/:title.json\n"
    "  docs:\n    output: true\n    permalink: /cd/:name.txt\n"
)
BODY = "URL={{ page.url }}=\n"
#: `site.html_pages` counts a page by its output extension (`Page#html?`).
HTML_PAGES = "{% assign urls = site.html_pages | map: 'url' | sort %}HTML_PAGES={{ urls | join: ' ' }}=\n"


def site_files(generated: list[tuple[str, str]]) -> dict[str, str | bytes]:
    """Each case below a folder of its own (`/c7/…`), so no two cases meet."""
    files: dict[str, str | bytes] = {
        "_posts/2022-05-27-plain.md": f"---\ntitle: plain\n---\n{BODY}",
        "_docs/plain.md": f"---\ntitle: plain\n---\n{BODY}",
        "probe.html": f"---\ntitle: probe\n---\n{HTML_PAGES}",
    }
    defaults = []
    for number, (kind, permalink) in enumerate(generated):
        permalink = f"/c{number}{permalink}"
        own = "" if kind.startswith("default_") else f"permalink: '{permalink}'\n"
        front = f"---\ntitle: case{number}\n{own}---\n{BODY}"
        if kind in ("page", "default_page"):
            path = f"pages/case{number}.md"
        elif kind == "html_page":
            path = f"pages/case{number}.html"
        elif kind == "doc":
            path = f"_docs/case{number}.md"
        else:
            path = f"_posts/2022-05-27-case{number}.md"
        files[path] = front
        if not own:
            defaults.append(f"  - scope: {{path: '{path}'}}\n    values: {{permalink: '{permalink}'}}\n")
    files["_config.yml"] = CONFIG + ("defaults:\n" + "".join(defaults) if defaults else "")
    return files


def case_files(root: Path) -> dict[str, str]:
    """The files the cases wrote (`c7/…`, `sw/…`, `cd/…`), each with the URL its Liquid saw."""
    found = {}
    for path in sorted(files_below(root)):
        top = path.split("/")[0]
        if (top in ("sw", "cd") or (top[:1] == "c" and top[1:].isdigit())) and (root / path).is_file():
            text = (root / path).read_text(encoding="utf-8")
            # Jekyll's `post.url` is percent-encoded, sitegen's is not (it encodes links).
            found[path] = unquote(text.split("URL=")[1].split("=")[0]) if "URL=" in text else ""
    return found


# Each example is two whole builds: no shrinking, which would run hundreds of them.
@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(generated=cases)
def test_pages_posts_and_documents_are_written_where_jekyll_writes_them(
    tmp_path_factory: pytest.TempPathFactory, generated: list[tuple[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("permalink-ext")
    site = write_files(root / "site", site_files([*FIXED, *generated]))
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")
    assert not result.errors, result.errors

    expected = case_files(root / "jekyll")
    published = case_files(root / "sitegen")
    assert sorted(published) == sorted(expected)
    # The site-wide template's `.json` stays part of the name (`sw/plain.json.html`), where
    # sitegen links to the file itself rather than to Jekyll's `/sw/plain.json`.
    # Where Jekyll's URL does not reach the file it wrote (`/c4/end` of `c4/end.2`), sitegen
    # gives one that does (`tests.served_urls`).
    same_url = {path: url for path, url in expected.items() if not path.startswith(("sw/", "cd/"))}
    assert links_off_the_rule(same_url, published) == {}
    assert html_pages(root / "sitegen") == as_ours(html_pages(root / "jekyll"), expected, published)


def html_pages(root: Path) -> list[str]:
    text = (root / "probe.html").read_text(encoding="utf-8")
    return sorted(unquote(text.rsplit("HTML_PAGES=", 1)[1].split("=")[0]).split())


def ruby_extnames(names: list[str]) -> list[str]:
    ruby = shutil.which("ruby")
    if ruby is None:
        pytest.skip("Ruby is not installed")
    script = "require 'json'; puts JSON.generate(JSON.parse(STDIN.read).map { |n| File.extname(n) })"
    completed = subprocess.run(
        [ruby, "-e", script], input=json.dumps(names), capture_output=True, text=True, check=True, timeout=60
    )
    return list(json.loads(completed.stdout))


def test_the_extension_is_ruby_file_extname_of_the_permalink() -> None:
    """One Ruby run answers for a few hundred shapes: dots leading, trailing, doubled."""
    pieces = ("", ".", "..", "a", "b.c", ".d", "e.", "中", "/", "v1.2")
    names = sorted({f"/{x}{y}{z}" for x in pieces for y in pieces for z in pieces} - {"/"})
    names = [name for name in names if not name.endswith("/")]
    assert [permalink_ext(name) for name in names] == ruby_extnames(names)
    assert permalink_ext("/a/") == ""
