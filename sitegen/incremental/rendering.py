"""The render stage: planned pages to bytes, skipping pages whose inputs did not change.

A page's fingerprint hashes its subject (posts by their cache keys), what any page may
read of the site besides its entries (the configuration, the feed's, archive's and
directory's URLs: `ContextBuilder.shared`), its layout and URL; the digest of every
template its last rendering actually asked for: extended, included, imported, chosen
at run time, or asked for and missing; and the value of every entry of the site-wide
context (a category's title and URL, a tag's listing, the top bar's sections) its last
rendering read. Those names are recorded while the page renders (`Renderer.render`),
not guessed from a template's source or a page's kind, so an edit to any template a
page used, a new template shadowing one it used, or a category retitled, re-renders
exactly the pages that used it. When the fingerprint matches the one recorded for the
file now in the destination, and that file's size, mtime and mode are what sitegen
wrote, the file is kept as it is; everything else is rendered, in parallel.

Given a `PageSink` (a first build's staging tree), each worker writes the pages it
renders itself and sends back only what the cache records: the parent then never holds
the site's bytes, nor writes them one by one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sitegen.errors import Diagnostic
from sitegen.incremental.cache import PageRecord
from sitegen.incremental.page_boundary import FallenBack, render_one
from sitegen.incremental.render_choice import (
    DependencyDigests,
    PageChecks,
    pages_to_render,
    subject_fingerprint,
)
from sitegen.parallel import Executor
from sitegen.render.template_errors import check_failed_somewhere_only
from sitegen.render.templates import Renderer
from sitegen.site.plan import PlannedPage
from sitegen.urls import OutputPath

__all__ = ["PageChecks", "PageFiller", "PageSink", "RenderedSite", "page_records", "render_site"]


class PageSink(Protocol):
    """Where rendered pages go when the render stage writes them itself."""

    def write(self, relative: OutputPath, data: bytes) -> tuple[int, int, int, int]:
        """Store one page's bytes; its file's size, mtime (ns) and inode, and its
        folder's inode. Raises `SitegenError` when it cannot."""
        ...


class PageFiller(Protocol):
    """Completes a page in the process that renders it (a post's body read back there)."""

    def fill(self, page: PlannedPage) -> tuple[PlannedPage, Mapping[str, object]]:
        """The page to render, and what the cache should keep again (key: value)."""
        ...


_Stamp = tuple[int, int, int, int]
"""A written page's size, mtime (ns) and inode, and its folder's inode."""

_Record = tuple[str, tuple[str, ...], tuple[str, ...], _Stamp | None]
"""A rendered page's fingerprint, the templates and the site-wide context's entries it
used, and its file's stamp when the render stage wrote it (see `PageSink`)."""


@dataclass(frozen=True, slots=True)
class RenderedSite:
    outputs: tuple[tuple[OutputPath, bytes | None], ...]
    """Output path and bytes, or None for "keep the file already published" (with a
    sink: "written to the sink")."""
    records: dict[OutputPath, _Record]
    """For each page rendered this build: its fingerprint and what it used."""
    diagnostics: tuple[Diagnostic, ...]
    rendered_count: int
    template_seconds: dict[str, float]
    """Time spent rendering, per template (for `--profile`)."""
    restored: dict[str, object] = field(default_factory=dict)
    """What the `PageFiller` had to make again (a body lost from the cache), by key."""
    restamped: dict[OutputPath, PageRecord] = field(default_factory=dict)
    """Records of pages kept in a copy of the folder they were written to, stamped again
    with their file and folder as they are now (see `render_choice._kept`)."""
    left_out: frozenset[OutputPath] = frozenset()
    """Planned pages not published: their template, and the theme's, failed on them."""
    fallen_back: frozenset[OutputPath] = frozenset()
    """Pages published with the theme's template, the site's having failed on them."""

    @property
    def unrecorded(self) -> frozenset[OutputPath]:
        """The pages left out or fallen back: no record of them may be kept (an earlier
        one, stamped again, would keep the fallen-back file when the template is restored)."""
        return self.left_out | self.fallen_back


