"""Spaces that CommonMark does not count as whitespace stay where a post put them, as in
Jekyll: a Chinese paragraph indented with two ideographic spaces (U+3000) keeps them, and
so do a heading (`#` or underlined), a list item or a quote that starts or ends with
U+3000, U+00A0 or U+2003. One generated site of posts (`layout: none`, so each output is the converted
body alone) is built by Jekyll (kramdown) and by sitegen, and every paragraph, heading
and list item has the same text in both.

Jekyll (Debian's `jekyll`) is the reference; where it is missing the test is skipped
(in CI it must be installed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.markdown_spaces import COMMONMARK_WHITESPACE
from sitegen.content.markup import render_body
from tests.conftest import build, jekyll_build, write_files

#: The spaces a Chinese text puts at a block's edges; none of them is CommonMark's
#: whitespace (a space or tab), so none may be trimmed.
EDGES = ("\u3000", "\u3000\u3000", "\u00a0", "\u2003", "")
WORDS = ("据报道", "财经", "新闻", "A股", "2024年", "上涨", "，", "。", "abc", "x y")
#: A block as Markdown, from its text: paragraph, heading (ATX and setext), list item,
#: quote.
SHAPES = ("{}", "# {}", "## {}", "{}\n===", "{}\n---", "- {}", "> {}")

texts = st.builds(
    lambda lead, words, trail: lead + "".join(words) + trail,
    st.sampled_from(EDGES),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.sampled_from(EDGES),
)
blocks = st.tuples(st.sampled_from(SHAPES), texts)
posts = st.lists(st.lists(blocks, min_size=1, max_size=5), min_size=1, max_size=12)

FIXED = [
    [("{}", "\u3000\u3000第一段以两个全角空格缩进。"), ("{}", "\u3000\u3000第二段，结尾也有一个。\u3000")],
    [("# {}", "\u3000标题\u3000"), ("- {}", "\u00a0列表项"), ("> {}", "\u2003引用\u2003")],
    [("{}\n===", "\u3000\u3000大标题\u3000"), ("{}\n---", "\u00a0小标题\u2003")],
    # Headings of nothing but such spaces, with and without a closing sequence.
    [("# {}", "\u3000"), ("## {} ##", "\u00a0\u3000"), ("- # {}", "\u3000\u3000"), ("> # {}", "\u2003")],
    [("## {} #", "\u3000标题\u3000"), ("# {}#", "标题"), ("# {} ##  ", "\u3000"), ("### {}\t", "\u2003")],
]


def _blocks_text(html: str) -> list[tuple[str, str]]:
    """Each paragraph, heading and list item, in order: its tag and its text."""
    page = BeautifulSoup(html, "html.parser")
    return [(element.name, element.get_text()) for element in page.find_all(["p", "h1", "h2", "h3", "li"])]


@settings(max_examples=3, deadline=None)
@given(generated=posts)
def test_unicode_spaces_at_block_edges_are_kept_as_jekyll_keeps_them(
    generated: list[list[tuple[str, str]]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = Path(tmp_path_factory.mktemp("site"))
    files = {"_config.yml": "title: t\ntimezone: Asia/Shanghai\n"}
    every = [*FIXED, *generated]
    for number, body in enumerate(every):
        markdown = "\n\n".join(shape.format(text) for shape, text in body)
        files[f"_posts/2024-01-{1 + number:02d}-p{number}.md"] = f"---\nlayout: none\n---\n{markdown}\n"
    site = write_files(root / "site", files)
    jekyll_build(site, root / "jekyll")
    build(site, destination=root / "sitegen", cache=False)
    for number in range(len(every)):
        page = f"2024/01/{1 + number:02d}/p{number}.html"
        expected = _blocks_text((root / "jekyll" / page).read_text(encoding="utf-8"))
        assert _blocks_text((root / "sitegen" / page).read_text(encoding="utf-8")) == expected, page


#: Every character Python counts as a space but CommonMark does not trim (its whitespace
#: is space, tab and line endings): the ones Jekyll keeps at a block's edges.
UNICODE_SPACES = sorted(
    chr(code)
    for code in range(sys.maxunicode + 1)
    if chr(code).isspace() and chr(code) not in COMMONMARK_WHITESPACE
)


@pytest.mark.parametrize("shape", [*SHAPES, "## {} ##", "1. {}"])
def test_every_unicode_space_is_kept_at_every_block_s_edges(shape: str) -> None:
    """Beyond the three Jekyll is compared on: each of the 23 such characters, at both
    edges of each kind of block, is in sitegen's HTML where the post put it."""
    for space in UNICODE_SPACES:
        html = render_body(shape.format(f"{space}正文{space}") + "\n", ".md", "commonmark")
        texts = [
            element.get_text()
            for element in BeautifulSoup(html, "html.parser").find_all(["p", "h1", "h2", "li"])
        ]
        assert texts == [f"{space}正文{space}"], (hex(ord(space)), html)
