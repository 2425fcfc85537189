"""What each stylesheet's imports read in the last build, kept in the build cache.

A stylesheet's CSS depends on every path its `@import`s looked at
(`sitegen.content.sass_imports`), which only compiling it tells. The last build's record
keys the cached conversion (`extra_for`): it is a hit only while every recorded file
holds the bytes the compile read and every missing one is still missing; a compile
records anew and keys its result by what it read itself (`recorded_load`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sitegen.content.sass_imports import reads_digest, recording_reads
from sitegen.incremental.cache import BuildCache

SASS_EXTRA = "sass:"
"""How a stylesheet's `extra` key part starts: the digest of what its imports read."""
_STATE = "sass_reads"

Result = TypeVar("Result")


def stored_records(cache: BuildCache) -> dict[str, tuple[str, ...]]:
    """The paths each stylesheet's imports looked at in the last build, by stored path."""
    stored = cache.state(_STATE)
    if not isinstance(stored, dict):
        return {}
    return {
        path: reads
        for path, reads in stored.items()
        if isinstance(path, str) and isinstance(reads, tuple) and all(isinstance(p, str) for p in reads)
    }


def extra_for(records: dict[str, tuple[str, ...]], stored_path: str) -> str:
    return SASS_EXTRA + reads_digest(records.get(stored_path, ()))


def recorded_load(load: Callable[[], Result]) -> tuple[Result, str, tuple[str, ...]]:
    """`load()`, with the `extra` of what its Sass imports read and their paths."""
    with recording_reads() as recorded:
        result = load()
    return result, SASS_EXTRA + recorded.digest(), tuple(recorded.paths)


def keep_records(
    cache: BuildCache, records: dict[str, tuple[str, ...]], stylesheets: Iterable[str]
) -> tuple[str, ...]:
    """Store the records of this build's `stylesheets`; every path they read, sorted."""
    wanted = set(stylesheets)
    kept = {path: reads for path, reads in records.items() if path in wanted}
    cache.store_state(_STATE, kept)
    return tuple(sorted({path for reads in kept.values() for path in reads}))
