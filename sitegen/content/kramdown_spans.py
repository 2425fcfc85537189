r"""A run of lines as kramdown's SmartyPants parser reads it (its span parsers).

Jekyll's `SmartyPants` parser (jekyll/converters/smartypants.rb) tries `smart_quotes`,
`html_entity`, `typographic_syms` and `span_html` at each position, and kramdown's HTML
converter writes the result with Jekyll's `entity_output: as_char`. So
(kramdown/parser/kramdown/html.rb `parse_span_html`, kramdown/parser/html.rb):

- quotes, `--`, `---`, `...`, `<<` and `>>` are replaced as in Markdown text
  (`sitegen.content.typography`), and `\<<` and `\>>` are `<<` and `>>`; a quote
  right after a tag or an entity is read without the character before it, as there;
- text is escaped (`escape_text`), so a stray `&` is `&amp;`; an entity kramdown knows
  is its character, except `&`, `<` and `>`, which keep the entity as written; one it
  does not know is text (`&amp;foo;`), and a quote after it is read as after an element;
- a start tag (`START_TAG`) of any element but a block one is kept, written as kramdown
  writes it (`<br />`, attributes in double quotes); its content up to its end tag is
  read as text for the elements in `SPAN_CONTENT` (`<b>`, `<a>`) and as raw HTML for
  every other (`<script>`, `<style>`, `<code>`, `<u>`, an unknown `<foo>`): only tags
  are read there, quotes, dashes and entities are left as written; an element left
  open is closed at the end of the run (after its last line break); a comment is kept;
- a block element's start tag, an end tag that closes no open element, and a `<` that
  starts no tag (`<a href=x.html>`, whose value is not quoted) are text, the first two
  escaped as written (their quotes and any `>>` in them are not replaced).
"""

from __future__ import annotations

import html.entities
from dataclasses import dataclass

import regex

from sitegen.content.char_refs import kramdown_character
from sitegen.content.kramdown_html import (
    BLOCK_ELEMENTS,
    CLOSE_TAG,
    COMMENT,
    ELEMENTS_WITHOUT_BODY,
    HTML_START,
    SPAN_CONTENT,
    START_TAG,
    attributes,
    escape_text,
    known_name,
    written_start,
)
from sitegen.content.typography import edits

__all__ = ["span_html"]

#: Where a parser other than `smart_quotes` may start: `<<`/`>>` and `\<<`/`\>>`
#: (`typographic_syms`), an entity (`HTML_ENTITY_RE`, Ruby's ASCII `\w`), and
#: `HTML_SPAN_START`.
_PIECE = regex.compile(
    r"(?P<escaped>\\(?:<<|>>))|(?P<symbol><<|>>)"
    r"|(?P<entity>&(?:(?P<name>[A-Za-z0-9_:][-A-Za-z0-9_.:]*)|#x(?P<hex>[0-9a-fA-F]+)|#(?P<decimal>[0-9]+));)"
    rf"|(?P<html>{HTML_START.pattern})"
)
#: The same inside raw content, where `span_html` is the only parser.
_RAW_PIECE = regex.compile(rf"(?P<html>{HTML_START.pattern})")
#: kramdown/utils/entities.rb: HTML 4's entities, and `apos` and `vellip`.
_ENTITIES = {**html.entities.name2codepoint, "apos": 39, "vellip": 0x22EE}
_KEPT_AS_ENTITY = frozenset("&<>")
#: `HTML_MARKDOWN_ATTR_MAP`: what a `markdown` attribute says of reading the content as
#: text (`block` is refused in a line: the element's own way is kept).
_MARKDOWN_ATTRIBUTE = {"0": False, "span": True}


def span_html(text: str) -> str:
    """`text`, lines kramdown reads as one run of text, written as HTML."""
    return _Spans(text).parse(0, None, raw=False).html


@dataclass(frozen=True, slots=True)
class _Parsed:
    html: str
    end: int
    closed: bool


@dataclass(frozen=True, slots=True)
class _Stop:
    """The end tag that closes the element being read: its name, matched without regard
    to case for an element kramdown knows."""

    name: str
    known: bool

    def matches(self, found: str) -> bool:
        return found.lower() == self.name if self.known else found == self.name


