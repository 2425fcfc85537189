"""What kramdown takes for HTML in text, and how it writes what it took.

kramdown 2.4 (lib/kramdown/parser/html.rb `Constants`, after REXML's name rules) reads a
start tag only where `HTML_TAG_RE` matches: a name (`[[:alpha:]_][-[:alnum:]._]*`, with
an optional prefix), then attributes whose value is quoted or one run of word
characters (`<a href=x>` is a tag, `<a href=x.html>` is not: its `<` is text). An end
tag is `</name>` with optional white space before the `>`. What is not a tag is text and
escaped (kramdown/utils/html.rb `escape_html`: `<`, `>` and `&` unless it starts a
character reference). Ruby's `[[:alpha:]]`, `[[:alnum:]]` and `\\p{Word}` are Unicode's,
as the `regex` module's classes below.
"""

from __future__ import annotations

import regex

__all__ = [
    "BLOCK_ELEMENTS",
    "CLOSE_TAG",
    "COMMENT",
    "ELEMENTS_WITHOUT_BODY",
    "HTML_START",
    "KNOWN_ELEMENTS",
    "SPAN_CONTENT",
    "SPAN_ELEMENTS",
    "START_TAG",
    "UNAME",
    "attributes",
    "escape_text",
    "known_name",
    "written_start",
]

_NAME = r"[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*"
#: REXML's `UNAME_STR`: a name with an optional `prefix:`.
UNAME = rf"(?:{_NAME}:)?{_NAME}"
#: `HTML_TAG_RE`: group 1 the name, 2 the attributes, 4 the `/` of `<br/>`.
START_TAG = regex.compile(
    rf"""<((?>{UNAME}))\s*((?>\s+{UNAME}(?:\s*=\s*(?:\w+|("|').*?\3))?)*)\s*(/)?>""", regex.DOTALL
)
#: `HTML_TAG_CLOSE_RE`.
CLOSE_TAG = regex.compile(rf"</({UNAME})\s*>", regex.DOTALL)
#: `HTML_SPAN_START` (and `HTML_BLOCK_START` without its indent): where kramdown tries HTML.
HTML_START = regex.compile(rf"<(?:{UNAME}|!--|/)")
#: `HTML_COMMENT_RE`.
COMMENT = regex.compile(r"<!--(.*?)-->", regex.DOTALL)
_ATTRIBUTE = regex.compile(rf"""\s*({UNAME})(?:\s*=\s*(?:(\w+)|("|')(.*?)\3))?""", regex.DOTALL)
_REFERENCE_OR_SPECIAL = regex.compile(r"&(?:[\w:][-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)|[<>&\"]", regex.ASCII)
_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: `HTML_SPAN_ELEMENTS`: a start tag of one of these at a line's start is text, not a block.
SPAN_ELEMENTS = _words(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var"
)
#: `HTML_BLOCK_ELEMENTS`: a start tag of one of these inside a line is text.
BLOCK_ELEMENTS = _words(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul"
)
#: `HTML_ELEMENTS_WITHOUT_BODY`: never given content, written as `<br />`.
ELEMENTS_WITHOUT_BODY = _words(
    "area base br col command embed hr img input keygen link meta param source track wbr"
)
#: `HTML_CONTENT_MODEL_SPAN`: the elements whose content is read as text (quotes, entities,
#: dashes); every other element's content is raw (only tags are read in it).
SPAN_CONTENT = _words(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt"
)
_BLOCK_CONTENT = _words(
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption "
    "footer form header hgroup iframe li main map menu nav noscript object section summary td"
)
_RAW_CONTENT = _words("script style math option textarea pre code kbd samp var")
#: `HTML_ELEMENT`: names kramdown knows, written (and matched) in lower case.
KNOWN_ELEMENTS = (
    SPAN_ELEMENTS | BLOCK_ELEMENTS | ELEMENTS_WITHOUT_BODY | SPAN_CONTENT | _BLOCK_CONTENT | _RAW_CONTENT
)


def known_name(name: str) -> tuple[str, bool]:
    """A tag's name as kramdown keeps it (a known one in lower case) and whether it knows it."""
    lower = name.lower()
    return (lower, True) if lower in KNOWN_ELEMENTS else (name, False)


def attributes(text: str, known: bool, *, in_span: bool) -> dict[str, str]:
    """`parse_html_attributes`: name to value in first-seen order, a repeated name's last
    value; names in lower case on a known element; in a line of text (`in_span`) a run of
    line breaks in a value is one space (`parse_span_html`)."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower() if known else match.group(1)
        value = match.group(2) if match.group(2) is not None else match.group(4) or ""
        found[name] = regex.sub(r"\n+", " ", value) if in_span else value
    return found


def written_start(name: str, attrs: dict[str, str]) -> str:
    """`<name` and its attributes as kramdown's HTML converter writes them (`html_attributes`:
    double quotes, an empty `id` left out), without the closing `>`."""
    return f"<{name}" + "".join(
        f' {key}="{_escape(value, quote=True)}"'
        for key, value in attrs.items()
        if key != "id" or value.strip()
    )


def escape_text(text: str) -> str:
    """`escape_html(text, :text)`: `<`, `>` and a `&` that starts no character reference."""
    return _escape(text, quote=False)


def _escape(text: str, *, quote: bool) -> str:
    def replace(match: regex.Match[str]) -> str:
        found = match.group()
        if found == '"':
            return "&quot;" if quote else found
        return _ESCAPES.get(found, found)

    return _REFERENCE_OR_SPECIAL.sub(replace, text)
