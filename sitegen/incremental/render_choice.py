"""Which planned pages a rebuild renders again: the fingerprint check of every page.

A page is kept when its fingerprint (`sitegen.incremental.rendering` says what it
hashes) is the one recorded for the file now in the destination, and that file is the
one sitegen wrote (`check_pages`). Every page with a record is fingerprinted (16,500 at
10,000 posts, most of a one-post rebuild's render stage); the digests of the templates
and entries its record names are worked out once per set of them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sitegen.incremental.cache import PageRecord
from sitegen.incremental.fingerprint import labelled_fingerprint
from sitegen.render.templates import Renderer
from sitegen.site.plan import PlannedPage
from sitegen.urls import OutputPath


class LiveTree(Protocol):
    """The published tree as listed before rendering (`sitegen.publish.tree_listing`)."""

    @property
    def files(self) -> Container[str]:
        """Every regular file, as a `/`-separated path below the destination."""
        ...

    @property
    def stamps(self) -> Mapping[str, tuple[int, int, int]]:
        """Every folder (`a/b`, `""` the root) → its (mtime_ns, ctime_ns, inode)."""
        ...


@dataclass(frozen=True, slots=True)
class Choice:
    """What `pages_to_render` decided."""

    changed: list[int]
    """The indexes of the pages to render."""
    subjects: dict[int, str] = field(default_factory=dict)
    """The subject fingerprint worked out here of a page to render, by index, so the
    worker does not work it out again (a sitemap's costs 35 ms at 10,000 posts)."""
    restamped: dict[OutputPath, PageRecord] = field(default_factory=dict)
    """Records of kept pages stamped again with their file as it is now (`_kept`)."""


def subject_fingerprint(
    page: PlannedPage, site_fingerprint: str, document_tokens: Mapping[int, bytes]
) -> str:
    """The fingerprint of what the page shows: its subject, template and URL."""
    return labelled_fingerprint((site_fingerprint, page.template, page.url), page.subject, document_tokens)


def pages_to_render(
    pages: tuple[PlannedPage, ...],
    previous: Mapping[str, PageRecord],
    digests: DependencyDigests,
    site_fingerprint: str,
    document_tokens: Mapping[int, bytes],
    checks: PageChecks,
) -> Choice:
    """The pages without a record (the worker that renders one works out its
    fingerprint: a first build's pages all, in parallel), whose fingerprint changed, or
    whose file is not the one recorded (`checks`).

    Decided in this process: deciding in forked workers took a second off a 100,000-post
    rebuild but touched every page and post there, so copy-on-write copied them into each
    worker (peak memory 960 MiB → 1,430 MiB)."""
    choice = Choice([])
    # This build's digest of a record's templates and of its entries, by the tuple's
    # identity: records share them (`BuildCache.store_pages`), and all stay alive here,
    # so a set's tuple is not hashed again for every page that names it.
    by_templates: dict[int, bytes] = {}
    by_entries: dict[int, bytes] = {}
    for index, page in enumerate(pages):
        path = page.output_path
        record = previous.get(path)
        if record is None:
            choice.changed.append(index)
            continue
        used, read = record[5], record[6]
        templates = by_templates.get(id(used))
        if templates is None:
            templates = by_templates[id(used)] = digests.templates(used)
        entries = by_entries.get(id(read))
        if entries is None:
            entries = by_entries[id(read)] = digests.entries(read)
        subject = subject_fingerprint(page, site_fingerprint, document_tokens)
        same = record[0] == digests.combined(subject, templates, entries)
        kept = checks.kept(path, record) if same else None
        if kept is None:
            choice.changed.append(index)
            choice.subjects[index] = subject
        elif kept is not record:
            choice.restamped[path] = kept
    return choice


class DependencyDigests:
    """This build's digest of each set of templates and each set of the site-wide
    context's entries pages used: a site has a handful of template sets and a few
    thousand entry sets (a category's posts read the same ones) for tens of thousands of
    pages, so each set is hashed once (per process)."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer
        self._by_templates: dict[tuple[str, ...], bytes] = {}
        self._by_entries: dict[tuple[str, ...], bytes] = {}

    def templates(self, names: tuple[str, ...]) -> bytes:
        """The digest of each template named, as this build resolves it."""
        digest = self._by_templates.get(names)
        if digest is None:
            hasher = hashlib.blake2b(digest_size=20)
            for name in names:
                text = f"\0{name}\0{self._renderer.template_digest(name)}"
                hasher.update(text.encode("utf-8", "surrogateescape"))
            digest = self._by_templates[names] = hasher.digest()
        return digest

    def entries(self, names: tuple[str, ...]) -> bytes:
        """The digest of this build's value of each entry named."""
        digest = self._by_entries.get(names)
        if digest is None:
            digest = self._by_entries[names] = self._renderer.entries_digest(names)
        return digest

    def page_fingerprint(
        self, subject_fingerprint: str, templates: tuple[str, ...], entries: tuple[str, ...]
    ) -> str:
        """The subject's fingerprint combined with this build's digest of each template
        and of each entry named."""
        return self.combined(subject_fingerprint, self.templates(templates), self.entries(entries))

    @staticmethod
    def combined(subject_fingerprint: str, templates: bytes, entries: bytes) -> str:
        """`page_fingerprint` from the two digests."""
        return hashlib.blake2b(subject_fingerprint.encode() + templates + entries, digest_size=20).hexdigest()


@dataclass(frozen=True, slots=True)
class PageChecks:
    """Which recorded pages are, in the destination, still the file recorded (`check_pages`)."""

    stale: frozenset[str]
    """Output paths whose file is not the page recorded: rendered again, fingerprint or not."""
    restamped: Mapping[str, PageRecord]
    """Pages in a copy of the folder they were written to, their records stamped again."""

    def kept(self, path: OutputPath, record: PageRecord) -> PageRecord | None:
        """`_kept` of the page as checked: None, the record, or the record stamped again."""
        if path in self.stale:
            return None
        return self.restamped.get(path, record)


def check_pages(
    destination: Path, records: Mapping[str, PageRecord], live: LiveTree | None, mode: int
) -> PageChecks:
    """`_kept` of every recorded page: it depends on the destination and the records, not
    the plan, so a build can check while it plans (`sitegen.published_check`). `live`:
    the published tree as listed (`sitegen.publish.writer.list_live_tree`); a page is kept
    only when its file is one of its files, with the permission bits `mode` (as written)."""
    root = os.fspath(destination)  # once: a site has tens of thousands of pages
    stale: set[str] = set()
    restamped: dict[str, PageRecord] = {}
    for path, record in records.items():
        kept = _kept(root, path, record, live, mode)
        if kept is None:
            stale.add(path)
        elif kept is not record:
            restamped[path] = kept
    return PageChecks(frozenset(stale), restamped)


def _kept(
    root: str, path: OutputPath, record: PageRecord, live: LiveTree | None, mode: int
) -> PageRecord | None:
    """The record of the file under the destination `root` when it still is the page
    recorded (else None): a regular file of the live tree (when listed; not a symlink or
    below one) with the recorded size and mtime, and `mode`; and, in the very folder it
    was written to, with the recorded inode, so a page replaced there by another file of
    its size and mtime is not the page recorded. A copy of the folder (a tree restored
    from a CI cache: every file has a new inode) is judged by size and mtime alone, and
    its record is stamped again with the copy's inodes, judged by inode next time.

    Not the ctime: when a swap retires the previous tree, its deletion (in the
    background) moves the ctime of every page the new tree shares with it by hard link."""
    if live is not None and path not in live.files:
        return None
    try:
        stat = os.stat(f"{root}/{path}")
    except OSError:
        return None
    _, size, mtime_ns, inode, folder_inode, *_ = record
    if stat.st_size != size or stat.st_mtime_ns != mtime_ns or stat.st_mode & 0o7777 != mode:
        return None
    folder = None if live is None else live.stamps.get(path.rpartition("/")[0])
    if folder is None:
        return record
    if folder[2] == folder_inode:
        return record if stat.st_ino == inode else None
    return (record[0], size, mtime_ns, stat.st_ino, folder[2], record[5], record[6])
