"""Quotes, dashes, dots and guillemets in Markdown text come out as Jekyll's kramdown
writes them: `"quoted"` as “quoted”, `it's` as it’s, `--` as –, `---` as —, `...` as …,
`<<`/`>>` as « and », and nothing changed in code, raw HTML, attributes or URLs.

Generated paragraphs mixing them with code spans, inline HTML, links, emphasis, CJK text
and full-width punctuation are converted by kramdown as Jekyll configures it (one Ruby
process for the module) and by sitegen, and each paragraph's text must be the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.markup import render_body
from sitegen.content.typography import smarten
from tests.ruby_process import RubyProcess, ruby_process

#: Jekyll's `kramdown` defaults (jekyll/lib/jekyll/configuration.rb), as
#: jekyll/lib/jekyll/converters/markdown/kramdown_parser.rb hands them to kramdown.
KRAMDOWN = r"""
require "json"
require "kramdown"
require "kramdown-parser-gfm"
STDOUT.sync = true
OPTIONS = {
  "auto_ids" => true, "toc_levels" => (1..6).to_a, "entity_output" => "as_char",
  "smart_quotes" => "lsquo,rsquo,ldquo,rdquo", "input" => "GFM", "hard_wrap" => false,
  "guess_lang" => true, "footnote_nr" => 1, "show_warnings" => false,
  "syntax_highlighter" => "rouge",
  "syntax_highlighter_opts" => {"default_lang" => "plaintext", "guess_lang" => true},
}
# As Jekyll's `Kramdown::JekyllDocument` does: the options merged once, then each text
# parsed and converted with them.
MERGED = Kramdown::Options.merge(OPTIONS).freeze
STDIN.each_line("\n") do |line|
  root, _warnings = Kramdown::Parser::GFM.parse(JSON.parse(line), MERGED)
  puts JSON.generate(Kramdown::Converter::Html.convert(root, MERGED).first)
