"""A page of the site at a category listing's own URL: that category's stub.

A Jekyll site without jekyll-archives often makes its category pages by hand
(`permalink: /category/news.html`, an introduction, perhaps its own loop). sitegen
publishes every category's listing at that URL, which each post's 返回<分类> link
opens, and the first claimant of a path keeps it: such a page was left out with an
error, its text lost, and `--strict` failed on every build. It is read as a stub
instead (`layout: category`, `category: news`; `sitegen.site.plan.category_stubs`):
its body above the first page of the listing, so nothing it says is lost and the
listing stays where the links lead. A page that is only a Liquid listing of the
category keeps the rule of `sitegen.site.liquid_listing_pages` (sitegen's listing
stands in for it), and a stub the site made itself is kept as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sitegen.model import SourcePage
from sitegen.site.index import SiteIndex
from sitegen.site.liquid_listing_pages import listing_for_liquid_page


def pages_at_listing_urls(
    pages: Iterable[SourcePage],
    listing_urls: Mapping[str, str],
    index: SiteIndex,
    documents: frozenset[int],
) -> dict[str, SourcePage]:
    """The site's pages (not collection documents: `documents` holds their ids) at a
    category's listing URL (`listing_urls`, by category), by that category; the first
    such page of each, in the order given."""
    by_url = {url: name for name, url in listing_urls.items()}
    found: dict[str, SourcePage] = {}
    for page in pages:
        name = by_url.get(page.url)
        if name is None or name in found or id(page) in documents:
            continue
        if page.listing_loop and listing_for_liquid_page(page, index, listing_urls, {}) is not None:
            continue  # a Liquid listing of it: sitegen's listing stands in for it
        found[name] = page
    return found
