"""A line of a `smartify` text that starts with HTML, as kramdown's `block_html` reads it.

Jekyll's SmartyPants parser (jekyll/converters/smartypants.rb) tries kramdown's
`block_html` at the start of each line (kramdown/parser/kramdown/html.rb
`parse_block_html`, kramdown/parser/html.rb `parse_raw_html`):

- a comment right at the line's start is kept, written on a line of its own;
- a start tag, after up to three spaces, of an element that is not a span one (`<p>`,
  `<div>`, `<script>`, an unknown `<foo>`) opens raw HTML: the element and its content
  up to its end tag are kept as written, only the text between tags escaped
  (`escape_text`), elements within read the same way, `<script>` and `<style>` content
  kept as it is; no quote, dash or entity is replaced; an element left open is closed
  at the end of the text. The element is written on a line of its own, and white space
  ending its line is dropped.

Every other line (text, a span tag such as `<b>`, an end tag) is read with the next
lines as text (`sitegen.content.kramdown_spans`). A `markdown` attribute, which would
have kramdown read the content as Markdown, is dropped and the content read as raw.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from sitegen.content.kramdown_html import (
    CLOSE_TAG,
    COMMENT,
    ELEMENTS_WITHOUT_BODY,
    SPAN_ELEMENTS,
    START_TAG,
    UNAME,
    attributes,
    escape_text,
    known_name,
    written_start,
)

__all__ = ["RawBlock", "raw_block"]

_INDENTED_TAG = regex.compile(rf" {{0,3}}{START_TAG.pattern}", regex.DOTALL)
#: `HTML_RAW_START`: where raw HTML may hold a tag, a comment or an instruction.
_RAW_START = regex.compile(rf"<(?:{UNAME}|/|!--|\?)")
_INSTRUCTION = regex.compile(r"<\?(.*?)\?>", regex.DOTALL)
_TRAILING_WHITESPACE = regex.compile(r"[ \t]*\n")


@dataclass(frozen=True, slots=True)
class RawBlock:
    """Raw HTML read from a line's start: the HTML written for it and where reading
    goes on (the start of the next line, or after the element on its last line)."""

    html: str
    end: int


def raw_block(source: str, position: int) -> RawBlock | None:
    """The raw HTML that starts the line at `position` in `source` (text ending with a
    line break), or None where the line is text."""
    if (comment := COMMENT.match(source, position)) is not None:
        return RawBlock(comment.group() + "\n", _after_line(source, comment.end()))
    tag = _INDENTED_TAG.match(source, position)
    if tag is None or tag.group(1).lower() in SPAN_ELEMENTS:
        return None
    html, end = _RawHtml(source).element(tag, nested=False)
    return RawBlock(html + "\n", end)


def _after_line(source: str, position: int) -> int:
    """`scan(TRAILING_WHITESPACE)`: past the white space and line break ending a line."""
    trailing = _TRAILING_WHITESPACE.match(source, position)
    return position if trailing is None else trailing.end()


class _RawHtml:
    def __init__(self, source: str) -> None:
        self.source = source

    def element(self, tag: regex.Match[str], *, nested: bool) -> tuple[str, int]:
        """`handle_html_start_tag`: the element `tag` opens and where reading goes on."""
        name, known = known_name(tag.group(1))
        attrs = attributes(tag.group(2), known, in_span=False)
        attrs.pop("markdown", None)
        start = written_start(name, attrs)
        closed = tag.group(4) is not None or name in ELEMENTS_WITHOUT_BODY
        end = tag.end()
        if name in ("script", "style"):  # `handle_raw_html_tag`: content as it is
            close = regex.compile(rf"</{name}\s*>", regex.IGNORECASE).search(self.source, end)
            content = self.source[end : len(self.source) if close is None else close.start()]
            end = len(self.source) if close is None else close.end()
            closed = False
        elif closed:
            content = ""
        else:
            content, end = self.content(end, name, known)
            if not nested:
                end = _after_line(self.source, end)
        if closed:
            return f"{start} />", end
        if content:
            return f"{start}>{content}</{name}>", end
        return (f"{start} />" if name in ELEMENTS_WITHOUT_BODY else f"{start}></{name}>"), end

    def content(self, position: int, name: str, known: bool) -> tuple[str, int]:
        """`parse_raw_html`: the element's content as written, up to its end tag (or the
        end of the text), and where reading goes on."""
        source = self.source
        out: list[str] = []
        while (found := _RAW_START.search(source, position)) is not None:
            out.append(escape_text(source[position : found.start()]))
            position = found.start()
            kept = COMMENT.match(source, position) or _INSTRUCTION.match(source, position)
            if kept is not None:
                out.append(kept.group())
                position = kept.end()
            elif (tag := START_TAG.match(source, position)) is not None:
                html, position = self.element(tag, nested=True)
                out.append(html)
            elif (close := CLOSE_TAG.match(source, position)) is not None:
                if (close.group(1).lower() if known else close.group(1)) == name:
                    return "".join(out), close.end()
                out.append(escape_text(close.group()))
                position = close.end()
            else:
                out.append("&lt;")
                position += 1
        out.append(escape_text(source[position:]))
        return "".join(out), len(source)
