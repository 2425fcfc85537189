"""The part of the WHATWG tree builder that decides what a body leaves open around the page.

`sitegen.open_markup` scans the tokenizer's states; which state a `<textarea>`,
`<script>` or `<style>` start tag switches to is the tree builder's choice (HTML Living
Standard, "Tree construction dispatcher", §13.2.6): under the HTML rules they open raw
text, in foreign content (`<svg>`, `<math>`) they are plain elements. Which rules apply
depends on the adjusted current node: an HTML element, a MathML text integration point
(`mi`, `mo`, `mn`, `ms`, `mtext`) or an HTML integration point (SVG `foreignObject`,
`desc`, `title`; MathML `annotation-xml` with an HTML `encoding`) takes the HTML rules.

So the stack kept here holds the elements that decide it: `<template>`, `<select>`
(whatever follows it goes into the closed dropdown), every foreign element, and the HTML
elements opened inside an integration point (their end tags are needed: an end tag
meeting an integration point from the HTML rules is ignored, §13.2.6.4.7 "any other end
tag"). Every other HTML element is left to the page: the body's `</div>` and the
layout's own end tags close it as they would in Jekyll's copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Start tags that end foreign content (§13.2.6.5, "any other start tag" in foreign
# content), `<font>` only with one of three attributes.
_BREAKOUT = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta"}
    | {"nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup"}
    | {"table", "tt", "u", "ul", "var"}
)
_FONT_BREAKOUT = re.compile(r"[\t\n\f\r /](?:color|face|size)(?![^\t\n\f\r />=])", re.IGNORECASE)
_TEXT_INTEGRATION = frozenset({"mi", "mo", "mn", "ms", "mtext"})
_SVG_INTEGRATION = frozenset({"foreignobject", "desc", "title"})
_HTML_ENCODING = re.compile(
    r"""[\t\n\f\r /]encoding[\t\n\f\r ]*=[\t\n\f\r ]*(["']?)"""
    r"""(?:text/html|application/xhtml\+xml)\1(?=[\t\n\f\r />])""",
    re.IGNORECASE,
)
# Elements with no end tag: nothing is open inside them.
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input"}
    | {"keygen", "link", "meta", "param", "source", "track", "wbr"}
)
# The "special" HTML elements an unmatched end tag stops at (§13.2.4.2).
_SPECIAL = _VOID | frozenset(
    {"address", "applet", "article", "aside", "blockquote", "body", "button", "caption", "center"}
    | {"colgroup", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"}
    | {"footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup"}
    | {"html", "iframe", "li", "listing", "main", "marquee", "menu", "nav", "noembed", "noframes"}
    | {"noscript", "object", "ol", "p", "plaintext", "pre", "script", "search", "section", "select"}
    | {"style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead"}
    | {"title", "tr", "ul", "xmp"}
)

# Start tags that first close a `<p>` open in button scope (§13.2.6.4.7, "in body").
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl"}
    | {"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"header", "hgroup", "hr", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre"}
    | {"search", "section", "summary", "table", "ul", "xmp"}
)
# What ends the button scope a `<p>` is looked for in (§13.2.4.2), besides the
# integration points.
_BUTTON_SCOPE = frozenset({"applet", "button", "caption", "html", "marquee", "object", "table", "td", "th"})


@dataclass(frozen=True, slots=True)
class OpenElement:
    """An element open on the tree builder's stack that decides how what follows is read."""

    name: str
    """Its tag name, lower case."""
    namespace: str
    """`html`, `svg` or `math`."""
    start: int
    """Where its start tag begins."""
    html_rules: bool = False
    """A foreign element whose content takes the HTML rules (an integration point)."""

    @property
    def foreign(self) -> bool:
        return self.namespace != "html"


def takes_html_rules(stack: list[OpenElement], name: str) -> bool:
    """Whether a start tag `name` is read by the HTML rules at this point (the dispatcher,
    with the adjusted current node the top of `stack`)."""
    if not stack or not stack[-1].foreign:
        return True
    current = stack[-1]
    if current.namespace == "math" and current.name in _TEXT_INTEGRATION:
        return name not in ("mglyph", "malignmark")
    if current.namespace == "math" and current.name == "annotation-xml" and name == "svg":
        return True
    return current.html_rules


