"""Jekyll's `{% include %}` tag and the `_includes/` folders it reads (include.rb),
`{% include_relative %}` (a file beside the including document), plus the helpers
Jekyll's tags share: a tag's raw markup, a value or `{{ }}` in it.

One loader serves one build: it holds the includes it has read, so a file saved during a
build cannot give two posts two versions of it.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from liquid import Environment, Tag
from liquid.ast import Node
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.exceptions import ContextDepthError, LiquidError, TemplateNotFoundError
from liquid.loader import BaseLoader, TemplateSource
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

if TYPE_CHECKING:
    from liquid import BoundTemplate, RenderContext

_INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.\[\]-]+))"""
)
_VALID_INCLUDE_NAME = re.compile(r"^[\w/.\-()+~#@]+$")
_INCLUDE_WITH_VARIABLE = re.compile(r"^\s*(\S*\{\{.*?\}\}\S*)(.*)$", re.DOTALL)
_INCLUDE_DEPTH = "sitegen.include_depth"
_LINK_OUT = "is a link to outside the site folder; not read (as in Jekyll's safe mode)"


class IncludesLoader(BaseLoader):
    """`_includes/` files by name, each read once per build. A link there is read as its
    target when that lies in the site folder (`site_dir`), as the scan reads every link
    (`_includes/in.html -> ../parts/in.html` was "not found"); a link out of the site is
    named as such, never read."""

    def __init__(self, folders: tuple[Path, ...], site_dir: Path | None = None) -> None:
        self._folders = folders
        self._site_dir = site_dir
        self._read: dict[str, _Read | None] = {}

    def get_source(self, env: Environment, template_name: str, **kwargs: object) -> TemplateSource:
        if template_name not in self._read:
            self._read[template_name] = self._find(template_name)
        found = self._read[template_name]
        if found is None:
            raise TemplateNotFoundError(
                f"included file '{template_name}' not found in _includes/", token=None
            )
        return TemplateSource(found.text(), template_name, None)

    def _find(self, name: str) -> _Read | None:
        if not _is_valid_name(name):
            return None
        site = () if self._site_dir is None else (self._site_dir,)
        for folder in self._folders:
            found = _read_inside((folder, *site), folder / name, f"{folder.name}/{name}")
            if found is not None:
                return found
        return None


def tag_markup(stream: TokenStream, *, block: bool = False) -> tuple[Token, str]:
    """The tag token and its raw markup (everything after the tag name).

    The parser steps past a tag's last token itself, so an inline tag leaves its markup
    token current; a block tag steps past it to parse its body."""
    token = stream.expect(TOKEN_TAG)
    markup = ""
    # A tag written without markup (`{% include %}`) has no expression token: stepping
    # past the tag then would make the parser skip the text after it.
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        markup = stream.current.value
    if block:
        next(stream)
    return token, markup


def _evaluate(markup: str, token: Token, context: RenderContext) -> Any:
    """A variable or literal written in a Jekyll tag's markup, evaluated in the context."""
    stream = TokenStream(tokenize(markup, parent_token=token))
    return parse_primitive(context.env, stream).evaluate(context)


def render_inline(markup: str, context: RenderContext) -> str:
    buffer = StringIO()
    template = context.env.from_string(markup)
    template.render_with_context(context, buffer, partial=True)
    return buffer.getvalue().strip()


class _IncludeNode(Node):
    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        markup = self.markup.strip()
        variable = _INCLUDE_WITH_VARIABLE.match(markup)
        if variable is not None:
            name, params = render_inline(variable.group(1), context), variable.group(2)
        else:
            name, _, params = markup.partition(" ")
        name = name.strip()
        if not name:
            raise LiquidError("include needs a file name", token=self.token)
        arguments: dict[str, Any] = {}
        remainder = _INCLUDE_PARAM.sub("", params).strip()
        if remainder:
            raise LiquidError(f"invalid syntax for include: {remainder!r}", token=self.token)
        for key, double, single, path in _INCLUDE_PARAM.findall(params):
            if path:
                arguments[key] = _evaluate(path, self.token, context)
            else:
                arguments[key] = (
                    (double or "").replace('\\"', '"') if double or not single else single.replace("\\'", "'")
                )
        template = self.template(name, context)
        # An include that includes itself stops at the depth limit with one error, and
        # the outermost include publishes nothing (Jekyll: "Nesting too deep"): the
        # limit is carried past every inner include as `_NestingTooDeep`, which the
        # templates between do not catch, and each include writes only once it finished.
        depth = context.tag_namespace.get(_INCLUDE_DEPTH, 0)
        context.tag_namespace[_INCLUDE_DEPTH] = depth + 1
        output = context.get_buffer(buffer)
        try:
            with context.extend({"include": arguments}, template=template):
                template.render_with_context(context, output, partial=True)
        except (ContextDepthError, _NestingTooDeep) as error:
            if depth > 0:
                raise _NestingTooDeep from error
            raise LiquidError(f"Nesting too deep in include '{name}'", token=self.token) from error
        finally:
            context.tag_namespace[_INCLUDE_DEPTH] = depth
        buffer.write(output.getvalue())
        return 1

    def template(self, name: str, context: RenderContext) -> BoundTemplate:
        try:
            return context.env.get_template(name, context=context, tag="include")
        except LiquidError as error:  # not found, or found but unreadable
            error.token = self.token
            raise


