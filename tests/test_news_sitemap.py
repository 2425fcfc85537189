"""The Google News sitemap `/sitemap-news.xml`, checked against the protocol's rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from sitegen.config import SiteConfig
from sitegen.render.context import ContextBuilder
from sitegen.render.templates import Renderer
from sitegen.site.news_sitemap import (
    MAX_NEWS_URLS,
    NEWS_SITEMAP_URL,
    NEWS_WINDOW,
    NewsEntry,
    NewsSitemap,
    news_entries,
)
from sitegen.site.plan import PlannedPage
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, SiteFactory, build, post

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
S = f"{{{SITEMAP_NS}}}"
N = f"{{{NEWS_NS}}}"
ORIGIN = "https://finews.example.com"
W3C_DATETIME = "%Y-%m-%dT%H:%M:%S%z"


def news_items(path: Path | bytes) -> list[dict[str, str]]:
    """Every `<url>` of a news sitemap, checked for the protocol's required elements."""
    root = etree.fromstring(path.read_bytes() if isinstance(path, Path) else path)
    assert root.tag == f"{S}urlset"
    assert root.nsmap.get(None) == SITEMAP_NS and root.nsmap.get("news") == NEWS_NS
    items = []
    for url in root.iterfind(f"{S}url"):
        news = url.find(f"{N}news")
        assert news is not None
        publication = news.find(f"{N}publication")
        assert publication is not None
        item = {
            "loc": url.findtext(f"{S}loc") or "",
            "name": publication.findtext(f"{N}name") or "",
            "language": publication.findtext(f"{N}language") or "",
            "date": news.findtext(f"{N}publication_date") or "",
            "title": news.findtext(f"{N}title") or "",
        }
        assert all(item.values()), item
        datetime.strptime(item["date"], W3C_DATETIME)  # W3C format, offset included
        items.append(item)
    assert len(items) <= MAX_NEWS_URLS
    return items


def render_news(entries: tuple[NewsEntry, ...], config: SiteConfig | None = None) -> bytes:
    config = config or SiteConfig(title="测试站", url=ORIGIN)
    renderer = Renderer((default_theme_dir(),), ContextBuilder(config, {}, {}))
    sitemap = NewsSitemap(NEWS_SITEMAP_URL, entries)
    page = PlannedPage(NEWS_SITEMAP_URL, "sitemap-news.xml", "sitemap_news.xml", sitemap, "t")
    return renderer.render(page)[0]


SITE = {
    "_config.yml": CONFIG,
    "content/_posts/2022-05-27-newest.md": post("最新 & <快讯>", date="2022-05-27 16:00:00 +0800"),
    "content/_posts/2022-05-26-day-before.md": post("前一天", date="2022-05-26 09:00:00 +0800"),
    "content/_posts/2022-05-25-edge.md": post("恰好两天", date="2022-05-25 16:00:00 +0800"),
    "content/_posts/2022-05-25-old.md": post("三天前", date="2022-05-25 15:59:59 +0800"),
    "content/about.md": "---\ntitle: 关于\npermalink: /about/\ndate: 2022-05-27\n---\n关于\n",
}


