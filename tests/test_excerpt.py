"""Excerpts: plain text of the body, cut without breaking anything, used wherever a summary is."""

from __future__ import annotations

import html as html_text
import time
from pathlib import Path

import pytest
import regex
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.excerpt import ELLIPSIS, make_excerpt, plain_text, truncate
from tests.conftest import CONFIG, SiteFactory, build, post, select_first


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_plain_text_drops_tags_scripts_comments_and_decodes_entities() -> None:
    html = (
        "<p>精度满足<1%，A &amp; B&nbsp;C</p>\n<p>第二段<b>粗</b>体</p>"
        "<script>var x = '<p>no</p>';</script><!-- 注释 --><style>p{}</style>"
        '<img alt="a>b" src="x.png">'
    )
    assert plain_text(html) == "精度满足<1%，A & B C 第二段粗体"


@pytest.mark.parametrize(
    "invisible",
    [
        '<svg class="icon" viewBox="0 0 24 24"><title>分享</title><path d="M0 0h24"/></svg>',
        "<svg><desc>图标</desc><text>文字</text><svg><title>内层</title></svg></svg>",
        "<math><mi>x</mi><mo>=</mo><mn>1</mn></math>",
        "<template><p>模板</p></template>",
        "<noscript><p>请启用脚本</p></noscript>",
        "<textarea>输入框</textarea>",
        "<title>标题</title>",
        "<head><title>标题</title><style>p{}</style></head>",
        '<div hidden><p>隐藏</p><div>内层</div><img src="x.png">还是隐藏</div>',
        '<p class="note" HIDDEN="until-found">隐藏</p>',
        "<iframe>框架</iframe>",
    ],
)
def test_text_no_reader_sees_is_left_out(invisible: str) -> None:
    assert plain_text(f"<p>前文</p>{invisible}<p>后文。</p>") == "前文后文。"
    assert plain_text(f"Before{invisible}after") == "Before after"


def test_elements_that_only_look_hidden_are_kept() -> None:
    html = (
        '<p class="hidden">类名</p><p aria-hidden="true">朗读时跳过</p><p data-x=hidden>数据</p>'
        '<img hidden src="x.png">图后<svg/>自闭合之后<input type="hidden">表单'
    )
    assert plain_text(html) == "类名朗读时跳过数据图后自闭合之后表单"


# Letters of visible text and of hidden text: no hidden letter may reach the excerpt.
VISIBLE_TEXT = st.text(st.sampled_from("新京报讯记者ab <>&\"'"), max_size=20)
HIDDEN_TEXT = st.text(st.sampled_from("αβγ <>/"), min_size=1, max_size=20)
INVISIBLE_ELEMENTS = [
    '<svg viewBox="0 0 1 1"><title>{}</title><g><text>{}</text></g></svg>',
    "<SVG><TITLE>{}</TITLE></SVG><svg><svg/>{}</svg>",
    "<math><mrow><mi>{}</mi></mrow>{}</math>",
    "<template><div>{}</div>{}</template>",
    "<script>var a = '</div>{}<p>';</script><style>{}</style>",
    "<noscript><p>{}</p>{}</noscript>",
    "<textarea>{}</textarea><title>{}</title>",
    "<head><meta charset=utf-8><title>{}</title><style>{}</style></head>",
    '<div hidden title="a > b"><div>{}</div>{}</div>',
    "<section class=x hidden><section>{}</section><br>{}</section>",
]


@given(
    VISIBLE_TEXT,
    st.sampled_from(INVISIBLE_ELEMENTS),
    HIDDEN_TEXT,
    HIDDEN_TEXT,
    st.sampled_from(["{}", "<p>{}</p>", "<div><span>{}</span></div>", "<li>{}</li>"]),
    VISIBLE_TEXT,
)
def test_no_text_of_an_invisible_element_reaches_the_excerpt(
    before: str, element: str, first: str, second: str, wrapper: str, after: str
) -> None:
    """The hidden text is anywhere inside the element, escaped as an editor's text would be."""
    hidden = element.format(html_text.escape(first), html_text.escape(second))
    visible_before, visible_after = html_text.escape(before), html_text.escape(after)
    with_hidden = plain_text(visible_before + wrapper.format(hidden) + visible_after)
    without = plain_text(visible_before + wrapper.format(" ") + visible_after)
    assert with_hidden == without


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


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("中国🇨🇳🇺🇸美国", 4, "中国" + ELLIPSIS),  # a flag is two regional indicators
        ("中国🇨🇳🇺🇸美国", 5, "中国🇨🇳" + ELLIPSIS),
        ("按1\ufe0f\u20e3号键继续", 4, "按" + ELLIPSIS),  # keycap 1️⃣
        ("点赞👍🏽之后", 4, "点赞" + ELLIPSIS),  # a skin tone
        ("\u1112\u1161\u11ab\u1100\u1173\u11af 한글", 5, "\u1112\u1161\u11ab" + ELLIPSIS),  # jamo of 한글
        ("\u0915\u094d\u0937\u0924\u094d\u0930\u093f\u092f", 3, ELLIPSIS),  # the conjunct क्ष
    ],
)
def test_cut_never_splits_a_user_perceived_character(text: str, length: int, expected: str) -> None:
    assert truncate(text, length) == expected


