"""Render planned pages to bytes through Jinja templates.

Autoescape is on for HTML and XML (only `.txt` templates, robots.txt, are plain); only
bodies and JSON-LD, made safe beforehand, are marked safe by the context builder.
`StrictUndefined` turns a typo in a template into an error.

Rendered text is encoded at one boundary, `encode_output`, whatever reached the context:
a post, a file name or `_config.yml` can carry characters that XML 1.0 forbids (a
control character pasted from a terminal, U+FFFF) or a lone surrogate, and one such
character makes a whole feed unreadable to every feed reader. Cleaning each field
instead would leave the next new field unguarded.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from sitegen.content.cache_tag import cache_holding
from sitegen.display_text import shown
from sitegen.errors import ContentError, Diagnostic, Level, TemplateError
from sitegen.model import NO_LAYOUT, SourcePage
from sitegen.regular_files import open_regular
from sitegen.render.context import ContextBuilder
from sitegen.render.template_errors import jinja_error, runtime_error
from sitegen.render.theme_fallback import ThemeFallback
from sitegen.render.xml_output import encode_output, is_xml_output
from sitegen.site.layouts import LAYOUT_ALIASES
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import PostPage
from sitegen.urls import OutputPath

TEMPLATE_EXTENSIONS = (".html", ".xml", ".txt")
ABSENT = "absent"
"""The digest of a template name that no template folder provides."""


class _RecordingLoader(jinja2.FileSystemLoader):
    """A file-system loader that remembers a digest of every template source it hands out.

    The environment compiles every template it lists once, up front
    (`Renderer.check_templates`), and never reloads one (`auto_reload=False`), so these
    digests describe exactly the sources every page of the build is rendered with; a
    partial not listed (by its extension, or behind a folder link) is read when a page
    first includes it, or when a rebuild asks for its digest (`digest`)."""

    def __init__(self, search_path: list[str]) -> None:
        super().__init__(search_path)
        self.digests: dict[str, str] = {}
        self.set_aside: set[str] = set()
        """Files of the site's own that cannot be compiled: their names resolve past them."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        filename = self.find(template)
        source, mtime = _read_template(filename)
        self.digests[template] = _digest(filename, source)
        return source, filename, lambda: _mtime(filename) == mtime

    def digest(self, template: str) -> str:
        """The digest of the file `template` resolves to: the one it was loaded from, else
        (a template not compiled up front: a partial `check_templates` does not list, by
        its extension or behind a folder link) read now, else `ABSENT`; a file that
        cannot be read is a digest of why, so that its repair is a change too."""
        known = self.digests.get(template)
        if known is not None:
            return known
        try:
            filename = self.find(template)
            source, _ = _read_template(filename)
        except jinja2.TemplateNotFound:
            return ABSENT
        except TemplateError as error:
            return _digest(str(error.path), f"unreadable: {error.message}")
        self.digests[template] = digest = _digest(filename, source)
        return digest

    def find(self, template: str) -> str:
        """The file a template name resolves to: the first folder's (Jinja's rule), where
        anything else by that name (a folder, a FIFO, a dangling link) is the site's
        mistake, never a reason to fall back silently to the theme's template."""
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.normpath(posixpath.join(folder, *pieces))
            if filename in self.set_aside:
                continue
            if os.path.isfile(filename):
                cache = cache_holding(Path(os.path.realpath(filename)), Path(folder))
                if cache is not None:
                    message = f"template leads into {cache}, a build cache (it holds a CACHEDIR.TAG)"
                    raise TemplateError(f"{message}; not read", path=filename)
                return filename
            if os.path.lexists(filename):
                message = "template is not a readable file (a folder, a FIFO or a broken or looping link)"
                raise TemplateError(message, path=filename)
        raise jinja2.TemplateNotFound(template)


def _digest(filename: str, source: str) -> str:
    text = f"{filename}\0{source}".encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=20).hexdigest()


def _read_template(filename: str) -> tuple[str, float]:
    """A template's text and modification time. Every template source passes here, so a
    file that cannot be read or is not UTF-8 is a `TemplateError` naming it (and the line
    of the first bad byte), which fails the build as a syntax error does."""
    try:
        with open_regular(filename) as handle:
            data = handle.read()
            mtime = os.fstat(handle.fileno()).st_mtime
    except OSError as error:
        raise TemplateError(f"template cannot be read ({error.strerror})", path=filename) from None
    try:
        return data.decode("utf-8"), mtime
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"template is not UTF-8 text ({error.reason} at byte {error.start})"
        raise TemplateError(message, path=filename, line=line) from None


def _mtime(filename: str) -> float | None:
    try:
        return os.path.getmtime(filename)
    except OSError:
        return None


