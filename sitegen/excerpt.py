"""Excerpts: a post's opening words as plain text, for listings, feeds and descriptions.

Computed once per post by the loader, with regular expressions rather than an HTML
parser: a 20,000-post site needs 20,000 of them, and only the first few hundred
characters of each body matter, so only a prefix of the body is ever looked at.

The cut is made in the plain text, after tags are dropped and entities decoded, so it
can never split a tag or an entity; it never separates a base character from a combining
mark or a joiner either, and it needs no spaces (Chinese has none).
"""

from __future__ import annotations

import html
import re
import unicodedata

ELLIPSIS = "…"

# Elements whose content is never text a reader sees; an unclosed one (the prefix was cut
# inside it) runs to the end.
_INVISIBLE = re.compile(
    r"<(script|style|template|noscript|textarea)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL,
)
# A tag starts with `<` and a letter, `/`, `!` or `?`; a bare `<` in text (`精度<1%`) is text.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_BLOCK_TAG = re.compile(
    rf"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|center|section|article|"
    rf"header|footer|figure|figcaption|pre|hr|dd|dt|dl)\b{_TAG_BODY}>",
    re.IGNORECASE,
)
_TAG = re.compile(rf"<[A-Za-z/!?]{_TAG_BODY}>")
_PARTIAL_TAG_AT_END = re.compile(r"<[A-Za-z/!?][^>]*\Z")
_PARTIAL_ENTITY_AT_END = re.compile(r"&#?\w*\Z")
# A bare address (the crawler's source autolink) is noise in a summary.
_BARE_URL = re.compile(r"https?://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+")
_WHITESPACE = re.compile(r"\s+")
# Chinese and Japanese put no space between sentences or paragraphs; the space a block
# boundary leaves between two such characters goes.
_CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_JOINERS = frozenset("\u200c\u200d")
# Punctuation a cut should not leave dangling before the ellipsis.
_TRAILING = " \t,，、;；:：-—(（「『“‘《〈"

_FIRST_PREFIX_PER_CHAR = 8
_FIRST_PREFIX_MINIMUM = 2048


def plain_text(body_html: str, *, keep_spaces: bool = False) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.

    A space left between two Chinese characters (by a paragraph break) is dropped unless
    `keep_spaces`: text an editor wrote has its spaces on purpose."""
    text = _INVISIBLE.sub(" ", body_html)
    text = _BLOCK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _BARE_URL.sub(" ", text)
    text = _WHITESPACE.sub(" ", text).strip()
    return text if keep_spaces else _SPACE_BETWEEN_CJK.sub("", text)


def make_excerpt(body_html: str, length: int) -> str:
    """The body's first `length` characters of plain text, "…" included when cut.

    Reads a prefix of the body that grows until it holds more text than needed, so the
    cost does not depend on how long the post is."""
    if length <= 0:
        return ""
    size = max(_FIRST_PREFIX_MINIMUM, length * _FIRST_PREFIX_PER_CHAR)
    while True:
        whole = size >= len(body_html)
        prefix = body_html if whole else _clip_markup(body_html[:size])
        text = plain_text(prefix)
        if whole or len(text) > length:
            return truncate(text, length)
        size *= 2


def truncate(text: str, length: int) -> str:
    """`text` if it fits in `length` characters, else its start plus "…" in `length`."""
    if len(text) <= length:
        return text
    if length <= 1:
        return ELLIPSIS[:length]
    cut = length - len(ELLIPSIS)
    # Never part a character from the marks and joiners that complete it.
    while cut > 0 and _continues_previous(text, cut):
        cut -= 1
    # In spaced scripts, end at a word boundary when one is near.
    if text[cut - 1].isascii() and text[cut - 1].isalnum() and text[cut].isascii() and text[cut].isalnum():
        space = text.rfind(" ", 0, cut)
        if space > cut * 2 // 3:
            cut = space
    head = text[:cut].rstrip(_TRAILING)
    return (head or text[:cut]) + ELLIPSIS


def _continues_previous(text: str, index: int) -> bool:
    """True when `text[index]` belongs to the character before it."""
    char = text[index]
    return (
        unicodedata.combining(char) != 0
        or char in _JOINERS
        or text[index - 1] in _JOINERS
        or "\ufe00" <= char <= "\ufe0f"  # variation selectors
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin-tone modifiers
    )


def _clip_markup(prefix: str) -> str:
    """A body prefix without the tag or entity its cut may have split."""
    prefix = _PARTIAL_TAG_AT_END.sub("", prefix)
    return _PARTIAL_ENTITY_AT_END.sub("", prefix)
