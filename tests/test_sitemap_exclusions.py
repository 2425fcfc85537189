"""What the sitemaps leave out: posts marked `sitemap: false`, and a Liquid listing page
that stands in for a category listing published at its own URL."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, attr, build, post, select_first, write_files

ORIGIN = "https://finews.example.com"
#: Hours of one day: every post is within the news sitemap's two days.
HOURS = (10, 11, 12, 13)


def _site(root: Path, hidden: frozenset[int]) -> Path:
    files = {"_config.yml": CONFIG}
    for hour in HOURS:
        extra = "sitemap: false\n" if hour in hidden else ""
        files[f"content/_posts/2022-05-27-p{hour}.md"] = post(
            f"快讯{hour}", date=f"2022-05-27 {hour}:00:00 +0800", extra=extra
        )
    return write_files(root, files)


@settings(max_examples=8)
@given(hidden=st.frozensets(st.sampled_from(HOURS)))
def test_a_post_marked_sitemap_false_is_in_neither_sitemap(hidden: frozenset[int]) -> None:
    with tempfile.TemporaryDirectory() as work:
        site = _site(Path(work) / "site", hidden)
        assert build(site).errors == ()
        sitemap = (site / "_site/sitemap.xml").read_text(encoding="utf-8")
        news = site / "_site/sitemap-news.xml"
        news_text = news.read_text(encoding="utf-8") if news.exists() else ""
        for hour in HOURS:
            url = f"{ORIGIN}/xinjingbao/2022/05/27/p{hour}.html"
            assert (url in sitemap) is (hour not in hidden), (hour, hidden)
            assert (url in news_text) is (hour not in hidden), (hour, hidden)
            assert (site / f"_site/xinjingbao/2022/05/27/p{hour}.html").is_file()  # still published


STAND_IN = """---
layout: default
title: "东财滚动新闻"
permalink: /emnews/
---
{% for tag in site.tags %}{% if tag[0] == "东财滚动新闻" %}<ul>{% for post in tag[1] %}
<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}</ul>{% endif %}{% endfor %}
"""


def test_a_liquid_stand_in_listing_names_the_category_listing_canonical(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "content/emnews.md": STAND_IN,
        "content/_posts/2022-05-27-a.md": post("滚动一", categories="emnews", tags="东财滚动新闻"),
    }
    site = write_files(tmp_path / "site", files)
    build(site)
    out = site / "_site"
    listing_url = f"{ORIGIN}/category/emnews.html"
    stand_in = BeautifulSoup((out / "emnews/index.html").read_text(encoding="utf-8"), "html.parser")
    assert attr(select_first(stand_in, "link[rel=canonical]"), "href") == listing_url
    own = BeautifulSoup((out / "category/emnews.html").read_text(encoding="utf-8"), "html.parser")
    assert attr(select_first(own, "link[rel=canonical]"), "href") == listing_url
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{listing_url}</loc>" in sitemap
    assert f"<loc>{ORIGIN}/emnews/</loc>" not in sitemap
