"""Broken Liquid made renderable: every broken tag found, named, and cut out alone.

Jekyll stops the build at the first Liquid syntax error (`liquid/block_body.rb`,
`liquid/block.rb`); sitegen publishes the page instead, without the broken markup but
with every word around it, and reports each broken tag with its line. The text is split
the way Ruby Liquid's tokenizer splits it (`liquid/tokenizer.rb`: `{%.*?%}` and
`{{.*?}}?`, else a lone `{{` or `{%`), so an unterminated `{{` loses just its markup,
as in Jekyll's error message. Each tag is then checked on its own and block tags are
matched with a stack, so one broken tag never takes the rest of the text with it.

Only text whose strict parse failed comes here: a correct page pays nothing for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sitegen.liquid.ruby_syntax import TOKENS

_TAG_NAME = re.compile(r"\{%-?\s*(\w+|#)")
#: Block tags and their end tags, and the tags that may stand inside each block.
_BLOCKS = {
    "if": "endif",
    "unless": "endunless",
    "case": "endcase",
    "for": "endfor",
    "tablerow": "endtablerow",
    "capture": "endcapture",
    "highlight": "endhighlight",
    "ifchanged": "endifchanged",
}
_ENDS = {end: name for name, end in _BLOCKS.items()}
_MIDDLES = {"else": ("if", "unless", "case", "for"), "elsif": ("if", "unless"), "when": ("case",)}
#: How a middle tag is checked on its own: inside the smallest block that allows it.
_MIDDLE_CHECK = {
    "else": ("{% if true %}", "{% endif %}"),
    "elsif": ("{% if true %}", "{% endif %}"),
    "when": ("{% case 1 %}", "{% endcase %}"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    """One line saying what is wrong, in the words of the markup as written."""
    offset: int
    """Where in the original text the broken markup starts."""


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    problems: tuple[Problem, ...]
    pieces: tuple[tuple[int, int], ...]
    """(offset in `text`, offset in the original) where each kept piece starts, in order:
    a position in the repaired text maps back to a line of the original."""

    def original_offset(self, offset: int) -> int:
        best = (0, 0)
        for piece in self.pieces:
            if piece[0] > offset:
                break
            best = piece
        return best[1] + offset - best[0]


@dataclass(slots=True)
class _Open:
    name: str
    index: int
    """Index of the opener in the kept pieces, blanked if the block is never closed."""
    middles: list[int]
    dropped: bool
    offset: int


def repair(text: str, parses: Callable[[str], bool]) -> Repaired:
    """`text` without its broken Liquid, and what was broken; `parses` tells whether a
    piece of Liquid parses strictly on its own."""
    kept: list[tuple[int, str]] = []  # (original offset, text); "" for a removed piece
    problems: list[Problem] = []
    stack: list[_Open] = []

    def drop(offset: int, message: str) -> None:
        problems.append(Problem(message, offset))

    position = 0
    for match in TOKENS.finditer(text):
        if match.start() > position:
            kept.append((position, text[position : match.start()]))
        position = match.end()
        markup = match.group()
        start = match.start()
        if match.group("opaque") is not None:
            kept.append((start, markup))
        elif match.group("opener") is not None or (match.group("output") and not markup.endswith("}}")):
            what = "Variable" if markup.startswith("{{") else "Tag"
            drop(start, f"{what} '{_short(markup)}' was not properly terminated")
        elif match.group("output") is not None:
            if parses(markup):
                kept.append((start, markup))
            else:
                drop(start, f"cannot read '{_short(markup)}'")
        else:
            _tag(markup, start, kept, stack, parses, drop)
    if position < len(text):
        kept.append((position, text[position:]))
    for block in reversed(stack):
        _close_unclosed(block, kept, drop)
    problems.sort(key=lambda problem: problem.offset)
    pieces: list[tuple[int, int]] = []
    parts: list[str] = []
    length = 0
    for original, piece in kept:
        if piece:
            pieces.append((length, original))
            parts.append(piece)
            length += len(piece)
    return Repaired("".join(parts), tuple(problems), tuple(pieces))


def _tag(
    markup: str,
    start: int,
    kept: list[tuple[int, str]],
    stack: list[_Open],
    parses: Callable[[str], bool],
    drop: Callable[[int, str], None],
) -> None:
    name_match = _TAG_NAME.match(markup)
    name = name_match.group(1) if name_match else ""
    if name in _BLOCKS:
        ok = parses(markup + "{% " + _BLOCKS[name] + " %}")
        if not ok:
            drop(start, f"cannot read '{_short(markup)}'")
        stack.append(_Open(name, len(kept), [], not ok, start))
        kept.append((start, markup if ok else ""))
    elif name in _MIDDLES:
        if not stack or stack[-1].name not in _MIDDLES[name]:
            drop(start, f"'{name}' outside a block that allows it")
            return
        before, after = _MIDDLE_CHECK[name]
        if stack[-1].dropped:
            return
        if not parses(before + markup + after):
            drop(start, f"cannot read '{_short(markup)}'")
            return
        stack[-1].middles.append(len(kept))
        kept.append((start, markup))
    elif name in _ENDS:
        opener = _ENDS[name]
        if not any(block.name == opener for block in stack):
            drop(start, f"'{name}' without an open '{opener}'")
            return
        while stack[-1].name != opener:
            _close_unclosed(stack.pop(), kept, drop)
        block = stack.pop()
        if not block.dropped:
            kept.append((start, markup))
    elif parses(markup):
        kept.append((start, markup))
    else:
        drop(start, f"cannot read '{_short(markup)}'" if name else f"Tag '{_short(markup)}' has no name")


def _close_unclosed(block: _Open, kept: list[tuple[int, str]], drop: Callable[[int, str], None]) -> None:
    if not block.dropped:
        drop(block.offset, f"'{block.name}' tag was never closed")
    for index in (block.index, *block.middles):
        kept[index] = (kept[index][0], "")


def _short(markup: str) -> str:
    """The markup on one line: a tag spread over lines is named whole, not by its `{%`."""
    line = " ".join(markup.split())
    return line if len(line) <= 60 else line[:57] + "…"
