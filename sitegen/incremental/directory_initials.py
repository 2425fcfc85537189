"""The category directory's pinyin initials, remembered between builds.

Every new post changes the directory (its categories' counts and newest dates), so
every rebuild renders it; working out 2,000 titles' initials costs a quarter of a
second, and loading pypinyin's dictionaries another. The initials are a function of the
title (and of the pypinyin release), so the cache keeps them and a rebuild computes only
those of new titles.

Those are worked out in a forked process (`sitegen.aside`) that ends once it has handed
them over: pypinyin's dictionaries take 56 MiB once loaded, which Python does not give
back, and in a cold build they were the largest single part of the build process's
memory (at 10,000 posts, 56 of its 190 MiB). Forked in the dev server too, whose
threads once kept it from forking: the first new category title since the server started loaded
them into the server for good (44 to 104 MB at 150 posts).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import replace

from sitegen.aside import aside
from sitegen.incremental.cache import BuildCache
from sitegen.render.directory_keys import pinyin_initials
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import CategoryDirectory


def with_directory_initials(
    pages: Sequence[PlannedPage], cache: BuildCache, *, forked: bool = True
) -> list[PlannedPage]:
    """`pages`, the category directory (if among them) with every title's initials; the
    titles no earlier build worked out, in a forked process unless `forked` is false
    (`-j 1`)."""
    directories = [page for page in pages if isinstance(page.subject, CategoryDirectory)]
    if not directories:
        return list(pages)
    titles = {entry.title for page in directories for entry in _directory(page).entries}
    kind = f"pinyin-initials {_pypinyin_release()}"
    initials = cache.derived(kind, titles)
    missing = sorted(titles - initials.keys())
    if missing:
        with aside(_initials_of, missing, forked=forked, for_memory=True) as working:
            initials.update(working.result())
    # Each title's row found and no other row of the family: the cache holds exactly these
    # (rewriting 2,000 rows and their digests cost every rebuild 10 ms for nothing).
    if missing or cache.derived_count(kind) != len(initials):
        cache.store_derived(kind, initials)
    return [
        replace(page, subject=replace(_directory(page), initials=initials))
        if isinstance(page.subject, CategoryDirectory)
        else page
        for page in pages
    ]


def _initials_of(titles: list[str]) -> dict[str, str]:
    return {title: pinyin_initials(title) for title in titles}


def _directory(page: PlannedPage) -> CategoryDirectory:
    assert isinstance(page.subject, CategoryDirectory)
    return page.subject


def _pypinyin_release() -> str:
    """pypinyin's `__version__`, read from its source without importing it (which loads
    its dictionaries); else its distribution's version. `importlib.metadata` took 34 ms
    of every rebuild (its import, and a search of the installed distributions)."""
    written = _written_version(importlib.util.find_spec("pypinyin"))
    if written is not None:
        return written
    from importlib import metadata

    try:
        return metadata.version("pypinyin")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of sitegen
        return "unknown"


_VERSION_LINE = re.compile(r"""^__version__ = ["']([^"'\\\s]+)["']$""", re.MULTILINE)


def _written_version(spec: importlib.machinery.ModuleSpec | None) -> str | None:
    """The one `__version__ = "…"` line of the package's `__init__.py`, or None."""
    if spec is None or spec.origin is None or not spec.origin.endswith("__init__.py"):
        return None
    try:
        with open(spec.origin, encoding="utf-8") as source:
            found = _VERSION_LINE.findall(source.read())
    except (OSError, UnicodeDecodeError):
        return None
    return found[0] if len(found) == 1 else None
