"""The URLs one page fetches or links to, and its `<base href>`, read with bs4 and lxml.

Which attributes hold such URLs, and how each is read, is `sitegen.check.url_attributes`."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

# bs4 documents `from bs4 import SoupStrainer` but leaves the name out of its `__all__`
# (4.13+ defines it in `bs4.filter`, which older releases lack), hence the ignore.
from bs4 import (  # type: ignore[attr-defined]
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    SoupStrainer,
    Tag,
    XMLParsedAsHTMLWarning,
)

from sitegen.check.url_attributes import URL_ELEMENTS, element_urls

__all__ = ["PageLinks", "page_links", "strainer"]


@dataclass(frozen=True, slots=True)
class PageLinks:
    """A page's link values in document order, and the `href` of its first `base`
    element that has one (None when none has)."""

    hrefs: tuple[str, ...]
    base_href: str | None


def strainer() -> SoupStrainer:
    """The tags `page_links` reads: link tags and `base`."""
    return SoupStrainer([*URL_ELEMENTS, "base"])


def page_links(markup: bytes, only: SoupStrainer) -> PageLinks:
    """The URLs of one page in document order, as written, and its base.

    Bytes go to bs4 undecoded so it honours the page's declared charset (older Chinese
    sites still serve GBK). The strainer (`strainer()`) keeps bs4 from building the rest
    of the tree, which cuts parse time by about a third; lxml still reads the whole page.
    """
    with warnings.catch_warnings():
        # A tiny page that looks like a URL, or an XHTML page, is still just a page here.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml", parse_only=only)
    links: list[str] = []
    base_href: str | None = None
    # The strained soup holds little but the wanted tags, so walking it beats `find_all`.
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        if node.name == "base":
            value = node.get("href")
            if base_href is None and isinstance(value, str):
                base_href = value
        else:
            links.extend(element_urls(node.name, node.attrs))
    return PageLinks(tuple(links), base_href)