def test_lists_posts_within_48_hours_of_the_newest_newest_first(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    result = build(site)
    assert result.errors == ()
    items = news_items(site / "_site/sitemap-news.xml")
    assert [item["title"] for item in items] == ["最新 & <快讯>", "前一天", "恰好两天"]
    assert items[0]["loc"] == f"{ORIGIN}/xinjingbao/2022/05/27/newest.html"
    assert items[0]["date"] == "2022-05-27T16:00:00+08:00"
    assert {item["name"] for item in items} == {"测试站"} and {item["language"] for item in items} == {
        "zh-cn"
    }
    raw = (site / "_site/sitemap-news.xml").read_text(encoding="utf-8")
    assert "最新 &amp; &lt;快讯&gt;" in raw


def test_robots_txt_names_both_sitemaps(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    lines = (site / "_site/robots.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {ORIGIN}/sitemap.xml",
        f"Sitemap: {ORIGIN}{NEWS_SITEMAP_URL}",
    ]


def test_news_sitemap_is_not_listed_in_the_sitemap(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    assert "sitemap-news" not in (site / "_site/sitemap.xml").read_text(encoding="utf-8")


def test_publication_name_and_language_come_from_config(make_site: SiteFactory) -> None:
    config = CONFIG + "baseurl: /news\nnews:\n  name: 金融消息\n  language: zh-TW\n"
    site = make_site({**SITE, "_config.yml": config})
    build(site)
    items = news_items(site / "_site/sitemap-news.xml")
    assert {(item["name"], item["language"]) for item in items} == {("金融消息", "zh-tw")}
    assert items[0]["loc"].startswith(f"{ORIGIN}/news/")


@pytest.mark.parametrize(("lang", "expected"), [("en-US", "en"), ("zh-Hant-TW", "zh-tw"), ("zh", "zh")])
def test_language_defaults_from_lang(make_site: SiteFactory, lang: str, expected: str) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + f"lang: {lang}\n"})
    build(site)
    assert {item["language"] for item in news_items(site / "_site/sitemap-news.xml")} == {expected}


def test_news_false_publishes_no_news_sitemap(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "news: false\n"})
    build(site)
    assert not (site / "_site/sitemap-news.xml").exists()
    assert "sitemap-news" not in (site / "_site/robots.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ("news: yes please\n", "news"),
        ("news:\n  nmae: x\n", "nmae"),
        ("news:\n  language: chinese\n", "language"),
        ("news:\n  name: [a, b]\n", "name"),
        ("news:\n  language: [zh]\n", "language"),
    ],
)
def test_bad_news_setting_is_one_warning_naming_it_and_the_default_is_used(
    make_site: SiteFactory, setting: str, complaint: str
) -> None:
    """A wrong `news:` costs that setting, not the site (the settings rule): one warning
    at the line of what is wrong (the key within `news`, where it is one), naming it,
    and the news sitemap of the defaults."""
    site = make_site({**SITE, "_config.yml": CONFIG + setting})
    result = build(site)
    named = [d for d in result.diagnostics if d.path is not None and d.path.name == "_config.yml"]
    assert len(named) == 1 and complaint in named[0].message, named
    assert named[0].level == "warning" and named[0].line == CONFIG.count("\n") + setting.count("\n")
    assert (site / "_site/sitemap-news.xml").is_file()


@pytest.mark.parametrize("language", ["zh-Hans", "chinese", "5", "[zh]", "{a: 1}", "true"])
def test_a_bad_news_language_costs_the_language_only(make_site: SiteFactory, language: str) -> None:
    """`language: zh-Hans` threw the valid `name` away with it (the whole setting fell
    back), and the warning named the `news` line, not the language's."""
    config = CONFIG + f"news:\n  name: 金融消息\n  language: {language}\n"
    site = make_site({**SITE, "_config.yml": config})
    result = build(site)
    named = [d for d in result.diagnostics if d.path is not None and d.path.name == "_config.yml"]
    assert len(named) == 1 and "'news: language'" in named[0].message, named
    assert named[0].line == config.count("\n")
    sitemap = (site / "_site/sitemap-news.xml").read_text(encoding="utf-8")
    assert "<news:name>金融消息</news:name>" in sitemap


def test_path_is_reserved_like_sitemap_xml(make_site: SiteFactory) -> None:
    # A post at the path itself is written `sitemap-news.xml.html`, as Jekyll writes it;
    # one that needs the path as a folder is published, as Jekyll publishes it, and the
    # news sitemap, an extra the site lives without, is not (nor named by robots.txt).
    clash = post("抢占", date="2022-05-27 10:00:00 +0800", extra="permalink: /sitemap-news.xml/a.html\n")
    site = make_site({**SITE, "content/_posts/2022-05-27-clash.md": clash})
    result = build(site)
    assert result.errors == ()
    assert any("so the generated news sitemap is not published" in w.message for w in result.diagnostics)
    assert (site / "_site/sitemap-news.xml/a.html").is_file()
    assert "sitemap-news" not in (site / "_site/robots.txt").read_text()


