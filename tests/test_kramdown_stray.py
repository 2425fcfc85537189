"""Which `<` of a Markdown body's raw HTML is markup, by kramdown's rule, and which is
written `&lt;` (`sitegen.content.kramdown_stray`). Each `&lt;` expected is where Jekyll
(kramdown 2.4) writes one for the same body; kramdown also writes `>` as `&gt;`, which a
browser shows the same, and an end tag closing no element it opened as text (`</a>`
after `<a href=y.html>`), which sitegen leaves as markup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content import kramdown_stray
from sitegen.content.kramdown_stray import stray_lt_escaped
from sitegen.content.markup import render_body

#: Body → what sitegen publishes, each stray `<` as kramdown writes it.
REPORTED = {
    '<p>详见<a href="http://www.pbc.gov.cn/ 。</p>\n<p>第二段。</p>\n': (
        '<p>详见&lt;a href="http://www.pbc.gov.cn/ 。</p>\n<p>第二段。</p>\n'
    ),
    "<p>价格 <y 元 T1</p>\n": "<p>价格 &lt;y 元 T1</p>\n",
    "<p>利率<!--注释 LOST1</p>\n<p>第二段 LOST2</p>\n": "<p>利率&lt;!--注释 LOST1</p>\n<p>第二段 LOST2</p>\n",
    "<p>比较 <![CDATA[ 内容 LOST3</p>\n": "<p>比较 &lt;![CDATA[ 内容 LOST3</p>\n",
    "<p>a </ b </3 <?php c <!DOCTYPE d></p>\n": "<p>a &lt;/ b &lt;/3 &lt;?php c &lt;!DOCTYPE d></p>\n",
    # Not a tag to kramdown: an unquoted value holds only word characters.
    "<p>x <a href=y.html>z</a></p>\n": "<p>x &lt;a href=y.html>z</a></p>\n",
}

#: Bodies published byte for byte: every `<` is markup kramdown reads, or one a browser
#: shows as text anyway.
KEPT = (
    '<p>正文</p>\n <center><img src="https://img.example/a.jpg?x=1&y=2" /></center>\n',
    "<p>增长<1%，<3 与 < 5 <中文</p>\n",
    "<p>a<!-- closed --> b <?php echo 1; ?> c</p>\n",
    "<p>首段</p>\n<http://finews.zning.xyz/x?infoCode=NW1>\n",
    "<p>a <me@example.com> b</p>\n",
    "<script>if (a<b && c <d) {}</script>\n<style>p<x {}</style>\n<p>e</p>\n",
    "<p><a href=\"/x/\" title='t'>y</a><br/><span class=c>z</span></p>\n",
)


@pytest.mark.parametrize(("body", "published"), REPORTED.items())
def test_a_stray_angle_bracket_is_text_as_kramdown_writes_it(body: str, published: str) -> None:
    assert render_body(body, ".md", "markdown-it") == published


@pytest.mark.parametrize("body", KEPT)
def test_a_body_whose_every_angle_bracket_is_markup_is_published_as_written(body: str) -> None:
    assert stray_lt_escaped(body) is body
    assert render_body(body, ".md", "markdown-it") == body


def test_raw_html_inside_markdown_text_follows_the_same_rule() -> None:
    html = render_body("前文 <y 元 与 <b>粗</b> 和 `a<b`\n\n<div>\n<z 后文\n</div>\n", ".md", "markdown-it")
    assert html == "<p>前文 &lt;y 元 与 <b>粗</b> 和 <code>a&lt;b</code></p>\n<div>\n&lt;z 后文\n</div>\n"


def test_html_bodies_are_not_read_by_kramdown() -> None:
    assert render_body("<p>a <y b</p>\n", ".html", "markdown-it") == "<p>a <y b</p>\n"


_PIECES = st.sampled_from(
    [
        "<",
        "<a",
        "<!--",
        "-->",
        "<?",
        "?>",
        "</",
        ">",
        '"',
        "'",
        "=",
        " ",
        "\n",
        "x",
        "中",
        "<script>",
        "</script>",
    ]
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_only_angle_brackets_change_and_escaping_is_settled(text: str) -> None:
    escaped = stray_lt_escaped(text)
    assert escaped.replace("&lt;", "<") == text.replace("&lt;", "<")
    assert stray_lt_escaped(escaped) == escaped


_HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        '<a href="http://x.cn/?a=1&b=2">',
        "</a>",
        "<img src='a.jpg' alt=\"图\">",
        "<br/>",
        "<td width=50%>",
        "<font color=#f00>",
        "<y 元",
        "<",
        "<!--",
        "-->",
        "<!-- 注 -->",
        "<?",
        "?>",
        "<![CDATA[",
        "<http://e.x/a>",
        "<https:>>",
        "<a@b.cn>",
        "<script>",
        "</script>",
        "<style>",
        "</ x>",
        "<b\n",
        '"',
        "'",
        "=",
        ">",
        "正文",
        "1<2",
        "a",
        " ",
        "\n",
        "<div class=x>",
        "<b中>",
        "<p data-x=值>",
        "<ns:t a=1>",
        "</ns:t>",
        "<Script>",
        "<scripts>",
        '<i\ta="1"/>',
        "<p\x1e>",
        "</b\x1f>",
        "<span\x1cclass=x>",
    ]
)


@given(st.lists(_HTML_PIECES, max_size=30).map("".join))
def test_the_one_match_shortcut_keeps_only_what_the_scan_keeps(html: str) -> None:
    """Where the whole text matches at once, the scan of each `<` escapes nothing either:
    the shortcut is the scan's answer, only faster (most crawled bodies)."""
    if kramdown_stray._PLAIN_ASCII.fullmatch(html):
        assert kramdown_stray._PLAIN.fullmatch(html)
    if kramdown_stray._PLAIN.fullmatch(html):
        assert kramdown_stray.scanned(html) == html
    assert kramdown_stray.stray_lt_escaped(html) == kramdown_stray.scanned(html)
