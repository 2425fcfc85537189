"""Liquid listing pages: a Jekyll page that looped over the site's posts to list one
category, and the category listing that now stands at its URL (`sitegen.site.plan`)."""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.model import SourcePage
from sitegen.site.index import SiteIndex
from sitegen.site.subjects import Listing
from sitegen.urls import last_segment


def listing_for_liquid_page(
    page: SourcePage, index: SiteIndex, category_urls: Mapping[str, str], feed_urls: Mapping[str, str]
) -> Listing | None:
    """The category listing a Liquid listing page stood for: a page whose Liquid loops
    over the site's posts (`SourcePage.listing_loop`), matched to a category by URL or
    title, and naming that category (or its title) in its Liquid.

    The user's `emnews.md` (permalink `/emnews/`, title 东财滚动新闻, a loop over
    `site.tags` picking 东财滚动新闻) listed the posts of category emnews; its URL keeps
    working with sitegen's listing of that category. A page with real content that merely
    shares a category's name (Jekyll's docs' `community.md`) is never replaced."""
    segment = last_segment(page.url)
    for name in index.by_category:
        title = index.category_titles[name]
        matches = name.lower() == segment.lower() or title == page.title
        if matches and (name in page.listing_loop or title in page.listing_loop):
            return Listing(
                "category",
                name,
                index.category_titles[name],
                page.url,
                index.by_category[name],
                feed_url=feed_urls.get(name, ""),
                duplicate_of=category_urls[name],
            )
    return None
