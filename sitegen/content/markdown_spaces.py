"""Unicode spaces at the edges of a paragraph or heading kept, as Jekyll keeps them.

A Chinese paragraph is often indented with two U+3000 IDEOGRAPHIC SPACEs, and news text
carries U+00A0 and U+2003 at a line's ends. CommonMark trims only its own whitespace
(space, tab, line endings: spec section 2.1) from a paragraph's or heading's content,
and kramdown, Jekyll's converter, keeps the rest; markdown-it-py trims every Unicode
space there, as JavaScript's `trim` does, so `　　据报道…` lost its indent. The paragraph
and heading rules (ATX `# …` and setext, underlined with `===` or `---`) are wrapped:
each still decides what the block is, and its content is then taken again from the same
source lines, trimmed of CommonMark's whitespace only. List items and quotes hold
paragraphs, so they keep theirs too. (Table cells are still trimmed of every space.)
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, heading, lheading, paragraph

COMMONMARK_WHITESPACE = " \t\n\v\f\r"
"""CommonMark's whitespace characters (spec 0.31, section 2.1)."""


def keep_edge_spaces(parser: MarkdownIt) -> None:
    """Replace `parser`'s paragraph and heading rules with ones that keep every space
    but CommonMark's whitespace at the content's edges (every other character Python
    counts as a space: U+3000, U+00A0, U+2003, …); each keeps the chains it terminates
    (its `alt`)."""
    ruler = parser.block.ruler
    for name, rule, wrapped in (
        ("paragraph", paragraph, _paragraph),
        ("heading", heading, _heading),
        ("lheading", lheading, _setext_heading),
    ):
        chains = [
            chain
            for chain in ("paragraph", "reference", "blockquote", "list")
            if rule in ruler.getRules(chain)
        ]
        ruler.at(name, wrapped, {"alt": chains})


def _paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if not paragraph(state, start_line, end_line, silent):
        return False
    if not silent:
        _retake_lines(state)
    return True


def _setext_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A heading's text lines, then its `===` or `---` line (which the inline's map
    leaves out): kramdown keeps a U+3000 that starts or ends it, as it does a paragraph's."""
    if not lheading(state, start_line, end_line, silent):
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


def _heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """An ATX heading (`## 标题 ##`): its text taken again from its line, between the
    opening `#`s and the closing sequence (trailing `#`s after a space or tab, then
    spaces or tabs: CommonMark 0.31 section 4.2, as the rule itself reads it), trimmed
    of CommonMark's whitespace only. A heading of nothing but U+3000 keeps it, as in
    Jekyll."""
    if not heading(state, start_line, end_line, silent):
        return False
    if not silent:
        line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
        text = line.lstrip("#").rstrip(" \t")
        closing = text.rstrip("#")
        if closing != text and (not closing or closing[-1] in " \t"):
            text = closing
        state.tokens[-2].content = text.strip(COMMONMARK_WHITESPACE)
    return True