def render_site(
    pages: tuple[PlannedPage, ...],
    renderer: Renderer,
    site_fingerprint: str,
    document_tokens: Mapping[int, bytes],
    previous: Mapping[str, PageRecord],
    checks: PageChecks,
    executor: Executor,
    on_progress: Callable[[int, int], None] | None = None,
    sink: PageSink | None = None,
    prepare: Callable[[list[PlannedPage]], list[PlannedPage]] = list,
    filler: PageFiller | None = None,
) -> RenderedSite:
    """Render the pages whose fingerprint changed. `prepare` completes the pages to be
    rendered before they go to the workers, `filler` each one in the worker that
    renders it (its post's body, so the bodies never pass through this process); a
    page is still fingerprinted as planned, so what either adds is never an input.
    `checks` says which recorded pages' files are still the pages recorded
    (`check_pages`): a page is kept only when its file is."""
    digests = DependencyDigests(renderer)
    outputs: list[tuple[OutputPath, bytes | None]] = [(page.output_path, None) for page in pages]
    choice = pages_to_render(pages, previous, digests, site_fingerprint, document_tokens, checks)
    to_render, subjects, restamped = choice.changed, choice.subjects, choice.restamped

    state = _RenderState(renderer, digests, site_fingerprint, document_tokens, sink, filler)
    planned = [pages[index] for index in to_render]
    prepared = prepare(planned)
    jobs = [
        (page, None if ready is page else ready, subjects.get(index))
        for index, page, ready in zip(to_render, planned, prepared, strict=True)
    ]
    results = executor.map(_render_page, state, jobs, on_progress)
    diagnostics: list[Diagnostic] = list(renderer.broken_templates)
    template_seconds: dict[str, float] = {}
    records: dict[OutputPath, _Record] = {}
    restored: dict[str, object] = {}
    failed: dict[int, Diagnostic] = {}  # left out
    fallen_back: dict[int, Diagnostic] = {}  # published with the theme's template
    for index, (result, template, seconds, kept_again) in zip(to_render, results, strict=True):
        restored.update(kept_again)
        template_seconds[template] = template_seconds.get(template, 0.0) + seconds
        if isinstance(result, Diagnostic):
            diagnostics.append(result)
            failed[index] = result
            continue
        if isinstance(result, FallenBack):
            diagnostics.append(result.diagnostic)
            fallen_back[index] = result.diagnostic
            outputs[index] = (pages[index].output_path, result.data)
            continue
        data, used, entries, fingerprint_of_page, stamp = result
        path = pages[index].output_path
        if data is not None:
            outputs[index] = (path, data)
        records[path] = (fingerprint_of_page, used, entries, stamp)
    check_failed_somewhere_only(
        [page.template for page in pages],
        {**failed, **fallen_back},
        _published_used(pages, to_render, records, previous),
        renderer.template_file,
    )
    kept = tuple(output for index, output in enumerate(outputs) if index not in failed)
    rendered_count = len(to_render) - len(failed)
    return RenderedSite(
        kept, records, tuple(diagnostics), rendered_count, template_seconds, restored, restamped,
        left_out=frozenset(pages[index].output_path for index in failed),
        fallen_back=frozenset(pages[index].output_path for index in fallen_back),
    )  # fmt: skip


def _published_used(
    pages: tuple[PlannedPage, ...],
    rendered: list[int],
    records: Mapping[OutputPath, _Record],
    previous: Mapping[str, PageRecord],
) -> Iterator[tuple[str, ...]]:
    """The template names each page published with the site's templates used: those
    rendered now, then those kept, as their record from the last build names them (a
    page not rendered has one). Lazy: read only when a page failed."""
    for _, used, _, _ in records.values():
        yield used
    rendered_now = set(rendered)
    for index, page in enumerate(pages):
        if index not in rendered_now:
            yield previous[page.output_path][5]


