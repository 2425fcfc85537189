"""The end of a post's source that no reader sees: scripts, styles, empty elements and
Markdown reference definitions after the last visible line.

Crawled pages end their body with an analytics tag (`<script src="//hm.baidu.com/…">`),
an ad slot (`<ins …></ins>`, `<div></div>`) or, in Markdown, the definitions of
reference links (`[1]: //host/emnews/`). Any of these after the trailing 返回 paragraph
hid it from `sitegen.content.bodies.strip_trailing_back_links`, which looks for the
paragraph at the very end, and the paragraph's relative links stayed, broken. The tail
is found block by block from the end, each block looked at once; it is kept as it is.
"""

from __future__ import annotations

import re

# A block that shows nothing, ending where the text ends: a script, style or template
# element whole, a `<link>`, `<meta>` or hidden `<input>`, an element holding only such
# blocks or spaces, or one Markdown reference definition line.
_HIDDEN_ELEMENT = re.compile(
    r"<(?P<name>script|style|template)\b[^>]*+>(?:(?!</(?P=name)\s*>).)*+</(?P=name)\s*>",
    re.IGNORECASE | re.DOTALL,
)
_HIDDEN_VOID = re.compile(
    r"<(?:link|meta)\b[^<>]*+>|<input\b[^<>]*?\btype\s*=\s*[\"']?hidden\b[^<>]*+>", re.IGNORECASE
)
_START_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*+\b[^<>]*+>")
_EMPTY_ELEMENT = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*+)\b[^<>]*+>\s*+</(?P=name)\s*>")
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]\n]++\]:[ \t]*+\S[^\n]*+")
_CLOSING_TAG = re.compile(r"</(?P<name>[a-zA-Z][a-zA-Z0-9]*+)\s*>\Z")
_EMPTY_NAMES = frozenset({"div", "span", "p", "section", "ins", "i", "b", "center", "font", "aside"})
"""Elements that show nothing when empty (an empty `<iframe>` or `<video>` shows a box)."""


def invisible_tail_start(text: str, blank_line: re.Pattern[str]) -> int:
    """Where the blocks no reader sees at the end of `text` start (`len(text)` when the
    text does not end with one). Whitespace, and lines `blank_line` matches whole
    (`&nbsp;`, a comment), between and after the blocks belong to the tail."""
    start = len(text)
    end = _trimmed(text, start)
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        if blank_line.fullmatch(text, line_start, end):
            end = _trimmed(text, line_start)
            continue
        block = _block_start(text, end, blank_line)
        if block is None:
            break
        start = block
        end = _trimmed(text, block)
    return start


def _block_start(text: str, end: int, blank_line: re.Pattern[str]) -> int | None:
    """Where the hidden block ending at `end` starts, or None."""
    line_start = text.rfind("\n", 0, end) + 1
    if _REFERENCE_DEFINITION.fullmatch(text, line_start, end):
        return line_start
    tag_start = text.rfind("<", 0, end)
    if tag_start >= 0 and _HIDDEN_VOID.fullmatch(text, tag_start, end):
        return tag_start
    closing = _CLOSING_TAG.search(text[max(0, end - 40) : end])
    if closing is None:
        return None
    name = closing.group("name").lower()
    opening = max(text.rfind("<" + name, 0, end), text.rfind("<" + name.upper(), 0, end))
    if opening < 0:
        return None
    if name in ("script", "style", "template"):
        return opening if _HIDDEN_ELEMENT.fullmatch(text, opening, end) else None
    if name not in _EMPTY_NAMES:
        return None
    if _EMPTY_ELEMENT.fullmatch(text, opening, end):
        return opening
    start_tag = _START_TAG.match(text, opening)
    if start_tag is None or closing is None:
        return None
    inner = text[start_tag.end() : end - len(closing.group(0))]
    # A wrapper of hidden blocks only (`<div><script>…</script></div>`); a wrapper of the
    # same name inside it is not told from its own end, so that is no hidden block.
    hidden = "<" + name not in inner.lower() and not inner[: invisible_tail_start(inner, blank_line)].strip()
    return opening if hidden else None


def _trimmed(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
