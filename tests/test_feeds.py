"""Atom feeds: the whole site at /feed.xml, one per category at /feed/<name>.xml."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from sitegen.check.links import check_site
from tests.conftest import CONFIG, SiteFactory, build, jekyll_build, post, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)$")


def site_with_posts(count: int, extra_config: str = "") -> dict[str, str]:
    files = {"_config.yml": CONFIG + extra_config}
    for day in range(1, count + 1):
        category = "xinjingbao" if day % 2 else "财经"
        files[f"content/_posts/2022-01-{day:02d}-p{day}.md"] = post(
            f"第{day}篇 <AT&T>",
            date=f"2022-01-{day:02d} 08:00:00 +0800",
            categories=category,
            tags="新京报新闻 要闻",
            body=f"<p>第{day}篇的正文 &amp; 更多。</p>\n",
        )
    return files


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_site_feed_has_required_atom_elements(make_site: SiteFactory) -> None:
    site = make_site(site_with_posts(3))
    build(site)
    feed = parse(site / "_site/feed.xml")
    assert feed.feed.id == "https://finews.example.com/feed.xml"
    assert feed.feed.title == "测试站"
    assert feed.feed.updated == "2022-01-03T08:00:00+08:00"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "self": "https://finews.example.com/feed.xml",
        "alternate": "https://finews.example.com/",
    }
    # jekyll-feed's `<title type="html">`: the text `<AT&T>` is written as HTML, escaped.
    assert [entry.title for entry in feed.entries] == [f"第{n}篇 &lt;AT&amp;T&gt;" for n in (3, 2, 1)]
    entry = feed.entries[0]
    # jekyll-feed's `post.id | absolute_url`: the URL's folder and the slug, no `.html`.
    assert entry.id == "https://finews.example.com/xinjingbao/2022/01/03/p3"
    assert entry.link == "https://finews.example.com/xinjingbao/2022/01/03/p3.html"
    assert entry.updated == entry.published == "2022-01-03T08:00:00+08:00"
    assert entry.summary == "第3篇的正文 &amp; 更多。"  # `type="html"`, as jekyll-feed writes it
    assert entry.author == "测试站"
    assert [(tag.term, tag.label) for tag in entry.tags] == [
        ("xinjingbao", "新京报新闻"),
        ("新京报新闻", "新京报新闻"),
        ("要闻", "要闻"),
    ]


def test_every_entry_and_the_feed_carry_what_atom_requires(make_site: SiteFactory) -> None:
    site = make_site(site_with_posts(4))
    build(site)
    root = etree.parse(str(site / "_site/feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 4
    for entry in entries:
        for name in ("id", "title", "updated", "link", "summary", "author", "category"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert RFC3339_WITH_OFFSET.match(entry.findtext(f"{ATOM}updated") or "")
        assert (entry.findtext(f"{ATOM}id") or "").startswith("https://finews.example.com/")


def test_feeds_hold_the_newest_feed_entries(make_site: SiteFactory) -> None:
    site = make_site(site_with_posts(7, "feed_entries: 3\n"))
    build(site)
    feed = parse(site / "_site/feed.xml")
    assert [entry.title.split()[0] for entry in feed.entries] == ["第7篇", "第6篇", "第5篇"]


def test_category_feed_is_linked_from_its_listing_and_encodes_chinese(make_site: SiteFactory) -> None:
    site = make_site(site_with_posts(4))
    build(site)
    out = site / "_site"
    feed = parse(out / "feed/财经.xml")
    encoded = f"https://finews.example.com/feed/{quote('财经')}.xml"
    assert feed.feed.id == encoded
    assert {link.rel: link.href for link in feed.feed.links}["self"] == encoded
    assert [entry.title.split()[0] for entry in feed.entries] == ["第4篇", "第2篇"]
    assert all(entry.id.startswith(f"https://finews.example.com/{quote('财经')}/") for entry in feed.entries)
    listing = BeautifulSoup((out / "category/财经.html").read_text(encoding="utf-8"), "html.parser")
    alternates = [link["href"] for link in listing.select("link[rel=alternate][type='application/atom+xml']")]
    assert alternates == ["/feed.xml", f"/feed/{quote('财经')}.xml"]
    assert check_site(out, site_url="https://finews.example.com").ok


def test_last_modified_at_becomes_the_entry_updated(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-01-01-a.md": post(
                date="2022-01-01 08:00:00 +0800", extra="last_modified_at: 2022-01-05 09:30:00 +0800\n"
            ),
        }
    )
    build(site)
    entry = parse(site / "_site/feed.xml").entries[0]
    assert entry.published == "2022-01-01T08:00:00+08:00"
    assert entry.updated == "2022-01-05T09:30:00+08:00"


def test_without_url_no_feed_is_published_and_one_warning_says_why(make_site: SiteFactory) -> None:
    site = make_site({**site_with_posts(2), "_config.yml": "title: 测试站\n"})
    result = build(site)
    out = site / "_site"
    assert not (out / "feed.xml").exists() and not (out / "feed").exists()
    # By message: the test's own folder name holds "url", so every warning's path does.
    warnings = [w.message for w in result.warnings if "url" in w.message]
    assert len(warnings) == 1 and "feed" in warnings[0]
    assert 'type="application/atom+xml"' not in (out / "index.html").read_text(encoding="utf-8")
    assert check_site(out).ok


def test_feed_entries_zero_turns_feeds_off(make_site: SiteFactory) -> None:
    site = make_site(site_with_posts(2, "feed_entries: 0\n"))
    build(site)
    assert not (site / "_site/feed.xml").exists()


def test_site_template_overrides_the_feed(make_site: SiteFactory) -> None:
    override = "<feed>{{ feed.entries | length }}</feed>\n"
    site = make_site({**site_with_posts(2), "templates/feed.xml": override})
    build(site)
    assert (site / "_site/feed.xml").read_text(encoding="utf-8") == "<feed>2</feed>\n"


def test_a_feed_is_the_same_whenever_it_is_built(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(site_with_posts(2))
    build(site, destination=tmp_path / "a", now=datetime(2030, 1, 1, tzinfo=UTC))
    build(site, destination=tmp_path / "b", now=datetime(2031, 6, 1, tzinfo=UTC))
    assert (tmp_path / "a/feed.xml").read_bytes() == (tmp_path / "b/feed.xml").read_bytes()


def test_an_entry_has_a_summary_element_where_jekyll_feed_writes_one(tmp_path: Path) -> None:
    """jekyll-feed writes `<summary>` when the post's description, else its rendered
    excerpt, is not empty (`{% if post_summary and post_summary != empty %}`, jekyll-feed's
    feed.xml): for a Markdown post always (kramdown renders nothing as a newline), even an
    empty one; for an HTML post only when its excerpt has text. Checked against Jekyll."""
    bodies = {
        "md-empty.md": "",
        "md-image.md": "![x](/a.png)\n\nmore\n",
        "md-comment.md": "<!-- c -->\n\nmore\n",
        "md-text.md": "text\n",
        "html-empty.html": "",
        "html-text.html": "<p>text</p>\n",
        "html-described.html": "",
    }
    files = {"_config.yml": CONFIG + "plugins: [jekyll-feed]\n"}
    for day, (name, body) in enumerate(bodies.items(), start=1):
        described = "description: 说明\n" if "described" in name else ""
        files[f"_posts/2022-01-{day:02d}-{name}"] = f"---\ntitle: {name}\n{described}---\n{body}"
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")

    def summaries(feed: Path) -> dict[str | None, str | None]:
        root = etree.parse(str(feed)).getroot()
        found = {
            entry.findtext(f"{ATOM}title"): entry.find(f"{ATOM}summary")
            for entry in root.iter(f"{ATOM}entry")
        }
        return {
            title: None if summary is None else (summary.text or "").strip()
            for title, summary in found.items()
        }

    expected = summaries(tmp_path / "jekyll/feed.xml")
    assert (
        len(expected) == len(bodies) and expected["html-empty.html"] is None and expected["md-empty.md"] == ""
    )
    assert summaries(tmp_path / "sitegen/feed.xml") == expected