class _IncludeRelativeNode(_IncludeNode):
    """A file found beside the document being rendered (include.rb `IncludeRelativeTag`:
    the folder of `page.path`, inside the site's source, never outside it)."""

    __slots__ = ()

    def template(self, name: str, context: RenderContext) -> BoundTemplate:
        env = context.env
        source_dir: Path | None = getattr(env, "source_dir", None)
        page = context.resolve("page")
        page_path = page.get("path") if isinstance(page, Mapping) else None
        found = None
        if source_dir is not None and isinstance(page_path, str) and _is_valid_name(name):
            relative = Path(page_path).parent / name
            found = _read_inside((source_dir,), source_dir / relative, relative.as_posix())
        if found is None:
            raise TemplateNotFoundError(
                f"could not locate the included file '{name}' beside '{page_path}'", token=self.token
            )
        try:
            return env.from_string(found.text(), name=name)
        except LiquidError as error:
            error.token = self.token
            raise


def _is_valid_name(name: str) -> bool:
    """include.rb `validate_file_name`: no `..`, `//` or `./` sequences, a narrow alphabet."""
    return (
        bool(_VALID_INCLUDE_NAME.match(name))
        and not re.search(r"[./]{2,}", name)
        and not name.startswith("/")
    )


@dataclass(frozen=True, slots=True)
class _Read:
    """One included file as read: its text, or why the file that is there cannot be used."""

    shown_path: str
    """The file as the error names it: below the folder it was looked for in."""
    source: str | None = None
    problem: str | None = None

    def text(self) -> str:
        """The file's text; a file that cannot be read or is not UTF-8 raises a Liquid error
        naming it (Jekyll stops the build there), never text with its bytes replaced or an
        include reported as missing."""
        if self.source is None:
            raise LiquidError(f"included file '{self.shown_path}' {self.problem}", token=None)
        return self.source


def _read_inside(roots: tuple[Path, ...], candidate: Path, shown_path: str) -> _Read | None:
    """`candidate` read when it is a file inside one of `roots` (each as its links lead)
    once links are resolved; None when nothing is there (or a folder); a link elsewhere,
    or to nothing, is named."""
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # RuntimeError: Python's word for a link loop
        if not candidate.is_symlink():
            return None
        loop = isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP
        return _Read(shown_path, problem="is a link loop" if loop else "is a broken link")
    if not any(resolved.is_relative_to(root.resolve()) for root in roots):
        return _Read(shown_path, problem=_LINK_OUT)
    if not resolved.is_file():
        return None
    try:
        return _Read(shown_path, source=resolved.read_bytes().decode("utf-8"))
    except OSError as error:
        return _Read(shown_path, problem=f"cannot be read ({error.strerror})")
    except UnicodeDecodeError as error:
        return _Read(shown_path, problem=f"is not UTF-8 text ({error.reason} at byte {error.start})")


class _NestingTooDeep(Exception):
    """Raised through nested includes, past the templates that would skip a LiquidError."""


class IncludeTag(Tag):
    """Jekyll's `{% include file.html key=value key="text" %}` (include.rb); the
    parameters are the `include` variable inside the file."""

    name = "include"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream)
        return _IncludeNode(token, markup)


class IncludeRelativeTag(IncludeTag):
    """Jekyll's `{% include_relative file.md key=value %}` (include.rb)."""

    name = "include_relative"

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream)
        return _IncludeRelativeNode(token, markup)
