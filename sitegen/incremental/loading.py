"""The load stage: every source file to a post, a page or a static file.

Unchanged files come from the cache (keyed by content digest and configuration); the
rest are loaded in parallel. Loading is done as if `--future` were given and the
future filter applied afterwards, so a cached post does not depend on the build time.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from sitegen.config import SiteConfig
from sitegen.content.documents import Loaded, LoadOptions, load_page, load_post
from sitegen.content.sass import SASS_SUFFIXES
from sitegen.content.scan import SourceFile, SourceTree
from sitegen.content.unseen_front_matter import held_back
from sitegen.errors import ContentError, Diagnostic, Level, SitegenError
from sitegen.incremental import load_failures
from sitegen.incremental.cache import BuildCache, storable
from sitegen.incremental.code_identity import code_identity
from sitegen.incremental.input_digests import content_digest
from sitegen.incremental.last_good import Failure, last_good_loads
from sitegen.incremental.load_failures import read_source
from sitegen.incremental.load_keys import LoadKeys
from sitegen.incremental.load_rows import ROW_FORMAT, decode_row, encode_row
from sitegen.incremental.loaded_site import LoadedSite, StoredBody
from sitegen.incremental.sass_records import (
    SASS_EXTRA,
    extra_for,
    keep_records,
    recorded_load,
    stored_records,
)
from sitegen.incremental.sealed import DIGEST_BYTES, sealed
from sitegen.incremental.source_kinds import collection_of, sorted_sources
from sitegen.incremental.unread_folders import UNREAD_FOLDER_FILE, placed_unread_folder_files
from sitegen.model import Post, SourcePage
from sitegen.parallel import Executor
from sitegen.settled_stamps import settled
from sitegen.urls import output_suffix

__all__ = ["LoadedSite", "StoredBody", "load_site", "reload_body"]

_UNTRUSTED = "racy"


def _stamp(stat: os.stat_result) -> str:
    """What says a file is unchanged without reading it: its mtime, and its ctime and
    inode, which a copy that keeps the old mtime (`cp -p`, `rsync -a`, `tar x`) or a
    rename over it still changes, as git's index compares them."""
    return f"{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}:{stat.st_dev}"


_LOADED_FORMAT = "4"  # 4: a lone `{{` or `{%` makes a body Liquid
"""Part of every load-cache key: bumped when what the loader returns changes shape
(2: bodies that use Liquid are kept as written for the Liquid stage; 3: posts carry
the source of their Liquid excerpt)."""


@dataclass(frozen=True, slots=True)
class _Job:
    source: SourceFile
    kind: str  # `post`, `draft` or `page`


@dataclass(frozen=True, slots=True)
class _Fresh:
    """A file to load in a worker; it keys its result by what it reads (and `extra`)."""

    job: _Job
    key: str | None
    extra: str


@dataclass(frozen=True, slots=True)
class _LoadState:
    config: SiteConfig
    options: LoadOptions
    apart: bool = False
    """Whether a post's body travels apart from its metadata (see `_load_fresh`)."""
    keyed: LoadKeys | None = None
    """How a worker makes a loaded file's cache key (see `_Fresh`); None: no key."""


