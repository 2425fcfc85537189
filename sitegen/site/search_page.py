"""The search page and the folder the search index is published in.

With `search: pagefind` the plan publishes a search page at `/search/` and reserves
`/pagefind/` for the index that `sitegen.search.pagefind` builds after rendering.
"""

from __future__ import annotations

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, Level
from sitegen.model import StaticFile
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


def statics_outside_index(
    statics: tuple[StaticFile, ...],
) -> tuple[tuple[StaticFile, ...], tuple[Diagnostic, ...]]:
    """Leave out the site's own files at or below `/pagefind/`, where the index goes;
    one error each."""
    kept: list[StaticFile] = []
    errors: list[Diagnostic] = []
    for static in statics:
        path = str(static.relative_path)
        if path == INDEX_FOLDER or path.startswith(INDEX_FOLDER + "/"):
            message = f"{path} would replace part of the search index /{INDEX_FOLDER}/; not published"
            errors.append(Diagnostic(message, static.source_path, None, Level.ERROR))
        else:
            kept.append(static)
    return tuple(kept), tuple(errors)
