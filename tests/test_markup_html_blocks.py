"""A body that is one HTML block is published as written without asking markdown-it
(`sitegen.content.markup.is_one_html_block`), and that shortcut never changes a page:
over generated texts of HTML block openings of every kind, Markdown that could take a
line first (tables, lists, quotes, rules, headings, fences, code, link definitions) and
blank or odd lines, the default engine renders exactly what markdown-it itself renders.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.markup import commonmark_parser, is_one_html_block, render_body

#: Lines of the seven kinds of HTML block opening, inline tags, and text.
HTML_LINES = (
    "<p>据报道，A股上涨。</p>",
    '<p style="text-align:center;">',
    "</p>",
    "<div>",
    "<center><img src=x.jpg></center>",
    '<span class="a">',
    "<span>x</span>",
    "<a href='/x'>",
    "<pre>",
    "</pre>",
    "<script>",
    "<!-- EM_StockImg_Start -->",
    "<!--",
    "-->",
    "<?php",
    "<!DOCTYPE html>",
    "<![CDATA[",
    "<http://finews.example.com/x?a=1>",
    "<>",
    "< p>",
)
#: Lines that Markdown reads as something of its own, and blank or odd ones.
OTHER_LINES = (
    "财经新闻",
    "| a | b |",
    "|---|---|",
    "---",
    ":-:",
    "- item",
    "1. item",
    "> quote",
    "# 标题",
    "===",
    "```",
    "~~~",
    "    code",
    "\tcode",
    "[ref]: /u",
    "*强调*",
    "&#150;&amp;",
    "",
    " ",
    "\t",
    "\u3000",
    "\v",
    "\r",
    "a\0b",
)
LINE = st.sampled_from(HTML_LINES + OTHER_LINES)
INDENT = st.sampled_from(("", "", " ", "   ", "    ", "\t"))
TEXTS = st.builds(
    lambda first, rest, indents, end: (
        "\n".join([first, *(indent + line for indent, line in zip(indents, rest, strict=False))]) + end
    ),
    LINE,
    st.lists(LINE, max_size=6),
    st.lists(INDENT, min_size=6, max_size=6),
    st.sampled_from(("", "\n", "\n\n")),
)


def _markdown_it(text: str) -> str:
    """What markdown-it renders, line endings and NULs replaced as the engine does."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    rendered: str = commonmark_parser().render(text)
    return rendered


@given(TEXTS)
def test_the_default_engine_renders_what_markdown_it_renders(text: str) -> None:
    assert render_body(text, ".md", "markdown-it") == _markdown_it(text)


@given(TEXTS)
def test_a_text_taken_as_one_html_block_is_rendered_as_written(text: str) -> None:
    if is_one_html_block(text):
        assert _markdown_it(text) == text


CRAWLED_LINES = st.lists(
    st.sampled_from(("<p>据报道，A股上涨。</p>", " <p>财经</p>", ' <center><img src="x.jpg"></center>')),
    min_size=1,
    max_size=30,
)


@given(CRAWLED_LINES, st.sampled_from(("", "\n")))
def test_a_crawled_body_takes_the_shortcut(lines: list[str], end: str) -> None:
    """The crawler's shape (HTML lines, the share link) is what the shortcut is for."""
    body = "<p>首段</p>\n" + "\n".join(lines) + "\n<http://finews.zning.xyz/x?infoCode=NW1>" + end
    assert is_one_html_block(body)
    assert render_body(body, ".md", "markdown-it") == body == _markdown_it(body)


def test_what_is_not_one_block_is_left_to_markdown_it() -> None:
    assert not is_one_html_block("<p>a</p>\n\n[返回](/x)")  # a blank line ends the block
    assert not is_one_html_block("<p>a</p>\n  \n<p>b</p>")  # so does one of spaces
    assert not is_one_html_block("<pre>\nx\n</pre>")  # kind 1 ends at its closing tag
    assert not is_one_html_block("<p>a|b</p>\n|---|")  # could be a table
    assert not is_one_html_block(" <p>a</p>")  # not at the margin
    assert not is_one_html_block("<p>a</p>\r\n<p>b</p>")
