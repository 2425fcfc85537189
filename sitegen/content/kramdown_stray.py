"""A `<` in a Markdown body's raw HTML that kramdown reads as text is written `&lt;`.

kramdown (lib/kramdown/parser/html.rb `parse_raw_html`, kramdown/parser/kramdown/html.rb
`parse_block_html` and `parse_span_html`) takes a `<` as markup only where it starts
one of these, each matched whole:

- a start tag, `HTML_TAG_RE` (`START_TAG`): a name, attributes whose values are quoted
  or one run of word characters, then `>` or `/>`;
- an end tag, `HTML_TAG_CLOSE_RE` (`CLOSE_TAG`);
- a comment that closes, `HTML_COMMENT_RE` (`<!--` up to the first `-->`);
- a processing instruction that closes, `HTML_INSTRUCTION_RE` (`<?` up to `?>`);
- an autolink, kramdown/parser/kramdown/autolink.rb `AUTOLINK_START` (`<http://…>`,
  the crawler's share link);
- after a `<script>` or `<style>` start tag, its content is kept as written up to its
  end tag (`handle_raw_html_tag`, which also reads to the end of the text).

Any other `<` is text, escaped by kramdown's HTML converter (`escape_html`): `<y 元`,
`</ x`, `<a href="x` whose quote never closes, `<!--` without `-->`, `<![CDATA[` and
`<!DOCTYPE` (kramdown reads no declaration in a Markdown document). markdown-it passes
an HTML block through as written, so a browser would read such a `<` as the start of a
tag or comment and hide the words after it, up to a `>` that may be paragraphs away;
Jekyll's page shows them. Only a `<` before an ASCII letter, `/`, `!` or `?` opens
markup in a browser (HTML Living Standard, the tokenizer's data and tag open states):
any other (`<1%`, `< `, `<中`) is shown as text already and is kept as written. So a body
whose every `<` is markup or shown as text is returned as it is (the same string), and
well-formed posts are published byte for byte.

Each `<` costs one match at that position; the lazy scans for `-->`, `?>`, an
autolink's `>` and a quoted value's end stop at the first one found, and the search for
the first of each mark after a position is remembered, so a body of unclosed comments
is one pass, not a rescan from each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from sitegen.content.kramdown_html import CLOSE_TAG, START_TAG, UNAME, known_name

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

__all__ = ["install", "stray_lt_escaped"]

#: kramdown/parser/kramdown/autolink.rb `AUTOLINK_START`: a URL's scheme, or an e-mail
#: address of `ACHARS` (Ruby's `[[:alnum:]]` is Unicode's).
_SCHEME = regex.compile(r"<(?:mailto|https?|ftps?):")
_EMAIL_LINK = regex.compile(r"<[-\p{Alphabetic}\p{Nd}_.]+?@[-\p{Alphabetic}\p{Nd}_.]+?>")
#: A text whose every `<` `_Scan` reads as markup or keeps, in one match (nearly every
#: crawled body): each alternative is one of `markup_end`'s, tried in its order and
#: committed to as it is (atomic), so the match holds exactly where the scan finds no
#: stray `<`. `<script>` and `<style>` are left to the scan.
_PLAIN = regex.compile(
    rf"""(?>[^<]++
        |<(?![A-Za-z/!?])
        |<!--.*?-->
        |<\?.*?\?>
        |</{UNAME}\s*>
        |<[-\p{{Alphabetic}}\p{{Nd}}_.]+?@[-\p{{Alphabetic}}\p{{Nd}}_.]+?>
        |<(?:mailto|https?|ftps?):[^\n][^\n>]*>
        |<(?![Ss][Cc][Rr][Ii][Pp][Tt]|[Ss][Tt][Yy][Ll][Ee])(?>{UNAME})\s*
         (?>\s+{UNAME}(?:\s*=\s*(?:\w+|"[^"]*"|'[^']*'))?)*\s*/?>
    )*+""",
    regex.DOTALL | regex.VERBOSE,
)
#: `_PLAIN` for ASCII names, word values and ASCII white space only (the standard
#: library's `\s` takes `\x1c`-`\x1f` too, kramdown's does not), in its faster
#: engine: what it matches `_PLAIN` matches too (each alternative accepts less), so a
#: crawled body of plain tags is passed in one quick match.
_ASCII_SPACE = r"[ \t\n\r\f\v]"
_ASCII_NAME = r"(?:[A-Za-z_][-A-Za-z0-9._]*:)?[A-Za-z_][-A-Za-z0-9._]*"
_PLAIN_ASCII = re.compile(
    rf"""(?>[^<]++
        |<(?![A-Za-z/!?])
        |<!--.*?-->
        |<\?.*?\?>
        |</{_ASCII_NAME}{_ASCII_SPACE}*>
        |<(?:mailto|https?|ftps?):[^\n][^\n>]*>
        |<(?![Ss][Cc][Rr][Ii][Pp][Tt]|[Ss][Tt][Yy][Ll][Ee])(?>{_ASCII_NAME}){_ASCII_SPACE}*
         (?>{_ASCII_SPACE}+{_ASCII_NAME}
            (?:{_ASCII_SPACE}*={_ASCII_SPACE}*(?:[A-Za-z0-9_]+|"[^"]*"|'[^']*'))?)*{_ASCII_SPACE}*/?>
    )*+""",
    re.DOTALL | re.VERBOSE,
)
#: `handle_raw_html_tag`: the end tag that ends a `<script>` or `<style>` (`/<\/name\s*>/mi`).
_RAW_END = {name: regex.compile(rf"</{name}\s*>", regex.IGNORECASE) for name in ("script", "style")}


def stray_lt_escaped(html: str) -> str:
    """`html` (raw HTML of a Markdown body) with every `<` that kramdown reads as text
    and a browser as markup written `&lt;`; the same string when there is none."""
    if "<" not in html or _PLAIN_ASCII.fullmatch(html) or _PLAIN.fullmatch(html):
        return html
    return scanned(html)


def scanned(html: str) -> str:
    """`stray_lt_escaped` without its one-match shortcut: each `<` read by `_Scan`."""
    scan = _Scan(html)
    pieces: list[str] = []
    kept_from = position = 0
    while (start := html.find("<", position)) != -1:
        end = scan.markup_end(start)
        if end is None:
            pieces += (html[kept_from:start], "&lt;")
            kept_from = position = start + 1
        else:
            position = end
    if not pieces:
        return html
    pieces.append(html[kept_from:])
    return "".join(pieces)


@dataclass(slots=True)
class _Scan:
    """The text being read, and the next place each closing mark was found."""

    text: str
    found: dict[str, int] = field(default_factory=dict)
    """For `-->`, `?>`, `>` and a line break: where the first one at or after the last
    search start is (-1: none to the end of the text)."""

    def markup_end(self, start: int) -> int | None:
        """Where the markup kramdown reads at the `<` at `start` ends, or None: text.
        A `<` a browser shows as text anyway (before a digit, a space, a CJK character)
        is kept as written, its end the next character."""
        text = self.text
        after = text[start + 1 : start + 2]
        if not (after.isascii() and after.isalpha()) and after not in ("/", "!", "?"):
            return start + 1  # the tokenizer's data state: only these open markup
        if after == "!":
            return self._after("-->", start + 4) if text.startswith("<!--", start) else None
        if after == "?":
            return self._after("?>", start + 2)
        if after == "/":
            close = CLOSE_TAG.match(text, start)
            return None if close is None else int(close.end())
        if (link_end := self._autolink_end(start)) is not None:
            return link_end
        if (tag := START_TAG.match(text, start)) is None:
            return None
        name, _ = known_name(tag.group(1))
        if name not in _RAW_END:
            return int(tag.end())
        raw_end = _RAW_END[name].search(text, tag.end())
        return len(text) if raw_end is None else raw_end.end()

    def _autolink_end(self, start: int) -> int | None:
        """The end of the autolink at `start` (`AUTOLINK_START`), or None. Its lazy `.+?>`
        is the first `>` after the scheme and one more character, on the same line."""
        if (email := _EMAIL_LINK.match(self.text, start)) is not None:
            return int(email.end())
        if (scheme := _SCHEME.match(self.text, start)) is None:
            return None
        end = self._after(">", scheme.end() + 1)
        line_end = self._after("\n", scheme.end())
        return end if end is not None and (line_end is None or line_end > end) else None

    def _after(self, mark: str, after: int) -> int | None:
        """The end of the first `mark` at or after `after`, or None (no such `mark`)."""
        at = self.found.get(mark)
        if at is None or (at != -1 and at < after):
            at = self.text.find(mark, after)
            self.found[mark] = at
        return None if at == -1 else at + len(mark)


def install(parser: MarkdownIt) -> None:
    """Have `parser` write its raw HTML (HTML blocks and inline HTML, which markdown-it
    renders as written) with kramdown's stray `<` escaped."""
    parser.core.ruler.push("kramdown_stray_lt", _escape_raw_html)


def _escape_raw_html(state: StateCore) -> None:
    """The core rule: each `html_block` and `html_inline` token's text, escaped."""
    for token in state.tokens:
        if token.type == "html_block":
            token.content = stray_lt_escaped(token.content)
        for child in token.children or ():
            if child.type == "html_inline":
                child.content = stray_lt_escaped(child.content)
