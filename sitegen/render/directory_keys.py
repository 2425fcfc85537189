"""How a reader finds a category among thousands: by the pinyin of its displayed title.

Chinese readers look a name up by its pinyin initials (the order of a Chinese dictionary's
index and of every phone's contact list): 东财滚动新闻 under D, 21世纪经济报道 under 0-9,
and typing `cj` finds 财经. The slug (`emnews`, `cat0001`) is what the crawler wrote, not
what the reader sees, so it only joins the filter's keys, never picks the group.

pypinyin reads whole words, so a character with several readings gets the one the word
uses (重庆 → chongqing, under C, not Z); a lighter GB2312 code-range lookup would get
those wrong and know nothing of characters outside GB2312's first level.
"""

from __future__ import annotations

#: The group of titles that start with a digit, and of titles that start with anything else.
DIGITS_GROUP = "0-9"
OTHER_GROUP = "#"


def pinyin_initials(title: str) -> str:
    """Lower-case initials of the title's Chinese words, other text kept as written:
    `21世纪经济报道` → `21sjjjbd`, `《财经》` → `《cj》`."""
    # Imported here: its dictionaries take a quarter of a second to load, which only the
    # build that renders the directory should pay.
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(title, style=Style.FIRST_LETTER)).lower()


def group_key(initials: str) -> str:
    """`A`–`Z` by the first letter or digit of the initials, `0-9` for a digit, `#` when
    the title has neither (only punctuation, or a script pypinyin does not read)."""
    for character in initials:
        if "a" <= character <= "z":
            return character.upper()
        if "0" <= character <= "9":
            return DIGITS_GROUP
    return OTHER_GROUP


def group_order(key: str) -> tuple[int, str]:
    """Letters first, then `0-9`, then `#`, as a dictionary's index runs."""
    return (0 if len(key) == 1 and key.isalpha() else 1 if key == DIGITS_GROUP else 2, key)


def filter_keys(name: str, initials: str) -> str:
    """What the directory's filter box matches besides the title: the initials, and the
    slug (often the source's full pinyin, `xinjingbao`), each once."""
    slug = name.lower()
    return initials if slug == initials else f"{initials} {slug}"
