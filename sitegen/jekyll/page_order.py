"""The order of a site's pages in Jekyll: `site.pages` lists them in it, and Jekyll
writes them in it (`sitegen.site.write_order` decides by it which of two pages at one
path is published)."""

from __future__ import annotations

from collections.abc import Sequence


def page_write_key(parts: Sequence[str]) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Where Jekyll writes the page at `parts` (its path below the site folder) among
    the others: pages sorted by file name (`Reader#sort_files!`), those of one name in
    the order Jekyll read them (its sort is stable), which puts a folder's own pages
    after those of its subfolders (`Reader#read_directories` reads the subfolders
    first): `a.md` is written after `b/a.md`, and so published. Sibling folders are read
    in the file system's order, which no build can know: here, by name."""
    return (parts[-1], (*((0, folder) for folder in parts[:-1]), (1, "")))
