"""The category directory's pinyin initials, remembered between builds.

Every new post changes the directory (its categories' counts and newest dates), so
every rebuild renders it; working out 2,000 titles' initials costs a quarter of a
second, and loading pypinyin's dictionaries another. The initials are a function of the
title (and of the pypinyin release), so the cache keeps them and a rebuild computes only
those of new titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitegen.incremental.cache import BuildCache
from sitegen.render.directory_keys import pinyin_initials
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import CategoryDirectory


def with_directory_initials(pages: Sequence[PlannedPage], cache: BuildCache) -> list[PlannedPage]:
    """`pages`, the category directory (if among them) with every title's initials."""
    directories = [page for page in pages if isinstance(page.subject, CategoryDirectory)]
    if not directories:
        return list(pages)
    titles = {entry.title for page in directories for entry in _directory(page).entries}
    kind = f"pinyin-initials {_pypinyin_release()}"
    initials = cache.derived(kind, titles)
    for title in sorted(titles - initials.keys()):
        initials[title] = pinyin_initials(title)
    cache.store_derived(kind, initials)
    return [
        replace(page, subject=replace(_directory(page), initials=initials))
        if isinstance(page.subject, CategoryDirectory)
        else page
        for page in pages
    ]


def _directory(page: PlannedPage) -> CategoryDirectory:
    assert isinstance(page.subject, CategoryDirectory)
    return page.subject


def _pypinyin_release() -> str:
    from importlib import metadata  # 20 ms to import: only when the directory renders

    try:
        return metadata.version("pypinyin")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of sitegen
        return "unknown"
