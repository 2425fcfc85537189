"""The error boundary of one page: what a page that cannot be rendered becomes.

A template error no page can render past (a typo, `sitegen.render.template_errors`) is
the site's and fails the build. One the template's code raised on this page's data, or
any other error while it rendered, is the page's: the page is rendered again with the
theme's template (`sitegen.render.theme_fallback`) and published with an error line, or
left out with one when the theme's fails too. A `ContentError` (an unknown layout) is
the page's source's own, named at its file, and the page is left out.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

from sitegen.errors import ContentError, Diagnostic, Level, PageTemplateError, TemplateError, shorten
from sitegen.render.template_errors import LEFT_OUT, published_with
from sitegen.render.templates import RenderedPage, Renderer
from sitegen.site.plan import PlannedPage


class FallenBack(NamedTuple):
    """A page the site's templates failed on, published with the theme's template
    (`sitegen.render.theme_fallback`): its bytes (None once written to the sink) and its
    error line. It is never recorded, so it renders again next build."""

    data: bytes | None
    diagnostic: Diagnostic


def render_one(
    renderer: Renderer, page: PlannedPage
) -> tuple[RenderedPage | Diagnostic | FallenBack, str, float]:
    """Render one page (see the module): its bytes and dependency record, or what it
    became; the template it was planned with; the seconds it took. Raises the site's
    `TemplateError`."""
    started = time.perf_counter()
    where = page.source_path or Path(page.template)
    try:
        template = renderer.template_for(page.template)
        return renderer.render(page), template, time.perf_counter() - started
    except TemplateError:
        raise
    except PageTemplateError as error:
        failure = (error.message, error.path or where, error.line)
    except ContentError as error:
        message = Diagnostic(error.message, where, error.line, Level.ERROR)
        return message, page.template, time.perf_counter() - started
    except Exception as error:  # the per-page boundary
        reason = shorten(f"{type(error).__name__}: {error}")
        failure = (f"{page.url} cannot be rendered ({reason})", where, None)
    text, path, line = failure
    fallback = renderer.fallback.render(page)
    seconds = time.perf_counter() - started
    if fallback is None:
        return Diagnostic(f"{text}; {LEFT_OUT}", path, line, Level.ERROR), page.template, seconds
    rendered, theme_template = fallback
    diagnostic = Diagnostic(f"{text}; {published_with(theme_template)}", path, line, Level.ERROR)
    return FallenBack(rendered.data, diagnostic), page.template, seconds
