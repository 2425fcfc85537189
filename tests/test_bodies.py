from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.bodies import (
    BLANK_CHARACTERS,
    add_image_attributes,
    first_image_src,
    relativise_own_links,
    strip_trailing_back_links,
)

SITE = "https://finews.withounder.com"


@pytest.mark.parametrize(
    "tail",
    [
        "[返回新京报新闻](//finews.withounder.com/category/xinjingbao.html)｜[返回首页](//finews.withounder.com/)",
        "[返回东财滚动新闻](../emnews/)\n[返回首页](../)",
        "[返回东财滚动新闻](//finews.withounder.com/emnews/)",
        '<p><a href="/category/x.html">返回X</a> | <a href="/">返回首页</a></p>',
        "[返回首页](/)<br>",
    ],
)
def test_trailing_back_link_paragraph_is_removed(tail: str) -> None:
    body, found = strip_trailing_back_links(f"<p>正文</p>\n\n<http://src.example/1>\n\n{tail}\n", SITE)
    assert found
    assert "返回" not in body
    assert "<http://src.example/1>" in body


def test_paragraph_with_other_text_is_kept() -> None:
    text = "<p>正文</p>\n\n详见[返回首页](/)的说明"
    assert strip_trailing_back_links(text, SITE) == (text, False)


def test_back_link_lines_under_a_line_of_text_go_and_the_text_stays() -> None:
    assert strip_trailing_back_links("<p>正文</p>\n\n说明\n[返回首页](/)\n", SITE) == (
        "<p>正文</p>\n\n说明\n",
        True,
    )


def test_a_paragraph_of_back_links_over_several_lines_goes_whole() -> None:
    text = '正文\n\n<p>[返回A](/a) |\n<a href="/b">返回B</a><br>\n&nbsp;｜[返回首页](/)</p>\n'
    assert strip_trailing_back_links(text, SITE) == ("正文\n", True)


def test_back_link_paragraphs_at_the_end_all_go() -> None:
    """Each trailing paragraph of only 返回 links goes (the first one kept, its relative
    link was broken on the page); a paragraph of content above them stays."""
    assert strip_trailing_back_links("[返回A](/a)\n \n[返回B](/b)", SITE) == ("\n", True)
    assert strip_trailing_back_links("正文\n\n[返回A](../a/)\n\n[返回B](../)", SITE) == ("正文\n", True)


def test_back_links_in_the_middle_are_kept() -> None:
    text = "[返回首页](/)\n\n<p>后面还有正文</p>\n"
    assert strip_trailing_back_links(text, SITE)[1] is False


def test_own_host_links_become_root_relative_with_baseurl() -> None:
    html = (
        '<a href="//finews.withounder.com/category/x.html">a</a>'
        '<img src="https://FINEWS.withounder.com/i.png"><a href="http://finews.withounder.com">h</a>'
    )
    out = relativise_own_links(html, "finews.withounder.com", "/news")
    assert out == '<a href="/news/category/x.html">a</a><img src="/news/i.png"><a href="/news/">h</a>'


def test_other_hosts_and_lookalikes_are_untouched() -> None:
    html = '<a href="https://finews.withounder.com.evil.example/x">a</a><a href="//example.org/">b</a>'
    assert relativise_own_links(html, "finews.withounder.com", "") == html


def test_an_image_tag_left_open_at_the_end_is_no_image() -> None:
    body = '<p>正文</p><img src="/a.png" alt="未写完'
    assert add_image_attributes(body) == body
    assert first_image_src(body) == ""


def test_a_quote_opens_a_value_only_after_an_equals_sign() -> None:
    body = """<img alt=it's src="/a.png"><p>'正文'</p>"""
    assert add_image_attributes(body).startswith('<img loading="lazy" referrerpolicy="no-referrer" alt=it')
    assert first_image_src(body) == "/a.png"


BLANKS = st.one_of(
    st.sampled_from(sorted(BLANK_CHARACTERS)),
    st.sampled_from(
        [
            "&nbsp;",
            "&ensp;",
            "&emsp;",
            "&thinsp;",
            "&ZeroWidthSpace;",
            "<br>",
            "<br/>",
            "<br />",
            "<BR>",
            "<Br/>",
        ]
    ),
    st.builds(
        lambda character, hexadecimal, zeros, upper: (
            f"&#{'X' if upper else 'x'}{'0' * zeros}{ord(character):{'X' if upper else 'x'}};"
            if hexadecimal
            else f"&#{'0' * zeros}{ord(character)};"
        ),
        st.sampled_from(sorted(BLANK_CHARACTERS)),
        st.booleans(),
        st.integers(0, 2),
        st.booleans(),
    ),
)
BACK_LINKS = st.sampled_from(
    [
        "[返回东财滚动新闻](../emnews/)",
        "[返回首页](../)",
        "[返回新京报新闻](//finews.withounder.com/category/xinjingbao.html)",
        '<a href="/category/x.html">返回X</a>',
    ]
)


