"""Listings split into pages: where the pages are, what each holds, how they link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup

from sitegen.check.links import check_site
from sitegen.site.pagination import Pager, page_numbers, pagers, split_pages
from tests.conftest import CONFIG, SiteFactory, build, post, select_first


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def posts(count: int, categories: str = "xinjingbao", tags: str = "新京报新闻") -> dict[str, str]:
    """`count` posts, one a day in January 2022, titled 第1篇 (oldest) to 第<count>篇."""
    return {
        f"content/_posts/2022-01-{day:02d}-p{day}.md": post(
            f"第{day}篇", date=f"2022-01-{day:02d} 08:00:00 +0800", categories=categories, tags=tags
        )
        for day in range(1, count + 1)
    }


def titles(page: BeautifulSoup, selector: str = ".listing .post-list a") -> list[str]:
    return [a.get_text() for a in page.select(selector)]


def test_category_pages_split_newest_first_with_no_empty_page(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\n", **posts(5)})
    build(site)
    out = site / "_site"
    assert titles(soup(out / "category/xinjingbao.html")) == ["第5篇", "第4篇"]
    assert titles(soup(out / "category/xinjingbao/page/2.html")) == ["第3篇", "第2篇"]
    assert titles(soup(out / "category/xinjingbao/page/3.html")) == ["第1篇"]
    assert not (out / "category/xinjingbao/page/4.html").exists()
    assert not (out / "category/xinjingbao/page/1.html").exists()


def test_pages_link_previous_next_and_numbers(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\n", **posts(5)})
    build(site)
    out = site / "_site"
    first, middle, last = (
        soup(out / path)
        for path in (
            "category/xinjingbao.html",
            "category/xinjingbao/page/2.html",
            "category/xinjingbao/page/3.html",
        )
    )
    assert first.select_one(".pager a[rel=prev]") is None
    assert select_first(first, ".pager a[rel=next]")["href"] == "/category/xinjingbao/page/2.html"
    assert select_first(middle, ".pager a[rel=prev]")["href"] == "/category/xinjingbao.html"
    assert select_first(middle, ".pager a[rel=next]")["href"] == "/category/xinjingbao/page/3.html"
    assert last.select_one(".pager a[rel=next]") is None
    numbered = [(a.get_text(), a["href"]) for a in middle.select(".pager a:not([rel])")]
    assert numbered == [("1", "/category/xinjingbao.html"), ("3", "/category/xinjingbao/page/3.html")]
    assert select_first(middle, ".pager [aria-current=page]").get_text() == "2"
    # The head announces the neighbours too, and each page is its own canonical page.
    assert select_first(middle, "head link[rel=prev]")["href"] == "/category/xinjingbao.html"
    assert (
        select_first(middle, "link[rel=canonical]")["href"]
        == "https://finews.example.com/category/xinjingbao/page/2.html"
    )
    assert "第2页" in select_first(middle, "title").get_text()
    assert "共 5 篇" in select_first(middle, ".listing-count").get_text()


def test_posts_still_link_to_the_first_page(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\n", **posts(5)})
    build(site)
    page = soup(site / "_site/xinjingbao/2022/01/01/p1.html")
    assert page.select(".back-links a")[0]["href"] == "/category/xinjingbao.html"


def test_home_keeps_latest_and_sections_on_page_one_then_continues(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\nhome_posts: 2\n", **posts(5)})
    build(site)
    out = site / "_site"
    home = soup(out / "index.html")
    assert titles(home, ".latest .post-list a") == ["第5篇", "第4篇"]
    assert home.select(".home-section")
    assert select_first(home, ".pager a[rel=next]")["href"] == "/page/2/"
    second = soup(out / "page/2/index.html")
    assert titles(second, ".latest .post-list a") == ["第3篇", "第2篇"]
    assert second.select(".home-section") == []
    assert titles(soup(out / "page/3/index.html"), ".latest .post-list a") == ["第1篇"]
    assert not (out / "page/4").exists()


def test_paginate_zero_puts_every_listing_on_one_page(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 0\n", **posts(5)})
    build(site)
    out = site / "_site"
    assert len(titles(soup(out / "category/xinjingbao.html"))) == 5
    assert not (out / "category/xinjingbao").exists()
    assert not (out / "page").exists()
    assert soup(out / "category/xinjingbao.html").select(".pager") == []


def test_chinese_tag_pages_are_percent_encoded_and_all_resolve(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\n", **posts(7, tags="新京报 要闻")})
    build(site)
    out = site / "_site"
    for number in (2, 3, 4):
        assert (out / f"tag/新京报/page/{number}.html").is_file()
    first = soup(out / "tag/新京报.html")
    encoded = quote("新京报")
    assert select_first(first, ".pager a[rel=next]")["href"] == f"/tag/{encoded}/page/2.html"
    assert all("新" not in a["href"] for a in first.select("a"))
    report = check_site(out, site_url="https://finews.example.com")
    assert report.ok, report.broken
    # Every page of the tag is linked from some page, so the checker saw each of them.
    last = soup(out / "tag/新京报/page/4.html")
    assert select_first(last, ".pager a[rel=prev]")["href"] == f"/tag/{encoded}/page/3.html"


def test_stub_page_listing_paginates_below_its_own_url(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG + "paginate: 2\n",
            **posts(3, categories="emnews", tags="东财滚动新闻"),
            "content/emnews.md": "---\nlayout: default\npermalink: /emnews/\ntitle: 东财滚动新闻\n---\n"
            "{% for p in site.categories.emnews %}{% endfor %}\n",
        }
    )
    build(site)
    out = site / "_site"
    assert titles(soup(out / "emnews/index.html")) == ["第3篇", "第2篇"]
    assert titles(soup(out / "emnews/page/2/index.html")) == ["第1篇"]
    assert check_site(out).ok


def test_split_pages_never_makes_an_empty_page() -> None:
    for count in range(0, 12):
        pages = split_pages(list(range(count)), 3)
        assert [item for page in pages for item in page] == list(range(count))
        assert all(pages[1:]) and len(pages) == max(1, -(-count // 3))
    assert split_pages(list(range(7)), 3, first_size=5) == ((0, 1, 2, 3, 4), (5, 6))


def test_page_numbers_show_ends_and_neighbours_with_gaps() -> None:
    assert page_numbers(Pager(5, pagers("/x.html", 9)[0].urls)) == (1, 2, 3, 4, 5, 6, 7, 8, 9)
    assert page_numbers(Pager(1, pagers("/x.html", 9)[0].urls)) == (1, 2, 3, None, 9)
    assert page_numbers(Pager(50, pagers("/x.html", 400)[0].urls)) == (1, None, 48, 49, 50, 51, 52, None, 400)
