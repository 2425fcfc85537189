"""Which lines are headings, read as Jekyll's kramdown reads them.

Jekyll converts Markdown with kramdown's GFM parser (`input: GFM`,
jekyll/lib/jekyll/configuration.rb) with its default `gfm_quirks: [paragraph_end]`
(kramdown-parser-gfm/lib/kramdown/parser/gfm.rb). Its headings differ from CommonMark's,
which markdown-it-py implements:

- An ATX heading (`## 标题`) starts at the line's first column (CommonMark allows three
  spaces before the `#`s) and needs a space or tab after them. Its closing `#`s go only
  after a space or tab. A heading with no text left (`# `) is a paragraph's text, where
  CommonMark makes it an empty heading. (GFM's `ATX_HEADER_START` and
  `parse_atx_header_gfm_quirk`.)
- A setext heading is ONE line of text underlined with `-` or `=` (the two may be mixed,
  and the underline starts at the first column), and only after a block boundary: the
  start of the document or of a quote or list item, or a blank line (kramdown's
  `SETEXT_HEADER_START` and `after_block_boundary?`). CommonMark underlines a whole
  paragraph, however many lines; kramdown leaves such an underline in the paragraph as
  text (`---` then reads as an em dash).
- A horizontal rule does not end a paragraph (`PARAGRAPH_END_GFM` leaves `HR_START` out),
  so `---` or `***` under a paragraph's lines is the paragraph's text.
- Either heading may end with an id of its own, `## 标题 {#intro}`, an XML name after a
  space or tab (kramdown's `HEADER_ID` in kramdown/parser/kramdown/header.rb), which is
  written as the heading's `id` and left out of its text.

The heading's text keeps spaces other than ASCII whitespace at its edges (a U+3000 that
starts it), as `sitegen.content.markdown_spaces` keeps a paragraph's: kramdown strips
only the spaces and tabs after the `#`s and Ruby's `rstrip` whitespace at the end.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, hr

#: GFM's `ATX_HEADER_START`, on one line (its `.*` stops at a line ending).
_ATX = re.compile(r"(#{1,6})[\t ]+(.*)")
#: kramdown's setext underline (`SETEXT_HEADER_START`'s second line).
_UNDERLINE = re.compile(r"[-=][-=]*[ \t\r\f\v]*")
#: The closing sequence of an ATX heading, as `parse_atx_header_gfm_quirk` strips it.
_CLOSING = re.compile(r"[\t ]#+\Z")
#: Ruby's `String#rstrip`: ASCII whitespace and NUL.
_RUBY_STRIP = " \t\n\v\f\r\0"
#: REXML's `NAME_START_CHAR` and `NAME_CHAR` (rexml/xmltokens.rb, XML 1.0 section 2.3).
_NAME_START = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
#: kramdown's `HEADER_ID`: ` {#name}` at the end of a heading's text.
_HEADER_ID = re.compile(rf"[\t ]\{{#([{_NAME_START}][{_NAME}]*)\}}\Z")


def install(parser: MarkdownIt) -> None:
    """Replace `parser`'s ATX (`heading`) and setext (`lheading`) rules with kramdown's,
    each keeping the chains it ends a block in, and take the horizontal rule out of the
    rules that end a paragraph."""
    # The chains as markdown-it's own table (markdown_it/parser_block.py) has them, but
    # for the horizontal rule's `paragraph`.
    ruler = parser.block.ruler
    ruler.at("heading", atx_heading, {"alt": ["paragraph", "reference", "blockquote"]})
    ruler.at("lheading", setext_heading, {"alt": []})
    ruler.at("hr", hr, {"alt": ["reference", "blockquote", "list"]})


def header_contents(text: str) -> tuple[str, str | None]:
    """A heading's text and its own id, if it ends with one (kramdown's
    `parse_header_contents`): both stripped at the end as Ruby's `rstrip` strips."""
    text = text.rstrip(_RUBY_STRIP)
    found = _HEADER_ID.search(text)
    if found is None:
        return text, None
    return text[: found.start()].rstrip(_RUBY_STRIP), found.group(1)


def atx_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`#`s at the first column, a space or tab, and some text (see the module's notes)."""
    if state.sCount[start_line] != state.blkIndent:
        return False
    found = _ATX.fullmatch(_line(state, start_line))
    if found is None:
        return False
    text, explicit_id = header_contents(found.group(2))
    if _CLOSING.search(text):
        text = _CLOSING.sub("", text).rstrip(_RUBY_STRIP)
    if not text:
        return False
    if not silent:
        _push_heading(
            state, (start_line, start_line + 1), len(found.group(1)), found.group(1), text, explicit_id
        )
    state.line = start_line + 1
    return True


def setext_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """One line of text after a block boundary, underlined (see the module's notes)."""
    underline = start_line + 1
    if (
        underline >= end_line
        or state.sCount[start_line] - state.blkIndent > 3
        or state.sCount[underline] != state.blkIndent
        or not _UNDERLINE.fullmatch(marks := _line(state, underline))
        or not _after_block_boundary(state, start_line)
    ):
        return False
    text, explicit_id = header_contents(_line(state, start_line))
    if not text:
        return False
    if not silent:
        level = 1 if marks[0] == "=" else 2
        _push_heading(state, (start_line, start_line + 2), level, marks[0], text, explicit_id)
    state.line = start_line + 2
    return True


def _line(state: StateBlock, line: int) -> str:
    """The line's text after its indentation."""
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _after_block_boundary(state: StateBlock, line: int) -> bool:
    """kramdown's `after_block_boundary?`: nothing before this line in its container
    (the last token opened the quote or list item it is in), or a blank line."""
    if not state.tokens or state.tokens[-1].nesting == 1:
        return True
    return line > 0 and state.isEmpty(line - 1)


def _push_heading(
    state: StateBlock, lines: tuple[int, int], level: int, markup: str, text: str, explicit_id: str | None
) -> None:
    """The heading's three tokens, as markdown-it's own rules push them; its own id set."""
    token = state.push("heading_open", f"h{level}", 1)
    token.markup = markup
    token.map = list(lines)
    if explicit_id is not None:
        token.attrSet("id", explicit_id)
    token = state.push("inline", "", 0)
    token.content = text
    token.map = [lines[0], lines[0] + 1]
    token.children = []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = markup
