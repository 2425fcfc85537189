"""The order Jekyll writes a site's pages and documents in, which decides which of two
files at one path it publishes: the one it writes last.

`Site#each_site_file` (jekyll/lib/jekyll/site.rb) writes the pages, then the static
files, then every collection's documents: `posts` first, oldest first, then the other
collections, each in the order `Document#<=>` sorts it (by date, then path; a document
without a date has the build's time, so among those, by path). The plan claims in the
reverse order, so that the first claimant of a path, which keeps it, is the file Jekyll
writes there last (`sitegen.site.claims`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sitegen.jekyll.page_order import page_write_key
from sitegen.model import SourcePage


def claim_order(
    pages: Iterable[SourcePage], collection_folders: Sequence[str]
) -> tuple[tuple[SourcePage, ...], tuple[SourcePage, ...]]:
    """The collections' documents (which claim before posts: Jekyll writes them after)
    and the pages, each in the order they claim: the one Jekyll writes last first.
    `collection_folders`: the published collections' folders but `_posts`, in the order
    Jekyll writes them."""
    rank = {folder: number for number, folder in enumerate(collection_folders)}
    documents: list[tuple[int, str, SourcePage]] = []
    own_pages: list[tuple[tuple[str, tuple[tuple[int, str], ...]], SourcePage]] = []
    for page in pages:
        path = page.relative_path
        collection = rank.get(path.parts[0]) if len(path.parts) > 1 else None
        if collection is not None:
            documents.append((collection, str(path), page))
        else:
            own_pages.append((page_write_key(path.parts), page))
    documents.sort(key=lambda entry: entry[:2], reverse=True)
    own_pages.sort(key=lambda entry: entry[0], reverse=True)
    return tuple(page for *_, page in documents), tuple(page for _, page in own_pages)
