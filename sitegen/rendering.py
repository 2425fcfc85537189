"""The render stage: planned pages to bytes, skipping pages whose inputs did not change.

A page's fingerprint hashes its subject (posts by their cache keys), the site-wide
context and the templates. When it matches the fingerprint recorded for the file now in
the destination, and that file's size and mtime are what sitegen wrote, the file is kept
as it is; everything else is rendered, in parallel.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.cache import PageRecord
from sitegen.errors import ContentError, Diagnostic, TemplateError, shorten
from sitegen.executor import Executor
from sitegen.fingerprint import fingerprint
from sitegen.plan import PlannedPage
from sitegen.render import Renderer


@dataclass(frozen=True, slots=True)
class RenderedSite:
    outputs: tuple[tuple[PurePosixPath, bytes | None], ...]
    """Output path and bytes, or None for "keep the file already published"."""
    fingerprints: dict[PurePosixPath, str]
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
) -> RenderedSite:
    fingerprints: dict[PurePosixPath, str] = {}
    to_render: list[int] = []
    outputs: list[tuple[PurePosixPath, bytes | None]] = []
    for index, page in enumerate(pages):
        page_fingerprint = fingerprint(
            (site_fingerprint, renderer.template_fingerprint(page.template), page.url, page.subject),
            document_tokens,
        )
        fingerprints[page.output_path] = page_fingerprint
        outputs.append((page.output_path, None))
        record = previous.get(str(page.output_path))
        if (
            record is None
            or record.fingerprint != page_fingerprint
            or not _unchanged(f"{destination}/{page.output_path}", record)
        ):
            to_render.append(index)

    results = executor.map(_render_one, renderer, [pages[index] for index in to_render], on_progress)
    diagnostics: list[Diagnostic] = []
    template_seconds: dict[str, float] = {}
    failed: set[int] = set()
    for index, (result, template, seconds) in zip(to_render, results, strict=True):
        template_seconds[template] = template_seconds.get(template, 0.0) + seconds
        if isinstance(result, Diagnostic):
            diagnostics.append(result)
            failed.add(index)
        else:
            outputs[index] = (pages[index].output_path, result)
    kept = tuple(output for index, output in enumerate(outputs) if index not in failed)
    for index in failed:
        fingerprints.pop(pages[index].output_path, None)
    return RenderedSite(
        kept, fingerprints, tuple(diagnostics), len(to_render) - len(failed), template_seconds
    )


def _unchanged(path: str, record: PageRecord) -> bool:
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns


def _render_one(renderer: Renderer, page: PlannedPage) -> tuple[bytes | Diagnostic, str, float]:
    """Render one page: the error boundary of a page.

    A template error (a typo, an undefined name) is the site's, and fails the build with
    its template and line. Anything else that goes wrong while one page renders comes from
    that page's own data, so it is one error naming the page's source and the page is
    left out."""
    started = time.perf_counter()
    try:
        template = renderer.template_for(page.template)
        return renderer.render(page), template, time.perf_counter() - started
    except TemplateError:
        raise
    except ContentError as error:
        message = Diagnostic(error.message, page.source_path, error.line, "error")
        return message, page.template, time.perf_counter() - started
    except Exception as error:  # the per-page boundary
        text = f"{page.url} cannot be rendered ({shorten(f'{type(error).__name__}: {error}')}); not published"
        return Diagnostic(text, page.source_path, None, "error"), page.template, time.perf_counter() - started
