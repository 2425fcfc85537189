"""Render planned pages to bytes through Jinja templates.

Autoescape is on for everything; only bodies, already HTML, are marked safe by the
context builder. `StrictUndefined` turns a typo in a template into an error.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from sitegen.context import ContextBuilder
from sitegen.errors import ContentError, TemplateError
from sitegen.model import Post, SourcePage
from sitegen.plan import Home, Listing, PlannedPage, Redirect

#: Jekyll's common layout names mapped onto the theme's templates.
LAYOUT_ALIASES = {"default": "page", "home": "index", "posts": "post", "single": "post"}


class Renderer:
    """Holds one Jinja environment; `render` is a pure function of the planned page."""

    def __init__(self, template_dirs: tuple[Path, ...], contexts: ContextBuilder) -> None:
        self._environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._contexts = contexts

    def check_templates(self) -> None:
        """Compile every template up front: a syntax error fails the build, naming it."""
        for name in sorted(self._environment.list_templates(extensions=["html", "xml", "txt"])):
            self._template(name)

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self._environment.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(f"template syntax error: {error.message}", path=error.filename or name, line=error.lineno) from None

    def template_for(self, layout: str) -> str:
        """The template file for a layout, or a `ContentError` if the theme has none."""
        names = (f"{layout}.html", f"{LAYOUT_ALIASES.get(layout, layout)}.html")
        for name in names:
            try:
                self._environment.get_template(name)
                return name
            except jinja2.TemplateNotFound:
                continue
            except jinja2.TemplateSyntaxError as error:
                raise TemplateError(f"template syntax error: {error.message}", path=error.filename or name, line=error.lineno) from None
        raise ContentError(f"unknown layout '{layout}' (no template {layout}.html)")

    def render(self, page: PlannedPage) -> bytes:
        subject = page.subject
        contexts = self._contexts
        if isinstance(subject, Post):
            context = contexts.for_post(subject)
        elif isinstance(subject, SourcePage):
            context = contexts.for_page(subject)
        elif isinstance(subject, Listing):
            context = contexts.for_listing(subject)
        elif isinstance(subject, Home):
            context = contexts.for_home(subject)
        elif isinstance(subject, Redirect):
            context = contexts.for_redirect(subject)
        else:  # pragma: no cover - the plan only holds the kinds above
            raise TypeError(f"cannot render {type(subject).__name__}")
        template = self._template(self.template_for(page.template))
        try:
            return template.render(context).encode("utf-8")
        except jinja2.UndefinedError as error:
            raise TemplateError(f"{error.message} (while rendering {page.url})", path=template.filename) from None
        except jinja2.TemplateError as error:
            raise TemplateError(f"{error} (while rendering {page.url})", path=template.filename) from None
