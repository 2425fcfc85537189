"""Excerpts: a post's opening words as plain text, for listings, feeds and descriptions.

Computed once per post by the loader, with a scan from tag to tag rather than an HTML
parser: a 20,000-post site needs 20,000 of them, and only the first few hundred
characters of each body matter, so only a prefix of the body is ever looked at.

Every step is one pass over its input, whatever the input: a tag, comment or element
left open runs to the end (as in a browser) instead of being looked for again from each
later `<`, so a file of unclosed tags costs what a file of text of the same size costs.

Only text a reader sees counts: scripts, styles, inline SVG and MathML (with their
`<title>`s), templates and elements marked `hidden` are dropped.

The cut is made in the plain text, after tags are dropped and entities decoded, so it
can never split a tag or an entity; it falls between extended grapheme clusters (what a
reader sees as one character: a flag, a family emoji, a letter with its accents, a
Hangul syllable written as jamo), and it needs no spaces (Chinese has none).
"""

from __future__ import annotations

import html
import re

import regex

from sitegen.content.markup import TAG_ATTRIBUTES

ELLIPSIS = "…"

# One piece of markup: a comment, or a tag (start, end, `<!…>` or `<?…>`). A tag starts
# with `<` and a letter, `/`, `!` or `?`; a bare `<` in text (`精度<1%`) is text.
_MARKUP = re.compile(
    r"<(?:!--.*?(?:-->|\Z)"
    rf"|(?P<end>/?)(?P<name>[A-Za-z][^\s/>]*+){TAG_ATTRIBUTES}>?"
    rf"|[/!?]{TAG_ATTRIBUTES}>?)",
    re.DOTALL,
)
# Elements whose content is text a reader never sees, or not text at all.
_INVISIBLE = frozenset({"svg", "math", "template", "head"})
# Elements whose content is not markup (it ends only at the element's own end tag) and,
# except `textarea`'s, not shown.
_RAW_TEXT = frozenset({"script", "style", "noscript", "textarea", "title", "iframe", "noembed", "noframes"})
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}(?![^\s/>]){TAG_ATTRIBUTES}>?", re.IGNORECASE) for name in _RAW_TEXT
}
# Elements without content, so a `hidden` on them hides nothing more.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source"}
    | {"track", "wbr"}
)
# In SVG and MathML (not in HTML) `<x/>` closes the element it opens.
_FOREIGN = frozenset({"svg", "math"})
# Elements that separate words where they start or end.
_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table"}
    | {"blockquote", "center", "section", "article", "header", "footer", "figure", "figcaption", "pre"}
    | {"hr", "dd", "dt", "dl"}
)
# Attribute values, to look for the `hidden` attribute in what is left of a tag.
_ATTRIBUTE_VALUE = re.compile(r"""=\s*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^\s>]*+)""")
_HIDDEN_ATTRIBUTE = re.compile(r"(?<![^\s/\"'])hidden(?![^\s/>])", re.IGNORECASE)

_PARTIAL_ENTITY_AT_END = re.compile(r"&#?\w*+\Z")
# A bare address (the crawler's source autolink) is noise in a summary.
_BARE_URL = re.compile(r"https?://[^\s<>\"'\u3000-\u303f\uff00-\uffef]++")
# Chinese and Japanese put no space between sentences or paragraphs; the space a block
# boundary leaves between two such characters goes.
_CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# (The space comes first in the pattern so that the search looks for it alone.)
_SPACE_BETWEEN_CJK = re.compile(rf" (?<=[{_CJK}] )(?=[{_CJK}])")
# One extended grapheme cluster (Unicode's user-perceived character), by the `regex`
# module's Unicode tables rather than a list of our own that would go stale.
_CLUSTER = regex.compile(r"\X")
# Two characters of the grapheme break class Other: no rule of Unicode's joins them, so a
# boundary falls between them. Nearly every cut in Chinese or Latin text is such a place,
# and this check spares reading the clusters that lead up to it.
_NO_RULE_JOINS = regex.compile(r"\p{Grapheme_Cluster_Break=Other}{2}")
# Punctuation a cut should not leave dangling before the ellipsis.
_TRAILING = " \t,，、;；:：-—(（「『“‘《〈"

# The first prefix read: most bodies hold the text of an excerpt in fewer characters than
# this (a prefix too short is doubled), and each character read costs time on every post.
_FIRST_PREFIX_PER_CHAR = 4
_FIRST_PREFIX_MINIMUM = 512
# Text a prefix must hold beyond the cut, so that what its end leaves unfinished cannot
# reach the excerpt: a bare address cut before its `://` (`https:/` is 7 characters) is
# text in the prefix but dropped in the whole body; a tag's name cut short
# (`<di` of `<div>`) or a space between two Chinese characters cut off is a space the
# whole body has or lacks at that point.
_PREFIX_MARGIN = 16


