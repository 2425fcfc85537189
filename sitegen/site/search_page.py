"""The search page and the folder the search index is published in.

With `search: pagefind` the plan publishes a search page at `/search/` and reserves
`/pagefind/` for the index that `sitegen.search.pagefind` builds after rendering.
"""

from __future__ import annotations

from sitegen.config import SiteConfig
from sitegen.site.subjects import SearchPage
from sitegen.urls import OutputPath

PAGEFIND = "pagefind"
"""The `search` setting that turns Pagefind search on."""
SEARCH_URL = "/search/"
SEARCH_TITLE = "搜索"
INDEX_FOLDER: OutputPath = "pagefind"
"""Where the bundle is published: Pagefind's default, which its UI script expects."""


def search_enabled(config: SiteConfig) -> bool:
    return config.search == PAGEFIND


def search_page() -> SearchPage:
    return SearchPage(SEARCH_URL)