def load_site(
    tree: SourceTree,
    config: SiteConfig,
    options: LoadOptions,
    executor: Executor,
    cache: BuildCache,
    on_progress: Callable[[int, int], None] | None = None,
    known_digests: Mapping[tuple[int, int, int, int, int], str] = MappingProxyType({}),
) -> LoadedSite:
    """Every source of `tree` loaded: from the cache where its key is there, else read.

    A source's key needs its content digest: the cache's record where the file's stamp
    is the one recorded, else `known_digests` (by size, mtime_ns, ctime_ns, inode,
    device: what the no-change check hashed or trusted), else it is hashed here; a file
    loaded is keyed again by what its worker read."""
    jobs = [_Job(source, "post") for source in tree.posts]
    if options.drafts:
        jobs += [_Job(source, "draft") for source in tree.drafts]
    known = cache.source_digests()
    found = sorted_sources(tree, config, lambda source: _loaded_unchanged(source, known))  # pages, statics
    jobs += [_Job(source, kind) for source, kind in found.loaded]
    static_files, diagnostics = found.static_files, found.diagnostics

    moment = time.time_ns()
    keyed = LoadKeys(f"{code_identity()}\0{_LOADED_FORMAT}\0{ROW_FORMAT}", config)
    # With no load result cached, nothing can be a hit: each file is hashed by the worker
    # that reads it to load it, not read once more here first (a first build's sources).
    defer_hashing = not cache.holds_loaded()
    sass_records = stored_records(cache)
    stamps: list[tuple[str, int, str]] = []
    versions: list[tuple[int, int, int, int]] = []
    digests: list[str | None] = []
    extras: list[str] = []
    readable: list[_Job] = []
    unread: dict[int, list[Failure]] = {}  # by the number of readable jobs before: their place
    # Plain strings: a rebuild of a 100,000-post site passes here for every post first.
    for job in jobs:
        path = str(job.source.path)
        stored_path = storable(path)
        stat: os.stat_result | None = None
        try:
            # The file read: a link's target as the scan saw it (retargeted since, the new
            # target's stamp would be stored with the old one's digest, vouching for it).
            stat = os.stat(job.source.link_target or path)
            seen_stamp = _stamp(stat)
            previous = known.get(stored_path)
            digest: str | None
            if previous is not None and previous[0] == stat.st_size and previous[1] == seen_stamp:
                digest = previous[2]
            elif (
                handed := known_digests.get(
                    (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
                )
            ) is not None:
                digest = handed
            elif defer_hashing:
                digest = None
            else:
                digest = content_digest(read_source(job.source))
        except OSError as error:
            failure = load_failures.unreadable(job.source, error)
            extra = _extra(job, stat, sass_records, path)
            unread.setdefault(len(readable), []).append(Failure(job.kind, job.source, extra, failure))
            continue
        readable.append(job)
        # A file written within the timestamp granularity of now can change again without
        # its stamp moving (git's "racily clean"): the next build reads and hashes it again.
        stamp = seen_stamp if settled(stat.st_mtime_ns, stat.st_ctime_ns, moment) else _UNTRUSTED
        stamps.append((stored_path, stat.st_size, stamp))
        versions.append((stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns))
        digests.append(digest)
        extras.append(_extra(job, stat, sass_records, path))
    if tree.unread:  # what the last build loaded below a folder that cannot be read
        read = [(storable(str(job.source.path)), job.kind == "post") for job in readable]
        for place, failures in placed_unread_folder_files(tree, config, known, cache, read).items():
            unread.setdefault(place, []).extend(failures)
    jobs = readable

    keys = [
        keyed(job.kind, job.source, digest, extra) if digest is not None else None
        for job, digest, extra in zip(jobs, digests, extras, strict=True)
    ]
    rows = cache.loaded(key for key in keys if key is not None)
    results: list[Loaded | Diagnostic | None] = [
        None if key is None else _cached(rows.get(key), job.source)
        for key, job in zip(keys, jobs, strict=True)
    ]
    hits = sum(result is not None for result in results)
    misses = [index for index, result in enumerate(results) if result is None]
    # Each new result is stored as it arrives, a post's body apart and only its metadata
    # kept here (a rebuild's cached posts come the same way): the parent never holds
    # every body. Without a cache to keep them, posts keep their bodies.
    apart = cache.keeps_bodies
    state = _LoadState(config, replace(options, future=True), apart, keyed)
    items = [_Fresh(jobs[index], keys[index], extras[index]) for index in misses]
    fresh = executor.imap(_load_fresh, state, items, on_progress)

    def arriving() -> Iterator[tuple[str, bytes, bytes | None]]:
        for index, (key, row, body, read_digest, reads) in zip(misses, fresh, strict=True):
            if reads is not None:
                sass_records[storable(str(jobs[index].source.path))] = reads
            if key is None:
                results[index] = decode_row(row, jobs[index].source)
                continue
            results[index] = decode_row(row[DIGEST_BYTES:], jobs[index].source)
            if key != keys[index] and read_digest is not None:  # first hashed here, or changed since
                digests[index], keys[index] = read_digest, key
            yield key, row, body

    cache.store_loaded(arriving())
    # Before the sources are stored: `known` is what the last build saw of each file.
    failed = [
        Failure(job.kind, job.source, extra, result)
        for job, extra, result in zip(jobs, extras, results, strict=True)
        if isinstance(result, Diagnostic)
    ]
    kept = last_good_loads(cache, keyed, known, [*(f for at in unread.values() for f in at), *failed])
    seen = [(*stamps[index], digest) for index, digest in enumerate(digests) if digest is not None]
    cache.store_sources(seen)
    cache.forget_loaded_except(
        {key for key in keys if key is not None} | {last.key for last in kept.values()}
    )
    stylesheets = (
        storable(str(job.source.path))
        for job, extra in zip(jobs, extras, strict=True)
        if extra.startswith(SASS_EXTRA)
    )
    sass_reads = keep_records(cache, sass_records, stylesheets)

    posts: list[Post] = []
    pages: list[SourcePage] = []
    source_keys: dict[Path, str] = {}
    stored_bodies: dict[Path, StoredBody] = {}
    next_due: datetime | None = None
    fresh_indexes = set(misses)

    # Every job in the scan's order, the unread ones at their place: a file that kept its
    # last good load stands where it stood in the last build.
    def in_order() -> Iterator[tuple[int | None, str | None, Loaded | Diagnostic | None, Path]]:
        for place in range(len(jobs) + 1):
            yield from ((None, None, f.diagnostic, f.source.path) for f in unread.get(place, ()))
            if place < len(jobs):
                yield place, keys[place], results[place], jobs[place].source.path

    taken: set[Path] = set()  # an unread folder's files, each tried several ways
    for index, key, result, source_path in in_order():
        if isinstance(result, Diagnostic):
            last = kept.get(source_path)
            unsaid = result.message == UNREAD_FOLDER_FILE  # its folder's line says it
            if last is None or (unsaid and source_path in taken):
                if not unsaid:
                    diagnostics.append(result)
                continue
            # The error line is printed; the file's page is published as last built.
            index, key, result = None, last.key, Loaded(last.document)
            taken.add(source_path)
            if not unsaid:
                diagnostics.append(last.diagnostic)
        assert isinstance(result, Loaded) and key is not None  # a loaded file was read
        document = result.document
        waits = isinstance(document, Post) and document.date > options.now and not options.future
        diagnostics.extend(held_back(result.warnings, document) if waits else result.warnings)
        if isinstance(document, Post):
            if waits:
                next_due = document.date if next_due is None else min(next_due, document.date)
                continue
            posts.append(document)
            source_keys[document.source_path] = key
            if index is not None and (apart or index not in fresh_indexes) and document.liquid is None:
                job, digest = jobs[index], digests[index] or ""
                stored_bodies[document.source_path] = StoredBody(key, job.source, job.kind, digest)
        elif isinstance(document, SourcePage):
            if document.date is not None and document.date > options.now and not options.future:
                # A collection document held back like a post (`SourcePage.date`).
                next_due = document.date if next_due is None else min(next_due, document.date)
                continue
            pages.append(document)
            source_keys[document.source_path] = key
    return LoadedSite(
        tuple(posts),
        tuple(pages),
        tuple(static_files),
        source_keys,
        tuple(diagnostics),
        hits,
        next_due,
        {version: digest for version, digest in zip(versions, digests, strict=True) if digest is not None},
        stored_bodies,
        sass_reads,
    )


def _loaded_unchanged(source: SourceFile, known: Mapping[str, tuple[int, str, str]]) -> bool:
    """Whether the last build loaded `source` (the cache recorded it as seen) and the file
    it reads has the very stamp it had then (a racy one is never recorded as such)."""
    previous = known.get(storable(str(source.path)))
    if previous is None:
        return False
    try:
        stat = os.stat(source.link_target or source.path)
    except OSError:
        return False
    return previous[0] == stat.st_size and previous[1] == _stamp(stat)


def _extra(
    job: _Job, stat: os.stat_result | None, sass_records: dict[str, tuple[str, ...]], path: str
) -> str:
    """The extra part of a source's load key (`LoadKeys`): empty but for these two."""
    if output_suffix(path).lower() in SASS_SUFFIXES:
        # A stylesheet's CSS also depends on every path its imports looked at.
        return extra_for(sass_records, storable(path))
    # A draft without a date takes its file's mtime, so that belongs in its key.
    return str(stat.st_mtime_ns) if job.kind == "draft" and stat is not None else ""


def _load_fresh(
    state: _LoadState, item: _Fresh
) -> tuple[str | None, bytes, bytes | None, str | None, tuple[str, ...] | None]:
    """`_load_one` as the cache keeps it, sealed in the worker (in the parent it cost 0.35 s
    for 10,000 posts): the key of the bytes read (None: unknown), the load row (a post
    without its body when `state.apart`), the body apart, pickled (or None), and the
    digest. A result pickle refuses is that file's error (its boundary ends here)."""
    job = item.job
    reads = None
    if item.extra.startswith(SASS_EXTRA):
        # Keyed by what this compile's imports read, not by the last build's record.
        (result, digest), extra, reads = recorded_load(lambda: _load_one(state, job))
        item = replace(item, extra=extra)
    else:
        result, digest = _load_one(state, job)
    try:
        row, body = _encoded(result, job.source, apart=state.apart)
    except Exception as error:  # a value some library made that pickle refuses
        row, body = encode_row(load_failures.failed(job.source, error), job.source), None
    key = item.key if digest is not None else None  # none read (deleted meanwhile): keep no row
    if digest is not None and state.keyed is not None:
        # The key of the bytes read here: a file saved since the parent hashed it must not
        # leave its result under the old bytes' key (saved back, they would find it).
        key = state.keyed(job.kind, job.source, digest, item.extra)
    if key is None:
        return None, row, body, digest, reads
    return key, sealed(key, row), None if body is None else sealed(key, body), digest, reads


def _encoded(result: Loaded | Diagnostic, source: SourceFile, *, apart: bool) -> tuple[bytes, bytes | None]:
    if apart and isinstance(result, Loaded) and isinstance(result.document, Post):
        post = result.document
        if post.liquid is None:
            bodiless = replace(result, document=replace(post, body_html="", excerpt_source=None))
            body = pickle.dumps((post.body_html, post.excerpt_source), protocol=pickle.HIGHEST_PROTOCOL)
            return encode_row(bodiless, source), body
    return encode_row(result, source), None


def _cached(row: bytes | None, source: SourceFile) -> Loaded | Diagnostic | None:
    """A cached load result, or None for a miss (no row, or one that cannot be read)."""
    if row is None:
        return None
    try:
        return decode_row(row, source)
    except Exception:  # a damaged row, whatever unpickling raised: load the file again
        return None


def reload_body(record: StoredBody, config: SiteConfig, options: LoadOptions) -> tuple[str, str | None]:
    """A post's `body_html` and `excerpt_source` loaded again, for a body the cache lost.
    Raises `SitegenError` when the file no longer loads or holds other bytes than its key
    was made from (saved during the build): its page would pass for up to date later."""
    state = _LoadState(config, replace(options, future=True))
    fresh, digest = _load_one(state, _Job(record.source, record.kind))
    if digest != record.digest or not isinstance(fresh, Loaded) or not isinstance(fresh.document, Post):
        message = "changed while the site was built, and the cache had lost its body; build again"
        raise SitegenError(message, path=record.source.path)
    return fresh.document.body_html, fresh.document.excerpt_source


def _load_one(state: _LoadState, job: _Job) -> tuple[Loaded | Diagnostic, str | None]:
    """Load one file: the error boundary of a source file.

    Whatever goes wrong while reading, parsing, converting or checking one file belongs
    to that file: it becomes one error naming it, and the build goes on without it, or
    with its last good load (`sitegen.incremental.last_good`). (A
    result that cannot be pickled is caught where it is encoded: `_load_fresh`.)
    """
    source = job.source
    try:
        data = read_source(source)
        return _load_data(state, job, data), content_digest(data)
    except OSError as error:  # what the file system did, not what the bytes are: no digest
        return load_failures.unreadable(source, error), None


def _load_data(state: _LoadState, job: _Job, data: bytes) -> Loaded | Diagnostic:
    """`_load_one` once the file is read (its digest goes with the result)."""
    source = job.source
    try:
        if job.kind == "document":
            return load_page(source, data, state.config, collection=collection_of(source, state.config))
        if job.kind == "page":
            return load_page(source, data, state.config)
        return load_post(source, data, state.config, state.options, draft=job.kind == "draft")
    except ContentError as error:
        return Diagnostic(error.message, error.path or source.path, error.line, Level.ERROR)
    except OSError:
        raise  # `_load_one`'s: kept under no key
    except Exception as error:  # the per-file boundary: whatever a library raises
        return load_failures.failed(source, error)
