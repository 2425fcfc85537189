"""A post page says each thing once: every repeated byte is copied once per post.

JSON-LD leaves out a field equal to another (`dateModified` = `datePublished`,
`keywords` = [`articleSection`]); the article names its source category in the source
line and the 返回 link only (not beside the date, not again as a tag); related posts
start after the 上一篇 neighbour instead of repeating it.
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.site.listings import RELATED_POSTS, post_page
from tests.conftest import CONFIG, SiteFactory, build, post, select_first


def _article(soup: BeautifulSoup) -> dict[str, object]:
    data = json.loads(select_first(soup, 'script[type="application/ld+json"]').get_text())
    assert isinstance(data, dict)
    return data


def test_json_ld_leaves_out_fields_that_repeat_another(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-20-a.md": post("一", date="2022-05-20 09:00:00 +0800"),
            "content/_posts/2022-05-21-b.md": post(
                "二",
                date="2022-05-21 09:00:00 +0800",
                tags="[新京报新闻, 楼市]",
                extra="last_modified_at: 2022-05-22 10:00:00 +0800\n",
            ),
        }
    )
    build(site)
    out = site / "_site/xinjingbao/2022/05"
    plain = _article(BeautifulSoup((out / "20/a.html").read_text(encoding="utf-8"), "html.parser"))
    assert plain["datePublished"] == "2022-05-20T09:00:00+08:00"
    assert plain["articleSection"] == "新京报新闻"
    assert "dateModified" not in plain and "keywords" not in plain
    edited = _article(BeautifulSoup((out / "21/b.html").read_text(encoding="utf-8"), "html.parser"))
    assert edited["dateModified"] == "2022-05-22T10:00:00+08:00"
    assert edited["keywords"] == ["新京报新闻", "楼市"]


def test_the_article_names_its_category_in_the_source_line_and_back_link_only(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-20-a.md": post(
                "一", date="2022-05-20 09:00:00 +0800", tags="[新京报新闻, 楼市]"
            ),
            "content/_posts/2022-05-21-b.md": post("二", date="2022-05-21 09:00:00 +0800", tags="新京报新闻"),
        }
    )
    build(site)
    page = BeautifulSoup(
        (site / "_site/xinjingbao/2022/05/20/a.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = select_first(page, "article")
    links = [
        (a.get_text(), a["href"]) for a in article.select("a") if a["href"] == "/category/xinjingbao.html"
    ]
    assert links == [
        ("新京报新闻", "/category/xinjingbao.html"),
        ("返回新京报新闻", "/category/xinjingbao.html"),
    ]
    assert [a.get_text() for a in page.select(".back-links a")] == ["返回新京报新闻", "返回首页"]
    assert [a.get_text() for a in page.select(".post-tags a")] == ["楼市"]
    assert page.select(".post-meta .category") == []
    # What crawlers and link previews read stays.
    for selector in ('link[rel="canonical"]', 'meta[name="description"]', 'meta[property="og:title"]'):
        assert page.select_one(selector) is not None, selector
    assert page.select_one('meta[name="twitter:card"]') is not None
    other = BeautifulSoup(
        (site / "_site/xinjingbao/2022/05/21/b.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert other.select(".post-tags") == [], "no tag line when its only tag is the source again"


@given(count=st.integers(1, 12), position=st.data())
def test_related_posts_never_repeat_a_neighbour(count: int, position: st.DataObject) -> None:
    siblings = tuple(range(count))  # stands for posts, newest first
    at = position.draw(st.integers(0, count - 1))
    page = post_page(siblings[at], siblings, at)  # type: ignore[arg-type]
    neighbours = {page.older, page.newer} - {None}
    assert not neighbours & set(page.related)
    # The nearest older posts after the 上一篇 one, as many as there are.
    assert page.related == siblings[at + 2 : at + 2 + RELATED_POSTS]  # type: ignore[comparison-overlap]


def test_a_tag_listed_at_the_source_category_is_hidden_whatever_the_category_is_titled(
    make_site: SiteFactory,
) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/category/xinjingbao.md": (
                "---\nlayout: category\ntitle: 新京报\ncategory: xinjingbao\n---\n"
            ),
            "content/_posts/2022-05-20-a.md": post("一", date="2022-05-20 09:00:00 +0800", tags="新京报新闻"),
        }
    )
    build(site)
    page = BeautifulSoup(
        (site / "_site/xinjingbao/2022/05/20/a.html").read_text(encoding="utf-8"), "html.parser"
    )
    source = select_first(page, ".post-source a")["href"]
    assert [a["href"] for a in page.select(".post-tags a")] == []
    assert source in {a["href"] for a in page.select(".back-links a")}