end
"""

#: Pieces of plain text, written next to each other freely.
TEXT = (
    '"', "'", '"', "'", " ", " ", " ", "word", "it's", "'80s", "--", "---", "...", " >>", ">>",
    "<< ", "新闻", "，", "。", "“", "（", "）", "(", ")", ",", "!", "?", "5", "s", "\u3000", "-",
    "\nthen ", "&amp;", '\\"',
)  # fmt: skip
#: Pieces kramdown and markdown-it both read as elements: never written next to each
#: other (where the two parsers' rules for emphasis and code differ, not typography's).
ELEMENTS = (
    "`c\"o'de -- x...`", "<b>x</b>", "<span title=\"a--b 'q'\">s</span>",
    '[a "link"](http://e.com/a--b "t\'s")', "*em*", "**b 'x' y**", "<https://e.com/a--b...>",
)  # fmt: skip

#: Inline HTML elements of each of kramdown's content models (kramdown/parser/html.rb):
#: raw (`code` ... `math`, and `mark`, `u` and unknown names, which it does not list),
#: span (`b` ... `sup`), names in other cases, and `markdown` attributes that change it.
HTML_NAMES = (
    "code", "kbd", "samp", "var", "textarea", "math", "mark", "u", "Foo", "CODE", "Kbd",
    "b", "span", "em", "q", "abbr", "sup", "SPAN",
)  # fmt: skip
HTML_ATTRIBUTES = (
    "",
    ' class="a--b"',
    ' markdown="0"',
    ' markdown="1"',
    ' markdown="span"',
    ' title="it\'s"',
)
#: Elements without content, in any element.
HTML_EMPTY = ("<br>", "<code/>", '<img src="a">', "<!-- c -->")


def _end_tags(name: str) -> tuple[str, ...]:
    """End tags that close `name` to kramdown: in any case only for the names it knows."""
    return (f"</{name}>", f"</{name} >") + (() if name == "Foo" else (f"</{name.swapcase()}>",))


@st.composite
def html_element(draw: st.DrawFn, depth: int = 2, closed: bool = True) -> str:
    """An element and its content: text, elements without content and, `depth` deep,
    elements nested in it; left open (kramdown closes it at the paragraph's end) only
    when not `closed`, and then only the last thing in the paragraph."""
    name = draw(st.sampled_from(HTML_NAMES))
    out = [f"<{name}{draw(st.sampled_from(HTML_ATTRIBUTES))}>"]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 3 if depth else 1))
        if kind == 0:
            out.append(draw(st.sampled_from(TEXT)))
        elif kind == 1:
            out.append(draw(st.sampled_from(HTML_EMPTY)))
        else:
            out.append(draw(html_element(depth - 1)))
    if not closed and draw(st.booleans()):
        return "".join(out) + (draw(html_element(depth - 1, closed=False)) if depth else "")
    return "".join(out) + draw(st.sampled_from(_end_tags(name)))


pieces = st.tuples(
    st.lists(
        st.one_of(st.sampled_from(TEXT), st.sampled_from(ELEMENTS), html_element()), min_size=1, max_size=14
    ),
    st.one_of(st.just(""), html_element(closed=False)),
)


def _paragraph(drawn: tuple[list[str], str]) -> str:
    out: list[str] = []
    for piece in drawn[0]:
        if piece in ELEMENTS and out and out[-1] in ELEMENTS:
            out.append(" ")
        out.append(piece)
    return ("Start " + "".join(out) + drawn[1]).rstrip()


_TAG = re.compile(r"<[^>]*>")


def _text(html: str) -> str:
    """The decoded text, runs of whitespace as one space: entity and character forms
    and line breaks are not typography."""
    return re.sub(r"\s+", " ", unescape(_TAG.sub("", html))).strip()


@pytest.fixture(scope="module")
def kramdown() -> Iterator[RubyProcess]:
    with ruby_process(KRAMDOWN, gem="kramdown") as process:
        yield process


@given(paragraphs=st.lists(pieces.map(_paragraph), min_size=4, max_size=4))
def test_text_typography_is_kramdowns(kramdown: RubyProcess, paragraphs: list[str]) -> None:
    expected = [_text(html) for html in kramdown.answers(paragraphs)]
    assert [_text(render_body(text, ".md", "markdown-it")) for text in paragraphs] == expected


def test_quotes_dashes_and_symbols() -> None:
    """Jekyll's output for one paragraph (entity_output `as_char`: characters, not
    entities); the `"` in the code span, attribute and link title are left alone, and
    so are raw HTML blocks and code blocks."""
    source = (
        'He said "hi" -- it\'s the \'80s... x>> << b >> `"x"` a---b "\'Q\' w"\n'
        '<span title="a--b">"x"</span> ["l"](/u--v "t\'s")'
    )
    assert render_body(source, ".md", "markdown-it") == (
        "<p>He said “hi” – it’s the ’80s… x» «\u00a0b\u00a0» <code>&quot;x&quot;</code> a—b “‘Q’ w”\n"
        '<span title="a--b">“x”</span> <a href="/u--v" title="t\'s">“l”</a></p>\n'
    )
    # Raw HTML blocks and code blocks stay byte for byte as they were.
    source = '<div class="a--b">\n"x" -- y...\n</div>\n\n```\n"x" -- y\n```\n\n    "z" --\n'
    assert render_body(source, ".md", "markdown-it") == (
        '<div class="a--b">\n"x" -- y...\n</div>\n<pre><code>&quot;x&quot; -- y\n</code></pre>\n'
        "<pre><code>&quot;z&quot; --\n</code></pre>\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\"'Quoted' words\"", "“‘Quoted’ words”"),
        ("'tis the '80s", "‘tis the ’80s"),
        ("5\" and 6'", "5” and 6’"),
        # U+3000 is no space to Ruby's `\s`: the quote after it closes, as in Jekyll.
        ('a\u3000"新闻"', "a\u3000”新闻”"),
    ],
)
def test_smarten(text: str, expected: str) -> None:
    assert smarten(text) == expected


def test_raw_html_elements_keep_their_text() -> None:
    """Jekyll's output for inline `<code>`, `<kbd>`, `<samp>`, `<textarea>` (raw to
    kramdown: no smart quotes, dashes or escapes) beside `<b>` (span: smartened) and
    `<mark>` (which kramdown does not list: raw)."""
    source = (
        'Run <code>echo "hi" -- it\'s...</code> then press <kbd>"Enter"</kbd>. Output '
        '<samp>"ok"</samp>. <textarea>"default" --</textarea> <b>"b"</b> <code>\\"x\\"</code> '
        '<mark>"m"</mark>'
    )
    assert _text(render_body(source, ".md", "markdown-it")) == (
        'Run echo "hi" -- it\'s... then press "Enter". Output "ok". "default" -- “b” \\"x\\" "m"'
    )
