"""Excerpts: plain text of the body, cut without breaking anything, used wherever a summary is."""

from __future__ import annotations

import time
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.excerpt import ELLIPSIS, make_excerpt, plain_text, truncate
from tests.conftest import CONFIG, SiteFactory, build, post


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_plain_text_drops_tags_scripts_comments_and_decodes_entities() -> None:
    html = (
        "<p>精度满足<1%，A &amp; B&nbsp;C</p>\n<p>第二段<b>粗</b>体</p>"
        "<script>var x = '<p>no</p>';</script><!-- 注释 --><style>p{}</style>"
        '<img alt="a>b" src="x.png">'
    )
    assert plain_text(html) == "精度满足<1%，A & B C 第二段粗体"


def test_paragraphs_are_separated_only_where_the_script_uses_spaces() -> None:
    assert plain_text("<p>Hello.</p><p>World.</p>") == "Hello. World."
    assert plain_text("<p>第一段。</p>\n<p>第二段。</p>") == "第一段。第二段。"


def test_the_source_autolink_is_not_part_of_the_summary() -> None:
    html = '<p>正文。</p>\n<p><a href="http://finews.example/x?a=1&amp;b=2">http://finews.example/x?a=1&amp;b=2</a></p>'
    assert plain_text(html) == "正文。"


def test_chinese_is_cut_to_the_length_with_an_ellipsis() -> None:
    body = "<p>" + "新京报讯记者报道" * 40 + "</p>"
    excerpt = make_excerpt(body, 120)
    assert len(excerpt) == 120 and excerpt.endswith(ELLIPSIS)
    assert ("新京报讯记者报道" * 40).startswith(excerpt[:-1])


def test_short_text_is_kept_whole_without_ellipsis() -> None:
    assert make_excerpt("<p>短消息。</p>", 120) == "短消息。"
    assert make_excerpt("<p>" + "字" * 120 + "</p>", 120) == "字" * 120


def test_cut_never_splits_an_entity_or_a_tag() -> None:
    body = "<p>" + "字" * 117 + '&amp;<a href="/very/long/link">链接</a>&lt;尾巴' + "</p>"
    excerpt = make_excerpt(body, 120)
    assert excerpt == "字" * 117 + "&链" + ELLIPSIS
    assert "&amp" not in excerpt and "<" not in excerpt


def test_cut_keeps_combining_marks_and_joined_emoji_whole() -> None:
    accented = "e\u0301" * 10  # é as e + combining acute
    assert truncate(accented, 6) == "e\u0301e\u0301" + ELLIPSIS
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert truncate("ab" + family + "cdefg", 5) == "ab" + ELLIPSIS


def test_latin_text_is_cut_at_a_word_boundary() -> None:
    assert truncate("the quick brown fox jumps over the lazy dog", 20) == "the quick brown fox" + ELLIPSIS


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.integers(2, 150))
def test_truncate_fits_and_is_a_prefix(text: str, length: int) -> None:
    cut = truncate(text, length)
    assert len(cut) <= length
    if cut != text:
        assert cut.endswith(ELLIPSIS) and text.startswith(cut[: -len(ELLIPSIS)])


def test_cost_does_not_grow_with_the_length_of_the_post() -> None:
    huge = "<p>" + "很长的正文。" * 200_000 + "</p>"
    started = time.perf_counter()
    for _ in range(100):
        make_excerpt(huge, 120)
    assert time.perf_counter() - started < 0.5


def test_front_matter_excerpt_overrides_and_excerpt_is_used_everywhere(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-01-01-a.md": post("甲", body="<p>" + "正文很长。" * 100 + "</p>\n"),
            "content/_posts/2022-01-02-b.md": post(
                "乙",
                date="2022-01-02 08:00:00 +0800",
                body="<p>乙的正文</p>\n",
                extra='excerpt: "编辑写的 <b>摘要</b>"\n',
            ),
        }
    )
    build(site)
    out = site / "_site"
    listing = soup(out / "category/xinjingbao.html")
    excerpts = {
        item.select_one("a").get_text(): item.select_one(".excerpt").get_text()
        for item in listing.select(".post-list li")
    }
    assert excerpts["乙"] == "编辑写的 摘要"
    assert len(excerpts["甲"]) == 120 and excerpts["甲"].endswith(ELLIPSIS)
    assert "编辑写的 摘要" in (out / "feed.xml").read_text(encoding="utf-8")
    page = soup(out / "xinjingbao/2022/05/27/a.html")
    assert page.select_one("meta[name=description]")["content"] == excerpts["甲"]


def test_excerpt_length_setting_changes_the_cut(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG + "excerpt_length: 10\n",
            "content/_posts/2022-01-01-a.md": post(body="<p>" + "字" * 50 + "</p>\n"),
        }
    )
    build(site)
    page = soup(site / "_site/xinjingbao/2022/05/27/a.html")
    assert page.select_one("meta[name=description]")["content"] == "字" * 9 + ELLIPSIS
