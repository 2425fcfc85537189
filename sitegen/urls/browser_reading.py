"""A URL with a backslash or a control character, read as a browser reads it.

Jekyll 4.3 writes a post with `categories: 'a\\b'` at the literal path `a\\b/2022/…`
and links to `/a\\b/2022/…`; but the WHATWG URL Standard's parser (the "path state" of
<https://url.spec.whatwg.org/#path-state>) reads a `\\` in an http(s) URL as `/`, so a
browser asks for `/a/b/2022/…` and Jekyll's page is never reached. The parser also
removes every tab, line feed and carriage return from a URL before reading it ("basic
URL parser", step 3), and percent-encodes the other control characters, which would
then have to be file names no deploy tool or Windows file system holds.

sitegen publishes such a page where its links lead: at the URL a browser reads, each
backslash a `/`, each control character taken out, `.`/`..` segments that makes
resolved as a browser resolves them. Every link sitegen writes to it (listings, 返回
links, the sitemap, the feed) is made from that one URL, so every link resolves; the
loader says once, naming the file, that the URL is not the one written.
"""

from __future__ import annotations

import re

_UNREADABLE = re.compile(r"[\\\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def browser_url(url: str) -> str:
    """`url` (unescaped and resolved, starting with `/`) as a browser reads it: each
    `\\` a `/`, control characters taken out, then empty, `.` and `..` segments resolved
    (never above the top). A URL that then ends in a folder (`/a\\`, `/a/b\\..`) is a
    folder URL. Every other URL comes back unchanged."""
    if not _UNREADABLE.search(url):
        return url
    text = browser_text(url)
    parts = text.split("/")
    segments: list[str] = []
    for part in parts:
        if part == "..":
            if segments:
                segments.pop()
        elif part not in ("", "."):
            segments.append(part)
    folder = parts[-1] in ("", ".", "..")
    return "/" + "/".join(segments) + ("/" if folder and segments else "")


def browser_text(text: str) -> str:
    """URL text with each `\\` a `/` and control characters taken out, unresolved: what a
    browser reads of a permalink, whose extension is read from it (`permalink_ext`)."""
    return _CONTROL.sub("", text.replace("\\", "/")) if _UNREADABLE.search(text) else text


def browser_reading_note(written: str, read: str) -> str | None:
    """What a warning says of a URL `browser_url` changed, or None when it did not."""
    if written == read:
        return None
    return (
        f"its URL {written[:80]!r} holds a backslash or a control character, which browsers "
        f"read as '/' or leave out; published at {read[:80]}, where its links lead"
    )