class _RecordingEnvironment(jinja2.Environment):
    """Records, while a page renders, the name of every template it asks for: its own,
    those it extends, includes or imports (names computed at run time included), and
    those it asked for but that do not exist, since adding one later changes the page."""

    used: set[str] | None = None

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if self.used is not None and isinstance(name, str):
            self.used.add(self.join_path(name, parent) if parent is not None else name)
        return super().get_template(name, parent, globals)

    def select_template(
        self,
        names: Iterable[str | jinja2.Template],
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        names = list(names)
        for name in names:
            try:
                return self.get_template(name, parent, globals)
            except jinja2.TemplateNotFound:
                continue
        return super().select_template(names, parent, globals)


class RenderedPage(NamedTuple):
    """A page's bytes and what its rendering read: its dependency record."""

    data: bytes
    templates: tuple[str, ...]
    """Every template name the rendering asked for, sorted."""
    entries: tuple[str, ...]
    """Every entry of the site-wide context the page's context read, sorted
    (`sitegen.render.site_entries`)."""


class _SandboxedEnvironment(SandboxedEnvironment, _RecordingEnvironment):
    """`_RecordingEnvironment` in Jinja's sandbox (`jinja2.sandbox`): for `safe: true`."""


class Renderer:
    """Holds one Jinja environment; `render` is a pure function of the planned page and
    of the template sources read by `check_templates`."""

    def __init__(
        self,
        template_dirs: tuple[Path, ...],
        contexts: ContextBuilder,
        bytecode: jinja2.BytecodeCache | None = None,
    ) -> None:
        """`bytecode`, when given, supplies templates compiled by an earlier build and
        collects those compiled now (`sitegen.incremental.bytecode`)."""
        self._loader = _RecordingLoader([str(d) for d in template_dirs])
        # Jekyll's safe mode runs no code of the site's (plugins); a site's own Jinja
        # template is code (`''.__class__.__mro__` reaches any Python), so there every
        # template renders in Jinja's sandbox, which refuses such attributes and calls.
        environment = _SandboxedEnvironment if contexts.config.safe else _RecordingEnvironment
        self._environment = environment(
            loader=self._loader,
            # Escaping is right for HTML and XML alike; robots.txt is plain text.
            autoescape=jinja2.select_autoescape(disabled_extensions=("txt",), default=True),
            undefined=jinja2.StrictUndefined,
            finalize=_shown,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates are read once per build, so a template edited while the site
            # renders cannot make some pages old and others new.
            auto_reload=False,
            cache_size=-1,
            bytecode_cache=bytecode,
        )
        self._contexts = contexts
        theme = (Path(self._loader.searchpath[-1]),)
        self.fallback = ThemeFallback(lambda: Renderer(theme, contexts, bytecode))
        """Renders a page the site's templates failed on with the theme's alone."""
        self.broken_templates: list[Diagnostic] = []
        """An error line for each of a Jekyll tree's templates that cannot be compiled."""
        self._jekyll_tree = False

    def check_templates(self, only_theme_names: bool = False, set_aside: bool | None = None) -> None:
        """Compile every template up front: a syntax error fails the build, naming it.
        Render workers are forked after this, so they inherit every template compiled.

        `only_theme_names`: only those the theme has (the last template folder), as for
        a plain Jekyll tree, whose `templates/` may hold a CMS's or newsletter's files
        that are no sitegen template and that nothing includes: one that is included
        is compiled then, and fails the build there as any template does. `set_aside`
        (by default `only_theme_names`): one of those theme-named files that cannot be
        compiled is set aside with one error line, the theme's used in its place, where
        the folder may be such a tree's own files (not where the site excludes it)."""
        self._jekyll_tree = only_theme_names if set_aside is None else set_aside
        extensions = [extension.lstrip(".") for extension in TEMPLATE_EXTENSIONS]
        names = self._environment.list_templates(extensions=extensions)
        if only_theme_names:
            theme = jinja2.FileSystemLoader(self._loader.searchpath[-1:])
            names = sorted(set(names) & set(theme.list_templates()))
        for name in sorted(names):
            self._template(name)

    def template_digest(self, name: str) -> str:
        """A digest of the file a template name resolves to in this build (its path and
        its text), or `ABSENT` when no template folder has it: also for a template no
        page has loaded yet (a `.css` or `.svg` partial, one in a linked folder), which
        a rebuild asks about before it renders anything."""
        return self._loader.digest(name)

    def _template(self, name: str) -> jinja2.Template:
        """The compiled template `name`. In a plain Jekyll tree, whose `templates/` may be
        a CMS's or newsletter's (Jekyll publishes it as files: `sitegen.content.
        templates_folder`), one of the site's own (any folder but the theme's, the last)
        that cannot be compiled or read is set aside with one error line, and the name
        resolves to the theme's file: one such file never stops the build. In sitegen's
        own layout `templates/` is the site's design, and a broken one fails the build."""
        while True:
            try:
                return self._environment.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                problem = _syntax_error(error, name)
            except TemplateError as error:
                problem = error
            if not self._set_aside(problem, name):
                raise problem from None

    def _set_aside(self, problem: TemplateError, name: str) -> bool:
        theme = os.path.normpath(self._loader.searchpath[-1])
        if not self._jekyll_tree or problem.path is None or str(problem.path) in self._loader.set_aside:
            return False
        filename = os.path.normpath(str(problem.path))
        if filename.startswith(theme + os.sep):
            return False
        self._loader.set_aside.add(filename)
        message = f"{problem.message}; this file is not used: pages use the theme's {name}, where it has one"
        self.broken_templates.append(Diagnostic(message, problem.path, problem.line, Level.ERROR))
        return True

    def template_file(self, name: str) -> str | None:
        """The file a template name resolves to in this build (a page's record of the
        names it used, `render`), or None when none does or it cannot be read: how a
        failing file is told apart from the pages that rendered with it
        (`sitegen.render.template_errors.check_failed_somewhere_only`)."""
        try:
            return self._loader.find(name)
        except (jinja2.TemplateNotFound, TemplateError):
            return None

    def template_for(self, layout: str) -> str:
        """The template file for a layout, or a `ContentError` if the theme has none.

        A name with a file extension (`feed.xml`, `robots.txt`) is the template itself;
        `NO_LAYOUT` names no template (the content is published alone)."""
        if layout == NO_LAYOUT:
            return NO_LAYOUT
        if layout.endswith(TEMPLATE_EXTENSIONS):
            names: tuple[str, ...] = (layout,)
        else:
            names = (f"{layout}.html", f"{LAYOUT_ALIASES.get(layout, layout)}.html")
        for name in names:
            try:
                self._template(name)
                return name
            except jinja2.TemplateNotFound:
                continue
        raise ContentError(f"unknown layout '{layout}' (no template {layout}.html)")

    def entries_digest(self, names: tuple[str, ...]) -> bytes:
        """A digest of this build's value of each named entry of the site-wide context
        (`sitegen.render.site_entries`)."""
        return self._contexts.entries.digest(names)

    def render(self, page: PlannedPage) -> RenderedPage:
        """The page's bytes and its dependency record (see
        `sitegen.incremental.rendering`)."""
        if page.template == NO_LAYOUT:
            body = _body_of(page)
            return RenderedPage(encode_output(body, xml=_is_xml(None, page.output_path, body)), (), ())
        recorded = self._contexts.entries
        recorded.take_read()  # reading starts afresh for this page
        context = self._contexts.for_subject(page.subject)
        environment = self._environment
        environment.used = set()
        try:
            template = self._template(self.template_for(page.template))
            try:
                text = template.render(context)
            except jinja2.TemplateError as error:
                raise jinja_error(error, template.filename, page.url) from None
            except Exception as error:
                site_error = runtime_error(error, page.url)
                if site_error is None:
                    raise  # the page's own: its boundary (`sitegen.incremental.rendering`)
                raise site_error from None
            used = tuple(sorted(environment.used))
            entries = recorded.take_read()  # the template reads `site.sections` itself
        finally:
            environment.used = None
        xml = _is_xml(template.name, page.output_path, text)
        return RenderedPage(encode_output(text, xml=xml), used, entries)


def _shown(value: object) -> object:
    """Every `{{ ... }}` of the theme's templates as printed: text from front matter and
    settings without the characters no HTML or XML page may carry
    (`sitegen.display_text.shown`), in HTML as in XML. Markup the theme was handed whole
    (a post's body, ready-made sitemap elements) is printed as it is.

    Every character `shown` removes is a control or a noncharacter, which Python never
    counts as printable, so printable text (nearly every title, date and link: a page
    prints about seventy) is returned without a regular expression's pass."""
    if value.__class__ is str:
        return value if value.isprintable() else shown(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return shown(value)
    return value


def _body_of(page: PlannedPage) -> str:
    """The converted content of a post or page published without a layout."""
    subject = page.subject
    if isinstance(subject, PostPage):
        return subject.post.body_html
    if isinstance(subject, SourcePage):
        return subject.body_html
    raise ContentError(f"{page.url} has no content to publish without a layout")


def _is_xml(template_name: str | None, output_path: OutputPath, text: str) -> bool:
    """XML is what an XML template renders (`feed.xml`), what is published under an XML
    name (`feed.rss`, `map.svg`: `sitegen.render.xml_output`) or opens with an XML
    declaration. A suffix is read as `PurePosixPath.suffix` reads it: `a/.xml` has none."""
    names = (template_name or "", output_path)
    return is_xml_output(tuple(name for name in names if name), text)


def _syntax_error(error: jinja2.TemplateSyntaxError, name: str) -> TemplateError:
    message = f"template syntax error: {error.message}"
    return TemplateError(message, path=error.filename or name, line=error.lineno)
