"""The URL a page's relative links resolve against: its first `<base href>`, as browsers read it.

HTML (the "frozen base URL" of a `base` element, and "document base URL"): the first
`base` element in the document with an `href` sets the base; its value is resolved
against the page's own URL, and one that does not parse, or names a `data:` or
`javascript:` URL, leaves the page's URL as the base. With a base, every reference
without a scheme resolves against it: a relative path against its folder, `/x` against
its host, and even `#top`, `?page=2` and an empty `href` name the base's document, not
the page. So a base on another host (or with a scheme other than `http:`/`https:`) sends
every such link off the site, where the checker does not follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

__all__ = ["DocumentBase", "document_base"]

_IGNORED_SCHEMES = frozenset({"data", "javascript"})
_WEB_SCHEMES = frozenset({"http", "https"})
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass(frozen=True, slots=True)
class DocumentBase:
    """Where a page's scheme-less links lead."""

    path: str | None
    """Root-relative, percent-encoded URL path (`/a/b.html`) relative links resolve
    against; None when the base is off the site (such links are not checked)."""
    declared: bool
    """True when a `<base href>` set it: a link without a path (`#top`, `?q=1`, ``)
    then names the base's document, which may not be the page."""
    web: bool = True
    """False when the base's scheme is not `http:`/`https:` (`ftp://example.com/`): a
    scheme-relative link (`//example.com/x/`) takes that scheme, so leaves the site."""


def document_base(
    page_url: str, base_href: str | None, is_own_host: Callable[[SplitResult], bool]
) -> DocumentBase:
    """The base of the page at `page_url` (a percent-encoded root-relative path) whose
    first `<base href>` is `base_href` (None without one); `is_own_host` tells whether an
    absolute URL's host is the site's. Never raises: a base that does not parse is ignored."""
    if base_href is None:
        return DocumentBase(page_url, declared=False)
    # The URL parser drops leading and trailing spaces and controls, and tabs and line
    # breaks anywhere.
    href = base_href.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    try:
        parts = urlsplit(href)
        _ = parts.port  # a port that is not a number fails to parse
    except ValueError:
        return DocumentBase(page_url, declared=False)
    scheme = parts.scheme.lower()
    if scheme in _IGNORED_SCHEMES:
        return DocumentBase(page_url, declared=False)
    if scheme and scheme not in _WEB_SCHEMES:
        return DocumentBase(None, declared=True, web=False)
    if scheme or parts.netloc:
        if not is_own_host(parts):
            return DocumentBase(None, declared=True)
        return DocumentBase(parts.path or "/", declared=True)
    return DocumentBase(urlsplit(urljoin(page_url, href)).path or page_url, declared=True)
