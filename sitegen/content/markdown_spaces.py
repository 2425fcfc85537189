"""Unicode spaces at the edges of a paragraph or heading kept, as Jekyll keeps them.

A Chinese paragraph is often indented with two U+3000 IDEOGRAPHIC SPACEs, and news text
carries U+00A0 and U+2003 at a line's ends. CommonMark trims only its own whitespace
(space, tab, line endings: spec section 2.1) from a paragraph's or heading's content,
and kramdown, Jekyll's converter, keeps the rest; markdown-it-py trims every Unicode
space there, as JavaScript's `trim` does, so `　　据报道…` lost its indent. The paragraph
rule is wrapped: it still decides what the block is, and its content is then taken
again from the same source lines, trimmed of CommonMark's whitespace only. List items
and quotes hold paragraphs, so they keep theirs too. Headings are read by kramdown's
own rules, which keep such spaces too (`sitegen.content.kramdown_headings`). (Table
cells are still trimmed of every space.)
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, paragraph

COMMONMARK_WHITESPACE = " \t\n\v\f\r"
"""CommonMark's whitespace characters (spec 0.31, section 2.1)."""


def keep_edge_spaces(parser: MarkdownIt) -> None:
    """Replace `parser`'s paragraph rule with one that keeps every space but
    CommonMark's whitespace at the content's edges (every other character Python counts
    as a space: U+3000, U+00A0, U+2003, …). It ends no other block (no `alt`)."""
    parser.block.ruler.at("paragraph", _paragraph)


def _paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if not paragraph(state, start_line, end_line, silent):
        return False
    if not silent:
        _retake_lines(state)
    return True


def _retake_lines(state: StateBlock) -> None:
    """The block just pushed (open, inline, close): its inline content taken again from
    the lines its map names, trimmed of CommonMark's whitespace only."""
    inline = state.tokens[-2]
    if inline.map is not None:
        first, last = inline.map
        inline.content = state.getLines(first, last, state.blkIndent, False).strip(COMMONMARK_WHITESPACE)
