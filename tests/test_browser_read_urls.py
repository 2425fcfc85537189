"""A backslash or control character in a category, permalink or file name: the page is
published where a browser reads its URL (a `\\` is a `/`), and every link to it resolves."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Level
from sitegen.urls import browser_url
from tests.conftest import CONFIG, build, write_files

_HREF = re.compile(r'(?:href|src)="(/[^"]*)"|<loc>([^<]*)</loc>')


def _local_links(destination: Path) -> set[str]:
    """Every site-local path the published HTML links to, and every sitemap entry."""
    links = set()
    for file in destination.rglob("*"):
        if file.suffix not in (".html", ".xml") or not file.is_file():
            continue
        for local, loc in _HREF.findall(file.read_text(encoding="utf-8")):
            link = local or urlsplit(loc).path
            if not link.startswith("//"):
                links.add(unquote(link.split("#")[0].split("?")[0]))
    return links


def _served(destination: Path, link: str) -> bool:
    """Whether a static host serves a real file for `link` (`x.html` for `/x`)."""
    target = destination / link.lstrip("/")
    if link.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or target.with_name(target.name + ".html").is_file()


def test_a_category_with_a_backslash_is_published_where_browsers_read_it(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "_posts/2022-05-27-a.md": '---\ntitle: A\ncategories: "a\\\\b"\n---\nhi\n',
            "_posts/2022-05-28-b.md": '---\ntitle: B\npermalink: "/x\\\\y/z\\tq.html"\n---\nhi\n',
        },
    )
    result = build(site, destination=tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "a/b/2022/05/27/a.html").is_file()
    assert (out / "x/y/zq.html").is_file()
    assert not [d for d in result.diagnostics if d.level is Level.ERROR]
    notes = [d for d in result.diagnostics if "browsers read" in d.message]
    assert [(d.path.name, d.line) for d in notes] == [("2022-05-27-a.md", 3), ("2022-05-28-b.md", 3)]
    assert all(_served(out, link) for link in _local_links(out))
    assert "/a/b/2022/05/27/a.html" in _local_links(out)


def test_browser_url_reads_backslashes_and_control_characters_as_browsers_do() -> None:
    assert browser_url("/a\\b/c.html") == "/a/b/c.html"
    assert browser_url("/a\\..\\b.html") == "/b.html"
    assert browser_url("/a\tb\n.html") == "/ab.html"
    assert browser_url("/a\\") == "/a/"
    assert browser_url("/plain/url.html") == "/plain/url.html"


_TEXT = st.text(st.sampled_from("ab.\\/%-\t\n\x01\x1f\x7f 中"), max_size=8)


@settings(max_examples=12)
@given(category=_TEXT, permalink=_TEXT, name=_TEXT.map(lambda s: s.replace("/", "")))
def test_every_post_is_published_where_its_links_resolve_or_named_once(
    category: str, permalink: str, name: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = {
            "_posts/2022-05-27-c.md": f"---\ntitle: TITLE1\ncategories: {json.dumps(category)}\n---\nBODY1\n",
            "_posts/2022-05-28-p.md": f"---\ntitle: TITLE2\npermalink: {json.dumps('/' + permalink)}\n"
            "---\nBODY2\n",
            f"_posts/2022-05-29-{name}x.md": "---\ntitle: TITLE3\n---\nBODY3\n",
            f"p{name}.md": "---\ntitle: TITLE4\n---\nBODY4\n",
        }
        site = write_files(root / "site", {"_config.yml": CONFIG, **sources})
        out = root / "out"
        result = build(site, destination=out)
        links = _local_links(out)
        assert all(_served(out, link) for link in links), sorted(
            link for link in links if not _served(out, link)
        )
        published = {
            _published_title(file.read_text(encoding="utf-8")): "/" + str(file.relative_to(out))
            for file in out.rglob("*")  # a permalink may name a file without `.html` (`/-.`)
            if file.is_file() and _published_title(file.read_text(encoding="utf-8", errors="replace"))
        }
        assert "TITLE1" in published, result.diagnostics  # a category never costs a post its page
        for number, relative in enumerate(sources, start=1):
            errors = [d for d in result.diagnostics if d.level is Level.ERROR and d.path == site / relative]
            lines = [
                d
                for d in result.diagnostics
                if d.path == site / relative and "browsers read" not in d.message
            ]
            if f"TITLE{number}" in published:
                assert not errors
                url = published[f"TITLE{number}"]
                reached = {url, url.removesuffix("index.html"), url.removesuffix(".html")}
                assert reached & links, (url, sorted(links))
            else:
                assert len(lines) == 1, (relative, result.diagnostics)


def _published_title(text: str) -> str:
    """`TITLE<n>` of the source a published file holds: in the page's `<title>`, or, for
    a file written as something other than HTML (`/-.`: no layout, as in Jekyll), its
    body `BODY<n>` alone."""
    found = re.search(r"<title>(TITLE\d)", text) or re.fullmatch(r"\s*(?:<p>)?BODY(\d)(?:</p>)?\s*", text)
    if found is None:
        return ""
    return found.group(1) if found.group(1).startswith("TITLE") else f"TITLE{found.group(1)}"


def _static_site(root: Path, name: str, more: str = "") -> Path:
    """A post linking to `img/<name>` with `{% link %}` and to every static file by its
    `url` (and `more`), and the file itself."""
    body = (
        f"![x]({{% link img/{name} %}})\n\n{more}"
        '{% for f in site.static_files %}<a href="{{ f.url | relative_url }}">f</a>\n{% endfor %}\n'
    )
    return write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            "_posts/2022-05-27-a.md": f"---\ntitle: A\n---\n{body}",
            f"img/{name}": "BYTES",
        },
    )


def test_a_static_file_with_a_backslash_is_published_where_its_links_lead(tmp_path: Path) -> None:
    # Its path as written, through `relative_url` and `absolute_url`, leads where a browser reads it.
    written = (
        '<a href="{{ "/img/a\\b.png" | relative_url }}">w</a> '
        '<a href="{{ "/img/a\\b.png?x#y" | absolute_url }}">a</a>\n'
    )
    site = _static_site(tmp_path, "a\\b.png", written)
    result = build(site, destination=tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "img/a/b.png").read_text() == "BYTES"
    assert not [d for d in result.diagnostics if d.level is Level.ERROR]
    (note,) = [d for d in result.diagnostics if d.path == site / "img/a\\b.png"]
    assert "published at /img/a/b.png" in note.message
    assert {"/img/a/b.png"} <= _local_links(out)
    assert all(_served(out, link) for link in _local_links(out))
    assert "%5C" not in (out / "2022/05/27/a.html").read_text(encoding="utf-8")


_NAME = st.text(st.sampled_from("ab.\\-\t\x01\x1f\x7f 中"), min_size=1, max_size=6).filter(
    lambda s: s.strip(" .") == s and not s.startswith(("_", "."))
)


@settings(max_examples=12)
@given(name=_NAME)
def test_every_static_file_is_published_where_its_links_resolve_or_named_once(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        file_name = f"x{name}y.txt"
        site = _static_site(root, file_name.replace("\t", "_"))  # `{% link %}` splits on a tab
        (site / "img" / file_name.replace("\t", "_")).rename(site / "img" / file_name)
        out = root / "out"
        result = build(site, destination=out)
        links = _local_links(out)
        assert all(_served(out, link) for link in links), sorted(
            link for link in links if not _served(out, link)
        )
        said = [d for d in result.diagnostics if d.path == site / "img" / file_name]
        read = browser_url(f"/img/{file_name}")
        if read.endswith("/"):
            assert [d.level for d in said] == [Level.ERROR]
        else:
            assert (out / read.lstrip("/")).read_text() == "BYTES"
            assert read in links
            assert len(said) == (0 if read == f"/img/{file_name}" else 1), said
            assert not [d for d in said if d.level is Level.ERROR]
