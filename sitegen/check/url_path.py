"""A link's URL path as a browser requests it: the reference cleaned as the URL parser
cleans it, and its dot segments removed (WHATWG URL standard; RFC 3986 section 5.2.4)."""

from __future__ import annotations

import re

__all__ = ["as_parsed", "normalise_path"]

# RFC 3986 scheme syntax, the same test `urlsplit` applies.
_SCHEME = re.compile(r"\s*[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEMES = frozenset({"http", "https"})
# The URL parser drops these around a URL, and tabs and line breaks anywhere in it.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TABS_AND_LINE_BREAKS = str.maketrans("", "", "\t\n\r")


def as_parsed(href: str) -> str:
    """`href` as the URL parser reads it: spaces and controls around it dropped, tabs and
    line breaks inside removed, and, for `http:`/`https:` and scheme-less references
    (which take the site's web scheme), `\\` before any `?` or `#` read as `/`."""
    href = href.strip(_C0_AND_SPACE).translate(_TABS_AND_LINE_BREAKS)
    scheme = _SCHEME.match(href)
    if scheme is None or scheme.group()[:-1].lower() in _WEB_SCHEMES:
        ends = [index for index in (href.find("?"), href.find("#")) if index >= 0]
        cut = min(ends, default=len(href))
        href = href[:cut].replace("\\", "/") + href[cut:]
    return href


def normalise_path(path: str) -> str:
    """Remove `.`/`..` segments and empty segments from a root-relative path.

    RFC 3986 section 5.2.4 ("remove_dot_segments") and the WHATWG URL parser: a `..` at
    the root stays at the root, so `/../x.html` is requested as `/x.html`. Empty segments
    (`a//b`) are merged, as common static servers do; a trailing slash is kept.
    """
    segments = path.split("/")[1:]
    kept: list[str] = []
    for index, segment in enumerate(segments):
        is_last = index == len(segments) - 1
        if segment == "..":
            if kept:
                kept.pop()
        elif segment and segment != ".":
            kept.append(segment)
            continue
        if is_last:
            kept.append("")  # `a/.`, `a/..` and `a/` all name a folder
    return "/" + "/".join(kept)
