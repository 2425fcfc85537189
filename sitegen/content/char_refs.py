"""The character a numeric character reference (`&#147;`, `&#x2014;`) stands for.

Legacy and crawled text is full of Windows-1252 references: `&#147;hello&#148;`,
`&#150;`, `&#128;5`, `&#153;`. Every HTML5 browser reads them as the Windows-1252
characters (“hello” – €5 ™: the WHATWG HTML standard's "numeric character reference end
state" table), and so does kramdown, Jekyll's Markdown converter (the code point pairs at
the end of `ENTITY_TABLE` in kramdown/lib/kramdown/utils/entities.rb). markdown-it-py
instead writes U+FFFD for each (its `isValidEntityCode` rejects the whole C1 range), so
`install` makes markdown-it read every numeric reference with `reference_text`: in
text (its `entity` rule) and in link titles and destinations (its `unescapeAll`, run by
the link helpers), where it kept a reference it refused as text (`&amp;#147;`).

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
import types
from collections.abc import Callable, Mapping

from markdown_it import MarkdownIt, helpers
from markdown_it.common.entities import entities
from markdown_it.common.utils import DIGITAL_ENTITY_BASE10_RE, DIGITAL_ENTITY_BASE16_RE, UNESCAPE_ALL_RE
from markdown_it.helpers import parse_link_destination, parse_link_title
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


def unescape_all(text: str) -> str:
    """markdown-it's `unescapeAll` (backslash escapes and references in a link's title
    and destination, by its own patterns), a numeric reference read by `reference_text`."""

    def replace(found: re.Match[str]) -> str:
        escaped, name = found.group(1, 2)
        if escaped:
            return str(escaped)
        if name in entities:
            return str(entities[name])
        if numeric := DIGITAL_ENTITY_BASE10_RE.fullmatch(name):
            return reference_text(int(numeric.group(1)))
        if numeric := DIGITAL_ENTITY_BASE16_RE.fullmatch(name):
            return reference_text(int(numeric.group(1), 16))
        return found.group()

    return text if "\\" not in text and "&" not in text else UNESCAPE_ALL_RE.sub(replace, text)


def _with_unescape(helper: Callable[..., object]) -> Callable[..., object]:
    """`helper`, one of markdown-it's link helpers, calling `unescape_all` where it
    called `unescapeAll`: the same code with that one name bound differently."""
    names = {**helper.__globals__, "unescapeAll": unescape_all}
    return types.FunctionType(
        helper.__code__, names, helper.__name__, helper.__defaults__, helper.__closure__
    )


def install(parser: MarkdownIt) -> None:
    """Make `parser` write numeric references by `reference_text`: its `entity` rule runs
    as before (named references, token positions), and a numeric one's text is redone;
    its link helpers unescape with `unescape_all`."""
    own = {name: getattr(helpers, name) for name in helpers.__all__}  # the module is shared
    own["parseLinkTitle"] = _with_unescape(parse_link_title.parseLinkTitle)
    own["parseLinkDestination"] = _with_unescape(parse_link_destination.parseLinkDestination)
    parser.helpers = types.SimpleNamespace(**own)  # type: ignore[assignment]

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