def test_site_own_news_sitemap_wins(make_site: SiteFactory) -> None:
    own = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
    site = make_site({**SITE, "content/sitemap-news.xml": own})
    result = build(site)
    assert result.errors == ()
    assert (site / "_site/sitemap-news.xml").read_text(encoding="utf-8") == own


def test_at_most_1000_urls() -> None:
    start = datetime(2022, 5, 27, 12, 0, tzinfo=UTC)
    entries = [NewsEntry(f"/p{n}.html", f"第{n}篇", start - timedelta(minutes=n)) for n in range(1_500)]
    chosen = news_entries(entries)
    assert len(chosen) == MAX_NEWS_URLS
    assert [entry.url for entry in chosen] == [f"/p{n}.html" for n in range(MAX_NEWS_URLS)]
    assert len(news_items(render_news(chosen))) == MAX_NEWS_URLS


_zones = st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))])
_moments = st.builds(
    lambda minutes, zone: (datetime(2022, 5, 27, tzinfo=UTC) - timedelta(minutes=minutes)).astimezone(zone),
    st.integers(min_value=0, max_value=60 * 24 * 6),
    _zones,
)
_titles = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30)


@given(st.lists(st.tuples(_moments, _titles), max_size=40))
def test_any_posts_give_a_valid_news_sitemap(posts: list[tuple[datetime, str]]) -> None:
    entries = [NewsEntry(f"/p{n}.html", title, moment) for n, (moment, title) in enumerate(posts)]
    chosen = news_entries(entries)
    items = news_items(render_news(chosen))
    assert len(items) == len(chosen) <= MAX_NEWS_URLS
    dates = [datetime.strptime(item["date"], W3C_DATETIME) for item in items]
    assert dates == sorted(dates, reverse=True)
    # A title with nothing visible is left out (the protocol requires a title).
    titled = [entry for entry in entries if any(c.isprintable() and not c.isspace() for c in entry.title)]
    if titled:
        newest = max(entry.published for entry in titled)
        assert all(newest - moment <= NEWS_WINDOW for moment in dates)
        expected = {entry.url for entry in titled if newest - entry.published <= NEWS_WINDOW}
        assert {item["loc"].removeprefix(ORIGIN) for item in items} == {quote(url) for url in expected}
    else:
        assert items == []


@given(st.lists(st.tuples(_moments, _titles), max_size=60), st.integers(min_value=0, max_value=1_100))
def test_the_window_is_the_newest_posts_in_order_however_many(
    posts: list[tuple[datetime, str]], crowd: int
) -> None:
    """The posts in the window, newest first and ties by URL, at most 1,000: as sorting
    every post and cutting the order gives, with `crowd` posts sharing one moment."""
    shared = datetime(2022, 5, 26, tzinfo=UTC)
    entries = [NewsEntry(f"/p{n}.html", title, moment) for n, (moment, title) in enumerate(posts)]
    entries += [NewsEntry(f"/c{n}.html", "同时", shared) for n in range(crowd)]
    ordered = sorted(
        (entry for entry in entries if any(c.isprintable() and not c.isspace() for c in entry.title)),
        key=lambda entry: (-entry.published.timestamp(), entry.url),
    )
    expected = [entry for entry in ordered if ordered[0].published - entry.published <= NEWS_WINDOW]
    assert list(news_entries(entries)) == expected[:MAX_NEWS_URLS]


@given(st.text())
def test_a_title_is_visible_when_some_character_is_printable_and_not_a_space(title: str) -> None:
    from sitegen.site.news_sitemap import _has_visible_text

    expected = any(character.isprintable() and not character.isspace() for character in title)
    assert _has_visible_text(title) == expected
    padded = f"\u3000{title}\u00a0 "
    assert _has_visible_text(padded) == expected
