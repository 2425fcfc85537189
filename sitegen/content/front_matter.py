"""Split a source file into its YAML front matter and its body.

Jekyll's rule: a file has front matter when its very first line is `---`; the block ends
at the next line that is `---` or `...` (`Document::YAML_FRONT_MATTER_REGEXP`,
jekyll/lib/jekyll/document.rb). When no such line follows, the regexp does not match and
Jekyll publishes the whole file, opening `---` and all, as the body: so does sitegen, with
a warning. A crawler sometimes writes a blank line first; Jekyll then publishes the raw
front matter as text. sitegen reads it anyway and says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import ContentError, Diagnostic
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml_noting, unknown_tag_warnings

_OPENING = re.compile(r"---[ \t\f\v]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t\f\v]*$\n?", re.MULTILINE)
r"""Jekyll's `---\s*\n` and `(---|\.\.\.)\s*$`: Ruby's `\s` is ASCII whitespace, the
form feed and vertical tab with it (a `---\f` line ends front matter in Jekyll too)."""
_JEKYLL_OPENING = re.compile(r"---[ \t\r\f\v]*\n")
_JEKYLL_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t\r\f\v]*$", re.MULTILINE)
r"""Jekyll's `YAML_FRONT_MATTER_REGEXP` (`\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)`,
jekyll/lib/jekyll/document.rb) on text keeping its carriage returns, in two linear
steps (the pattern as written backtracks over every way to split a run of blank lines,
quadratic in them): Ruby's `\s` takes a carriage return, but its `^` and `$` see only
LF as a line end, as Python's do. It matches where an opening line reaches an LF
through white space alone and a closing line starts after that LF; a closing line ends
at its first LF or the end, as `\s*$` can stop at either."""
_LONE_RETURNS = (
    "front matter: a line of it ends in a carriage return alone (as in an old Mac file), so "
    "Jekyll sees no front matter: the whole file is the body, as in Jekyll; save it with LF line ends"
)
_YAML_CONTROL = re.compile(r"[\f\v]")
#: A line starting with `%`: to YAML a directive, which ends the document before it.
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A decoded source file: front matter (None when it has none) and body text."""

    front_matter: Mapping[str, Any] | None
    body: str
    body_line: int
    """1-based line number of the body's first line in the file, for error messages."""
    leading_blank_lines: int = 0
    """Blank lines before the opening `---` (Jekyll would not see the front matter)."""
    warnings: tuple[Diagnostic, ...] = ()
    """What was read differently from how it is written (unclosed front matter, unknown tags)."""


_UTF16_32_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
"""Byte-order marks of UTF-16 and UTF-32 (a post saved as "Unicode" by an old editor)."""


