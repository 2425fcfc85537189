"""A page, post or collection document whose file gets its output extension appended
(`permalink: /v...` has the extension `.`; `x.htm` at `/x`) is linked at that file: the
theme's links, the sitemap's entries and Liquid's `url` all reach the file a static host
serves, where Jekyll's `url` (without the extension) reaches none."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Level
from sitegen.urls import requested_path
from tests.conftest import build, write_files
from tests.test_browser_read_urls import _local_links, _served

_CONFIG = 'title: T\nurl: "https://news.example.com"\ncollections:\n  docs:\n    output: true\n'
_URLS = "{% for p in site.pages %}[{{ p.url }}]{% endfor %}{% for p in site.posts %}[{{ p.url }}]{% endfor %}"
_LISTING = f"---\nlayout: null\n---\nURLS={_URLS}{{% for d in site.docs %}}[{{{{ d.url }}}}]{{% endfor %}}=\n"

_NAME = st.text(st.sampled_from("ab-_.中"), min_size=1, max_size=6).filter(lambda name: name.strip("."))
_PERMALINK = st.tuples(
    _NAME, st.sampled_from(["", ".", "..", "...", ".htm", ".txt", ".json", ".html", ".x.y"])
)
_KIND = st.sampled_from(["post", "page.md", "page.htm", "page.xml", "page.txt", "doc"])


def _source(kind: str, number: int, permalink: str) -> tuple[str, str]:
    front = f"---\ntitle: T{number}\npermalink: {permalink!r}\n---\nBODY{number}\n"
    if kind == "post":
        return f"_posts/2022-05-{1 + number:02d}-p{number}.md", front
    if kind == "doc":
        return f"_docs/d{number}.md", front
    return f"pages/p{number}.{kind.split('.')[1]}", front


@settings(max_examples=12, deadline=None)
@given(cases=st.lists(st.tuples(_KIND, _PERMALINK), min_size=1, max_size=5))
def test_every_linked_url_reaches_the_file_written_for_it(cases: list[tuple[str, tuple[str, str]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sources = {"_config.yml": _CONFIG, "urls.html": _LISTING}
        for number, (kind, (name, ending)) in enumerate(cases):
            path, text = _source(kind, number, f"/c{number}/{name}{ending}")
            sources[path] = text
        site = write_files(Path(folder) / "site", sources)
        out = Path(folder) / "out"
        result = build(site, destination=out)
        assert not [d for d in result.diagnostics if d.level is Level.ERROR], result.diagnostics
        links = _local_links(out)
        listed = (out / "urls.html").read_text(encoding="utf-8").split("URLS=")[1].split("=\n")[0]
        liquid_urls = {unquote(url) for url in listed.strip("[]").split("][") if url.startswith("/c")}
        assert len(liquid_urls) == len(cases)
        unserved = sorted(url for url in links | liquid_urls if not _served(out, url))
        assert not unserved


_SEGMENT = st.sampled_from([".", "..", "%2e", "%2E%2e", ".%2e", "a", "b.c", "新"])


@given(segments=st.lists(_SEGMENT, min_size=1, max_size=6))
def test_the_path_a_browser_asks_for_resolves_dot_segments_as_rfc_3986_does(segments: list[str]) -> None:
    """`urljoin` applies RFC 3986's `remove_dot_segments`; `%2e` is a dot to a browser.
    (No page's URL has an empty segment, where `urljoin` departs from the RFC.)"""
    url = "/" + "/".join(segments)
    plain = "/" + "/".join(segment.replace("%2e", ".").replace("%2E", ".") for segment in segments)
    assert requested_path(url) == urlsplit(urljoin("http://host/", plain)).path
