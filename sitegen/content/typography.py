"""Smart quotes and typographic symbols in Markdown text, as Jekyll's kramdown writes them.

Jekyll converts Markdown with kramdown (`input: GFM`, `smart_quotes:
lsquo,rsquo,ldquo,rdquo`, `entity_output: as_char`: jekyll/lib/jekyll/configuration.rb),
whose span parser turns `"quoted"` into “quoted”, `it's` into it’s, `--` into –, `---` into
—, `...` into … and `<<`/`>>` into « and » (kramdown/parser/kramdown/smart_quotes.rb and
typographic_symbol.rb), written as characters. markdown-it-py's own typographer cannot
be made to match: its quote rules pair quotes across a paragraph where kramdown decides
each quote from the one character before it and the characters after, and its
replacements add `(c)`, `+-` and others kramdown leaves alone. So this module replays
kramdown's scanner on each run of text: only `text` tokens (and the line breaks between
them) of inline content, never code, raw HTML, attributes, image alt text, autolinks or
the content of inline HTML elements kramdown reads as raw (`<code>`, `<kbd>`, ...).

kramdown's scanner sees the character before a quote only when it is plain text: after
an element (emphasis, a link, code, an entity or escape) the quote is the first thing it
reads. A run here is therefore the text between two such elements.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from sitegen.content.raw_spans import raw_tokens

# Ruby's `\w`, `\s` and `\d` are ASCII-only; its `\b` is not (kramdown's regexes run on
# UTF-8 text, where Onigmo counts CJK letters as word characters), as Python's `\b`.
_WORD = "[A-Za-z0-9_]"
_SPACE = "[ \t\n\v\f\r]"
_NOT_SPACE = "[^ \t\n\v\f\r]"
_LINE_END = r"(?=\n|\Z)"
_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_CLOSE = r"[^ \\\t\r\n\[{(-]"

#: kramdown's `SQ_RULES`, tried in order at the scanner's position: each a pattern and
#: what it yields, a group's text as it is (an int) or a quote (a name, whose last
#: character names the group holding the quote character).
_RULES: tuple[tuple[re.Pattern[str], tuple[int | str, ...]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), substs)
    for pattern, substs in (
        (rf"""(["'])(?=[_*]{{1,2}}{_NOT_SPACE})""", ("lquote1",)),
        (rf"""(["'])(?={_PUNCT}(?!\.\.)\B)""", ("rquote1",)),
        (rf"""({_SPACE}?)"'(?={_WORD})""", (1, "ldquo", "lsquo")),
        (rf"""({_SPACE}?)'"(?={_WORD})""", (1, "lsquo", "ldquo")),
        (rf"""({_SPACE}?)'(?=[0-9][0-9]s)""", (1, "rsquo")),
        (rf"""({_SPACE})(['"])(?={_WORD})""", (1, "lquote2")),
        (rf"""({_CLOSE})(['"])""", (1, "rquote2")),
        (rf"""(["'])(?={_SPACE}|s\b|{_LINE_END})""", ("rquote1",)),
        (r"(.?)'", (1, "lsquo")),
        (r'(.?)"', (1, "ldquo")),
    )
)
_QUOTE_NAMES = {"lquote": ("lsquo", "ldquo"), "rquote": ("rsquo", "rdquo")}
_QUOTE_START = re.compile(r"""[^\\]?["']""", re.DOTALL)
#: kramdown's `TYPOGRAPHIC_SYMS`, longest first, and where one may start.
_SYMBOLS = re.compile(r"---|--|\.\.\.|<< | >>|<<|>>")
_SYMBOL_NAMES = {
    "---": "mdash",
    "--": "ndash",
    "...": "hellip",
    "<< ": "laquo_space",
    " >>": "raquo_space",
    "<<": "laquo",
    ">>": "raquo",
}
_SYMBOL_TEXT = {
    "mdash": "\u2014",
    "ndash": "\u2013",
    "hellip": "\u2026",
    "laquo_space": "\u00ab\u00a0",
    "raquo_space": "\u00a0\u00bb",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
}
_ANY_START = re.compile(r"""[^\\]?["']|--|\.\.\.| ?(?:<<|>>)""", re.DOTALL)


@dataclass(frozen=True)
class Typography:
    """kramdown's `smart_quotes` (four entity names or code points: left and right
    single, left and right double) and `typographic_symbols` (a symbol's name, such as
    `mdash`, to the text written for it) as a site sets them; `quotes` empty turns
    nothing off (kramdown always replaces quotes; a site changes only their form)."""

    quotes: tuple[str, str, str, str] = ("\u2018", "\u2019", "\u201c", "\u201d")
    symbols: Mapping[str, str] = field(default_factory=lambda: dict(_SYMBOL_TEXT))

    def quote(self, name: str) -> str:
        return self.quotes[("lsquo", "rsquo", "ldquo", "rdquo").index(name)]


DEFAULT = Typography()


def quote_character(value: str | int) -> str:
    """One `smart_quotes` item: an HTML entity name (`lsquo`) or a code point (`8216`),
    as kramdown's `Utils::Entities.entity` reads it; ValueError when it is neither."""
    if isinstance(value, int) or value.strip().isdigit():
        return chr(int(value))
    name = value.strip()
    if name in html.entities.name2codepoint:
        return chr(html.entities.name2codepoint[name])
    raise ValueError(f"unknown entity {name!r}")


