"""HTML a body leaves open at its end, closed there so the page around it stays markup.

A body is placed into a layout, and whatever follows it on the page (the back links to
its category and the home page, the neighbours, the footer) is read by the browser in
the state the body left its tokenizer in. A crawled post cut off after `<script>` or
`<!--` turns the rest of the page into script text or a comment: its links vanish
where readers look, while the file still holds them. Jekyll copies such a body as
written; sitegen closes what is open at the body's end, and says so once. Nothing the
author wrote is dropped. A tag the body ends inside (`if a <b then`, `<a href="x`) has no
end to close it by that the author wrote, so it is shown as text: every `<` from its
start to the body's end is written `&lt;`, and the reader sees those words as written.
`<plaintext>` never closes either: its own `<` is shown as text and what follows read on.

This is a scanner of the WHATWG HTML tokenizer's states (HTML Living Standard,
"Tokenization", §13.2.5) for exactly the constructs that outlive their input: a tag or
attribute value, a comment, a DOCTYPE or bogus comment, the text of `<script>`
(with its escaped and double-escaped states), of the raw-text and RCDATA elements, and
`<plaintext>`; plus the elements of the tree builder whose content the page's own
links would fall into (`<template>`, `<select>`, foreign content `<svg>`, `<math>`) and
those that decide whether a `<textarea>`, `<script>` or `<style>` opens raw text at all
(inside foreign content it does only at an integration point): `sitegen.open_elements`.
No installed library reports the end state: Python's `html.parser` keeps its own idea of
CDATA elements (no `<noscript>`, `<xmp>`, `<noembed>`, no script escapes) and
BeautifulSoup's parsers repair the tree instead of reporting it. The scan goes from one
`<` (or end marker) to the next, each step a `str.find` or one regular expression, so a
body costs about one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitegen import open_elements as tree
from sitegen.errors import Diagnostic

# The tokenizer's whitespace (CR is gone by then: the input stream normalises it).
_WS = "\t\n\f\r "
_TAG_NAME = re.compile(rf"[^{_WS}/>]*+")
# One step inside a start or end tag, from the before-attribute-name state: whitespace
# and `/` (the self-closing flag, or a stray slash), or one attribute with its value.
# A name may begin with `=`; a quote opens a value only after `=`; an unquoted value
# runs to whitespace or `>`. A quoted value left open is matched to the end (`\Z`).
_TAG_STEP = re.compile(
    rf"""[{_WS}/]++|[^{_WS}/>][^{_WS}/>=]*+"""
    rf"""(?:[{_WS}]*+=[{_WS}]*+(?:"[^"]*+(?P<dq>"|\Z)|'[^']*+(?P<sq>'|\Z)|[^{_WS}>"'][^{_WS}>]*+|(?=>)|\Z))?"""
)
_SCRIPT_END_OR_ESCAPE = re.compile(rf"<!--|</script(?=[{_WS}/>])", re.IGNORECASE)
_ESCAPED_STEP = re.compile(rf"-->|</script(?=[{_WS}/>])|<script(?=[{_WS}/>])", re.IGNORECASE)
_DOUBLE_ESCAPED_STEP = re.compile(rf"-->|</script(?=[{_WS}/>])", re.IGNORECASE)
_COMMENT_END = re.compile(r"--!?>")
_RAW_TEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea"})
_RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[{_WS}/>])", re.IGNORECASE) for name in _RAW_TEXT}


