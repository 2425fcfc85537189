"""The site feed's `<content type="html">`: every entry carries its post's whole body, as
jekyll-feed's does (jekyll-feed/lib/jekyll-feed/feed.xml, RFC 4287 4.1.3), as well-formed
XML whatever the body holds, and an incremental build's feed is a clean build's."""

from __future__ import annotations

import re
import tempfile
import xml.dom.minidom
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from sitegen.display_text import FORBIDDEN_CHARACTERS
from tests.conftest import CONFIG, build, jekyll_build, post, tree_bytes, write_files
from tests.test_xml_output import FORBIDDEN, body_text

ATOM = "{http://www.w3.org/2005/Atom}"

body_pieces = st.one_of(
    st.characters(),
    st.sampled_from(FORBIDDEN),
    st.sampled_from(
        ["]]>", "]]", "]", ">", "<![CDATA[", "&lt;", "&amp;", "<b>", "</i>", "<p", "\r\n", " 中"]
    ),
)
"""What a body may hold: any character, those XML forbids, CDATA's own marks, broken HTML."""
hostile_body = st.lists(body_pieces, max_size=16).map("".join)


def visible(html: str) -> str:
    """The text a reader sees of `html`: without what XML forbids (dropped from every XML
    output), line ends as XML reads them, white space runs as one."""
    text = BeautifulSoup(FORBIDDEN_CHARACTERS.sub("", html), "html.parser").get_text()
    text = FORBIDDEN_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return " ".join(text.split())


def contents(feed: Path) -> dict[str, tuple[str, str]]:
    """Each entry's link and (`xml:base`, unescaped `<content>`), parsed by minidom."""
    document = xml.dom.minidom.parse(str(feed))
    found = {}
    for entry in document.getElementsByTagName("entry"):
        link = entry.getElementsByTagName("link")[0].getAttribute("href")
        (content,) = entry.getElementsByTagName("content")
        assert content.getAttribute("type") == "html"
        text = "".join(node.data for node in content.childNodes if node.nodeType in (3, 4))
        found[link] = (content.getAttribute("xml:base"), text)
    return found


def post_body_text(published: Path, url: str) -> str:
    """The visible text of the body on the post's own page."""
    page = published / urlsplit(url).path.lstrip("/")
    soup = BeautifulSoup(page.read_bytes().decode("utf-8"), "html.parser")
    body = soup.select_one("div.post-body")
    assert body is not None
    return visible(body.decode_contents())


@settings(max_examples=25, deadline=None)
@given(bodies=st.lists(hostile_body, min_size=1, max_size=3))
@example(bodies=["<p>a ]]> b</p>", "x]]]]>y\x1b\ufffe\uffff", "<b>unclosed <i>\ud800"])
def test_each_entry_carries_its_posts_body_and_the_feed_parses(bodies: list[str]) -> None:
    files = {"_config.yml": CONFIG}
    for day, body in enumerate(bodies, start=1):
        written = body_text(body).replace("\x00", "")
        files[f"_posts/2022-01-{day:02d}-p{day}.html"] = post(
            f"第{day}篇", f"2022-01-{day:02d}", body=written
        )
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        build(site)
        published = site / "_site"
        etree.parse(str(published / "feed.xml"), etree.XMLParser(recover=False, resolve_entities=False))
        found = contents(published / "feed.xml")
        assert len(found) == len(bodies)
        for link, (base, text) in found.items():
            assert base == link  # relative links in the body resolve against the post (RFC 4287 4.1.3)
            assert visible(text) == post_body_text(published, link)


def test_the_body_is_jekyll_feeds_content(tmp_path: Path) -> None:
    """Markdown converted and stripped, in `<content type="html" xml:base>`, as
    jekyll-feed 0.17 writes `post.content | strip`; compared with Jekyll's own feed."""
    body = "第一段，有[链接](/a.html)和**粗体**。\n\n- 一\n- 二\n\n<p>HTML 段落</p>\n"
    files = {"_config.yml": CONFIG + "plugins: [jekyll-feed]\n", "_posts/2022-01-01-a.md": post(body=body)}
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    (expected,) = contents(tmp_path / "jekyll/feed.xml").values()
    (actual,) = contents(tmp_path / "sitegen/feed.xml").values()
    assert actual[0] == expected[0]
    assert visible(actual[1]) == visible(expected[1])
    assert re.sub(r">\s+<", "><", actual[1]) == re.sub(r">\s+<", "><", expected[1])


def test_a_category_feed_carries_summaries_only(tmp_path: Path) -> None:
    """sitegen writes a feed for every category (jekyll-feed only for those its
    `feed: categories:` names): bodies there would repeat each post's text once more."""
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "_posts/2022-01-01-a.md": post()})
    build(site)
    root = etree.parse(str(site / "_site/feed/xinjingbao.xml")).getroot()
    (entry,) = root.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}content") is None and entry.find(f"{ATOM}summary") is not None


@settings(max_examples=8, deadline=None)
@given(before=hostile_body, after=hostile_body)
@example(before="<p>旧的正文</p>", after="<p>新的正文 ]]> 更多</p>")
def test_an_incremental_feed_after_a_body_edit_is_the_clean_builds(before: str, after: str) -> None:
    """Bodies come from the cache apart from the posts (`BodyFiller`); an edited body
    changes the feed's fingerprint, and the feed is rebuilt with the new body."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {"_config.yml": CONFIG, "_posts/2022-01-02-b.md": post(body="<p>另一篇</p>\n")}
        path = "_posts/2022-01-01-a.html"
        site = write_files(root / "site", {**files, path: post(body=body_text(before).replace("\x00", ""))})
        build(site)
        first = (site / "_site/feed.xml").read_bytes()
        (site / path).write_text(post(body=body_text(after).replace("\x00", "")), "utf-8", newline="")
        build(site)
        clean = build(site, destination=root / "clean", cache=False, jobs=1)
        assert tree_bytes(site / "_site") == tree_bytes(clean.destination)
        link = "https://finews.example.com/xinjingbao/2022/05/27/a.html"
        assert visible(contents(site / "_site/feed.xml")[link][1]) == post_body_text(site / "_site", link)
        if visible(body_text(before)) != visible(body_text(after)):
            assert (site / "_site/feed.xml").read_bytes() != first
