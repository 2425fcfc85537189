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
import re
from pathlib import Path, PurePosixPath

import jinja2
import jinja2.meta

from sitegen.context import ContextBuilder
from sitegen.errors import ContentError, TemplateError
from sitegen.layouts import LAYOUT_ALIASES
from sitegen.plan import PlannedPage

TEMPLATE_EXTENSIONS = (".html", ".xml", ".txt")
#: What XML 1.0 forbids besides lone surrogates (which `encode_output` replaces for every
#: output): C0 controls other than tab, LF and CR, and the non-characters U+FFFE, U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Renderer:
    """Holds one Jinja environment; `render` is a pure function of the planned page."""

    def __init__(self, template_dirs: tuple[Path, ...], contexts: ContextBuilder) -> None:
        self._environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            # Escaping is right for HTML and XML alike; robots.txt is plain text.
            autoescape=jinja2.select_autoescape(disabled_extensions=("txt",), default=True),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._contexts = contexts
        self._fingerprints: dict[str, str] = {}

    def check_templates(self) -> None:
        """Compile every template up front: a syntax error fails the build, naming it."""
        extensions = [extension.lstrip(".") for extension in TEMPLATE_EXTENSIONS]
        for name in sorted(self._environment.list_templates(extensions=extensions)):
            self._template(name)

    def template_fingerprint(self, layout: str) -> str:
        """A digest of the template a layout uses and every template it extends or includes.

        Pages are re-rendered when this changes, so editing `tag.html` re-renders tag
        pages only, while editing `base.html` re-renders everything built on it."""
        cached = self._fingerprints.get(layout)
        if cached is not None:
            return cached
        try:
            names = self._with_dependencies(self.template_for(layout))
        except ContentError:
            names = ()
        hasher = hashlib.blake2b(digest_size=20)
        for name in sorted(names):
            source, _filename, _uptodate = self._environment.loader.get_source(self._environment, name)  # type: ignore[union-attr]
            hasher.update(name.encode() + b"\0" + source.encode() + b"\0")
        self._fingerprints[layout] = hasher.hexdigest()
        return self._fingerprints[layout]

    def _with_dependencies(self, name: str) -> tuple[str, ...]:
        found: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop()
            if current in found:
                continue
            found.add(current)
            source, _filename, _uptodate = self._environment.loader.get_source(self._environment, current)  # type: ignore[union-attr]
            referenced = jinja2.meta.find_referenced_templates(self._environment.parse(source))
            # A dynamic include (a name computed at run time) could be any template.
            if any(reference is None for reference in referenced):
                return tuple(self._environment.list_templates())
            pending.extend(reference for reference in referenced if reference is not None)
        return tuple(found)

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self._environment.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            raise _syntax_error(error, name) from None

    def template_for(self, layout: str) -> str:
        """The template file for a layout, or a `ContentError` if the theme has none.

        A name with a file extension (`feed.xml`, `robots.txt`) is the template itself."""
        if layout.endswith(TEMPLATE_EXTENSIONS):
            names: tuple[str, ...] = (layout,)
        else:
            names = (f"{layout}.html", f"{LAYOUT_ALIASES.get(layout, layout)}.html")
        for name in names:
            try:
                self._environment.get_template(name)
                return name
            except jinja2.TemplateNotFound:
                continue
            except jinja2.TemplateSyntaxError as error:
                raise _syntax_error(error, name) from None
        raise ContentError(f"unknown layout '{layout}' (no template {layout}.html)")

    def render(self, page: PlannedPage) -> bytes:
        context = self._contexts.for_subject(page.subject)
        template = self._template(self.template_for(page.template))
        try:
            text = template.render(context)
        except jinja2.UndefinedError as error:
            message = f"{error.message} (while rendering {page.url})"
            raise TemplateError(message, path=template.filename) from None
        except jinja2.TemplateError as error:
            raise TemplateError(f"{error} (while rendering {page.url})", path=template.filename) from None
        return encode_output(text, xml=_is_xml(template.name, page.output_path))


def encode_output(text: str, *, xml: bool) -> bytes:
    """`text` as UTF-8 that never fails to encode and, for XML, is always well-formed.

    Characters XML forbids are dropped (they carry nothing a reader could show); a lone
    surrogate, which UTF-8 cannot encode, becomes U+FFFD in any output. The fallback runs
    only when the plain encoding fails, so an ordinary page is encoded once."""
    if xml:
        text = _XML_FORBIDDEN.sub("", text)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def _is_xml(template_name: str | None, output_path: PurePosixPath) -> bool:
    """XML is what an `.xml` template renders, or what is published under an `.xml` name."""
    return (template_name or "").endswith(".xml") or output_path.suffix.lower() == ".xml"


def _syntax_error(error: jinja2.TemplateSyntaxError, name: str) -> TemplateError:
    message = f"template syntax error: {error.message}"
    return TemplateError(message, path=error.filename or name, line=error.lineno)
