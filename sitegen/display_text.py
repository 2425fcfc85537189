"""Text sitegen prints from front matter and settings: when it counts as empty, and the
characters no HTML or XML page may carry.

A title, tag or setting a reader sees as nothing is as empty as `""`: a space of any
Unicode width (the full-width U+3000 of Chinese crawled text, the no-break U+00A0), a
format character (zero-width space U+200B, joiner U+200D, byte-order mark U+FEFF), a
control character, or the Hangul and Braille fillers fonts draw as blanks. Wherever
sitegen falls back from an empty text (a category's title, a feed's title, a category
term, the news publication name), it falls back from a blank one too, so no headline,
link or feed field is printed empty.

The C0 controls other than tab, LF and CR (and the non-characters U+FFFE, U+FFFF) are
what XML 1.0 forbids (section 2.2) and what HTML calls a parse error
("control-character-in-input-stream", HTML Living Standard 13.2.3.5): they carry nothing a
reader could see, so they are dropped from every text sitegen writes.
"""

from __future__ import annotations

import re
import unicodedata

#: What XML 1.0 and HTML both refuse in text: C0 controls but tab, LF and CR; U+FFFE, U+FFFF.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Unicode categories a reader sees nothing of: controls, format characters, separators.
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_SPACE_RUN = re.compile(" {2,}")
#: Categories of characters drawn as space, and of characters drawn as nothing.
_SPACES = frozenset({"Zs", "Zl", "Zp"})
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf"})
#: Letters fonts draw as blanks (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing: every character is whitespace of any kind, a
    format or control character, or a blank filler (`""` is blank)."""
    return all(
        character.isspace()
        or character in _BLANK_LETTERS
        or unicodedata.category(character) in _BLANK_CATEGORIES
        for character in text
    )


def visible_form(text: str) -> str:
    """`text` as a reader sees it in a browser: two texts with the same visible form cannot
    be told apart on a page, so sitegen compares names shown to readers by it.

    - NFC: a letter written composed or decomposed (`é`, `e` + U+0301) is drawn alike.
    - Characters drawn as nothing are dropped: format characters (category Cf: zero-width
      space U+200B, joiners, the byte-order mark U+FEFF, direction marks) and controls
      other than whitespace.
    - Each run of blank space is one space and none is at either end: HTML collapses runs
      of spaces, tabs and line breaks and drops them at a line's edges (CSS Text 3, 4.1.1
      "Phase I: Collapsing and Transformation"); the width of a gap (U+00A0, U+3000, a tab,
      a Hangul filler) is nothing a reader tells two names apart by.

    Letters are otherwise kept as written: case and full-width forms (`Ａ`, `A`) show."""
    characters = []
    for character in unicodedata.normalize("NFC", text):
        if character.isspace() or character in _BLANK_LETTERS or unicodedata.category(character) in _SPACES:
            characters.append(" ")
        elif unicodedata.category(character) not in _INVISIBLE_CATEGORIES:
            characters.append(character)
    return _SPACE_RUN.sub(" ", "".join(characters)).strip(" ")


def shown(text: str) -> str:
    """`text` without the characters no HTML or XML page may carry."""
    return FORBIDDEN_CHARACTERS.sub("", text)


def language_tag(lang: str) -> str:
    """A `lang` setting as the BCP 47 tag `<html lang>` and `xml:lang` take (RFC 5646):
    `en_US`, the POSIX locale form README accepts, is `en-US`."""
    return lang.strip().replace("_", "-")
