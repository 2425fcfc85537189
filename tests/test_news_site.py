"""A 2,000-post news site with everything on builds into a tree where every link resolves."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote, unquote

import feedparser
import pytest
from lxml import etree

from sitegen.build import BuildResult
from sitegen.check.links import check_site
from tests.conftest import build, write_files

POSTS = 2_000
CATEGORIES = 100
PER_PAGE = 20
ORIGIN = "https://big.example.com"
TAGS = ("新京报新闻", "东财滚动新闻", "财经 要闻", "科技", "房产", "Ａ股")
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def category(number: int) -> str:
    """Every tenth category has a Chinese name, like the crawler's media names."""
    return f"媒体{number}" if number % 10 == 0 else f"cat{number}"


def news_site() -> dict[str, str]:
    files = {
        "_config.yml": f"title: 大站\nurl: {ORIGIN}\ntimezone: Asia/Shanghai\npaginate: {PER_PAGE}\n"
        "sitemap_max_urls: 1000\ncategory_dirs: true\n"
    }
    for number in range(POSTS):
        year, day_of_year = 2020 + number // 336, number % 336
        month, day = 1 + day_of_year // 28, 1 + day_of_year % 28
        tags = f"[{TAGS[number % len(TAGS)]}, 标签{number % 7}]"
        body = (
            f"<p>第{number}篇正文，{'内容' * 150}</p>\n"
            f'<p><img src="https://img.example.org/{number}.jpg"></p>\n\n<http://source.example.org/{number}>\n'
        )
        files[f"content/_posts/{year}-{month:02d}-{day:02d}-p{number}.md"] = (
            f'---\ntitle: "新闻 {number} </script>"\n'
            f"date: {year}-{month:02d}-{day:02d} {number % 24:02d}:00:00 +0800\n"
            f"categories: {category(number % CATEGORIES)}\ntags: {tags}\n---\n{body}"
        )
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = tmp_path_factory.mktemp("news")
    site = write_files(root / "site", news_site())
    result = build(site, destination=root / "out")
    return root / "out", result


def test_builds_without_errors(built: tuple[Path, BuildResult]) -> None:
    _, result = built
    assert result.errors == ()
    assert result.posts == POSTS


def test_every_internal_link_resolves(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    report = check_site(out, site_url=ORIGIN)
    assert report.ok, report.broken[:5]
    assert report.pages_checked > POSTS


def test_every_page_of_a_chinese_tag_exists_and_is_linked(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    newest = POSTS // len(TAGS) // PER_PAGE  # full blocks; page 1 holds the newest of them
    for tag in ("财经 要闻", "新京报新闻"):
        first = (out / f"tag/{tag}.html").read_text(encoding="utf-8")
        assert f'href="/tag/{quote(tag)}/page/{newest}.html"' in first
        for number in range(2, newest + 1):
            assert (out / f"tag/{tag}/page/{number}.html").is_file()
        newest_page = (out / f"tag/{tag}/page/{newest}.html").read_text(encoding="utf-8")
        assert f'href="/tag/{quote(tag)}/page/{newest + 1}.html"' in newest_page
        forward = (out / f"tag/{tag}/page/{newest + 1}.html").read_text(encoding="utf-8")
        assert f"url=/tag/{quote(tag)}.html" in forward
        assert not (out / f"tag/{tag}/page/{newest + 2}.html").exists()


def test_sitemap_index_covers_every_html_page_once(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    index = etree.parse(str(out / "sitemap.xml")).getroot()
    assert index.tag == f"{NS}sitemapindex"
    listed: list[str] = []
    for loc in index.iterfind(f"{NS}sitemap/{NS}loc"):
        part = etree.parse(str(out / (loc.text or "").removeprefix(ORIGIN + "/"))).getroot()
        locs = [node.text or "" for node in part.iterfind(f"{NS}url/{NS}loc")]
        assert len(locs) <= 1000
        listed.extend(locs)
    assert len(listed) == len(set(listed))
    assert all(loc.isascii() for loc in listed)
    # Redirects (old category folders, and each listing's forward above its newest
    # numbered page) stay out of the sitemap.
    redirects = {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")
    }
    assert {f"{category(n)}/index.html" for n in range(CATEGORIES)} <= redirects
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"404.html"} - redirects
    as_urls = {"/" + page.removesuffix("index.html") for page in pages}
    assert {unquote(loc.removeprefix(ORIGIN)) for loc in listed} == as_urls


def test_feeds_are_valid_atom(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    for path in (out / "feed.xml", out / "feed/媒体10.xml"):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo and feed.version == "atom10"
        assert len(feed.entries) == 20
        # The title is HTML now (`type="html"`, as jekyll-feed's): a reader shows its text,
        # the stray `</script>` as written.
        assert all(html.unescape(entry.title).endswith("</script>") for entry in feed.entries)