def smarten(text: str, typography: Typography = DEFAULT) -> str:
    """`text`, one run of plain text, as kramdown's span parser writes it."""
    out: list[str] = []
    position = 0
    for start, end, replacement in edits(text, typography):
        out += (text[position:start], replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


def edits(text: str, typography: Typography = DEFAULT) -> list[tuple[int, int, str]]:
    """What kramdown's span parser replaces in `text`, one run of plain text: each a
    start, an end and the replacement, in order. Only quotes and symbols are replaced;
    the character before a quote, which the scanner reads with it, never is."""
    found_edits: list[tuple[int, int, str]] = []
    position = 0
    while (found := _ANY_START.search(text, position)) is not None:
        start = found.start()
        if _QUOTE_START.match(text, start):
            position = _quote(text, start, found_edits, typography)
            continue
        symbol = _SYMBOLS.match(text, start)
        if symbol is None:  # a space not followed by `>>`
            position = start + 1
            continue
        found_edits.append(
            (start, symbol.end(), typography.symbols.get(_SYMBOL_NAMES[symbol.group()], symbol.group()))
        )
        position = symbol.end()
    return found_edits


def _quote(text: str, start: int, found: list[tuple[int, int, str]], typography: Typography) -> int:
    """kramdown's `parse_smart_quotes` at `start`: the first rule that matches decides."""
    for pattern, substs in _RULES:
        match = pattern.match(text, start)
        if match is None:
            continue
        at = start
        for subst in substs:
            if isinstance(subst, int):
                at = match.end(subst)
                continue
            if subst[:-1] in _QUOTE_NAMES:
                single, double = _QUOTE_NAMES[subst[:-1]]
                name = double if match.group(int(subst[-1])) == '"' else single
            else:
                name = subst
            found.append((at, at + 1, typography.quote(name)))
            at += 1
        return match.end()
    raise AssertionError("the last rules match any quote")  # pragma: no cover


def add_typography(parser: MarkdownIt, typography: Typography = DEFAULT) -> None:
    """Run kramdown's typography on `parser`'s text tokens, before escapes and entities
    (`text_special` tokens, elements to kramdown) are joined into the text around them."""

    def rule(state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline" and token.children:
                _smarten_children(token.children, typography)

    parser.core.ruler.before("text_join", "kramdown_typography", rule)


def _smarten_children(children: Sequence[Token], typography: Typography) -> None:
    """Each run of `text` and `softbreak` tokens smartened as one text; image alt text,
    autolinks and the content of raw HTML elements (`sitegen.content.raw_spans`) skipped."""
    run: list[Token] = []
    skip = 0
    raw = raw_tokens(children)
    for index, token in enumerate([*children, None]):
        if token is not None and raw[index]:
            if token.type == "text_special" and token.info == "escape":
                token.content = token.markup  # kramdown reads no escapes in raw content
        elif token is not None and not skip and token.type in ("text", "softbreak"):
            run.append(token)
            continue
        if run:
            _smarten_run(run, _source_after(children, index), typography)
        run = []
        if token is None:
            break
        if token.type == "link_open" and token.markup in ("autolink", "linkify"):
            skip += 1
        elif token.type == "link_close" and skip:
            skip -= 1


#: How many characters after a run kramdown's rules look at (`[_*]{1,2}\S`, `\d\ds`).
_LOOKAHEAD = 4


def _source_after(children: Sequence[Token], index: int) -> str:
    """The Markdown source that follows a run, as far as kramdown's rules look ahead,
    rebuilt from the tokens from `index` on: a quote before `<b>` or `**` opens (its
    lookahead sees `<` or `*`), one at the end of the paragraph closes."""
    after = ""
    # Index rather than slice: a slice copies the rest of the paragraph for every run,
    # which made a long paragraph quadratic.
    while index < len(children) and len(after) < _LOOKAHEAD:
        after += _token_source(children[index])
        index += 1
    return after[:_LOOKAHEAD]


def _token_source(token: Token) -> str:
    if token.type in ("text", "html_inline"):
        return token.content
    if token.type == "code_inline":
        return token.markup + token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "link_open":
        return "<" if token.markup == "autolink" else "["
    if token.type == "link_close":
        return ">" if token.markup == "autolink" else "]("
    if token.type == "image":
        return "!["
    return token.markup


def _smarten_run(run: list[Token], after: str, typography: Typography) -> None:
    """The run's text joined (a line break read as one) and followed by the source
    after it, its edits put back into the text tokens they fall in: no edit spans two
    tokens."""
    texts = [token.content if token.type == "text" else "\n" for token in run]
    joined = "".join(texts)
    if not _ANY_START.search(joined):
        return
    pending = [edit for edit in edits(joined + after, typography) if edit[1] <= len(joined)]
    # One pass over the tokens and the edits together (both in order): a paragraph of
    # many lines and many quotes costs their sum, not their product.
    offset = 0
    next_edit = 0
    for token, text in zip(run, texts, strict=True):
        end = offset + len(text)
        pieces: list[str] = []
        position = 0
        while next_edit < len(pending) and pending[next_edit][0] < end:
            start, stop, replacement = pending[next_edit]
            pieces += (text[position : start - offset], replacement)
            position = stop - offset
            next_edit += 1
        if pieces and token.type == "text":
            pieces.append(text[position:])
            token.content = "".join(pieces)
        offset = end
