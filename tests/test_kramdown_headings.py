"""Markdown headings come out as Jekyll's kramdown writes them: the same lines are
headings, at the same levels, with the same text and the same automatic `id`s, so a
`post.html#anchor` link made for the Jekyll site still lands on its heading.

Generated documents of ATX and setext headings (indented or not, closed or not, empty,
with ids of their own, under one paragraph line or several, after a blank line or not),
paragraphs and rules, with CJK, mixed, repeated and punctuation-only texts, are
converted by kramdown as Jekyll configures it (one Ruby process for the module) and by
sitegen, and their heading elements must be the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.heading_ids import heading_id
from sitegen.content.markup import render_body
from tests.ruby_process import RubyProcess, ruby_process
from tests.test_typography_kramdown import KRAMDOWN

#: Pieces of heading text: CJK and mixed words, repeats (for `-1`, `-2`), punctuation,
#: full-width and other spaces, digits, entities, escapes, emphasis, code, links.
WORDS = (
    "京东618图个啥", "2022年", "A股", "回顾", "One", "line", "One line", "Ünïcode", "ΣΑΣ",
    "新闻", "，", "。", "！", "（注）", "“引”", "-", "--", "_", "a_b", "!!!", "?", "&amp;",
    "&eacute;", "&#x4e2d;", "\\*", "\\#", "#", "##", "*em*", "**强调**", "x`co de`x",
    "[链接](/a)", "'s", '"q"', "...", "\u3000", "\u00a0", "1", "42", "Ⅻ", "①", "İ",
)  # fmt: skip
SPACES = (" ", " ", " ", "  ", "\t", "")
#: Words that are written next to another only with a space between: where kramdown's
#: and CommonMark's emphasis and quote rules differ on touching words is not headings'.
SPACED = frozenset({"*em*", "**强调**", "x`co de`x", "[链接](/a)", "'s", '"q"', "_", "a_b", "\\*"})


@st.composite
def heading_text(draw: st.DrawFn) -> str:
    """Words joined by spaces (or not): never starting with a space or tab, nor with
    `- ` (which starts a list, whose rules are not headings')."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    out = "一" if words[0] == "-" else words[0]
    for before, word in pairwise(words):
        space = draw(st.sampled_from(SPACES))
        out += ((space or " ") if before in SPACED or word in SPACED else space) + word
    return out


@st.composite
def own_id(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(("", "", "", " {#intro}", " {#京东}", "\t{#a-1}", "{#glued}", " {#1bad}")))


@st.composite
def atx(draw: st.DrawFn) -> str:
    hashes = "#" * draw(st.integers(1, 7))
    indent = draw(st.sampled_from(("", "", "", " ", "   ")))
    gap = draw(st.sampled_from((" ", " ", "  ", "\t", "")))
    text = draw(st.one_of(heading_text(), st.sampled_from(("", " ", "#", "# #"))))
    closing = draw(st.sampled_from(("", "", " #", " ###", "#", " #  ")))
    return f"{indent}{hashes}{gap}{text}{draw(own_id())}{closing}"


@st.composite
def setext(draw: st.DrawFn) -> str:
    lines = draw(st.lists(heading_text(), min_size=1, max_size=3))
    indent = draw(st.sampled_from(("", "", " ")))
    underline = draw(st.sampled_from(("---", "===", "-", "=", "-=-", "---  ", " ---", "--- x", "***")))
    return "\n".join([indent + lines[0], *lines[1:]]) + draw(own_id()) + "\n" + underline


#: Quotes and lists are closed: kramdown's lazy and indented lines, which take the lines
#: after a quote or list into it, are not headings' rules.
BLOCKS = st.one_of(
    atx(),
    setext(),
    heading_text(),
    st.sampled_from(
        ("---", "***", "> 引用\n> ---\n", "> # 引\n", "- 项\n\n  # 项\n\n一\n", "```\n# code\n```")
    ),
)


@st.composite
def document(draw: st.DrawFn) -> str:
    """Blocks, each after a blank line or right after the one before."""
    blocks = draw(st.lists(BLOCKS, min_size=1, max_size=8))
    out = blocks[0]
    for block in blocks[1:]:
        out += draw(st.sampled_from(("\n\n", "\n\n", "\n"))) + block
    return out + "\n"


_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def headings(html: str) -> list[tuple[str, str | None, str]]:
    """Each heading's level, id and text (tags dropped, references decoded: how code or
    an entity is written is not the heading's business)."""
    return [
        (level, None if found_id is None else unescape(found_id), unescape(_TAG.sub("", inner)))
        for level, found_id, inner in _HEADING.findall(html)
    ]


@pytest.fixture(scope="module")
def kramdown() -> Iterator[RubyProcess]:
    with ruby_process(KRAMDOWN, gem="kramdown") as process:
        yield process


@settings(max_examples=40)
@given(documents=st.lists(document(), min_size=6, max_size=6))
def test_headings_and_their_ids_are_kramdowns(kramdown: RubyProcess, documents: list[str]) -> None:
    expected = [headings(html) for html in kramdown.answers(documents)]
    assert [headings(render_body(text, ".md", "markdown-it")) for text in documents] == expected


def test_the_reported_document() -> None:
    """Jekyll's output: an underline under two lines is the paragraph's text (an em
    dash), and an underlined single line is a heading with kramdown's id."""
    source = "line a\nline b\n---\nafter\n\nOne line\n---\n"
    assert render_body(source, ".md", "markdown-it") == (
        '<p>line a\nline b\n—\nafter</p>\n<h2 id="one-line">One line</h2>\n'
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("## 京东618图个啥", '<h2 id="京东618图个啥">京东618图个啥</h2>\n'),
        ("## 2022年 A股 回顾", '<h2 id="2022年-a股-回顾">2022年 A股 回顾</h2>\n'),
        # Punctuation only: no id written, but the empty id counts.
        ("# ！！\n\n# ？？", '<h1>！！</h1>\n<h1 id="-1">？？</h1>\n'),
        ("# a\n\n# a\n\n# a-1", '<h1 id="a">a</h1>\n<h1 id="a-1">a</h1>\n<h1 id="a-1">a-1</h1>\n'),
        ("# 标题 {#intro}\n\n# 标题", '<h1 id="intro">标题</h1>\n<h1 id="标题">标题</h1>\n'),
        ("# H\nTitle\n---", '<h1 id="h">H</h1>\n<p>Title\n—</p>\n'),
        ("  # 不是标题", "<p># 不是标题</p>\n"),
    ],
)
def test_jekylls_output(source: str, expected: str) -> None:
    """Jekyll's output for each (kramdown 2.4, kramdown-parser-gfm 1.1)."""
    assert render_body(source, ".md", "markdown-it") == expected


def test_ids_count_by_id() -> None:
    used: dict[str, int] = {}
    assert [heading_id(text, used) for text in ("A", "a", "A！", "ΣΑΣ")] == ["a", "a-1", "a-2", "σασ"]