# Names whose start tag changes what follows: raw text, script data, `<plaintext>`, and
# the elements the tree builder keeps open for the page to fall into (`sitegen.open_elements`).
_STATEFUL = "svg|math|template|select|script|plaintext|" + "|".join(sorted(_RAW_TEXT))
# A body of text, closed comments and complete tags of other names only: its end is in
# the data state with nothing open, whatever the scan would find (nearly every body: a
# crawled post's paragraphs and images). Anything else (a DOCTYPE, `<?`, `</ x`, one of
# the names above, a tag or comment the body ends inside) goes to the scan.
_PLAIN_BODY = re.compile(
    rf"""(?:[^<]++
        |<(?![A-Za-z/!?])
        |<!--(?:>|->|[\s\S]*?--!?>)
        |</?(?!(?:{_STATEFUL})(?![^{_WS}/>]))[A-Za-z][^{_WS}/>]*+
         (?:[{_WS}/]++|[^{_WS}/>][^{_WS}/>=]*+
            (?:[{_WS}]*+=[{_WS}]*+(?:"[^"]*+"|'[^']*+'|[^{_WS}>"'][^{_WS}>]*+|(?=>))|(?![{_WS}]*+=)))*+>
        )*+""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OpenConstruct:
    """One construct still open where the body ends."""

    name: str
    """How a message names it: `<script>`, `<!--`, `<a href="…`."""
    start: int
    """Where it opens in the body."""
    closing: str
    """What closes it, appended at the body's end."""
    cut_tag: bool = False
    """A start or end tag the body ends inside (`<b then`, `<a href="x`), so what follows
    its `<` is all inside it: shown as text from there on, not closed. Closed with `">`
    it would be a link or image to a URL the author never wrote, where Jekyll's copy of
    the body (its quote running into the page) shows none; dropped, the words after a
    stray `<` would be lost. Read again as markup, an attribute's text would come alive
    (`<a title="<script>…`), and each later cut tag would cost another pass to the end."""


@dataclass(frozen=True, slots=True)
class ClosedMarkup:
    """A body with what it left open closed, and what that was (outermost first)."""

    html: str
    opened: tuple[OpenConstruct, ...]
    """The constructs closed at the body's end."""
    escaped: tuple[OpenConstruct, ...] = ()
    """What is shown as text instead (in body order): each `<plaintext>` start tag, and
    last the tag the body ends inside, if any, with the rest of the body after it."""


def close_open_markup(body_html: str) -> ClosedMarkup:
    """`body_html` with the constructs it leaves open closed at its end; unchanged (the
    same string) when its end is in the tokenizer's data state with no `<template>`,
    `<svg>` or `<math>` open. An open `<plaintext>` never closes, so its `<` is escaped
    (`&lt;plaintext`) and what follows is read on; a start or end tag the body ends
    inside would close into markup the author never wrote, so every `<` from its start
    on is escaped, and what is open before it is closed."""
    if _PLAIN_BODY.fullmatch(body_html):
        return ClosedMarkup(body_html, ())
    stack, token, escaped = _escaped_end_state(body_html)
    opened = (*_constructs(stack), *(() if token is None else (token,)))
    if not opened and not escaped:
        return ClosedMarkup(body_html, ())
    closing = "".join(construct.closing for construct in reversed(opened))
    return ClosedMarkup(_shown_as_text(body_html, escaped) + closing, opened, escaped)


def _escaped_end_state(
    text: str,
) -> tuple[list[tree.OpenElement], OpenConstruct | None, tuple[OpenConstruct, ...]]:
    """The scan of `text` as `close_open_markup` shows it: the stack and construct open
    at its end (None after a cut tag, shown as text to the end), and what it shows as
    text. The text before a `<plaintext>` reads the same with its `<` escaped, so the scan
    goes on after it with the stack it had there: one pass, however many there are."""
    stack: list[tree.OpenElement] = []
    escaped: list[OpenConstruct] = []
    position = 0
    while True:
        stack, token = _scan(text, position, stack)
        if token is not None and token.cut_tag:
            return stack, None, (*escaped, token)
        if token is None or token.name != "<plaintext>":
            return stack, token, tuple(escaped)
        escaped.append(token)
        position = token.start + 1


def _shown_as_text(text: str, escaped: tuple[OpenConstruct, ...]) -> str:
    """`text` with the `<` of each `<plaintext>` in `escaped` written `&lt;`, and every `<`
    from a cut tag's on."""
    pieces: list[str] = []
    previous = 0
    for construct in escaped:
        pieces.append(text[previous : construct.start])
        if construct.cut_tag:
            return "".join(pieces) + text[construct.start :].replace("<", "&lt;")
        pieces.append("&lt;")
        previous = construct.start + 1
    return "".join(pieces) + text[previous:]


def open_at_end(text: str) -> tuple[OpenConstruct, ...]:
    """What `text` leaves open at its end, outermost first (empty: nothing)."""
    elements, token = _end_state(text)
    return elements if token is None else (*elements, token)


def _end_state(text: str) -> tuple[tuple[OpenConstruct, ...], OpenConstruct | None]:
    """The elements open at the end of `text` that need an end tag there, and the
    construct the tokenizer is inside there (None: the data state)."""
    if _PLAIN_BODY.fullmatch(text):
        return (), None  # one regular expression in C: a fifth of a cold build's scans
    return _scanned_end_state(text)


def _scanned_end_state(text: str) -> tuple[tuple[OpenConstruct, ...], OpenConstruct | None]:
    """`_end_state` found by stepping through `text` from one `<` to the next."""
    stack, token = _scan(text, 0, [])
    return _constructs(stack), token


def _scan(
    text: str, position: int, stack: list[tree.OpenElement]
) -> tuple[list[tree.OpenElement], OpenConstruct | None]:
    """Step through `text` from `position` (in the data state, with the elements of
    `stack` open there) to its end: the elements open there, and the construct the
    tokenizer is inside (None: the data state)."""
    length = len(text)
    while (start := text.find("<", position)) != -1:
        position = start + 1
        if position >= length:
            break
        char = text[position]
        if char == "!":
            if text.startswith("--", position + 1):
                body = position + 3
                if text.startswith(">", body) or text.startswith("->", body):
                    position = text.index(">", body) + 1
                    continue
                end = _COMMENT_END.search(text, body)
                if end is None:
                    return stack, OpenConstruct("<!--", start, " -->")
                position = end.end()
                continue
            if tree.in_foreign_content(stack) and text.startswith("[CDATA[", position + 1):
                end_at = text.find("]]>", position + 8)
                if end_at == -1:
                    return stack, OpenConstruct("<![CDATA[", start, "]]>")
                position = end_at + 3
                continue
            end_at = text.find(">", position)
            if end_at == -1:
                return stack, OpenConstruct(text[start : start + 9].split("\n")[0], start, ">")
            position = end_at + 1
            continue
        if char == "?":
            end_at = text.find(">", position)
            if end_at == -1:
                return stack, OpenConstruct("<" + char, start, ">")
            position = end_at + 1
            continue
        closing = char == "/"
        name_at = position + 1 if closing else position
        if name_at >= length:
            break
        if not (text[name_at].isascii() and text[name_at].isalpha()):
            if closing and text[name_at] == ">":
                position = name_at + 1
            elif closing:  # `</ x`, `</1`: a bogus comment up to `>`
                end_at = text.find(">", name_at)
                if end_at == -1:
                    return stack, OpenConstruct("</", start, ">")
                position = end_at + 1
            continue
        name_match = _TAG_NAME.match(text, name_at)
        assert name_match is not None
        name = name_match.group().lower()
        position, tag_closing = _tag_end(text, name_match.end())
        if tag_closing:
            shown = text[start : min(position, start + 40)].split("\n")[0]
            more = "…" if len(shown) < position - start else ""
            return stack, OpenConstruct(shown + more, start, tag_closing, cut_tag=True)
        tag = text[start:position]
        if closing:
            tree.end_tag(stack, name)
            continue
        if not tree.start_tag(stack, name, tag, start):
            continue
        content = _raw_content_end(text, name, position)
        if content is None:
            continue
        end_at, token = content
        if token is not None:  # the token closes the element it opens
            return [e for e in stack if e.start != start], OpenConstruct(f"<{name}>", start, token)
        position = end_at
    return stack, None


def _tag_end(text: str, position: int) -> tuple[int, str]:
    """Where the tag whose attributes start at `position` ends (after its `>`), and ""
    or, when the text ends inside it, what closes it (`>`, `">`, `'>`)."""
    length = len(text)
    while position < length and text[position] != ">":
        step = _TAG_STEP.match(text, position)
        assert step is not None  # any character but `>` starts a step
        position = step.end()
        if position == length:
            if step.group("dq") == "":
                return position, '">'
            if step.group("sq") == "":
                return position, "'>"
    if position >= length:
        return position, ">"
    return position + 1, ""


def _raw_content_end(text: str, name: str, position: int) -> tuple[int, str | None] | None:
    """For an element whose text is not markup, where the scan goes on (its end tag's
    `<`) and None, or the end of `text` and what closes it; None for any other element."""
    if name == "plaintext":
        return len(text), ""
    if name == "script":
        return _script_end(text, position)
    if name not in _RAW_TEXT:
        return None
    end = _RAW_TEXT_END[name].search(text, position)
    if end is None:
        return len(text), f"</{name}>"
    return end.start(), None


def _script_end(text: str, position: int) -> tuple[int, str | None]:
    """The script data states: `<!--` escapes, `<script` inside an escape double-escapes
    (then `</script>` only ends the double escape), `-->` ends either."""
    state = "data"
    while True:
        pattern = (
            _SCRIPT_END_OR_ESCAPE
            if state == "data"
            else _ESCAPED_STEP
            if state == "escaped"
            else _DOUBLE_ESCAPED_STEP
        )
        found = pattern.search(text, position)
        if found is None:  # in a double escape `</script>` would end only that
            return len(text), "--></script>" if state == "double" else "</script>"
        token = found.group().lower()
        if token == "<!--":
            state, position = "escaped", found.start() + 2  # its dashes count for `-->`
        elif token == "-->":
            state, position = "data", found.end()
        elif token == "<script":
            state, position = "double", found.end()
        elif state == "double":  # `</script` ends the double escape only
            state, position = "escaped", found.end()
        else:
            return found.start(), None


def _constructs(stack: list[tree.OpenElement]) -> tuple[OpenConstruct, ...]:
    """The open elements that need an end tag at the body's end, outermost first."""
    ends = (tree.closing(stack, index) for index in range(len(stack)))
    return tuple(
        OpenConstruct(f"<{e.name}>", e.start, end) for e, end in zip(stack, ends, strict=True) if end
    )


def closed_body(
    body_html: str, source: str, first_line: int, path: Path
) -> tuple[str, tuple[Diagnostic, ...]]:
    """`close_open_markup` for a file's body, with one warning naming the file and the
    line of `source` (the body as written, from `first_line`) where the first construct
    left open starts."""
    closed = close_open_markup(body_html)
    constructs = sorted((*closed.opened, *closed.escaped), key=lambda construct: construct.start)
    if not constructs:
        return body_html, ()
    first = constructs[0]
    names = first.name
    if len(constructs) == 2:
        names += f" and {constructs[1].name}"
    elif len(constructs) > 2:
        names += f" and {len(constructs) - 1} more {'after' if closed.escaped else 'inside'} it"
    verb = "is" if len(constructs) == 1 else "are"
    line = first_line + source.count("\n", 0, _source_offset(body_html, source, first.start))
    done = _action(closed)
    message = f"{names} opened at line {line} {verb} never closed; {done} so the page's links stay visible"
    return closed.html, (Diagnostic(message, path, line),)


def _action(closed: ClosedMarkup) -> str:
    """What was done with the constructs a body left open, as the warning says it."""
    if not closed.escaped:
        return "closed at the end of the body"
    if not closed.opened:
        return "it is shown as text" if len(closed.escaped) == 1 else "they are shown as text"
    return f"closed at the end of the body, {len(closed.escaped)} of them shown as text"


def _source_offset(body_html: str, source: str, start: int) -> int:
    """Where the markup at `body_html[start]` is in `source`: raw HTML passes through
    Markdown as written, so the same text, found as often before it, is the same place
    (the body's start when it is not found)."""
    line_end = body_html.find("\n", start)
    snippet = body_html[start : min(start + 24, len(body_html) if line_end == -1 else line_end)]
    offset = -1
    for _ in range(body_html.count(snippet, 0, start) + 1):
        offset = source.find(snippet, offset + 1)
        if offset == -1:
            return 0
    return offset
