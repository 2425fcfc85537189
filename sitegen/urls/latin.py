"""I18n's default transliteration, which Jekyll's `slugify` applies in `latin` mode
(`Utils.slugify` calls `I18n.transliterate`, jekyll/lib/jekyll/utils.rb) before the
`default` rules.

The i18n gem (i18n/backend/transliterator.rb, `HashTransliterator`) replaces each
character outside ASCII by its entry in `DEFAULT_APPROXIMATIONS`, or by `?` when it has
none (which the `default` rules then turn into a hyphen). That table covers exactly the
Latin-1 Supplement letters and the Latin Extended-A block, U+00C0 to U+017E, less the
division sign U+00F7: every other character, a decomposed accent or `ſ` included, is `?`.
Inside that range an entry is the character's compatibility decomposition without its
marks (`é` is `e`, `Ĳ` is `IJ`, `Ŀ` is `L`), except for the letters that do not decompose
(ligatures, stroke letters, eth, thorn, `ß`...), which `_UNDECOMPOSED` spells as the gem
does.
"""

from __future__ import annotations

import unicodedata
from typing import Final

_FIRST, _LAST = 0x00C0, 0x017E
_NOT_APPROXIMATED: Final = frozenset({"\u00f7"})
_UNDECOMPOSED: Final = {
    "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Ŋ": "NG", "ŋ": "ng",
    "Þ": "Th", "þ": "th", "ß": "ss", "ŉ": "'n", "×": "x", "ĸ": "k", "ı": "i",
    "Ð": "D", "ð": "d", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ħ": "H", "ħ": "h",
    "Ł": "L", "ł": "l", "Ŧ": "T", "ŧ": "t",
}  # fmt: skip
"""The table's entries that the decomposition rule does not give (`ŉ` decomposes to a
modifier apostrophe, which the gem spells `'`)."""

REPLACEMENT: Final = "?"
"""`Transliterator::DEFAULT_REPLACEMENT_CHAR`."""


def _approximation(character: str) -> str:
    if character in _UNDECOMPOSED:
        return _UNDECOMPOSED[character]
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(part for part in decomposed if part.isascii())


APPROXIMATIONS: Final = {
    chr(code): _approximation(chr(code))
    for code in range(_FIRST, _LAST + 1)
    if chr(code) not in _NOT_APPROXIMATED
}
"""`HashTransliterator::DEFAULT_APPROXIMATIONS`, character by character."""

_TABLE: Final = str.maketrans(APPROXIMATIONS)


def transliterate(text: str) -> str:
    """`I18n.transliterate(text)` with the default rule: ASCII kept, every other
    character its approximation or `?`."""
    if text.isascii():
        return text
    approximated = text.translate(_TABLE)
    return "".join(character if character.isascii() else REPLACEMENT for character in approximated)