BARS = st.sampled_from(["｜", "|"])


@settings(max_examples=300, deadline=None)
@given(
    links=st.lists(BACK_LINKS, min_size=1, max_size=4),
    gaps=st.lists(
        st.lists(st.one_of(BLANKS, st.sampled_from(["｜", "|"])), max_size=3), min_size=5, max_size=5
    ),
    line_breaks=st.lists(st.sampled_from(["", "\n", "\n\n"]), min_size=4, max_size=4),
    after=st.sampled_from(["", "\n\n&nbsp;", "\n<!-- end -->", "\n\n<p>&nbsp;</p>", "\n\n\u3000\n"]),
)
def test_back_links_with_any_blanks_around_them_are_recognised(
    links: list[str], gaps: list[list[str]], line_breaks: list[str], after: str
) -> None:
    """Back links separated or followed by anything a reader sees as blank (a full-width
    or no-break space, a zero-width space, a reference to one, `<br>` in any case, a
    comment, a paragraph of nothing), on one line, several or in several paragraphs,
    were kept, so their relative targets (`../emnews/`) were broken links."""
    tail = "".join(gaps[0])
    for index, link in enumerate(links):
        separator = line_breaks[index - 1] if index else ""
        tail += separator + link + "".join(gaps[index + 1])
    tail += after
    body, found = strip_trailing_back_links(f"<p>正文</p>\n\n<http://src.example/1>\n\n{tail}\n", SITE)
    assert found, tail
    assert body == "<p>正文</p>\n\n<http://src.example/1>\n", tail


@settings(max_examples=100, deadline=None)
@given(link=BACK_LINKS, blank=BLANKS, visible=st.characters(blacklist_categories=("Z", "C")))
def test_a_visible_character_beside_back_links_keeps_the_paragraph(
    link: str, blank: str, visible: str
) -> None:
    """Only blanks count as nothing: a line with a character a reader sees is content."""
    if visible in "｜|&<>[]()\\" or visible.isspace() or visible in BLANK_CHARACTERS:
        return
    tail = f"{link}{blank}{visible}"
    body, found = strip_trailing_back_links(f"<p>正文</p>\n\n{tail}\n", SITE)
    assert not found and tail in body


#: What a crawled page ends with after its back links that no reader sees: analytics
#: scripts, styles, empty ad slots, and the definitions of reference-style links.
_HIDDEN_LEAVES = st.sampled_from(
    [
        '<script src="//hm.baidu.com/hm.js?x"></script>',
        "<script>\nvar _hmt = _hmt || [];\n(function() { var a = '<p>x</p>'; })();\n</script>",
        "<SCRIPT type='text/javascript'>x()</SCRIPT >",
        "<style>\n.post p { color: #333 }\n</style>",
        '<div class="ad"></div>',
        "<ins class='adsbygoogle'> </ins>",
        "<span></span>",
        "<div><script>var ad = 1;</script></div>",
        "<div>\n<script>x()</script>\n<ins></ins>\n</div>",
        "<template><p>x</p></template>",
        '<link rel="stylesheet" href="/a.css">',
        '<meta name="keywords" content="财经">',
        '<input type="hidden" name="id" value="1">',
        '<img src="//hm.example.com/p.gif" width="1" height="1" style="display:none">',
        "<img hidden src=a.gif>",
        '<IMG SRC="t.gif" STYLE="visibility: hidden"/>',
    ]
)
#: Start tags that hide their element whatever it holds: the `hidden` attribute, or an
#: inline style of display: none / visibility: hidden.
_HIDING_START_TAGS = st.sampled_from(
    [
        "<div hidden>",
        "<DIV HIDDEN>",
        '<p hidden="hidden">',
        '<div class="ad" hidden="">',
        '<div style="display:none">',
        "<span style='color: red; display: none !important'>",
        '<section data-x="1" style="visibility: hidden;">',
        '<table style="DISPLAY:NONE"><tr><td>',
    ]
)
_SHOWN_INSIDE = st.sampled_from(
    ["广告", "<p>推荐阅读</p>", '<a href="/x/">相关</a>', "<div>x</div>\n<p>y</p>"]
)


