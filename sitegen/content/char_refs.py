"""The character a numeric character reference (`&#147;`, `&#x2014;`) stands for.

Legacy and crawled text is full of Windows-1252 references: `&#147;hello&#148;`,
`&#150;`, `&#128;5`, `&#153;`. Every HTML5 browser reads them as the Windows-1252
characters (“hello” – €5 ™: the WHATWG HTML standard's "numeric character reference end
state" table), and so does kramdown, Jekyll's Markdown converter (the code point pairs at
the end of `ENTITY_TABLE` in kramdown/lib/kramdown/utils/entities.rb). markdown-it-py
instead writes U+FFFD for each (its `isValidEntityCode` rejects the whole C1 range), so
`install` replaces its reference rule with `reference_text`.

The rule, the browser's:
- 0x80-0x9F: the Windows-1252 character (`_WINDOWS_1252`); the five codes that table
  leaves out stay the C1 control they name;
- 0, a surrogate, or above U+10FFFF: U+FFFD (kramdown writes bytes that are not UTF-8
  there, which a browser shows as U+FFFD);
- a control character other than ASCII whitespace (the C1 controls just named included)
  and a noncharacter (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF): U+FFFD. A browser keeps these,
  and kramdown writes them, but as characters in a page each is an HTML parse error
  (`control-character-in-input-stream`, `noncharacter-in-input-stream`) and XML forbids
  most of them, so sitegen writes U+FFFD as markdown-it did;
- anything else: the character itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.entity import entity as markdown_it_entity

#: WHATWG's table, the same pairs as kramdown's `ENTITY_TABLE`: a reference to one of
#: these codes means the Windows-1252 character of that byte.
_WINDOWS_1252: Mapping[int, str] = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}

#: markdown-it's own pattern for a numeric reference (CommonMark: at most 7 decimal or
#: 6 hexadecimal digits), from markdown_it/rules_inline/entity.py.
_NUMERIC = re.compile(r"&#((?:x[a-f0-9]{1,6}|[0-9]{1,7}));", re.IGNORECASE)


def kramdown_character(code: int) -> str:
    """The character kramdown reads a reference to `code` (at most U+10FFFF) as: the
    Windows-1252 one for a code in that table, else the code point itself."""
    return _WINDOWS_1252.get(code) or chr(code)


def reference_text(code: int) -> str:
    """The text a numeric character reference to `code` is written as (module docstring)."""
    mapped = _WINDOWS_1252.get(code)
    if mapped is not None:
        return mapped
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or _is_forbidden(code):
        return "\ufffd"
    return chr(code)


def _is_forbidden(code: int) -> bool:
    """A control other than ASCII whitespace, or a noncharacter."""
    if code < 0x20:
        return code not in (0x09, 0x0A, 0x0C, 0x0D)
    return 0x7F <= code <= 0x9F or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def install(parser: MarkdownIt) -> None:
    """Make `parser` write numeric references by `reference_text`: its `entity` rule runs
    as before (named references, token positions), and a numeric one's text is redone."""

    def entity(state: StateInline, silent: bool) -> bool:
        count = len(state.tokens)
        if not markdown_it_entity(state, silent):
            return False
        if not silent and len(state.tokens) > count:
            token = state.tokens[-1]
            found = _NUMERIC.fullmatch(token.markup)
            if found is not None:
                digits = found.group(1)
                code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
                token.content = reference_text(code)
        return True

    parser.inline.ruler.at("entity", entity)
