"""A source that loaded before and fails to load now keeps its last good load.

A news site must not lose a published article because a crawler wrote a broken file
(front matter that is not YAML, bytes that are not UTF-8, a date that cannot be read, a
file nobody may read): the file's error line is printed as always, and its post (or
page) is published as last built, from the load the cache kept for its last good bytes,
until the file loads again or is deleted. Its load key is the one its pages were
rendered from, so its page, the listings, the feed and the sitemap stay byte for byte
what the last build published.

Only a load this build could have made itself is taken: the key is made from the last
good bytes' digest with this build's loader settings and sitegen's version, so after a
change to a setting the loader reads (or a new sitegen) the file has no last good load
and is left out, as in a clean build, which has none either. A stylesheet never keeps
one (its CSS depends on the files its imports read, recorded per compile), nor does a
draft edited since (its key holds its file's mtime, which dates an undated draft).

Where the last good digest comes from: the cache's sources table holds the digest of
the bytes the last build saw; once a file failed, those are its broken bytes, so the
digest it fell back to is kept in the cache's state (`_STATE`) for as long as it fails,
and dropped once it loads again or is gone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.content.documents import Loaded
from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic, Level
from sitegen.incremental.cache import BuildCache, storable
from sitegen.incremental.load_keys import LoadKeys
from sitegen.incremental.load_rows import decode_row
from sitegen.incremental.sass_records import SASS_EXTRA
from sitegen.model import Post, SourcePage

__all__ = ["KEPT_NOTE", "Failure", "LastGood", "last_good_loads", "last_good_paths"]

_STATE = "last_good_loads"
"""The `state` name of {stored source path: (digest, extra)} of each file now failing."""

KEPT_NOTE = "its last good version stays published until the file loads again or is deleted"
"""Added to the error line of a file that kept its last good load."""

_SKIPPED = "; skipped"
"""How an unreadable file's line ends (`load_failures.unreadable`): not so once it is kept."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A source this build could not load."""

    kind: str
    """The load job's kind: `post`, `draft`, `page` or `document`."""
    source: SourceFile
    extra: str
    """The extra part of its load key as this build made it (`LoadKeys`)."""
    diagnostic: Diagnostic


@dataclass(frozen=True, slots=True)
class LastGood:
    """The load a failing file is published from."""

    key: str
    """Its load-cache key: the cache must keep the row (`forget_loaded_except`)."""
    document: Post | SourcePage
    """As last loaded, a post with its body (never one stored apart)."""
    diagnostic: Diagnostic
    """The failure's error line, saying the last good version stays published."""


def last_good_loads(
    cache: BuildCache,
    keyed: LoadKeys,
    known: Mapping[str, tuple[int, str, str]],
    failures: Sequence[Failure],
) -> dict[Path, LastGood]:
    """The last good load of each of `failures` that has one, by source path, and the
    record of their digests kept for the next build. `known`: the sources as the last
    build saw them (`BuildCache.source_digests`, read before this build stored its own)."""
    held = _held(cache)
    wanted: dict[str, tuple[Failure, str, tuple[str, str]]] = {}
    for failure in failures:
        if failure.diagnostic.level is not Level.ERROR or failure.extra.startswith(SASS_EXTRA):
            continue  # a deletion is a warning: the file is gone, and so is its page
        stored_path = storable(str(failure.source.path))
        last = held.get(stored_path)
        if last is None and (seen := known.get(stored_path)) is not None:
            last = (seen[2], failure.extra)
        if last is not None:
            wanted[keyed(failure.kind, failure.source, *last)] = (failure, stored_path, last)
    found = (
        {}
        if not wanted
        else _documents(cache, {key: failure.source for key, (failure, _, _) in wanted.items()})
    )
    kept: dict[Path, LastGood] = {}
    still_held: dict[str, tuple[str, str]] = {}
    for key, document in found.items():
        failure, stored_path, last = wanted[key]
        diagnostic = failure.diagnostic
        said = diagnostic.message.removesuffix(_SKIPPED)  # not skipped: kept
        line = replace(diagnostic, message=f"{said}; {KEPT_NOTE}")
        kept[failure.source.path] = LastGood(key, document, line)
        still_held[stored_path] = last
    if still_held != held:
        cache.store_state(_STATE, still_held)
    return kept


def _documents(cache: BuildCache, sources: Mapping[str, SourceFile]) -> dict[str, Post | SourcePage]:
    """The document each key's row holds, a post with its body put back: a row that is
    not there or cannot be read, a file that was deliberately not published, or a body
    the cache lost (its file cannot give it again) is no last good load."""
    documents: dict[str, Post | SourcePage] = {}
    for key, row in cache.loaded_among(sources).items():
        try:
            result = decode_row(row, sources[key])
        except Exception:  # a damaged row, whatever unpickling raised: none
            continue
        if isinstance(result, Loaded) and isinstance(result.document, (Post, SourcePage)):
            documents[key] = result.document
    apart = [
        key for key, document in documents.items() if isinstance(document, Post) and document.liquid is None
    ]
    bodies = cache.bodies(apart)  # kept apart from every post without Liquid (`load_site`)
    for key in apart:
        post = documents.pop(key)
        assert isinstance(post, Post)
        body = bodies.get(key)
        if isinstance(body, tuple) and len(body) == 2:
            documents[key] = replace(post, body_html=body[0], excerpt_source=body[1])
    return documents


def last_good_paths(cache: BuildCache) -> set[str]:
    """The stored paths of the files that kept their last good load in the last build."""
    return set(_held(cache))


def _held(cache: BuildCache) -> dict[str, tuple[str, str]]:
    stored = cache.state(_STATE)
    if not isinstance(stored, dict):
        return {}
    return {
        path: (last[0], last[1])
        for path, last in stored.items()
        if isinstance(path, str)
        and isinstance(last, tuple)
        and len(last) == 2
        and all(isinstance(part, str) for part in last)
    }
