"""The render stage: planned pages to bytes, skipping pages whose inputs did not change.

A page's fingerprint hashes its subject (posts by their cache keys), the site-wide
context (which holds the configuration), its layout and URL, and the digest of every
template its last rendering actually asked for: extended, included, imported, chosen at
run time, or asked for and missing. Those names are recorded while the page renders
(`Renderer.render`), not guessed from a template's source, so an edit to any template
a page used, or a new template shadowing one it used, re-renders exactly that page.
When the fingerprint matches the one recorded for the file now in the destination, and
that file's size and mtime are what sitegen wrote, the file is kept as it is;
everything else is rendered, in parallel.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.errors import ContentError, Diagnostic, Level, TemplateError, shorten
from sitegen.incremental.cache import PageRecord
from sitegen.incremental.fingerprint import fingerprint
from sitegen.parallel import Executor
from sitegen.render.templates import Renderer
from sitegen.site.plan import PlannedPage


@dataclass(frozen=True, slots=True)
class RenderedSite:
    outputs: tuple[tuple[PurePosixPath, bytes | None], ...]
    """Output path and bytes, or None for "keep the file already published"."""
    records: dict[PurePosixPath, tuple[str, tuple[str, ...]]]
    """For each page rendered this build: its fingerprint and the templates it used."""
    diagnostics: tuple[Diagnostic, ...]
    rendered_count: int
    template_seconds: dict[str, float]
    """Time spent rendering, per template (for `--profile`)."""


def render_site(
    pages: tuple[PlannedPage, ...],
    renderer: Renderer,
    site_fingerprint: str,
    document_tokens: Mapping[int, bytes],
    previous: Mapping[str, PageRecord],
    destination: Path,
    executor: Executor,
    on_progress: Callable[[int, int], None] | None = None,
    prepare: Callable[[list[PlannedPage]], list[PlannedPage]] = list,
) -> RenderedSite:
    """Render the pages whose fingerprint changed; `prepare` completes the pages to be
    rendered (post bodies read back from the cache) before they go to the workers."""
    subject_fingerprints: list[str] = []
    template_digests = _TemplateDigests(renderer)
    to_render: list[int] = []
    outputs: list[tuple[PurePosixPath, bytes | None]] = []
    for index, page in enumerate(pages):
        subject_fingerprint = fingerprint(
            (site_fingerprint, page.template, page.url, page.subject), document_tokens
        )
        subject_fingerprints.append(subject_fingerprint)
        outputs.append((page.output_path, None))
        record = previous.get(str(page.output_path))
        if (
            record is None
            or record.fingerprint != template_digests.page_fingerprint(subject_fingerprint, record.templates)
            or not _unchanged(f"{destination}/{page.output_path}", record)
        ):
            to_render.append(index)

    results = executor.map(_render_one, renderer, prepare([pages[index] for index in to_render]), on_progress)
    diagnostics: list[Diagnostic] = []
    template_seconds: dict[str, float] = {}
    records: dict[PurePosixPath, tuple[str, tuple[str, ...]]] = {}
    failed: set[int] = set()
    for index, (result, template, seconds) in zip(to_render, results, strict=True):
        template_seconds[template] = template_seconds.get(template, 0.0) + seconds
        if isinstance(result, Diagnostic):
            diagnostics.append(result)
            failed.add(index)
            continue
        data, used = result
        path = pages[index].output_path
        outputs[index] = (path, data)
        records[path] = (template_digests.page_fingerprint(subject_fingerprints[index], used), used)
    kept = tuple(output for index, output in enumerate(outputs) if index not in failed)
    return RenderedSite(kept, records, tuple(diagnostics), len(to_render) - len(failed), template_seconds)


class _TemplateDigests:
    """This build's digest of each set of templates pages used: a site has a handful of
    such sets and tens of thousands of pages, so each set is hashed once."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer
        self._by_set: dict[tuple[str, ...], bytes] = {}

    def page_fingerprint(self, subject_fingerprint: str, templates: tuple[str, ...]) -> str:
        """The subject's fingerprint combined with this build's digest of each template."""
        digest = self._by_set.get(templates)
        if digest is None:
            hasher = hashlib.blake2b(digest_size=20)
            for name in templates:
                text = f"\0{name}\0{self._renderer.template_digest(name)}"
                hasher.update(text.encode("utf-8", "surrogateescape"))
            digest = self._by_set[templates] = hasher.digest()
        return hashlib.blake2b(subject_fingerprint.encode() + digest, digest_size=20).hexdigest()


def _unchanged(path: str, record: PageRecord) -> bool:
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns


def _render_one(
    renderer: Renderer, page: PlannedPage
) -> tuple[tuple[bytes, tuple[str, ...]] | Diagnostic, str, float]:
    """Render one page: the error boundary of a page.

    A template error (a typo, an undefined name) is the site's, and fails the build with
    its template and line. Anything else that goes wrong while one page renders comes from
    that page's own data, so it is one error naming the page's source (for a generated
    page, its template) and the page is left out."""
    started = time.perf_counter()
    where = page.source_path or Path(page.template)
    try:
        template = renderer.template_for(page.template)
        return renderer.render(page), template, time.perf_counter() - started
    except TemplateError:
        raise
    except ContentError as error:
        message = Diagnostic(error.message, where, error.line, Level.ERROR)
        return message, page.template, time.perf_counter() - started
    except Exception as error:  # the per-page boundary
        text = f"{page.url} cannot be rendered ({shorten(f'{type(error).__name__}: {error}')}); not published"
        return Diagnostic(text, where, None, Level.ERROR), page.template, time.perf_counter() - started


def page_records(
    destination: Path, records: dict[PurePosixPath, tuple[str, tuple[str, ...]]]
) -> list[tuple[str, PageRecord]]:
    """The cache records of the pages just published: each page's fingerprint and the
    templates it used, with the size and mtime of its file (a page whose file is gone is
    left out, so it renders again next time)."""
    stored = []
    for relative, (page_fingerprint, templates) in records.items():
        try:
            stat = (destination / relative).stat()
        except OSError:
            continue
        stored.append(
            (str(relative), PageRecord(page_fingerprint, stat.st_size, stat.st_mtime_ns, templates))
        )
    return stored
