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
`TemplateSyntaxError` is raised before the code runs). Once every page is rendered, a
file whose code failed on every page that reached it (`{{ 1 / 0 }}` in `base.html`) is
the site's after all (`check_failed_somewhere_only`).
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import FrameType

import jinja2

from sitegen.errors import Diagnostic, PageTemplateError, SitegenError, TemplateError, shorten
from sitegen.model import NO_LAYOUT

_UNDEFINED_NAME = re.compile(r"'[^']*' is undefined")
"""`StrictUndefined`'s message for a name the context does not have at all
(`jinja2.runtime.Undefined._undefined_message`), as against an attribute or item of a
value the page has."""


def jinja_error(error: jinja2.TemplateError, filename: str | None, url: str) -> SitegenError:
    """The error a Jinja error raised while `url` renders stands for (see the module)."""
    text = error.message if isinstance(error, jinja2.UndefinedError) else str(error)
    if isinstance(error, jinja2.TemplateNotFound) and not isinstance(error, jinja2.TemplatesNotFound):
        text = f"template {error.message} not found"  # Jinja's message is the name alone
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


def check_failed_somewhere_only(
    templates: Sequence[str],
    failed: Mapping[int, Diagnostic],
    published_used: Iterable[tuple[str, ...]],
    template_file: Callable[[str], str | None],
) -> None:
    """The site's fault after all, when a template's code failed wherever it ran: a
    `{{ 1 / 0 }}` or a missing include in `base.html` would otherwise publish the whole
    site in the theme's design (or without its pages), under a line per page, exit 0.

    `templates[i]` is page i's template, `failed` the pages that failed (left out or
    published with the theme's template) by index, `published_used` the template names
    each page published with the site's templates used (rendered now or kept from the
    last build), and `template_file` the file a name resolves to. A failure is the site's
    (a `TemplateError`: the build fails, nothing is published) when

    - a file (page template, layout or include) failed on two or more pages and no page
      rendered with it: it fails wherever it runs;
    - a page template planned for two or more pages failed on each of them (in itself
      or in a file it reached);
    - every page of the site that renders with a template failed: nothing would be
      published in the site's design. A one-page site is this case: its page's failure
      is its template's, and the last good site stays as it was.

    A file that failed on one page and rendered others (one crawled title failing a
    shared partial), or on one page only of a site of many (the home page's headlines),
    cannot tell its own fault from its page's: the page falls back alone and every new
    post is still published. Pages a rebuild did not render rendered before, unchanged,
    with the templates their record names, so every count is a clean build's too
    (incremental equals clean). Returns when none of these holds."""
    found = sorted(
        (index, diagnostic)
        for index, diagnostic in failed.items()
        if diagnostic.message.startswith(_FAILS_WHILE_RENDERING)
    )
    if not found:
        return
    by_template: dict[str, list[Diagnostic]] = {}
    by_file: dict[str, list[Diagnostic]] = {}
    for index, diagnostic in found:
        by_template.setdefault(templates[index], []).append(diagnostic)
        by_file.setdefault(os.path.normpath(diagnostic.path), []).append(diagnostic)
    # The file first: its line names every page it failed on, where its page
    # templates' would name only theirs. By the page each first failed on.
    unused = {path: failures for path, failures in by_file.items() if len(failures) > 1}
    for path in _rendered_files(unused.keys(), published_used, template_file):
        del unused[path]
    for failures in unused.values():
        raise _broken("fails on every page it renders", failures)
    for template, failures in sorted(by_template.items()):
        if len(failures) == templates.count(template) > 1:
            raise _broken("fails on every page it renders", failures)
    if len(found) == sum(template != NO_LAYOUT for template in templates):
        raise _broken("the site's templates fail on every page", [diagnostic for _, diagnostic in found])


def _rendered_files(
    files: Iterable[str],
    published_used: Iterable[tuple[str, ...]],
    template_file: Callable[[str], str | None],
) -> set[str]:
    """Those of `files` some published page rendered with. Read only when a page failed,
    and only until each file is found: a 165,000-page rebuild's records share their
    tuples of names, so each distinct tuple is looked through once."""
    wanted = set(files)
    found: set[str] = set()
    seen_tuples: set[int] = set()
    seen_names: set[str] = set()
    for names in published_used:
        if not wanted:
            break
        if id(names) in seen_tuples:
            continue
        seen_tuples.add(id(names))
        for name in names:
            if name in seen_names:
                continue
            seen_names.add(name)
            path = template_file(name)
            if path is not None and path in wanted:
                wanted.discard(path)
                found.add(path)
    return found


def _broken(what: str, failures: Sequence[Diagnostic]) -> TemplateError:
    """The one error line of a broken template: how many pages, and the first failure."""
    first = failures[0]
    shown = first.message.rpartition("; ")[0]
    message = f"{what} ({len(failures)}), nothing was published; first: {shown}"
    return TemplateError(message, path=first.path, line=first.line)


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