@dataclass(frozen=True, slots=True)
class _RenderState:
    """What every render worker shares (inherited, never sent)."""

    renderer: Renderer
    digests: DependencyDigests
    site_fingerprint: str
    document_tokens: Mapping[int, bytes]
    sink: PageSink | None
    filler: PageFiller | None


_Rendered = tuple[
    tuple[bytes | None, tuple[str, ...], tuple[str, ...], str, _Stamp | None] | Diagnostic | FallenBack,
    str,
    float,
    Mapping[str, object],
]
"""A page's bytes (None: written to the sink), the templates and the site-wide
context's entries it used, its fingerprint and (written to the sink) its file's size
and mtime; or why it failed. Then its template, the seconds spent, and what the filler
made again for the cache."""


def _render_page(state: _RenderState, job: tuple[PlannedPage, PlannedPage | None, str | None]) -> _Rendered:
    """Render one page (as prepared, when `prepare` changed it), fingerprint it (as
    planned, unless its subject's fingerprint came with it), and with a sink write it
    there: then only the record travels back."""
    page, prepared, subject = job
    ready = prepared or page
    restored: Mapping[str, object] = {}
    if state.filler is not None:
        ready, restored = state.filler.fill(ready)
    result, template, seconds = render_one(state.renderer, ready)
    if isinstance(result, Diagnostic):
        return result, template, seconds, restored
    if isinstance(result, FallenBack):
        if state.sink is not None and result.data is not None:
            state.sink.write(page.output_path, result.data)
            result = FallenBack(None, result.diagnostic)
        return result, template, seconds, restored
    data, used, entries = result
    if subject is None:
        subject = subject_fingerprint(page, state.site_fingerprint, state.document_tokens)
    fingerprint_of_page = state.digests.page_fingerprint(subject, used, entries)
    if state.sink is None:
        return (data, used, entries, fingerprint_of_page, None), template, seconds, restored
    stamp = state.sink.write(page.output_path, data)
    return (None, used, entries, fingerprint_of_page, stamp), template, seconds, restored


def page_records(
    destination: Path, records: dict[OutputPath, _Record], relinked: Mapping[OutputPath, PageRecord]
) -> list[tuple[OutputPath, PageRecord]]:
    """The cache records of the pages just published: each page's fingerprint and the
    templates and entries it used, with the size, mtime and inode of its file and its folder's inode
    (a page whose file is gone is left out, so it renders again next time). A page a
    worker wrote into the staging tree brings its file's stamp along (the swap renames
    the staging folder, not the file nor its folder), so only the others are looked up
    here. `relinked`: the records of pages a swap published unchanged, hard-linked into
    new folders (pass none otherwise): each is stamped again, or its page would look
    copied next time (see `render_choice._kept`)."""
    stored = []
    folders: dict[str, int] = {}
    for relative, (page_fingerprint, templates, entries, stamp) in records.items():
        stamp = stamp or _stamp(destination, relative, folders)
        if stamp is not None:
            stored.append((relative, (page_fingerprint, *stamp, templates, entries)))
    for path, (page_fingerprint, *_, templates, entries) in relinked.items():
        if path not in records and (stamp := _stamp(destination, path, folders)) is not None:
            stored.append((path, (page_fingerprint, *stamp, templates, entries)))
    return stored


def _stamp(destination: Path, path: str, folders: dict[str, int]) -> _Stamp | None:
    """A published page's size, mtime and inode, and its folder's inode (`folders` keeps
    each folder's inode once looked up); None when either cannot be read."""
    folder = path.rpartition("/")[0]
    try:
        stat = os.stat(f"{destination}/{path}")
        if folder not in folders:
            folders[folder] = os.stat(f"{destination}/{folder}").st_ino
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, folders[folder]