def plain_text(body_html: str, *, keep_spaces: bool = False) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.

    A space left between two Chinese characters (by a paragraph break) is dropped unless
    `keep_spaces`: text an editor wrote has its spaces on purpose."""
    text = html.unescape(_visible_markup_text(body_html))
    text = _BARE_URL.sub(" ", text)
    text = " ".join(text.split())  # `str.split` and `\s` agree on what whitespace is
    return text if keep_spaces else _SPACE_BETWEEN_CJK.sub("", text)


def make_excerpt(body_html: str, length: int) -> str:
    """The body's first `length` characters of plain text, "…" included when cut.

    Reads a prefix of the body that grows until it holds more text than needed, so the
    cost does not depend on how long the post is (and, the prefix growing fourfold and
    read whole once it would pass half the body, is under two passes over it in all when
    the post holds little text: an image-only post, a crawled page of markup)."""
    if length <= 0:
        return ""
    size = max(_FIRST_PREFIX_MINIMUM, length * _FIRST_PREFIX_PER_CHAR)
    while True:
        whole = size >= len(body_html)
        prefix = body_html if whole else _clip_markup(body_html[:size])
        text = plain_text(prefix)
        if whole or len(text) > length + _PREFIX_MARGIN:
            return truncate(text, length)
        size *= 4
        if size * 2 > len(body_html):
            size = len(body_html)  # past half the body, a prefix costs what the whole does


def truncate(text: str, length: int) -> str:
    """`text` if it fits in `length` characters, else its start plus "…" in `length`.

    Characters are code points, as `len` counts them; the cut falls at the last grapheme
    cluster boundary that fits, so no flag, emoji sequence or accented letter is split."""
    if len(text) <= length:
        return text
    if length <= 1:
        return ELLIPSIS[:length]
    cut = _cluster_start(text, length - len(ELLIPSIS))
    # In spaced scripts, end at a word boundary when one is near.
    if cut > 0 and _is_ascii_word(text[cut - 1]) and _is_ascii_word(text[cut]):
        space = text.rfind(" ", 0, cut)
        if space > cut * 2 // 3:
            cut = _cluster_start(text, space)
    end = len(text[:cut].rstrip(_TRAILING))
    if end < cut:
        # What was stripped may have been the end of a cluster that began earlier.
        end = _cluster_start(text, end)
    return text[: end or cut] + ELLIPSIS


def _cluster_start(text: str, index: int) -> int:
    """The last grapheme cluster boundary at or before `index` (< `len(text)`) in `text`.

    Whether a boundary falls before a character depends on the text before it and on
    that character alone (Unicode's rules look one character ahead), so the clusters
    of `text[: index + 1]` are those of `text` up to `index`, and the last of them
    starts at the boundary sought. Only that prefix is read, not the whole text."""
    if index > 0 and _NO_RULE_JOINS.match(text, index - 1) is not None:
        return index
    clusters = _CLUSTER.findall(text, 0, index + 1)
    return index + 1 - len(clusters[-1]) if clusters else 0


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _visible_markup_text(body_html: str) -> str:
    """The fragment with its markup and invisible elements dropped, entities still encoded.

    A block element's tags and a dropped element leave a space, so words on either side
    stay apart. Reads from each tag to the next, never back."""
    pieces: list[str] = []
    position = 0  # where the text not yet copied starts
    hidden = ""  # the invisible element being skipped, "" when none
    depth = 0  # how many elements of that name are open, itself included
    look_for_hidden = "hidden" in body_html.lower()
    tags = _MARKUP.finditer(body_html)
    while (tag := next(tags, None)) is not None:
        start, end = tag.span()
        if not hidden:
            pieces.append(body_html[position:start])
        position = end
        closing, name = tag.group("end", "name")
        if name is None:  # a comment, a doctype or a stray `</…>`
            continue
        name = name.lower()
        if closing:
            if not hidden:
                if name in _BLOCK:
                    pieces.append(" ")
            elif name == hidden:
                depth -= 1
                if depth == 0:
                    hidden = ""
                    pieces.append(" ")
        elif name in _RAW_TEXT:
            # Its text may hold what looks like tags; the scan resumes after its end tag.
            raw_end = _RAW_TEXT_END[name].search(body_html, end)
            position = raw_end.end() if raw_end is not None else len(body_html)
            tags = _MARKUP.finditer(body_html, position)
            if not hidden:
                pieces.append(" ")
        elif hidden:
            if name == hidden and _opens_content(name, tag.group()):
                depth += 1
        elif (name in _INVISIBLE or (look_for_hidden and _has_hidden_attribute(tag.group()))) and (
            _opens_content(name, tag.group())
        ):
            hidden, depth = name, 1
        elif name in _BLOCK:
            pieces.append(" ")
    if not hidden:
        pieces.append(body_html[position:])
    return "".join(pieces)


def _opens_content(name: str, start_tag: str) -> bool:
    """True when the start tag is followed by content up to a matching end tag."""
    if name in _VOID:
        return False
    return not (name in _FOREIGN and start_tag.endswith("/>"))


def _has_hidden_attribute(start_tag: str) -> bool:
    """True when the tag has a `hidden` attribute (not a value that says "hidden")."""
    if "hidden" not in start_tag.lower():
        return False
    return _HIDDEN_ATTRIBUTE.search(_ATTRIBUTE_VALUE.sub("", start_tag)) is not None


def _clip_markup(prefix: str) -> str:
    """A body prefix without the entity, or the `<` of a tag, its cut may have split.

    A tag or comment the cut split needs nothing: unclosed, it runs to the end."""
    prefix = prefix.removesuffix("<")
    return _PARTIAL_ENTITY_AT_END.sub("", prefix)


_LINK_REFERENCE = re.compile(r"^ {0,3}(\[[^\]]+\])(:.+)$", re.MULTILINE)


def excerpt_source(body: str, separator: str) -> str:
    """The text a post's excerpt is made from (`Excerpt#extract_excerpt`, excerpt.rb):
    the body up to the first separator (all of it without one), followed by the
    Markdown link definitions found after it, so reference links still resolve."""
    if not separator:
        return ""
    head, found, tail = body.partition(separator)
    if not found or not tail:
        return head
    definitions = [match.group(0).lstrip() for match in _LINK_REFERENCE.finditer(tail)]
    return head + "\n\n" + "\n".join(definitions) if definitions else head
