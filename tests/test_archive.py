"""Date archives by month, and previous/next links between posts of one category."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.check.links import check_site
from tests.conftest import CONFIG, SiteFactory, attr, build, post, select_first

SITE = {
    "_config.yml": CONFIG,  # timezone Asia/Shanghai
    "content/_posts/2022-04-30-a.md": post("四月底", date="2022-04-30 10:00:00 +0800"),
    "content/_posts/2022-05-02-b.md": post("五月初", date="2022-05-02 10:00:00 +0800"),
    "content/_posts/2022-05-10-c.md": post(
        "五月中", date="2022-05-10 10:00:00 +0800", categories="emnews", tags="东财滚动新闻"
    ),
    # 16:30 UTC on 31 May is 00:30 on 1 June in the site's zone.
    "content/_posts/2022-05-31-d.md": post("时区边界", date="2022-05-31 16:30:00 +0000"),
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def titles(path: Path) -> list[str]:
    return [a.get_text() for a in soup(path).select(".post-list a")]


def test_month_pages_list_their_posts_newest_first_in_the_site_zone(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    out = site / "_site"
    may = soup(out / "archive/2022/05/index.html")
    assert select_first(may, "h1").get_text() == "2022年5月"
    assert [a.get_text() for a in may.select(".post-list a")] == ["五月中", "五月初"]
    assert titles(out / "archive/2022/06/index.html") == ["时区边界"]
    assert titles(out / "archive/2022/04/index.html") == ["四月底"]
    assert not (out / "archive/2022/03").exists()


def test_archive_index_lists_months_newest_first_and_every_page_links_it(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    out = site / "_site"
    index = soup(out / "archive/index.html")
    assert [(a.get_text(), a["href"]) for a in index.select(".archive-months a")] == [
        ("6月（1）", "/archive/2022/06/"),
        ("5月（2）", "/archive/2022/05/"),
        ("4月（1）", "/archive/2022/04/"),
    ]
    for page in ("index.html", "category/xinjingbao.html", "xinjingbao/2022/05/02/b.html"):
        assert soup(out / page).select_one(".site-footer a[href='/archive/']") is not None, page
    assert check_site(out, site_url="https://finews.example.com").ok


def test_post_links_to_its_month(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    page = soup(site / "_site/xinjingbao/2022/06/01/d.html")
    assert select_first(page, ".post-meta a.post-date")["href"] == "/archive/2022/06/"


def test_previous_and_next_stay_within_the_primary_category(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    out = site / "_site"

    def neighbours(path: str) -> tuple[str | None, str | None]:
        page = soup(out / path)
        older, newer = page.select_one(".post-nav a[rel=prev]"), page.select_one(".post-nav a[rel=next]")
        return (attr(older, "href") if older else None, attr(newer, "href") if newer else None)

    # xinjingbao, oldest to newest: a (04-30), b (05-02), d (06-01); c is in emnews.
    assert neighbours("xinjingbao/2022/04/30/a.html") == (None, "/xinjingbao/2022/05/02/b.html")
    assert neighbours("xinjingbao/2022/05/02/b.html") == (
        "/xinjingbao/2022/04/30/a.html",
        "/xinjingbao/2022/06/01/d.html",
    )
    assert neighbours("xinjingbao/2022/06/01/d.html") == ("/xinjingbao/2022/05/02/b.html", None)
    assert soup(out / "emnews/2022/05/10/c.html").select(".post-nav") == []
    text = select_first(soup(out / "xinjingbao/2022/05/02/b.html"), ".post-nav a[rel=next]").get_text()
    assert text == "下一篇时区边界"


def test_month_archives_paginate(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "paginate: 1\n"})
    build(site)
    out = site / "_site"
    assert titles(out / "archive/2022/05/page/2/index.html") == ["五月初"]
    # The page above the newest numbered one forwards to the month's first page.
    assert 'url=/archive/2022/05/"' in (out / "archive/2022/05/page/3/index.html").read_text(encoding="utf-8")
    assert not (out / "archive/2022/05/page/4").exists()
    assert check_site(out).ok


def test_date_archives_false_publishes_no_archive_and_links_none(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "date_archives: false\n"})
    build(site)
    out = site / "_site"
    assert not (out / "archive").exists()
    assert "/archive/" not in (out / "xinjingbao/2022/05/02/b.html").read_text(encoding="utf-8")
    assert check_site(out).ok