def _hidden_element(start_tag: str, inside: str) -> str:
    name = start_tag[1:].split(maxsplit=1)[0].split(">")[0]
    return f"{start_tag}{inside}</{name}>"


def _wrapper(name: str, blocks: list[str], separator: str) -> str:
    return f"<{name}>{separator}{separator.join(blocks)}{separator}</{name}>"


_REFERENCE_DEFINITIONS = st.sampled_from(
    ["[1]: //finews.withounder.com/emnews/", '   [首页]: //finews.withounder.com/ "首页"']
)
_HIDDEN_MARKUP = st.recursive(
    st.one_of(_HIDDEN_LEAVES, st.builds(_hidden_element, _HIDING_START_TAGS, _SHOWN_INSIDE)),
    lambda inner: st.builds(
        _wrapper,
        st.sampled_from(["div", "section", "span", "ins"]),
        st.lists(inner, min_size=1, max_size=3),
        st.sampled_from(["", "\n", "\n\n"]),
    ),
    max_leaves=5,
)
HIDDEN_BLOCKS = st.one_of(_HIDDEN_MARKUP, _REFERENCE_DEFINITIONS)
REFERENCE_BACK_LINKS = st.sampled_from(["[返回东财滚动新闻][1]", "[返回首页][首页]", "[返回首页][]"])


@settings(max_examples=300, deadline=None)
@given(
    links=st.lists(st.one_of(BACK_LINKS, REFERENCE_BACK_LINKS), min_size=1, max_size=3),
    blocks=st.lists(
        st.tuples(HIDDEN_BLOCKS, st.sampled_from(["\n", "\n\n", "\n&nbsp;\n"])), min_size=1, max_size=4
    ),
)
def test_back_links_followed_by_what_no_reader_sees_are_recognised(
    links: list[str], blocks: list[tuple[str, str]]
) -> None:
    """A script, style, empty element or reference definition after the back links hid
    them: the paragraph stayed, its relative links (`../emnews/`) broken on every page.
    The hidden blocks themselves are kept, as they were."""
    tail = "".join(separator + block for block, separator in blocks)
    body, found = strip_trailing_back_links(f"<p>正文</p>\n\n{'｜'.join(links)}\n{tail}\n", SITE)
    assert found, tail
    assert "返回" not in body, body
    assert body.startswith("<p>正文</p>\n") and body.rstrip().endswith(blocks[-1][0].rstrip()), body
    for block, _ in blocks:
        assert block in body


@settings(max_examples=100, deadline=None)
@given(
    block=HIDDEN_BLOCKS,
    visible=st.sampled_from(
        [
            "正文",
            "<p>x</p>",
            "<div>广告</div>",
            "<iframe></iframe>",
            "<div><div>广告</div></div>",
            "<div><script>x()</script><p>x</p></div>",
            '<div class="hidden">广告</div>',
            '<div title="hidden" data-hidden="1">广告</div>',
            '<div style="display:block" aria-hidden="true">广告</div>',
            "<div style=\"content: 'display:none'\">广告</div>",
            "<table><tr><td>x</td></tr></table>",
            '<div hidden style="display:block">广告</div>',
            '<img src="//hm.example.com/p.gif" width="1" height="1">',
        ]
    ),
)
def test_something_a_reader_sees_after_the_back_links_keeps_them(block: str, visible: str) -> None:
    """Only hidden blocks are passed over: visible content after the links makes them
    part of the body, as before."""
    text = f"<p>正文</p>\n\n[返回首页](/)\n\n{block}\n{visible}\n"
    assert strip_trailing_back_links(text, SITE) == (text, False)


def test_wrappers_nested_beyond_reason_are_read_in_bounded_time() -> None:
    """A thousand nested wrappers after the back links (a hostile or broken body) neither
    overflow the stack nor are read once per level: past a few levels they count as
    something a reader may see, and the links are kept."""
    tail = "<div>" * 1000 + "<script>x()</script>" + "</div>" * 1000
    text = f"<p>正文</p>\n\n[返回首页](/)\n\n{tail}\n"
    assert strip_trailing_back_links(text, SITE) == (text, False)
    shallow = "<div>" * 3 + "<script>x()</script>" + "</div>" * 3
    assert strip_trailing_back_links(f"<p>正文</p>\n\n[返回首页](/)\n\n{shallow}\n", SITE)[1]
