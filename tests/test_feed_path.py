"""jekyll-feed's `feed: path:` (jekyll-feed/lib/jekyll-feed/generator.rb, `feed_path`):
the site's feed is published there, every page's `<link rel="alternate"
type="application/atom+xml">` leads there, and a path that cannot be used is one note
at its line in `_config.yml`, the feed staying at `/feed.xml`."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from sitegen.check.links import check_site
from sitegen.config import config_notes, load_config
from tests.conftest import CONFIG, build, jekyll_build_many, post, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
ORIGIN = "https://finews.example.com"

segment = st.text(st.sampled_from("abz09_-.中文"), min_size=1, max_size=6).filter(
    lambda s: s not in (".", "..")
)
feed_paths = st.builds(
    lambda lead, folders, stem, suffix, doubled: (
        lead + ("//" if doubled else "/").join([*folders, stem + suffix])
    ),
    st.sampled_from(["", "/"]),
    st.lists(segment, max_size=2),
    segment,
    st.sampled_from([".xml", ".atom", ".XML"]),
    st.booleans(),
)
"""Paths jekyll-feed publishes a feed at: below the site, a file of an XML type."""


def site_files(config: str) -> dict[str, str]:
    return {
        "_config.yml": CONFIG + config,
        "_posts/2022-01-01-a.md": post("一", "2022-01-01 08:00:00 +0800"),
        "_posts/2022-01-02-b.md": post("二", "2022-01-02 08:00:00 +0800", categories="财经"),
    }


def feed_config(path: object) -> str:
    return f"feed:\n  path: {json.dumps(path, ensure_ascii=False)}\n"


def published_url(path: str) -> str:
    """Where jekyll-feed's page named `path` is: below the site root, slashes collapsed."""
    return re.sub("/{2,}", "/", "/" + path)


def alternates(out: Path, baseurl: str) -> set[str]:
    """The site paths every HTML page's Atom `<link rel="alternate">` leads to."""
    found = set()
    for page in out.rglob("*.html"):
        soup = BeautifulSoup(page.read_bytes().decode("utf-8"), "html.parser")
        for link in soup.select('link[rel="alternate"][type="application/atom+xml"]'):
            href = unquote(urlsplit(str(link["href"])).path)
            assert href.startswith(baseurl + "/"), (page, href)
            found.add(href.removeprefix(baseurl))
    return found


@settings(max_examples=20, deadline=None)
@given(path=feed_paths, baseurl=st.sampled_from(["", "/news"]))
@example(path="atom.xml", baseurl="")
@example(path="/feeds//新闻.atom", baseurl="/news")
def test_the_feed_is_at_its_path_and_every_page_links_it(path: str, baseurl: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = feed_config(path) + (f"baseurl: {baseurl}\n" if baseurl else "")
        site = write_files(Path(folder) / "site", site_files(config))
        result = build(site, destination=Path(folder) / "out", cache=False)
        out = Path(folder) / "out"
        url = published_url(path)
        assert not [d for d in result.diagnostics if "feed" in d.message], result.diagnostics
        feed = etree.parse(str(out / url.lstrip("/"))).getroot()
        self_link = feed.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None
        assert unquote(self_link.get("href", "")) == ORIGIN + baseurl + url
        assert [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")] == ["二", "一"]
        if url.lower() != "/feed.xml":
            assert not (out / "feed.xml").exists()
        site_feed = {href for href in alternates(out, baseurl) if not href.startswith("/feed/")}
        assert site_feed == {url}
        assert check_site(out, site_url=ORIGIN, baseurl=baseurl, jobs=1).ok
        notes = config_notes(load_config(site), site / "_config.yml")
        assert not any("ignores" in note.message and "feed" in note.message for note in notes)


@settings(max_examples=10, deadline=None)
@given(
    path=st.one_of(
        st.sampled_from(
            ["../up.xml", "a/./b.xml", "feeds/", "atom", "feed.html", "a?b.xml", "a#b.xml", "%41.xml"]
        ),
        st.sampled_from([5, True, ["a.xml"], {"x": 1}, "", " "]),
    )
)
def test_a_path_that_cannot_be_used_is_one_line_at_its_line(path: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", site_files("lang: zh-CN\n" + feed_config(path)))
        result = build(site, destination=Path(folder) / "out", cache=False)
        out = Path(folder) / "out"
        line = (CONFIG + "lang: zh-CN\nfeed:\n").count("\n") + 1  # `path:`, below `feed:`
        said = [d for d in result.diagnostics if "feed: path" in d.message]
        assert len(said) == 1, [str(d) for d in result.diagnostics]
        text = str(said[0])
        assert "\n" not in text and f"_config.yml:{line}: " in text and "/feed.xml" in text, text
        assert (out / "feed.xml").is_file()
        assert alternates(out, "") - {href for href in alternates(out, "") if href.startswith("/feed/")} == {
            "/feed.xml"
        }
        assert check_site(out, site_url=ORIGIN, jobs=1).ok


def test_the_feed_is_where_jekyll_feed_publishes_it(tmp_path: Path) -> None:
    paths = ["atom.xml", "/feeds/all.xml", "feeds//新闻.atom", "a.b/c.xml"]
    sites = []
    for number, path in enumerate(paths):
        files = site_files("plugins: [jekyll-feed]\n" + feed_config(path))
        sites.append(write_files(tmp_path / f"s{number}", files))
    jekyll_build_many(sites)
    for site, path in zip(sites, paths, strict=True):
        out = tmp_path / f"{site.name}-sitegen"
        build(site, destination=out, cache=False)
        jekyll = {
            p.relative_to(site / "_jekyll").as_posix() for p in (site / "_jekyll").rglob("*") if _is_feed(p)
        }
        ours = {p.relative_to(out).as_posix() for p in out.rglob("*") if _is_feed(p)}
        ours = {name for name in ours if not name.startswith("feed/")}  # the categories' feeds
        assert jekyll == ours == {published_url(path).lstrip("/")}, (path, jekyll, ours)


def _is_feed(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in (".xml", ".atom") and b"<feed" in path.read_bytes()[:400]
