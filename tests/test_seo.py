"""The head of every page: title, description, canonical URL, Open Graph and JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import CONFIG, SiteFactory, build, post, select_first

ORIGIN = "https://finews.example.com"
LONG_BODY = (
    "<p>"
    + "正文内容很长。" * 200
    + '</p>\n<p><img src="../img/图 1.png"><img src="https://cdn.example.org/b.jpg"></p>\n'
)

SITE = {
    "_config.yml": CONFIG + "category_titles:\n  xinjingbao: 新京报新闻\n",
    "content/_posts/2022-05-27-a.md": post(
        "京东618图个啥？",
        categories="xinjingbao",
        tags="新京报新闻 电商",
        body=LONG_BODY,
        extra="last_modified_at: 2022-05-28 09:00:00 +0800\n",
    ),
    "content/_posts/2022-05-26-b.md": post("没有图片", date="2022-05-26 08:00:00 +0800", body="<p>短</p>\n"),
    "content/about.md": "---\ntitle: 关于\npermalink: /about/\ndescription: 关于本站的说明\n---\n关于本站\n",
}


def head(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.select_one(f'meta[property="{key}"]') or page.select_one(f'meta[name="{key}"]')
    return None if tag is None else str(tag["content"])


def json_ld(page: BeautifulSoup) -> dict[str, object]:
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    text = scripts[0].string
    assert text is not None
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def test_post_head_has_title_description_canonical_and_open_graph(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    page = head(site / "_site/xinjingbao/2022/05/27/a.html")
    url = f"{ORIGIN}/xinjingbao/2022/05/27/a.html"
    assert select_first(page, "title").get_text() == "京东618图个啥？ - 测试站"
    description = meta(page, "description")
    assert description is not None and description.startswith("正文内容很长。") and len(description) <= 120
    assert select_first(page, "link[rel=canonical]")["href"] == url
    assert meta(page, "og:title") == "京东618图个啥？"
    assert meta(page, "og:description") == description  # the excerpt, never the whole post
    assert meta(page, "og:url") == url
    assert meta(page, "og:type") == "article"
    assert meta(page, "article:modified_time") == "2022-05-28T09:00:00+08:00"
    # The first image, resolved against the post's URL and percent-encoded.
    assert meta(page, "og:image") == f"{ORIGIN}/xinjingbao/2022/05/img/%E5%9B%BE%201.png"


def test_post_json_ld_is_a_news_article(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    data = json_ld(head(site / "_site/xinjingbao/2022/05/27/a.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "京东618图个啥？"
    assert data["datePublished"] == "2022-05-27T16:48:36+08:00"
    assert data["dateModified"] == "2022-05-28T09:00:00+08:00"
    assert data["articleSection"] == "新京报新闻"
    assert data["keywords"] == ["新京报新闻", "电商"]
    # The canonical link and og:url give the page's address; the head gives the excerpt.
    assert not {"url", "mainEntityOfPage", "description"} & data.keys()
    assert data["image"] == [f"{ORIGIN}/xinjingbao/2022/05/img/%E5%9B%BE%201.png"]


def test_post_without_image_has_no_og_image(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    page = head(site / "_site/xinjingbao/2022/05/26/b.html")
    assert meta(page, "og:image") is None
    assert "image" not in json_ld(page)


def test_json_ld_cannot_be_broken_out_of(make_site: SiteFactory) -> None:
    title = "</script><script>alert(1)</script> & <!--"
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-01-01-x.md": post(title.replace('"', ""))})
    build(site)
    html = (site / "_site/xinjingbao/2022/05/27/x.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert script is not None
    assert "<" not in script.group(1) and ">" not in script.group(1)
    assert json.loads(script.group(1))["headline"] == title
    assert "<script>alert(1)" not in html


def test_listing_and_home_are_websites_with_a_description(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    listing = head(site / "_site/category/xinjingbao.html")
    assert meta(listing, "og:type") == "website"
    assert meta(listing, "description") == "新京报新闻：京东618图个啥？；没有图片"
    assert select_first(listing, "link[rel=canonical]")["href"] == f"{ORIGIN}/category/xinjingbao.html"
    assert listing.select('script[type="application/ld+json"]') == []
    home = head(site / "_site/index.html")
    assert select_first(home, "title").get_text() == "测试站"
    assert meta(home, "og:url") == f"{ORIGIN}/"


def test_page_description_comes_from_its_front_matter(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    page = head(site / "_site/about/index.html")
    assert meta(page, "description") == "关于本站的说明"
    assert select_first(page, "title").get_text() == "关于 - 测试站"


def test_chinese_urls_in_the_head_are_percent_encoded(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    page = head(site / "_site/tag/电商.html")
    assert select_first(page, "link[rel=canonical]")["href"] == f"{ORIGIN}/tag/%E7%94%B5%E5%95%86.html"
    assert meta(page, "og:url") == f"{ORIGIN}/tag/%E7%94%B5%E5%95%86.html"


def test_without_url_there_is_no_canonical_or_og_url(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": "title: 测试站\n"})
    build(site)
    page = head(site / "_site/xinjingbao/2022/05/27/a.html")
    assert page.select_one("link[rel=canonical]") is None and meta(page, "og:url") is None
    assert meta(page, "og:image") is None  # the first image is relative and there is no origin to resolve it
    assert json_ld(page)["headline"] == "京东618图个啥？"


def test_protocol_relative_image_becomes_https(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": "title: 测试站\n",
            "content/_posts/2022-01-01-x.md": post(
                body='<p><img data-src="lazy.png" src="//img.example.org/a.png?x=1&amp;y=2"></p>\n'
            ),
        }
    )
    build(site)
    page = head(site / "_site/xinjingbao/2022/05/27/x.html")
    assert meta(page, "og:image") == "https://img.example.org/a.png?x=1&y=2"
