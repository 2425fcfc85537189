"""Body text to HTML, and the one piece of HTML syntax the body stages share.

The default engine is markdown-it-py (CommonMark with raw HTML): on the user's posts it
renders about nine times faster than Python-Markdown (0.25 ms against 2.3 ms for a 5 KB
post), which decides a cold build of tens of thousands of posts. Python-Markdown stays
selectable with `markdown: python-markdown`. `.html` sources are never run through
Markdown, as in Jekyll.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from sitegen.urls import permalink_ext

if TYPE_CHECKING:
    import re

    from markdown_it import MarkdownIt

#: Jekyll's default `markdown_ext` (jekyll/lib/jekyll/configuration.rb): `.mdown`, say, is
#: not among them, so Jekyll copies such a file's body as it is, under its own extension.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mkdown", ".mkdn", ".mkd"})

#: What follows a tag's name up to the `>` that ends it (which is not included), read the
#: way a browser's tokenizer reads it: a quote opens an attribute value only right after
#: `=`, and a `>` inside a quoted value does not end the tag. A tag or a value left open
#: runs to the end of the input, as in a browser. After a match the next character is
#: that `>`, or there is none.
#:
#: So a pattern that begins a tag and goes on with this matches whatever follows, and a
#: scan goes on after the match: a body of unclosed tags or quotes costs one pass, where
#: a pattern that demanded the closing `>` would rescan the rest of the body from every
#: `<`. The possessive quantifiers leave nothing to backtrack into.
TAG_ATTRIBUTES = r"""(?:[^>"'=]++|=\s*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))?|["'])*+"""


def render_body(
    text: str, suffix: str, engine: str, markdown_suffixes: frozenset[str] = MARKDOWN_SUFFIXES
) -> str:
    """Convert a body by its file suffix (Markdown when it is one of the site's
    `markdown_suffixes`, from `markdown_ext`); HTML passes through untouched."""
    if suffix.lower() in markdown_suffixes:
        return _renderer(engine)(text)
    return text


#: The output extensions Jekyll counts as HTML (`Page::HTML_EXTENSIONS`, jekyll/lib/jekyll/page.rb).
HTML_OUTPUT_SUFFIXES = (".html", ".xhtml", ".htm")


def is_html_output(output_ext: str) -> bool:
    """Whether an output of this extension is an HTML page, the only kind of output the
    theme's templates can wrap (`.xhtml` is XML: an HTML page around it would not parse).
    Jekyll lays out nothing by its extension (`sitegen.site.layouts`); sitegen's theme,
    which Jekyll lacks, wraps only pages a browser shows as HTML."""
    return output_ext.lower() in (".html", ".htm")


def output_ext(suffix: str, markdown_suffixes: frozenset[str] = MARKDOWN_SUFFIXES) -> str:
    """The extension Jekyll writes a converted file with: `.html` for Markdown, the
    file's own for anything else (`Converters::Identity#output_ext`), its case kept: a
    `.htm`, `.txt` or `.HTML` post keeps it in its URL (`x.HTML` was written `x.html`)."""
    lowered = suffix.lower()
    if lowered in (".scss", ".sass"):
        return ".css"  # jekyll-sass-converter's `output_ext`; see `sitegen.content.sass`
    return ".html" if lowered in markdown_suffixes else suffix


def document_output_ext(
    front_matter: Mapping[str, Any], suffix: str, markdown_suffixes: frozenset[str] = MARKDOWN_SUFFIXES
) -> str:
    """The extension a page, post or collection document is written with: its own
    `permalink`'s when that sets one (`sitegen.urls.permalink_ext`, Jekyll's
    `Renderer#output_ext` in jekyll/lib/jekyll/renderer.rb), else its converter's
    (`output_ext`). `front_matter` is the merged one, defaults included, as Jekyll's
    `data["permalink"]` is. Its URL, its output path and its `:output_ext` all use this
    one answer; the body is still converted, and laid out, by its source suffix."""
    permalink = front_matter.get("permalink")
    from_permalink = permalink_ext(permalink.strip()) if isinstance(permalink, str) else ""
    return from_permalink or output_ext(suffix, markdown_suffixes)


@cache
def _renderer(engine: str) -> Callable[[str], str]:
    """One converter per engine and process (building one costs more than a post)."""
    if engine == "python-markdown":
        import markdown

        converter = markdown.Markdown(extensions=["extra"], output_format="html")

        def convert(text: str) -> str:
            converter.reset()
            return converter.convert(text)

        return convert
    from sitegen.content.kramdown_stray import stray_lt_escaped

    parser = commonmark_parser()

    def render_commonmark(text: str) -> str:
        if is_one_html_block(text):
            return stray_lt_escaped(text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\0" in text:
            text = text.replace("\0", "\ufffd")
        rendered: str = parser.render(text)
        return rendered

    return render_commonmark


@cache
def commonmark_parser() -> MarkdownIt:
    """The default engine's markdown-it parser, one per process: CommonMark with raw
    HTML, tables and strikethrough, and kramdown's readings where sitegen follows them
    (character references, edge spaces, headings and their ids, typography, and which
    `<` in raw HTML is markup: `sitegen.content.kramdown_stray`)."""
    from markdown_it import MarkdownIt

    from sitegen.content import char_refs, heading_ids, kramdown_headings, kramdown_stray
    from sitegen.content.markdown_spaces import keep_edge_spaces
    from sitegen.content.typography import add_typography

    parser = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    # markdown-it's first step (core rule `normalize`) rewrites every line ending and NUL
    # with two regular expressions: half the time of rendering a typical post. These
    # replacements do the same where there is something to replace.
    parser.disable("normalize")
    char_refs.install(parser)
    keep_edge_spaces(parser)
    kramdown_headings.install(parser)
    add_typography(parser)
    heading_ids.install(parser)
    kramdown_stray.install(parser)
    return parser


#: The two kinds of CommonMark HTML block (spec 0.31, 4.6, kinds 6 and 7) that end only at
#: a blank line or the end of the document, as markdown-it lists them: the block elements
#: by name (`<p>`, `<div>`, `<center>`), and any other whole tag alone on its line.
_KINDS_ENDING_AT_A_BLANK_LINE = frozenset({5, 6})


def is_one_html_block(text: str) -> bool:
    """Whether markdown-it reads all of `text` as one HTML block and so renders it as
    written, character for character: its first line opens a block of kind 6 or 7 at
    the left margin, and no later line is blank (spaces and tabs only, markdown-it's
    test), so the block runs to the end.

    The crawler's bodies are such a block (`<p>…</p>` lines, then the share link), and
    reading one costs markdown-it a Python step per character (half a millisecond for
    6 KB), twice per post with its excerpt: knowing the answer saves a fifth of a cold
    build's load. What could take the first line before the HTML block rule is ruled
    out: a second line that could be a table's delimiter row (markdown-it tries tables
    first), a carriage return or NUL (`render_commonmark` rewrites them). Every other
    earlier rule needs a first character other than `<`. Checked against markdown-it's
    own reading over generated texts (tests/test_markup_html_blocks.py)."""
    if not text.startswith("<") or "\r" in text or "\0" in text:
        return False
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the line break ending the last line opens no line of its own
    first = lines[0]
    kind = next((kind for kind, opening in enumerate(_html_block_openings()) if opening.search(first)), None)
    if kind not in _KINDS_ENDING_AT_A_BLANK_LINE:
        return False
    if len(lines) > 1 and lines[1].lstrip(" \t")[:1] in ("|", ":", "-"):
        return False
    return all(line.strip(" \t") for line in lines[1:])


@cache
def _html_block_openings() -> tuple[re.Pattern[str], ...]:
    """markdown-it's first-line test of each kind of HTML block, in the order it tries
    them (imported when first needed: a build with nothing to convert never loads it)."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    return tuple(opening for opening, _, _ in HTML_SEQUENCES)
