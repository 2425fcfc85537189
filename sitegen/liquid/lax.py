"""Liquid text as Jekyll reads it: every tag its strict parser refuses, read leniently.

Jekyll's default `liquid: error_mode: warn` (jekyll/configuration.rb) reads a tag or a
`{{ … }}` that Ruby Liquid's strict parser refuses with the tag's lax parser instead
(`liquid/parser_switching.rb`), and builds the page; python-liquid has no such fallback.
So before python-liquid parses a text, each tag and output Jekyll would read leniently
is rewritten into the markup python-liquid reads the same way (`sitegen.liquid.lax_tags`),
and named as a warning with its line. Markup Ruby reads strictly is left as written,
and so is markup Ruby refuses too: python-liquid refuses it, and it stays an error.

The text is split as Ruby Liquid's tokenizer splits it (`liquid/tokenizer.rb`) and each
tag as `BlockBody::FullToken` reads it (block_body.rb). A rewritten tag keeps the line
breaks it had, so every line of the text stays where it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.liquid.lax_tags import lax_output, lax_tag
from sitegen.liquid.ruby_syntax import TOKENS

_FULL_TAG = re.compile(r"\{%(-?)\s*(#|\w+)\s*(.*?)(-?)%\}", re.ASCII | re.DOTALL)
_OUTPUT = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.DOTALL)
#: Ruby Liquid's block tags (and Jekyll's `highlight`): what an end tag or `else` closes.
_BLOCKS = frozenset(("if", "unless", "case", "for", "tablerow", "capture", "ifchanged", "highlight"))
_MANGLED = re.compile(r"ʀ([0-9a-f]*)")
_EMPTY_OUTPUT = re.compile(r"\{\{-?[ \t\n\v\f\r]*-?\}\}")


@dataclass(frozen=True, slots=True)
class Lenient:
    """A tag read leniently, as Jekyll reads it: nothing of it is left out of the page."""

    message: str
    line: int
    """1-based line of the tag in the text."""


@dataclass(frozen=True, slots=True)
class JekyllReading:
    text: str
    """The text with every leniently read tag rewritten; its lines are the original's."""
    lenient: tuple[Lenient, ...]


def read_as_jekyll(text: str) -> JekyllReading:
    """`text` with each tag Jekyll reads leniently written as python-liquid reads it."""
    if "{" not in text:
        return JekyllReading(text, ())
    pieces: list[str] = []
    lenient: list[Lenient] = []
    open_blocks: list[str] = []
    position = 0
    line = 1
    for match in TOKENS.finditer(text):
        markup = match.group()
        delimited = None
        if match.group("tag") is not None:
            delimited = _tag(markup, open_blocks)
        elif match.group("output") is not None and markup.endswith("}}"):
            delimited = _output(markup)
        if delimited is None:
            continue
        opening, inner, closing = delimited
        lost = markup.count("\n") - inner.count("\n")
        if lost < 0:  # a value read twice (`limit:` inside the collection): not rewritten
            continue
        # Padded with the line breaks it lost, so each later line stays where it was.
        rewritten = f"{opening} {inner} {chr(10) * lost}{closing}"
        line += text.count("\n", position, match.start())
        pieces.append(text[position : match.start()])
        pieces.append(rewritten)
        # Ruby's strict parser reads `{{ }}`; and a rewriting that changed nothing but
        # spacing (python-liquid needed the markup spelt out, `true` read as written)
        # changed nothing an author wrote: a warning quoting it unchanged says nothing.
        if not _EMPTY_OUTPUT.fullmatch(markup) and _unspaced(rewritten) != _unspaced(markup):
            note = f"'{_short(markup)}' read leniently, as Jekyll reads it: {_shown(rewritten)}"
            lenient.append(Lenient(note, line))
        line += markup.count("\n")
        position = match.end()
    if not pieces:
        return JekyllReading(text, ())
    pieces.append(text[position:])
    return JekyllReading("".join(pieces), tuple(lenient))


def _tag(markup: str, open_blocks: list[str]) -> tuple[str, str, str] | None:
    found = _FULL_TAG.fullmatch(markup)
    if found is None:
        return None
    left, name, inner, right = found.groups()
    innermost = open_blocks[-1] if open_blocks else None
    if name in _BLOCKS:
        open_blocks.append(name)
    elif name.startswith("end") and name[3:] in open_blocks:
        # Ruby Liquid reads no markup on the tag that closes the innermost block.
        closes_innermost = name[3:] == innermost
        while open_blocks.pop() != name[3:]:
            pass
        if not closes_innermost:
            return None
    elif name.startswith("end"):
        return None
    rewritten = lax_tag(name, inner, innermost)
    if rewritten is None:
        return None
    return "{%" + left, f"{name} {rewritten}".rstrip(" "), right + "%}"


def _output(markup: str) -> tuple[str, str, str] | None:
    found = _OUTPUT.fullmatch(markup)
    if found is None:
        return None
    left, inner, right = found.groups()
    rewritten = lax_output(inner)
    return None if rewritten is None else ("{{" + left, rewritten, right + "}}")


def _unspaced(markup: str) -> str:
    return "".join(markup.split())


def _shown(markup: str) -> str:
    """The rewritten markup as the warning shows it: a reserved name spelt as written."""
    shown = _MANGLED.sub(
        lambda found: '["' + bytes.fromhex(found.group(1)).decode("utf-8", "replace") + '"]', markup
    )
    return _short(shown)


def _short(markup: str) -> str:
    line = " ".join(markup.split())
    return line if len(line) <= 80 else line[:77] + "…"
