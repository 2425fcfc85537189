"""Ruby's `String#capitalize`, which Jekyll's `Utils.titleize_slug` (utils.rb) applies
to each word of a file name's slug to make the title of a document without one.

Ruby (string.c, Onigmo's `onigenc_unicode_case_map`) maps each character on its own:
the first to its full titlecase (`ß` → `Ss`, `ŉ` → `ʼN`, `ǆ` → `ǅ`), every other to its
full lowercase (`İ` → `i̇`). It has no context rules, so a final capital sigma becomes
`σ`, never `ς` (`ΣΑΣ` → `Σασ`) as Python's `str.capitalize` makes it, and a Georgian
Mtavruli capital is titlecased to its Mkhedruli letter (`Ა` → `ა`), as Onigmo's
special case for Georgian has it. Checked against `ruby -e 'p s.capitalize'` (3.1).
"""

from __future__ import annotations

#: Georgian Mtavruli capitals (U+1C90–U+1CBF, less the two unassigned): Onigmo titlecases
#: each to the Mkhedruli letter 0x1C90 − 0x10D0 below it.
_MTAVRULI = range(0x1C90, 0x1CC0)
_MTAVRULI_TO_MKHEDRULI = 0x1C90 - 0x10D0


def ruby_capitalize(word: str) -> str:
    """`word.capitalize` as Ruby computes it for UTF-8 text."""
    if not word:
        return word
    first = word[0]
    if ord(first) in _MTAVRULI and first.lower() != first:
        head = chr(ord(first) - _MTAVRULI_TO_MKHEDRULI)
    else:
        head = first.title()
    return head + "".join(character.lower() for character in word[1:])
