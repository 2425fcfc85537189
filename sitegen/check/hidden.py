"""Pages whose links a browser never shows (`sitegen check`).

A link checker that parses the file finds every `<a href>` in it, but a browser stops
reading markup at a `<script>`, `<!--` or `<template>` that is never closed: the
back links and footer after it become script text, a comment or inert template
content. Such a page is reported by the same end-state scan of the WHATWG tokenizer
the build closes bodies with (`sitegen.open_markup`), so a tree built by
anything (Jekyll copies a cut-off body as written) is checked for it.
"""

from __future__ import annotations

import re

from sitegen.open_markup import open_at_end

# What a link or a loaded resource looks like in the markup after the construct: the
# attributes `sitegen.check.url_attributes` reads (a refresh's `content` left out, as
# most `content` attributes hold no URL).
_LINK_ATTRIBUTE = re.compile(r"""[\s"'](?:href|src|srcset|imagesrcset|poster|data)\s*=""", re.IGNORECASE)


def hidden_links(markup: bytes) -> str:
    """ "" or why the page's links after some point are hidden from a browser.

    Read as Latin-1: the characters that make markup (`<`, `>`, quotes, `-`, `!`) are
    the same bytes in UTF-8 and in the older Chinese encodings (GBK), and every byte
    reads as some character, so no page fails to decode."""
    text = markup.decode("latin-1")
    opened = open_at_end(text)
    if not opened:
        return ""
    first = opened[0]
    if _LINK_ATTRIBUTE.search(text, first.start + 1) is None:
        return ""
    line = text.count("\n", 0, first.start) + 1
    # The name was read as Latin-1 (above); its shortening mark `…` is no Latin-1 character.
    shown = first.name.removesuffix("…")
    name = shown.encode("latin-1").decode("utf-8", "replace") + first.name[len(shown) :]
    return f"line {line}: {name} is never closed, so a browser shows none of the links after it"