class _Spans:
    def __init__(self, text: str) -> None:
        self.text = text

    def parse(self, position: int, stop: _Stop | None, *, raw: bool) -> _Parsed:
        """`parse_spans` from `position` up to `stop`'s end tag (or the end of the text)."""
        text = self.text
        out: list[str] = []
        run_start = position
        pieces = _RAW_PIECE if raw else _PIECE
        while (found := pieces.search(text, position)) is not None:
            start = found.start()
            if found.group("html") is None:
                if found.group("symbol") is not None:  # `<<` or `>>`: text, a guillemet
                    position = found.end()
                    continue
                out.append(self._run(run_start, start, raw))
                out.append(_escape_symbol(found) if found.group("escaped") else _entity(found))
                run_start = position = found.end()
                continue
            close = CLOSE_TAG.match(text, start)
            if close is not None and stop is not None and stop.matches(close.group(1)):
                out.append(self._run(run_start, start, raw))
                return _Parsed("".join(out), close.end(), True)
            element = self._html(start, close, raw)
            if element is None:  # a `<` that starts nothing: text
                position = start + 1
                continue
            out.append(self._run(run_start, start, raw))
            out.append(element.html)
            run_start = position = element.end
        out.append(self._run(run_start, len(text), raw))
        return _Parsed("".join(out), len(text), False)

    def _html(self, start: int, close: regex.Match[str] | None, raw: bool) -> _Parsed | None:
        """`parse_span_html` at `start`: a comment, a stray end tag, an element, or None."""
        text = self.text
        if (comment := COMMENT.match(text, start)) is not None:
            return _Parsed(comment.group(), comment.end(), True)
        if close is not None:  # closes nothing open: text
            return _Parsed(escape_text(close.group()), close.end(), True)
        tag = START_TAG.match(text, start)
        if tag is None:
            return None
        name, known = known_name(tag.group(1))
        if name in BLOCK_ELEMENTS:
            return _Parsed(escape_text(tag.group()), tag.end(), True)
        attrs = attributes(tag.group(2), known, in_span=True)
        as_text = not raw and name in SPAN_CONTENT
        markdown = attrs.pop("markdown", None)
        if markdown in _MARKDOWN_ATTRIBUTE:
            as_text = _MARKDOWN_ATTRIBUTE[markdown]
        elif markdown == "1":
            as_text = name in SPAN_CONTENT
        start_tag = written_start(name, attrs)
        if name in ELEMENTS_WITHOUT_BODY:
            return _Parsed(f"{start_tag} />", tag.end(), True)
        if tag.group(4) is not None:  # `<b/>`: no content
            return _Parsed(f"{start_tag}></{name}>", tag.end(), True)
        content = self.parse(tag.end(), _Stop(name, known), raw=not as_text)
        return _Parsed(f"{start_tag}>{content.html}</{name}>", content.end, True)

    def _run(self, start: int, end: int, raw: bool) -> str:
        """One run of text: in raw content as it is, escaped; else smartened as kramdown
        reads it, from its own first character (nothing before it), seeing what follows
        it in the source."""
        run = self.text[start:end]
        if raw or not run:
            return escape_text(run)
        out: list[str] = []
        position = 0
        for edit_start, edit_end, replacement in edits(self.text[start:]):
            if edit_end > len(run):
                break
            out += (_escape(run[position:edit_start]), replacement)
            position = edit_end
        out.append(_escape(run[position:]))
        return "".join(out)


def _escape_symbol(found: regex.Match[str]) -> str:
    """`\\<<` is `<<` as it is."""
    return _escape(found.group()[1:])


def _entity(found: regex.Match[str]) -> str:
    """What kramdown writes for an entity: its character, the entity as written for `&`,
    `<` and `>`, and `&amp;` and the rest as text for one it does not know."""
    name, hexadecimal, decimal = found.group("name", "hex", "decimal")
    if name is not None:
        code = _ENTITIES.get(name)
    else:
        code = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
    if code is None or code > 0x10FFFF:
        return "&amp;" + _escape(found.group()[1:])
    character = chr(code) if name is not None else kramdown_character(code)
    return found.group() if character in _KEPT_AS_ENTITY else character


def _escape(text: str) -> str:
    """Text outside raw content: it holds no character reference (the entity parser
    read each), so every `&` is escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
