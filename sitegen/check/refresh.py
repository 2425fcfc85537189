"""The URL of a `<meta http-equiv="refresh" content="…">`, read by the HTML standard's rules.

WHATWG HTML, "shared declarative refresh steps" (section 4.2.5.3): the content is a time
(digits, or digits and dots), then optionally `;` or `,`, then the URL, which may be
written `url=…` (any case, spaces around `=`) and quoted in `'` or `"` (the quote ends it).
A content without a URL refreshes the page itself; one that does not start with a time is
ignored by browsers. Both name nothing to check.
"""

from __future__ import annotations

__all__ = ["refresh_url"]

_WHITESPACE = "\t\n\f\r "
_DIGITS = "0123456789"


def refresh_url(content: str) -> str | None:
    """The URL a refresh with this `content` goes to, as written; None when it names none."""
    position, end = 0, len(content)

    def skip(chars: str) -> int:
        nonlocal position
        start = position
        while position < end and content[position] in chars:
            position += 1
        return position - start

    skip(_WHITESPACE)
    if not skip(_DIGITS) and (position >= end or content[position] != "."):
        return None
    skip(_DIGITS + ".")
    if position >= end:
        return None
    if content[position] not in ";," + _WHITESPACE:
        return None
    skip(_WHITESPACE)
    if position < end and content[position] in ";,":
        position += 1
    skip(_WHITESPACE)
    if position >= end:
        return None
    url_start = position
    # An optional `url=` (case-insensitive); without it, all that is left is the URL.
    if content[position : position + 3].lower() == "url":
        position += 3
        skip(_WHITESPACE)
        if position < end and content[position] == "=":
            position += 1
            skip(_WHITESPACE)
            url_start = position
        else:
            position = url_start
    quote = content[url_start : url_start + 1]
    if quote in ("'", '"'):
        url = content[url_start + 1 :]
        return url.split(quote, 1)[0]
    return content[url_start:]
