"""Listings split into pages: where the pages are, what each holds, how they link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.links import check_site
from sitegen.site.pagination import paginate_stably, stable_split
from tests.conftest import CONFIG, SiteFactory, attr, build, post, select_first


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


def test_numbered_pages_hold_full_blocks_from_the_oldest_post(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\n", **posts(7)})
    build(site)
    out = site / "_site"
    # Page 1 keeps the newest: between 2 and 3 posts here; page 2 is the oldest block.
    assert titles(soup(out / "category/xinjingbao.html")) == ["第7篇", "第6篇", "第5篇"]
    assert titles(soup(out / "category/xinjingbao/page/3.html")) == ["第4篇", "第3篇"]
    assert titles(soup(out / "category/xinjingbao/page/2.html")) == ["第2篇", "第1篇"]
    assert not (out / "category/xinjingbao/page/1.html").exists()
    assert not (out / "category/xinjingbao/page/5.html").exists()


def test_pages_link_newer_older_and_numbers(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 2\n", **posts(7)})
    build(site)
    out = site / "_site"
    first, newest, oldest = (
        soup(out / path)
        for path in (
            "category/xinjingbao.html",
            "category/xinjingbao/page/3.html",
            "category/xinjingbao/page/2.html",
        )
    )
    assert first.select_one(".pager a[rel=prev]") is None
    assert select_first(first, ".pager a[rel=next]")["href"] == "/category/xinjingbao/page/3.html"
    # The newest numbered page links "newer" to the page above it, which forwards to page 1
    # until its block fills: so the link never has to change.
    assert select_first(newest, ".pager a[rel=prev]")["href"] == "/category/xinjingbao/page/4.html"
    forward = soup(out / "category/xinjingbao/page/4.html")
    assert "/category/xinjingbao.html" in attr(select_first(forward, "meta[http-equiv=refresh]"), "content")
    assert select_first(newest, ".pager a[rel=next]")["href"] == "/category/xinjingbao/page/2.html"
    assert oldest.select_one(".pager a[rel=next]") is None
    numbered = [(a.get_text(), a["href"]) for a in newest.select(".pager a:not([rel])")]
    assert numbered == [("1", "/category/xinjingbao.html"), ("2", "/category/xinjingbao/page/2.html")]
    assert select_first(newest, ".pager [aria-current=page]").get_text() == "3"
    # The head announces the neighbours too, and each page is its own canonical page.
    assert select_first(newest, "head link[rel=next]")["href"] == "/category/xinjingbao/page/2.html"
    assert (
        select_first(newest, "link[rel=canonical]")["href"]
        == "https://finews.example.com/category/xinjingbao/page/3.html"
    )
    assert "第3页" in select_first(newest, "title").get_text()
    # Page 1 counts the listing; a numbered page says only which page it is.
    assert "共 7 篇" in select_first(first, ".listing-count").get_text()
    assert "第 3 页" in select_first(newest, ".listing-count").get_text()
    assert check_site(out, site_url="https://finews.example.com").ok


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
    # The newest numbered page holds what page 1 leaves over; the older ones are full.
    assert select_first(home, ".pager a[rel=next]")["href"] == "/page/3/"
    newest = soup(out / "page/3/index.html")
    assert titles(newest, ".latest .post-list a") == ["第3篇"]
    assert newest.select(".home-section") == []
    assert titles(soup(out / "page/2/index.html"), ".latest .post-list a") == ["第2篇", "第1篇"]
    assert "0; url=/" in attr(
        select_first(soup(out / "page/4/index.html"), "meta[http-equiv=refresh]"), "content"
    )
    assert not (out / "page/5").exists()


def test_paginate_zero_puts_every_listing_on_one_page(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "paginate: 0\n", **posts(5)})
    build(site)
    out = site / "_site"
    assert len(titles(soup(out / "category/xinjingbao.html"))) == 5
    assert not (out / "category/xinjingbao").exists()
    assert not (out / "page").exists()
    assert soup(out / "category/xinjingbao.html").select(".pager") == []


def test_chinese_tag_pages_are_percent_encoded_and_all_resolve(make_site: SiteFactory) -> None:
    # One more post of the category without the tags: the tags are not the category's
    # posts, so they keep listings of their own (see test_tag_listings for the others).
    other = post("另一篇", date="2021-12-01 08:00:00 +0800", tags="其他")
    site = make_site(
        {
            "_config.yml": CONFIG + "paginate: 2\n",
            **posts(7, tags="新京报 要闻"),
            "content/_posts/2021-12-01-o.md": other,
        }
    )
    build(site)
    out = site / "_site"
    for number in (2, 3):
        assert (out / f"tag/新京报/page/{number}.html").is_file()
    first = soup(out / "tag/新京报.html")
    encoded = quote("新京报")
    assert select_first(first, ".pager a[rel=next]")["href"] == f"/tag/{encoded}/page/3.html"
    assert all("新" not in a["href"] for a in first.select("a"))
    report = check_site(out, site_url="https://finews.example.com")
    assert report.ok, report.broken
    # Every page of the tag is linked from some page, so the checker saw each of them.
    oldest = soup(out / "tag/新京报/page/2.html")
    assert select_first(oldest, ".pager a[rel=prev]")["href"] == f"/tag/{encoded}/page/3.html"


def test_stub_page_listing_paginates_below_its_own_url(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG + "paginate: 2\n",
            **posts(5, categories="emnews", tags="东财滚动新闻"),
            "content/emnews.md": "---\nlayout: default\npermalink: /emnews/\ntitle: 东财滚动新闻\n---\n"
            "{% for p in site.categories.emnews %}{% endfor %}\n",
        }
    )
    build(site)
    out = site / "_site"
    assert titles(soup(out / "emnews/index.html")) == ["第5篇", "第4篇", "第3篇"]
    assert titles(soup(out / "emnews/page/2/index.html")) == ["第2篇", "第1篇"]
    assert check_site(out).ok


@given(count=st.integers(0, 80), size=st.integers(0, 7), head=st.none() | st.integers(0, 9))
def test_every_item_is_on_exactly_one_page_in_order_and_no_page_is_empty(
    count: int, size: int, head: int | None
) -> None:
    items = list(range(count))  # newest first
    first, blocks = stable_split(items, size, head)
    reading_order = [*first, *(item for block in reversed(blocks) for item in block)]
    if size == 0 and head is not None:
        assert reading_order == items[:head]
    else:
        assert reading_order == items
    assert all(blocks)
    if head is None:
        assert all(len(block) == size for block in blocks)
        assert (size <= len(first) < 2 * size) if blocks else len(first) == count
    else:
        assert all(len(block) == size for block in blocks[:-1])


@given(count=st.integers(0, 80), size=st.integers(1, 7), head=st.none() | st.integers(0, 9))
def test_a_new_item_never_changes_a_full_numbered_page(count: int, size: int, head: int | None) -> None:
    """With the newest item added, every full block keeps its number, items and pager; at
    most one new block appears."""
    before = paginate_stably(list(range(1, count + 1)), size, "/x.html", head)
    after = paginate_stably(list(range(count + 1)), size, "/x.html", head)
    numbered_before = {pager.number: (items, pager) for items, pager in before.pages[1:] if pager}
    numbered_after = {pager.number: (items, pager) for items, pager in after.pages[1:] if pager}
    changed = [n for n, page in numbered_before.items() if numbered_after.get(n) != page]
    if head is None:
        assert changed == []
    else:  # the home page's newest numbered page takes what page 1 leaves over
        assert changed in ([], [max(numbered_before, default=0)])
        assert all(len(numbered_before[n][0]) < size for n in changed)
    assert len(set(numbered_after) - set(numbered_before)) <= 1


@given(count=st.integers(0, 80), size=st.integers(1, 7), head=st.none() | st.integers(0, 9))
def test_every_pager_link_reaches_a_page_and_reading_order_is_newest_first(
    count: int, size: int, head: int | None
) -> None:
    pagination = paginate_stably(list(range(count)), size, "/x.html", head)
    urls = {pager.url for _, pager in pagination.pages if pager}
    reachable = urls | {pagination.forward_url}
    for index, (items, pager) in enumerate(pagination.pages):
        if pager is None:
            continue
        assert {url for number, url in pager.links if number} <= urls
        assert pager.newer_url is None or pager.newer_url in reachable
        # "older" is the next page in reading order, whose items are all older.
        if pager.older_url is not None:
            following_items, following = pagination.pages[index + 1]
            assert following is not None and following.url == pager.older_url
            assert min(following_items) > max(items, default=-1)  # items count up from the newest
        else:
            assert index == len(pagination.pages) - 1


def test_page_links_show_page_one_neighbours_and_the_oldest_with_gaps() -> None:
    pages = paginate_stably(list(range(200)), 10, "/x.html").pages
    first, twentieth = pages[0][1], pages[1][1]
    assert first is not None and twentieth is not None and twentieth.number == 20
    assert [number for number, _ in first.links] == [1, 20, 19, 18, None, 2]
    assert [number for number, _ in twentieth.links] == [1, 20, 19, 18, None, 2]
    fourth = next(pager for _, pager in pages if pager and pager.number == 4)
    assert [number for number, _ in fourth.links] == [1, 4, 3, 2]