def decode_source(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped), CRLF turned into LF. A carriage return
    alone is left for `parse_source`, which decides first whether Jekyll sees front
    matter through it.

    Raises `ContentError` for a binary or non-UTF-8 file rather than publishing garbage."""
    # A NUL byte marks a binary file, unless the file opens with front matter: then it is
    # a post with a stray control character, which Jekyll publishes too.
    if data.startswith(_UTF16_32_MARKS):  # UTF-32 LE starts as UTF-16 LE does
        raise ContentError("UTF-16 or UTF-32 text; save the file as UTF-8", path=path)
    if b"\x00" in data[:8192] and not data.lstrip(b"\xef\xbb\xbf\r\n").startswith(b"---"):
        raise ContentError("binary file, not a text post", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    return text.replace("\r\n", "\n")


JEKYLL_READS_NONE = "after blank lines, Jekyll reads none: the whole file is the body, as in Jekyll"
"""How a warning ends where sitegen cannot use front matter after blank lines and reads
the file as Jekyll does."""

_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")
r"""Lines that show nothing before the opening `---`: empty, or only spaces (of any
Unicode kind: two spaces, a tab, U+00A0, U+3000). Jekyll's `\A---\s*\r?\n` sees front
matter in none of them (`Utils#has_yaml_header?`), so each is read as an empty line is."""


def _blank_prefix(text: str) -> int:
    """Where the lines that show nothing at the start of `text` end."""
    blank = _BLANK_LINES.match(text)
    return blank.end() if blank else 0


_ASCII_SPACE_RUN = re.compile(r"[ \t\n\f\v]*")


def _body_start(text: str, after_closing: int) -> int:
    r"""Where the body starts: Jekyll's closing `(---|\.\.\.)\s*$\n?` lets `\s*` run
    over the blank lines after the closing line (Ruby's `\s` takes newlines), back to the
    last line end before the first line that shows something; so the body starts on that
    line, its indentation kept, and is empty when nothing follows (`Document#read_content`,
    jekyll/lib/jekyll/document.rb). An excerpt is the body up to the first blank line:
    kept, the blank lines made every excerpt of such a post empty."""
    blank = _ASCII_SPACE_RUN.match(text, after_closing)
    end = blank.end() if blank else after_closing
    if end == len(text):
        return end
    return text.rfind("\n", after_closing, end) + 1 or after_closing


def _jekyll_sees_front_matter(text: str, start: int) -> bool:
    """Whether Jekyll's front matter pattern matches `text` (carriage returns kept) at
    `start` (see `_JEKYLL_CLOSING`)."""
    opening = _JEKYLL_OPENING.match(text, start)
    return opening is not None and _JEKYLL_CLOSING.search(text, opening.end()) is not None


def has_front_matter(text: str) -> bool:
    """True when the text opens with `---` (after blank lines, which sitegen tolerates)."""
    return _OPENING.match(text, _blank_prefix(text)) is not None


class UnreadableYaml(ContentError):
    """Front matter that is no YAML Psych reads (a syntax error, a control character):
    `Convertible#read_yaml` (jekyll/lib/jekyll/convertible.rb) then warns and reads a
    page with no data of its own, its body still cut after the front matter."""


PAGE_READS_NONE = (
    "Jekyll publishes the page's body without this front matter (no layout, title or "
    "permalink of its own; `defaults:` still apply), and so does sitegen"
)


def parse_source(text: str, path: Path, *, as_page: bool = False) -> SourceDocument:
    """Split and parse the front matter; invalid YAML raises naming file and line, but
    after blank lines, where Jekyll reads none, the whole file is the body, with a warning.
    `as_page`: front matter that is no YAML Psych reads is empty, the body after it
    kept, with one warning at the fault's line, as Jekyll reads a page
    (`UnreadableYaml`); a post or document fails as before.

    `text` has LF line ends or carriage returns alone (`decode_source`): such a return
    ends a line for YAML and Markdown, as it does for Psych and kramdown, and is read so;
    but not for Jekyll's front matter pattern, so where front matter is only there
    through one (an old Mac file), the whole file is the body, as in Jekyll, returns and
    all (Markdown reads them as line ends; an HTML body is published as written)."""
    if "\r" in text:
        lines = text.replace("\r", "\n")  # one character for one: every offset stays
        start = _blank_prefix(lines)
        if _OPENING.match(lines, start) and not _jekyll_sees_front_matter(text, start):
            # Its body as Jekyll publishes it: the carriage returns kept.
            return SourceDocument(None, text, 1, warnings=(Diagnostic(_LONE_RETURNS, path, 1),))
        text = lines
    stripped = text[_blank_prefix(text) :]
    leading = text.count("\n", 0, len(text) - len(stripped))
    opening = _OPENING.match(stripped)
    if opening is None:
        return SourceDocument(None, text, 1)
    closing = _CLOSING.search(stripped, opening.end())
    if closing is None:
        message = "front matter is not closed by a '---' line; the whole file is the body, as in Jekyll"
        return SourceDocument(None, text, 1, warnings=(Diagnostic(message, path, leading + 1),))
    try:
        return _parsed(text, path, stripped, leading, opening, closing)
    except ContentError as error:
        if not leading and as_page and isinstance(error, UnreadableYaml):
            body_start = _body_start(stripped, closing.end())
            warning = Diagnostic(f"{error.message}; {PAGE_READS_NONE}", path, error.line)
            body_line = stripped.count("\n", 0, body_start) + 1
            return SourceDocument({}, stripped[body_start:], body_line, warnings=(warning,))
        if not leading:
            raise
        # Jekyll never reads front matter after blank lines: it publishes the file, all
        # of it the body. sitegen's reading of it failing, Jekyll's stands.
        message = f"{error.message}; {JEKYLL_READS_NONE}"
        return SourceDocument(None, text, 1, warnings=(Diagnostic(message, path, error.line),))


def _parsed(
    text: str, path: Path, stripped: str, leading: int, opening: re.Match[str], closing: re.Match[str]
) -> SourceDocument:
    """The front matter between `opening` and `closing`, read; raises `ContentError`
    naming the line where it cannot be."""
    yaml_text = stripped[opening.end() : closing.start()]
    first_yaml_line = leading + 2
    if _YAML_CONTROL.search(opening.group()):
        # Jekyll hands Psych the opening line too, which refuses a form feed or vertical
        # tab there: "could not read" the file (document.rb's `read_content`).
        message = "front matter: invalid YAML: control characters are not allowed (after the opening '---')"
        raise UnreadableYaml(message, path=path, line=leading + 1)
    # Jekyll hands Psych the opening `---` too, so a `%YAML 1.1` line in the front
    # matter ends its (explicitly started) document: what is above it is read, the rest
    # never is (`%YAML` first: no front matter at all). Read the same way here.
    directive = _DIRECTIVE.search(yaml_text)
    opened, shift = ("---\n", 1) if directive else ("", 0)
    try:
        data, unknown_tags = load_yaml_noting(opened + yaml_text) if yaml_text.strip() else ({}, ())
    except YamlProblem as problem:
        where = first_yaml_line - 1 - shift + problem.line if problem.line is not None else first_yaml_line
        failure = ContentError if problem.beyond_limits else UnreadableYaml  # Psych reads the former
        raise failure(f"front matter: {problem}", path=path, line=where) from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ContentError("front matter must be a mapping of keys", path=path, line=first_yaml_line)
    body_start = _body_start(stripped, closing.end())
    # The body's line is one past the newlines before it (leading blank lines included).
    body_line = leading + stripped.count("\n", 0, body_start) + 1
    warnings = unknown_tag_warnings(unknown_tags, path, first_yaml_line - shift, "front matter: ")
    if directive:
        line = first_yaml_line + yaml_text.count("\n", 0, directive.start())
        message = (
            "front matter: a line starting with '%' is a YAML directive, which ends what "
            "is read; the lines from it on are not read (as in Jekyll)"
        )
        warnings = (*warnings, Diagnostic(message, path, line))
    return SourceDocument(
        {str(key): value for key, value in data.items()},
        stripped[body_start:],
        body_line,
        leading,
        warnings,
    )
