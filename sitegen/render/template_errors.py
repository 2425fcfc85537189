"""Whose fault a template's failure while it renders is: the site's or one page's.

A template that cannot work for any page fails the build, naming template and line, and
the last published site stays as it was: a syntax error (in an include compiled as it
is first used), a name the context of its kind of page never has (`{{ titel }}`: under
`StrictUndefined` a typo, since every page of a kind gets the same names:
`sitegen.render.context.ContextBuilder.for_subject`), a template that extends itself or
a macro that calls itself. A template whose own code fails on one page's data (`{{ 1 //
n }}`, `post.tags[0].name` for a post without tags, a missing attribute, an include
whose name the page chose) is that page's fault: a `PageTemplateError`, one error line
naming the template, its line and the page, which is left out while every other page is
published, as a post that cannot be read is (`sitegen.incremental.rendering`). Jinja
itself draws the line between compiling and running (`jinja2.exceptions`: only
`TemplateSyntaxError` is raised before the code runs).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping, Sequence
from types import FrameType

import jinja2

from sitegen.errors import Diagnostic, PageTemplateError, SitegenError, TemplateError, shorten

_UNDEFINED_NAME = re.compile(r"'[^']*' is undefined")
"""`StrictUndefined`'s message for a name the context does not have at all
(`jinja2.runtime.Undefined._undefined_message`), as against an attribute or item of a
value the page has."""


def jinja_error(error: jinja2.TemplateError, filename: str | None, url: str) -> SitegenError:
    """The error a Jinja error raised while `url` renders stands for (see the module)."""
    text = error.message if isinstance(error, jinja2.UndefinedError) else str(error)
    path, line = innermost_template(error) or (filename, None)
    site_wide = isinstance(error, jinja2.TemplateSyntaxError) or (
        isinstance(error, jinja2.UndefinedError) and _UNDEFINED_NAME.fullmatch(text or "") is not None
    )
    if site_wide:
        return TemplateError(f"{text} (while rendering {url})", path=path, line=line)
    return PageTemplateError(page_message(text or "", url), path=path, line=line)


def runtime_error(error: Exception, url: str) -> SitegenError | None:
    """The template's own error, when its code raised `error` (`{{ 1 / 0 }}`): the page's
    (`PageTemplateError`); or when it recursed (`{% extends "base.html" %}` in
    `base.html`, a macro calling itself): the site's, which fails the build as a syntax
    error does. Left to the page's boundary (None) when sitegen's Python raised it (a
    filter given the page's data): the innermost frame of the traceback is then not a
    template's."""
    frames = list(traceback.walk_tb(error.__traceback__))
    raised_in_template = bool(frames) and _is_template_frame(frames[-1][0])
    where = innermost_template(error)
    if where is None:
        return None
    if isinstance(error, RecursionError):
        message = f"{shorten(f'{type(error).__name__}: {error}')} (while rendering {url})"
        return TemplateError(message, path=where[0], line=where[1])
    if not raised_in_template:
        return None
    return PageTemplateError(page_message(str(error), url), path=where[0], line=where[1])


_FAILS_WHILE_RENDERING = "the template fails while rendering"


LEFT_OUT = "that page is not published"
"""How a page-failure line ends when the theme's template failed on the page too."""


def page_message(reason: str, url: str) -> str:
    """One line in words: the page, why (the library's words, never its class name);
    the caller adds what became of the page (`LEFT_OUT`, `published_with`)."""
    why = shorten(reason) or "its code failed"
    return f"{_FAILS_WHILE_RENDERING} {url}: {why}"


def published_with(template: str) -> str:
    """How a page-failure line ends when the page was published with the theme's
    template instead (`sitegen.render.theme_fallback`)."""
    return f"published with the theme's {template} instead"


def check_failed_somewhere_only(templates: Sequence[str], failed: Mapping[int, Diagnostic]) -> None:
    """The site's fault after all, when a template's code failed on every page planned
    with it, two or more (`templates[i]` is page i's, `failed` the pages that failed,
    left out or published with the theme's template, by index): a `{{ 1 / 0 }}` in
    `base.html` would otherwise publish the whole site in the theme's design, under a
    line per page and exit 0. A template planned for one page (the home page, a feed)
    cannot tell its own fault from its page's: one crawled title failing the home
    page's headlines must not stop every new post, so that page falls back alone.
    Pages a rebuild did not render rendered before, unchanged, so the count is a clean
    build's too (incremental equals clean). Raises that `TemplateError`; returns when
    some page of each failing template rendered."""
    failures: dict[str, list[Diagnostic]] = {}
    for index, diagnostic in failed.items():
        if diagnostic.message.startswith(_FAILS_WHILE_RENDERING):
            failures.setdefault(templates[index], []).append(diagnostic)
    for template, found in sorted(failures.items()):
        if len(found) == templates.count(template) > 1:
            first = found[0]
            shown = first.message.rpartition("; ")[0]
            message = f"fails on every page it renders ({len(found)}), nothing was published; first: {shown}"
            raise TemplateError(message, path=first.path, line=first.line)


def innermost_template(error: BaseException) -> tuple[str | None, int] | None:
    """The template file and line the innermost template frame of `error`'s traceback
    ran (the partial or base template it failed in, not the page's own template, which
    an error in `base.html` was blamed on), or None when no template frame is there."""
    frames = [
        (frame, line) for frame, line in traceback.walk_tb(error.__traceback__) if _is_template_frame(frame)
    ]
    if not frames:
        return None
    frame, line = frames[-1]
    template = frame.f_globals.get("__jinja_template__")
    if template is not None:
        return template.filename, template.get_corresponding_lineno(line)
    return frame.f_globals.get("__file__"), line


def _is_template_frame(frame: FrameType) -> bool:
    """A frame running a template, as Jinja marks them (`jinja2.debug`): its compiled code
    carries `__jinja_template__`; the frames it rewrites to point at the template's
    source, `__jinja_exception__`."""
    return "__jinja_template__" in frame.f_globals or "__jinja_exception__" in frame.f_globals
