r"""Jekyll's `smartify`: kramdown's SmartyPants reading of a text, as HTML.

Jekyll converts the input with kramdown's `SmartyPants` parser (jekyll/filters.rb
`smartify`, jekyll/converters/smartypants.rb): only the span parsers `smart_quotes`,
`html_entity`, `typographic_syms` and `span_html` run, tried in that order at each
position, and the document is written by kramdown's HTML converter with Jekyll's
`entity_output: as_char`, chomped of one final line break. So:

- quotes, `--`, `---`, `...`, `<<` and `>>` are replaced as in Markdown text
  (`sitegen.content.typography`), and `\<<` and `\>>` are `<<` and `>>`; a quote
  right after a tag or an entity is read without the character before it, as there;
- text is escaped (`&`, `<`, `>`; kramdown/utils/html.rb `escape_html`), so a stray
  `&` is `&amp;`; an entity kramdown knows is its character, except `&`, `<` and `>`,
  which keep the entity as written; one it does not know is text (`&amp;foo;`), and
  a quote after it is read as after an element;
- a tag of a span element (kramdown/parser/html.rb `HTML_SPAN_ELEMENTS`) is kept,
  written as kramdown writes it (`<br />`, attributes in double quotes); another tag, or
  an end tag that closes no open element, is text, escaped as it is (its quotes and any
  `>>` in it are not replaced); elements left open are closed at the
  end of the text (after its last line break); a comment is kept as it is.

A line starting with a block element (`<div>`) is read by kramdown as raw HTML, left
as written; sitegen reads it as text (a difference listed in the README).
"""

from __future__ import annotations

import html.entities
import re

from sitegen.content.char_refs import kramdown_character
from sitegen.content.typography import edits

__all__ = ["smartypants"]

_PIECE = re.compile(
    r"(?P<escaped>\\(?:<<|>>))|(?P<symbol><<|>>)"
    r"|(?P<entity>&(?:(?P<name>[A-Za-z0-9_]+)|#x(?P<hex>[0-9a-fA-F]+)|#(?P<decimal>[0-9]+));)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<tag><(?P<end>/)?(?P<tag_name>[A-Za-z][A-Za-z0-9_:-]*)"
    r"(?P<attributes>(?:\s+[^<>]*?)?)\s*(?P<void>/)?>)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
#: kramdown/parser/html.rb `HTML_SPAN_ELEMENTS`.
_SPAN_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "big",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "option",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "samp",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
    ]
)
#: kramdown/converter/html.rb: the elements written as `<br />`.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "command",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
#: kramdown/utils/entities.rb: HTML 4's entities, and `apos` and `vellip`.
_ENTITIES = {**html.entities.name2codepoint, "apos": 39, "vellip": 0x22EE}
_KEPT_AS_ENTITY = frozenset("&<>")


def smartypants(text: str) -> str:
    """`text` read by kramdown's SmartyPants parser and written as HTML: Liquid's
    `smartify` and the feeds' titles (`sitegen.render.feed_text`) share it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text if text.endswith("\n") else text + "\n"  # kramdown reads whole lines
    out: list[str] = []
    open_elements: list[str] = []
    run_start = 0
    position = 0
    while (found := _PIECE.search(text, position)) is not None:
        written = _element(found, open_elements)
        if found.group("symbol") is not None:  # `<<` or `>>`: text, a guillemet
            position = found.end()
            continue
        if written is None:  # an entity or tag kramdown refuses: its text, never smartened
            written = _escape(found.group())
        out.append(_text_run(text, run_start, found.start()))
        out.append(written)
        run_start = position = found.end()
    out.append(_text_run(text, run_start, len(text)))
    if open_elements:
        out.append("".join(f"</{name}>" for name in reversed(open_elements)))
    return "".join(out).removesuffix("\n")


def _element(found: re.Match[str], open_elements: list[str]) -> str | None:
    """What kramdown writes for an entity, a comment or a span tag; None where it is text."""
    if found.group("entity") is not None:
        return _entity(found)
    if found.group("escaped") is not None:  # `\\<<` is `<<` as it is
        return _escape(found.group()[1:])
    if found.group("comment") is not None:
        return found.group()
    name = found.group("tag_name")
    if name is None or name not in _SPAN_ELEMENTS:
        return None
    if found.group("end"):
        if not open_elements or open_elements[-1] != name:
            return None
        open_elements.pop()
        return f"</{name}>"
    attributes = "".join(_attribute(each) for each in _ATTRIBUTE.finditer(found.group("attributes") or ""))
    if name in _VOID:
        return f"<{name}{attributes} />"
    if not found.group("void"):
        open_elements.append(name)
        return f"<{name}{attributes}>"
    return f"<{name}{attributes}></{name}>"


def _attribute(found: re.Match[str]) -> str:
    value = next((group for group in found.groups()[1:] if group is not None), "")
    return f' {found.group(1)}="{_escape(value).replace(chr(34), "&quot;")}"'


def _entity(found: re.Match[str]) -> str | None:
    name, hexadecimal, decimal = found.group("name", "hex", "decimal")
    if name is not None:
        code = _ENTITIES.get(name)
    else:
        code = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
    if code is None or code > 0x10FFFF:
        return None
    character = chr(code) if name is not None else kramdown_character(code)
    return found.group() if character in _KEPT_AS_ENTITY else character


def _text_run(text: str, start: int, end: int) -> str:
    """One run of text, smartened as kramdown reads it: from its own first character
    (nothing before it), seeing what follows it in the source."""
    run = text[start:end]
    out: list[str] = []
    position = 0
    for edit_start, edit_end, replacement in edits(text[start:]):
        if edit_end > len(run):
            break
        out += (_escape(run[position:edit_start]), replacement)
        position = edit_end
    out.append(_escape(run[position:]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
