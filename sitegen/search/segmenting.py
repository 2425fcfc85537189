"""Chinese search that finds every post containing a query, whatever the word boundaries.

Pagefind's extended binary cuts Chinese into dictionary words when it indexes (京东 is
one word), while its browser code cuts the query with the browser's own dictionary
(`Intl.Segmenter`, which in Chromium gives 京|东): the two dictionaries disagree on
everyday words, so a two-character query often finds nothing. Neither side can be told
to use the other's dictionary in Pagefind 1.5.2.

So both sides are made to agree on the one segmentation that needs no dictionary:
every Han character is a word. Here, in the private copy of each post page handed to
Pagefind, a zero-width space goes between every two adjacent Han characters of the
text (never inside tags, scripts, styles or comments); Pagefind splits words at it, and
it already treats zero-width spaces as invisible word separators when it builds
excerpts, so excerpts read as before. The search page then turns a query into an exact
phrase of single characters (`processTerm` in `templates/search.html`), so
a query finds exactly the posts whose title or body contains it as a substring. The
published pages are untouched.
"""

from __future__ import annotations

import re

#: Han characters: CJK Unified Ideographs, Extension A, compatibility ideographs and
#: the supplementary-plane extensions. The same ranges are written in the search
#: page's script, so the query is cut where the index was.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_SEPARATOR = "\u200b"
_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")
#: Markup whose text is not page text: scripts, styles, comments, and the tags themselves.
_NOT_TEXT = re.compile(
    r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.DOTALL | re.IGNORECASE
)


def segment_han(html: bytes) -> bytes:
    """`html` with a zero-width space between every two adjacent Han characters of its
    text; markup and every other character keep their bytes."""
    text = html.decode("utf-8", "surrogateescape")
    pieces = _NOT_TEXT.split(text)
    # split() with one capturing group alternates text (even) and markup (odd).
    cut = [piece if index % 2 else _BETWEEN_HAN.sub(_SEPARATOR, piece) for index, piece in enumerate(pieces)]
    return "".join(cut).encode("utf-8", "surrogateescape")