def in_foreign_content(stack: list[OpenElement]) -> bool:
    """Whether the adjusted current node is a foreign element (`<![CDATA[` is CDATA)."""
    return bool(stack) and stack[-1].foreign


def start_tag(stack: list[OpenElement], name: str, tag: str, start: int) -> bool:
    """Apply the start tag `tag` (named `name`, at `start`) to `stack`; True when the HTML
    rules read it, so a raw-text element switches the tokenizer."""
    self_closing = tag.endswith("/>")
    if not takes_html_rules(stack, name):
        if name in _BREAKOUT or (name == "font" and _FONT_BREAKOUT.search(tag)):
            while stack and stack[-1].foreign and not _integration_point(stack[-1]):
                stack.pop()
            return start_tag(stack, name, tag, start)
        if not self_closing:
            stack.append(_foreign(name, stack[-1].namespace, tag, start))
        return False
    if name in ("svg", "math"):
        if not self_closing:
            stack.append(_foreign(name, name, tag, start))
        return True
    if name in _CLOSES_P:
        _close_p(stack)
    if name == "select" and any(element.name == "select" and not element.foreign for element in stack):
        end_tag(stack, "select")
    elif name in ("template", "select") or (name not in _VOID and any(element.foreign for element in stack)):
        stack.append(OpenElement(name, "html", start))
    return True


def end_tag(stack: list[OpenElement], name: str) -> None:
    """Apply an end tag to `stack`. In foreign content it pops to the foreign element it
    names, or goes on to the HTML rules at the first HTML element (§13.2.6.5, "any other
    end tag"; `</br>` and `</p>` first leave foreign content); the HTML rules pop to an
    HTML element of that name unless a special element or an integration point comes
    first (§13.2.6.4.7), and `</template>`, `</select>` to theirs wherever they are."""
    if stack and stack[-1].foreign:
        if name in ("br", "p"):
            while stack and stack[-1].foreign and not _integration_point(stack[-1]):
                stack.pop()
        else:
            for index in range(len(stack) - 1, -1, -1):
                if not stack[index].foreign:
                    break
                if stack[index].name == name:
                    del stack[index:]
                    return
            else:
                return
    if name in ("template", "select"):
        found = [i for i, element in enumerate(stack) if element.name == name and not element.foreign]
        if found:
            del stack[found[-1] :]
        return
    for index in range(len(stack) - 1, -1, -1):
        element = stack[index]
        if not element.foreign and element.name == name:
            del stack[index:]
            return
        special = element.name in _SPECIAL if not element.foreign else element.name == "annotation-xml"
        if special or _integration_point(element):
            return


def _close_p(stack: list[OpenElement]) -> None:
    """Pop to an HTML `<p>` open in button scope, as the start tags of blocks do."""
    for index in range(len(stack) - 1, -1, -1):
        element = stack[index]
        if not element.foreign and element.name == "p":
            del stack[index:]
            return
        if (element.foreign and _integration_point(element)) or element.name == "annotation-xml":
            return
        if not element.foreign and element.name in _BUTTON_SCOPE | {"template"}:
            return


def closing(stack: list[OpenElement], index: int) -> str:
    """The end tag that closes `stack[index]` at the body's end; "" for a foreign element
    inside another foreign element, which the end tag of the `<svg>` or `<math>` around
    it closes (an `<svg>` or `<math>` inside one needs its own: the end tag closes the
    innermost of that name)."""
    element = stack[index]
    inner = element.foreign and index > 0 and stack[index - 1].foreign
    if inner and element.name not in ("svg", "math"):
        return ""
    return f"</{element.name}>"


def _integration_point(element: OpenElement) -> bool:
    return element.html_rules or (element.namespace == "math" and element.name in _TEXT_INTEGRATION)


def _foreign(name: str, namespace: str, tag: str, start: int) -> OpenElement:
    html_rules = (namespace == "svg" and name in _SVG_INTEGRATION) or (
        namespace == "math" and name == "annotation-xml" and _HTML_ENCODING.search(tag) is not None
    )
    return OpenElement(name, namespace, start, html_rules)
