"""Feed text as jekyll-feed writes it: one generated batch of posts with odd titles (HTML
tags, scripts and styles, quotes, entities, white-space runs, Chinese), built by Jekyll
with jekyll-feed and by sitegen, gives every entry the same `<title>`, link title and
attributes; and every feed sitegen writes stays well-formed XML whatever the titles.
Titles holding HTML that kramdown keeps (`A <script>x</script> B`, `<foo>`, a `<p>` at a
line's start) showed their tags escaped (`A &lt;script&gt;x…`) where jekyll-feed strips
them (`A B`): sitegen's `smartify` kept span tags only.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import CONFIG, build, jekyll_build, one_seeded_batch, post, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
BATCH_SIZE = 60
#: Pieces of crawler titles: span and other tags, quotes, entities kramdown knows and
#: does not, typographic sequences, ASCII and ideographic white space, Chinese text.
PIECES = (
    "重磅",
    "央行降准",
    "：",
    "<b>",
    "</b>",
    "<em>要闻</em>",
    '<span class=\\"x\\">',
    "<AT&T>",
    "<!-- c -->",
    '\\"',
    "'",
    "“",
    "&amp;",
    "&quot;",
    "&copy;",
    "&foo;",
    "&#34;",
    "&lt;",
    " & ",
    "--",
    "...",
    "  ",
    "\\t",
    "\\n",
    "　",
    "a",
    "3'",
    "<<",
    "<script>x</script>",
    "<style>y</style>",
    "<script>",
    "<a href=x>z</a>",
    "<a href=x.html>z</a>",
    "<foo>",
    "</foo>",
    "<div>",
    "</div>",
    "\\n<p>",
    "\\n<!-- c -->",
    "<code>",
    "</code>",
    "<br/>",
    "<b/>",
    "<",
)
#: The titles of the report, each a post of the batch.
REPORTED = ("A <script>x</script> B", "C <style>y</style> D", "<a href=x>z</a>", "<b>bold</b> & co")


def odd_title(rng: random.Random) -> str:
    """A title for a YAML double-quoted scalar: it starts and ends with text (sitegen strips
    a title's white space, ideographic too, where Jekyll keeps U+3000: a difference of the
    title itself, not of the feed)."""
    return "标题" + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6))) + "。"


def entries(feed: Path) -> dict[str, tuple[str | None, str, str | None, str | None, tuple[str, ...]]]:
    """Each entry by its link: title type, title text, link title, summary type, terms."""
    root = etree.parse(str(feed)).getroot()
    found = {}
    for entry in root.iter(f"{ATOM}entry"):
        title = entry.find(f"{ATOM}title")
        link = entry.find(f"{ATOM}link")
        summary = entry.find(f"{ATOM}summary")
        assert title is not None and link is not None
        terms = tuple(sorted(c.get("term") or "" for c in entry.iter(f"{ATOM}category")))
        found[link.get("href") or ""] = (
            title.get("type"),
            title.text or "",
            link.get("title"),
            None if summary is None else summary.get("type"),
            terms,
        )
    return found


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_every_entry_title_is_jekyll_feeds(tmp_path: Path, rng: random.Random) -> None:
    files = {
        "_config.yml": CONFIG + "plugins: [jekyll-feed]\nfeed:\n  posts_limit: 1000\nfeed_entries: 1000\n"
    }
    titles = [*REPORTED, *(odd_title(rng) for _ in range(BATCH_SIZE - len(REPORTED)))]
    for number, title in enumerate(titles):
        files[f"_posts/2022-03-{1 + number % 28:02d}-p{number}.md"] = post(
            title,
            date=f"2022-03-{1 + number % 28:02d} 10:{number:02d}:00 +0800",
            body="<p>正文</p>\n",
        )
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    expected = entries(tmp_path / "jekyll" / "feed.xml")
    actual = entries(tmp_path / "sitegen" / "feed.xml")
    assert len(expected) == BATCH_SIZE
    assert actual == expected
    assert {"A B", "C D", "z", "bold &amp; co"} <= {text for _, text, *_ in expected.values()}
    site_title = etree.parse(str(tmp_path / "sitegen" / "feed.xml")).getroot().find(f"{ATOM}title")
    assert site_title is not None and site_title.get("type") == "html"


def test_an_html_title_is_its_text_and_quotes_are_curly(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "_posts/2022-06-01-a.md": post("<b>重磅</b>：央行降准", date="2022-06-01 10:00:00 +0800"),
            "_posts/2022-06-02-b.md": post('美联储加息 \\"鹰派\\"信号', date="2022-06-02 10:00:00 +0800"),
        },
    )
    build(site)
    for feed in ("feed.xml", "feed/xinjingbao.xml"):
        found = entries(site / "_site" / feed)
        titles = sorted((kind, text) for kind, text, *_ in found.values())
        assert titles == [("html", "美联储加息 “鹰派”信号"), ("html", "重磅：央行降准")]


# Each example is a whole build (about a quarter of a second): a dozen keep it a few seconds.
@settings(max_examples=12)
@given(
    titles=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4),
    name=st.text(min_size=1, max_size=10),
)
def test_every_feed_stays_well_formed(
    tmp_path_factory: pytest.TempPathFactory, titles: list[str], name: str
) -> None:
    """Whatever a title or the site's name holds, the site feed and the category feeds parse,
    and every title is marked as the HTML it is."""
    root = tmp_path_factory.mktemp("feeds")
    files = {"_config.yml": f"{CONFIG}title: {json.dumps(name)}\n"}
    for number, title in enumerate(titles):
        files[f"_posts/2022-03-0{number + 1}-p{number}.md"] = (
            f"---\ntitle: {json.dumps(title)}\ndate: 2022-03-0{number + 1} 10:00:00 +0800\n"
            f"categories: c{number % 2}\n---\n正文\n"
        )
    site = write_files(root / "site", files)
    build(site)
    feeds = [site / "_site" / "feed.xml", *sorted((site / "_site" / "feed").glob("*.xml"))]
    assert len(feeds) >= 2
    for feed in feeds:
        document = etree.parse(str(feed), parser=etree.XMLParser(recover=False)).getroot()
        title_elements = [*document.iterfind(f"{ATOM}title"), *document.iterfind(f"{ATOM}entry/{ATOM}title")]
        assert {element.get("type") for element in title_elements} == {"html"}  # as jekyll-feed marks them
        for entry in document.iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link")
            assert link is not None and link.get("title") == (entry.findtext(f"{ATOM}title") or "")