# Pieces that make grapheme clusters of every kind when strung together at random: a
# piece may be a whole cluster or a part (a lone regional indicator, joiner or mark)
# that joins its neighbours.
CLUSTER_PIECES = [
    *["中", "文", "报", "，", "。", "a", "b", "Z", "1", "-", "—", "(", "「"],
    *["🇨🇳", "🇺🇸", "\U0001f1e8", "\U0001f1f3"],  # flags and lone regional indicators
    *["👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈", "\u200d", "👍", "🏽", "\ufe0f"],  # ZWJ, skin tone
    *["1\ufe0f\u20e3", "#\ufe0f\u20e3", "\u20e3"],  # keycaps
    *["e\u0301", "\u0301", "\u0323", "a\u0308\u0304"],  # combining marks
    *["\u1112\u1161\u11ab", "\u1100", "\u1161", "\u11a8", "한"],  # Hangul syllables and jamo
    *["\u0915\u094d\u0937", "\u0915", "\u094d", "\u093f", "\u0937"],  # Devanagari conjuncts
    *["\u0600", "\r\n", "\u3000"],  # a prepended mark, CR LF, ideographic space
]
CLUSTERED_TEXT = st.lists(st.sampled_from(CLUSTER_PIECES), max_size=60).map("".join)


def assert_whole_clusters_of(text: str, excerpt: str, length: int) -> None:
    assert len(excerpt) <= length
    if excerpt == text:
        return
    assert excerpt.endswith(ELLIPSIS)
    head = excerpt[: -len(ELLIPSIS)]
    assert text.startswith(head)
    boundaries = {0}
    for cluster in regex.finditer(r"\X", text):
        boundaries.add(cluster.end())
    assert len(head) in boundaries, f"cut inside a cluster: {head!r} of {text!r}"


@given(st.one_of(CLUSTERED_TEXT, st.text(st.characters(exclude_categories=["Cs"]))), st.integers(2, 40))
def test_truncate_cuts_between_grapheme_clusters(text: str, length: int) -> None:
    assert_whole_clusters_of(text, truncate(text, length), length)


@given(CLUSTERED_TEXT.map(lambda text: "".join(text.split())), st.integers(2, 40))
def test_excerpt_is_whole_grapheme_clusters_of_the_text(text: str, length: int) -> None:
    assert_whole_clusters_of(text, make_excerpt(f"<p>{html_text.escape(text)}</p>", length), length)


def test_latin_text_is_cut_at_a_word_boundary() -> None:
    assert truncate("the quick brown fox jumps over the lazy dog", 20) == "the quick brown fox" + ELLIPSIS


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300), st.integers(2, 150))
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
        select_first(item, "a").get_text(): select_first(item, ".excerpt").get_text()
        for item in listing.select(".post-list li")
    }
    assert excerpts["乙"] == "编辑写的 摘要"
    assert len(excerpts["甲"]) == 120 and excerpts["甲"].endswith(ELLIPSIS)
    assert "编辑写的 摘要" in (out / "feed.xml").read_text(encoding="utf-8")
    page = soup(out / "xinjingbao/2022/05/27/a.html")
    assert select_first(page, "meta[name=description]")["content"] == excerpts["甲"]


def test_excerpt_length_setting_changes_the_cut(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG + "excerpt_length: 10\n",
            "content/_posts/2022-01-01-a.md": post(body="<p>" + "字" * 50 + "</p>\n"),
        }
    )
    build(site)
    page = soup(site / "_site/xinjingbao/2022/05/27/a.html")
    assert select_first(page, "meta[name=description]")["content"] == "字" * 9 + ELLIPSIS


def test_an_inline_icon_title_reaches_no_listing_feed_or_description(make_site: SiteFactory) -> None:
    icon = '<svg class="icon" aria-hidden="true"><title>分享到微博</title><use href="#weibo"/></svg>'
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-01-01-a.md": post("甲", body=f"<p>{icon}新京报讯，正文。</p>\n"),
        }
    )
    build(site)
    out = site / "_site"
    assert (
        select_first(soup(out / "category/xinjingbao.html"), ".post-list .excerpt").get_text()
        == "新京报讯，正文。"
    )
    page = soup(out / "xinjingbao/2022/05/27/a.html")
    assert select_first(page, "meta[name=description]")["content"] == "新京报讯，正文。"
    feed = BeautifulSoup((out / "feed.xml").read_text(encoding="utf-8"), "xml")
    assert select_first(feed, "entry summary").get_text() == "新京报讯，正文。"


def _markup_heavy_body(text_before: int, padding: int, ending: str) -> str:
    """A body whose opening text sits among many empty tags, then `ending`."""
    return "<p>" + "中" * text_before + "<b></b>" * padding + ending + "</p>"


@pytest.mark.parametrize("padding", [*range(255, 300), *range(40, 120)])
def test_reading_a_prefix_gives_the_excerpt_of_the_whole_body(padding: int) -> None:
    # Wherever the prefix read first ends, here inside a bare address (dropped from a
    # summary, but only once its `://` is read) or inside a tag, the excerpt is the one
    # the whole body gives.
    body = _markup_heavy_body(118, padding, " https://example.com/a 文字<div>更多正文</div>" + "字" * 300)
    assert make_excerpt(body, 120) == truncate(plain_text(body), 120)


@given(
    st.lists(
        st.sampled_from(
            ["中", "文", "a", " ", "<b>", "</b>", "<div>", "<p>", "&amp;", "http://x.cn/y ", "\n"]
        ),
        min_size=200,
        max_size=900,
    ),
    st.integers(min_value=1, max_value=200),
)
def test_any_prefix_read_gives_the_excerpt_of_the_whole_body(pieces: list[str], length: int) -> None:
    body = "".join(pieces)
    assert make_excerpt(body, length) == truncate(plain_text(body), length)
