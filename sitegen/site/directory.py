"""The category directory (`/category/`): the way to every one of a site's categories.

The user's site has about 2,000 categories, far more than a top bar holds; the directory
lists each with its size, its newest post's date and its feed, so a reader can judge a
source without opening it. Categories without posts (Jekyll stub pages the crawler left)
are not listed: their own pages stay for old links, but lead nowhere worth browsing.
"""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.site.index import SiteIndex
from sitegen.site.subjects import CategoryDirectory, DirectoryEntry
from sitegen.urls import category_directory_url


def category_directory(
    index: SiteIndex, category_urls: Mapping[str, str], feed_urls: Mapping[str, str]
) -> CategoryDirectory:
    """Every category with posts, sorted by name (the context groups them)."""
    entries = tuple(
        DirectoryEntry(
            name,
            index.category_titles[name],
            category_urls[name],
            len(posts),
            posts[0].date,
            feed_urls.get(name, ""),
        )
        for name, posts in sorted(index.by_category.items())
    )
    updated = max((post.updated for post in index.posts), default=None)
    return CategoryDirectory(category_directory_url(), entries, updated)
