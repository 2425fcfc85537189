"""Which inline HTML elements' content kramdown leaves as it is (raw) and which it reads
as Markdown text (span), so typography skips the first as Jekyll does.

kramdown's span HTML parser (`parse_span_html`, kramdown/parser/kramdown/html.rb, with the
element lists of kramdown/parser/html.rb) reads a start tag that matches its
`HTML_TAG_RE` and gives the element a content model: raw when `HTML_CONTENT_MODEL` says
so (`code`, `kbd`, `samp`, `var`, `math`, `textarea`, `script`, `style`, `option`, `pre`
and every element it does not list, such as `mark`, `u` or a made-up name) or when the
element it sits in is raw; span otherwise (`b`, `em`, `span`, `a`, `q`, ...). A
`markdown` attribute overrides that: `0` raw, `span` span, `1` the element's own model.
Raw content gets no smart quotes or typographic symbols and no escapes.

Its content runs to the first end tag for that element (`</name\\s*>`, any case when the
name is a known HTML element, which kramdown also lowercases; the exact name otherwise);
other end tags in it are text. One left open runs to the end of the paragraph. Block
elements (`div`, `p`, ...) in a paragraph are text to kramdown and open nothing, and
void or self-closed elements (`br`, `img`, `<x/>`) have no content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

_NCNAME = r"[^\W\d][-\w.]*"
#: REXML's `UNAME_STR` (rexml/parsers/baseparser.rb), as kramdown's regexes use it.
_UNAME = rf"(?:{_NCNAME}:)?{_NCNAME}"
_SPACE = "[ \t\n\v\f\r]"
#: kramdown's `HTML_TAG_RE` and `HTML_ATTRIBUTE_RE` (kramdown/parser/html.rb).
_START_TAG = re.compile(
    rf"""<((?>{_UNAME})){_SPACE}*((?>{_SPACE}+{_UNAME}(?:{_SPACE}*={_SPACE}*(?:\w+|("|').*?\3))?)*){_SPACE}*(/)?>""",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(rf"""{_SPACE}*({_UNAME})(?:{_SPACE}*={_SPACE}*(?:(\w+)|("|')(.*?)\3))?""", re.DOTALL)


def _names(text: str) -> frozenset[str]:
    """A name list written as kramdown writes it (`%w[...]`)."""
    return frozenset(text.split())


_BLOCK_MODEL = _names(
    "address applet article aside blockquote body dd details div dl fieldset figure "
    "figcaption footer form header hgroup iframe li main map menu nav noscript object section "
    "summary td"
)
_SPAN_MODEL = _names(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt"
)
_RAW_MODEL = _names("script style math option textarea pre code kbd samp var")
_SPAN_ELEMENTS = _names(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var"
)
_BLOCK_ELEMENTS = _names(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu "
    "li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul"
)
_WITHOUT_BODY = _names("area base br col command embed hr img input keygen link meta param source track wbr")
#: kramdown's `HTML_ELEMENT`: the names it lowercases and closes in any case.
_KNOWN = _SPAN_ELEMENTS | _BLOCK_ELEMENTS | _WITHOUT_BODY | _BLOCK_MODEL | _SPAN_MODEL | _RAW_MODEL


@dataclass(frozen=True)
class _Open:
    """An element whose content is being read: what ends it, and whether it is raw."""

    end: re.Pattern[str]
    raw: bool


def raw_tokens(children: Sequence[Token]) -> list[bool]:
    """For each of an inline token's children, whether kramdown would read it as the
    raw content of an HTML element (the element's own tags are not content)."""
    stack: list[_Open] = []
    inside: list[bool] = []
    for token in children:
        raw = bool(stack) and stack[-1].raw
        if token.type == "html_inline":
            content = token.content
            if stack and stack[-1].end.fullmatch(content):
                stack.pop()
                raw = False
            elif (opened := _opened(content, raw)) is not None:
                stack.append(opened)
                raw = False
            inside.append(raw and not content.startswith("</"))
            continue
        inside.append(raw)
    return inside


def _opened(tag: str, in_raw: bool) -> _Open | None:
    """The element a start tag opens, as `parse_span_html` reads it; None when it opens
    none (no start tag to kramdown, a block element, void or self-closed)."""
    match = _START_TAG.fullmatch(tag)
    if match is None:
        return None
    name = match.group(1)
    known = name.lower() in _KNOWN
    if known:
        name = name.lower()
    if name in _BLOCK_ELEMENTS or match.group(4) or name in _WITHOUT_BODY:
        return None
    model_raw = name not in _BLOCK_MODEL and name not in _SPAN_MODEL
    raw = model_raw or in_raw
    markdown = _markdown_attribute(match.group(2), known)
    if markdown == "0":
        raw = True
    elif markdown == "span":
        raw = False
    elif markdown == "1":
        raw = model_raw
    end = re.compile(rf"</{re.escape(name)}{_SPACE}*>", re.IGNORECASE if known else 0)
    return _Open(end, raw)


def _markdown_attribute(attributes: str, known: bool) -> str | None:
    """The last `markdown` attribute's value (kramdown's `parse_html_attributes` keeps
    the last; it lowercases names only on known elements)."""
    value = None
    for match in _ATTRIBUTE.finditer(attributes):
        name = match.group(1).lower() if known else match.group(1)
        if name == "markdown":
            value = match.group(2) or match.group(4) or ""
    return value
