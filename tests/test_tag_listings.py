"""A tag whose posts are exactly one category's is listed once, at the category.

The crawler tags every post with its source's name (category xinjingbao, tag 新京报新闻),
so each such tag listing would repeat a category listing page for page. Its pages become
redirect stubs to the category's page of the same number, links to the tag go to the
category, the sitemap leaves the stubs out; a tag that differs keeps its listing.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote, unquote

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.links import check_site
from sitegen.site.index import build_index
from sitegen.site.tag_listings import duplicate_tags
from tests.bare_post import numbered_post
from tests.conftest import CONFIG, SiteFactory, attr, build, post, select_first

ORIGIN = "https://finews.example.com"


def _posts(count: int, category: str, tags: str, month: int = 1) -> dict[str, str]:
    return {
        f"content/_posts/2022-{month:02d}-{day:02d}-{category}{day}.md": post(
            f"{category}第{day}篇",
            date=f"2022-{month:02d}-{day:02d} 08:00:00 +0800",
            categories=category,
            tags=tags,
        )
        for day in range(1, count + 1)
    }


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _refresh_target(page: BeautifulSoup) -> str:
    refresh = attr(select_first(page, 'meta[http-equiv="refresh"]'), "content")
    return refresh.partition("url=")[2]


def test_every_page_of_a_duplicate_tag_is_a_stub_to_the_same_page_of_the_category(
    make_site: SiteFactory,
) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG + "paginate: 2\ncategory_titles:\n  xinjingbao: 新京报\n",
            **_posts(7, "xinjingbao", "新京报新闻"),
            **_posts(2, "emnews", "东财滚动新闻 快讯", month=2),
            # 快讯 is on emnews's posts and one more: a listing of its own.
            "content/_posts/2022-03-01-k.md": post(
                "快讯一", date="2022-03-01 08:00:00 +0800", categories="news", tags="快讯"
            ),
        }
    )
    result = build(site)
    assert not result.errors
    out = site / "_site"
    category = quote("xinjingbao")
    for tag_page, category_page in (
        ("tag/新京报新闻.html", f"/category/{category}.html"),
        ("tag/新京报新闻/page/2.html", f"/category/{category}/page/2.html"),
        ("tag/新京报新闻/page/3.html", f"/category/{category}/page/3.html"),
        ("tag/新京报新闻/page/4.html", f"/category/{category}.html"),  # the forward above the newest
    ):
        stub = _soup(out / tag_page)
        assert _refresh_target(stub) == category_page, tag_page
        assert attr(select_first(stub, "link[rel=canonical]"), "href") == ORIGIN + category_page
        assert attr(select_first(stub, 'meta[name="robots"]'), "content") == "noindex"
        link = select_first(stub, "body a")
        assert (attr(link, "href"), link.get_text()) == (category_page, "新京报")
        # A browser tab or a search result shows where the stub leads, as a page's title would.
        assert select_first(stub, "title").get_text() == "新京报 - 测试站", tag_page
        assert not stub.select(".post-list"), "a stub lists no posts"
        assert (out / unquote(category_page).lstrip("/")).is_file()
    # A post page links its tags where they are listed, and leaves out a tag listed at
    # its source's category, whatever that is titled (新京报 for tag 新京报新闻; 东财滚动新闻
    # is emnews's title).
    tags = _soup(out / "xinjingbao/2022/01/07/xinjingbao7.html").select(".post-tags a")
    assert [(a.get_text(), a["href"]) for a in tags] == []
    tags = _soup(out / "emnews/2022/02/01/emnews1.html").select(".post-tags a")
    assert [(a.get_text(), a["href"]) for a in tags] == [("快讯", f"/tag/{quote('快讯')}.html")]
    own = _soup(out / "tag/快讯.html").select_one(".post-list")
    assert own is not None and "快讯一" in own.get_text() and "emnews第1篇" in own.get_text()
    sitemap = unquote((out / "sitemap.xml").read_text(encoding="utf-8"))
    assert "/tag/快讯.html" in sitemap and "/category/xinjingbao.html" in sitemap
    assert "/tag/新京报新闻" not in sitemap and "/tag/东财滚动新闻" not in sitemap
    report = check_site(out, site_url=ORIGIN)
    assert report.ok, report.broken


def test_liquid_sees_every_tag_as_before(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            **_posts(2, "xinjingbao", "新京报新闻"),
            "content/tags.md": "---\ntitle: 标签\npermalink: /tags/\n---\n"
            "{% for tag in site.tags %}[{{ tag[0] }}:{{ tag[1] | size }}]{% endfor %}\n",
        }
    )
    build(site)
    assert "[新京报新闻:2]" in (site / "_site/tags/index.html").read_text(encoding="utf-8")


# -- the decision, on the index -----------------------------------------------------------

_CATEGORIES = ("a", "b", "c")
_TAGS = ("甲", "乙", "丙")


@given(
    st.lists(
        st.tuples(
            st.frozensets(st.sampled_from(_CATEGORIES), max_size=2),
            st.frozensets(st.sampled_from(_TAGS), max_size=2),
        ),
        max_size=8,
    )
)
def test_a_tag_is_a_duplicate_exactly_when_its_posts_are_one_categorys(
    shapes: list[tuple[frozenset[str], frozenset[str]]],
) -> None:
    posts = [
        numbered_post(number, categories=tuple(sorted(cats)), tags=tuple(sorted(tags)))
        for number, (cats, tags) in enumerate(shapes)
    ]
    index = build_index(posts, MappingProxyType({}))
    found = duplicate_tags(index.by_category, index.by_tag, index.category_titles)
    members = {
        kind: {name: {id(p) for p in group} for name, group in groups.items()}
        for kind, groups in (("category", index.by_category), ("tag", index.by_tag))
    }
    for tag, tag_posts in members["tag"].items():
        same = sorted(name for name, cat_posts in members["category"].items() if cat_posts == tag_posts)
        assert found.get(tag) == (same[0] if same else None), tag
    assert set(found) <= set(index.by_tag)
