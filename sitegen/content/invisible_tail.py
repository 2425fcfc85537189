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
# element whole, a `<link>`, `<meta>` or hidden `<input>`, an element hidden by its own
# attributes, an element holding only such blocks or spaces, or one Markdown reference
# definition line.
_HIDDEN_ELEMENT = re.compile(
    r"<(?P<name>script|style|template)\b[^>]*+>(?:(?!</(?P=name)\s*>).)*+</(?P=name)\s*>",
    re.IGNORECASE | re.DOTALL,
)
_HIDDEN_VOID = re.compile(
    r"<(?:link|meta)\b[^<>]*+>|<input\b[^<>]*?\btype\s*=\s*[\"']?hidden\b[^<>]*+>", re.IGNORECASE
)
_START_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*+\b[^<>]*+>")
_VOID_TAG = re.compile(
    r"<(?P<name>img|input|br|hr|wbr|embed|source|track|area|col|param)\b[^<>]*+>", re.IGNORECASE
)
"""An element with no end tag (HTML's void elements): hidden only by its own attributes."""
_EMPTY_ELEMENT = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*+)\b[^<>]*+>\s*+</(?P=name)\s*>")
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]\n]++\]:[ \t]*+\S[^\n]*+")
_CLOSING_TAG = re.compile(r"</(?P<name>[a-zA-Z][a-zA-Z0-9]*+)\s*>\Z")
_EMPTY_NAMES = frozenset({"div", "span", "p", "section", "ins", "i", "b", "center", "font", "aside"})
"""Elements that show nothing when empty (an empty `<iframe>` or `<video>` shows a box)."""


def invisible_tail_start(text: str, blank_line: re.Pattern[str], depth: int = 0) -> int:
    """Where the blocks no reader sees at the end of `text` start (`len(text)` when the
    text does not end with one). Whitespace, and lines `blank_line` matches whole
    (`&nbsp;`, a comment), between and after the blocks belong to the tail. `depth`:
    how many wrappers `text` is inside (see `_MAX_DEPTH`)."""
    start = len(text)
    end = _trimmed(text, start)
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        if blank_line.fullmatch(text, line_start, end):
            end = _trimmed(text, line_start)
            continue
        block = _block_start(text, end, blank_line, depth)
        if block is None:
            break
        start = block
        end = _trimmed(text, block)
    return start


_MAX_DEPTH = 8
"""Wrappers inside wrappers looked into: each level reads its inside again, so a hostile
body of a thousand nested `<div>`s is not read a thousand times (nor overflows the
stack); a deeper one counts as something a reader may see, and the links are kept."""


def _block_start(text: str, end: int, blank_line: re.Pattern[str], depth: int) -> int | None:
    """Where the hidden block ending at `end` starts, or None."""
    line_start = text.rfind("\n", 0, end) + 1
    if _REFERENCE_DEFINITION.fullmatch(text, line_start, end):
        return line_start
    tag_start = text.rfind("<", 0, end)
    if tag_start >= 0 and _HIDDEN_VOID.fullmatch(text, tag_start, end):
        return tag_start
    void = _VOID_TAG.fullmatch(text, tag_start, end) if tag_start >= 0 else None
    if void is not None and _hides_itself(void.group(0), len(void.group("name"))):
        return tag_start  # a tracking pixel: `<img src="…" style="display:none">`, `<img hidden>`
    closing = _CLOSING_TAG.search(text[max(0, end - 40) : end])
    if closing is None:
        return None
    name = closing.group("name").lower()
    opening = _opening_of(text, name, end - len(closing.group(0)))
    if opening is None:
        return None
    if name in ("script", "style", "template"):
        return opening if _HIDDEN_ELEMENT.fullmatch(text, opening, end) else None
    start_tag = _START_TAG.match(text, opening)
    if start_tag is None:
        return None
    if _hides_itself(start_tag.group(0), len(name)):
        return opening
    if name not in _EMPTY_NAMES or depth >= _MAX_DEPTH:
        return None
    # A wrapper of hidden blocks only (`<div><script>…</script></div>`, an ad slot).
    inner = text[start_tag.end() : end - len(closing.group(0))]
    return opening if not inner[: invisible_tail_start(inner, blank_line, depth + 1)].strip() else None


def _opening_of(text: str, name: str, closing_start: int) -> int | None:
    """Where the `name` element whose end tag starts at `closing_start` starts: the
    start tag of its own name that balances it, found tag by tag backwards (`<div><div>
    </div></div>` opens at the first), or None where there is none."""
    depth = 0
    at = closing_start
    while (at := text.rfind("<", 0, at)) >= 0:
        closes = text.startswith("/", at + 1)
        name_start = at + 2 if closes else at + 1
        name_end = name_start + len(name)
        if text[name_start:name_end].lower() != name or text[name_end : name_end + 1].isalnum():
            continue
        if closes:
            depth += 1
        elif depth == 0:
            return at
        else:
            depth -= 1
    return None


_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'<>/=]++)(?:\s*+=\s*+(?:"(?P<double>[^"]*+)"|'(?P<single>[^']*+)'|(?P<bare>[^\s>]++)))?"""
)
_HIDING_STYLE = re.compile(
    r"(?:\A|;)\s*+(?:display\s*+:\s*+none|visibility\s*+:\s*+hidden)\b\s*+(?:!\s*+important\s*+)?(?:;|\Z)",
    re.IGNORECASE,
)


def _hides_itself(start_tag: str, name_length: int) -> bool:
    """Whether a start tag hides its element whatever it holds: an inline style of
    `display: none` or `visibility: hidden`, or the `hidden` attribute where no inline
    `display` overrides it (HTML Living Standard, "The hidden attribute": the browser's
    own `[hidden] { display: none }`, which an author's `display: block` beats; CSS 2.1
    §9.2.4 and §11.2)."""
    hidden_attribute = shown_by_style = False
    for attribute in _ATTRIBUTE.finditer(start_tag, 1 + name_length, len(start_tag) - 1):
        key = attribute.group("name").lower()
        if key == "hidden":
            hidden_attribute = True
        elif key == "style":
            value = attribute.group("double") or attribute.group("single") or attribute.group("bare") or ""
            if _HIDING_STYLE.search(value.strip()):
                return True
            shown_by_style = _DISPLAY.search(value) is not None
    return hidden_attribute and not shown_by_style


_DISPLAY = re.compile(r"(?:\A|;)\s*+display\s*+:", re.IGNORECASE)
"""An inline `display` (any but `none`, which `_HIDING_STYLE` takes first)."""


def _trimmed(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
