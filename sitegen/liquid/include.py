"""Jekyll's `{% include %}` tag and the `_includes/` folders it reads (include.rb),
`{% include_relative %}` (a file beside the including document), plus the helpers
Jekyll's tags share: a tag's raw markup, a value or `{{ }}` in it.

One loader serves one build: it holds the includes it has read, so a file saved during a
build cannot give two posts two versions of it.
"""

from __future__ import annotations

import errno
import os
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

from sitegen.content.cache_tag import cache_holding
from sitegen.liquid.guard import PassesThrough
from sitegen.liquid.include_markup import include_markup, include_params
from sitegen.liquid.lax import JekyllReading, Lenient, read_as_jekyll
from sitegen.regular_files import read_regular

if TYPE_CHECKING:
    from liquid import BoundTemplate, RenderContext

_VALID_INCLUDE_NAME = re.compile(r"^[\w/.\-()+~#@]+$")
_INCLUDE_DEPTH = "sitegen.include_depth"
_WRITTEN = "leads into {folder}, which the build writes (its destination or cache); not read"
_IN_A_CACHE = "leads into {folder}, a build cache (it holds a CACHEDIR.TAG); not read"
_LINK_OUT = "is a link to outside the site folder; not read (as in Jekyll's safe mode, `safe: true`)"


class IncludesLoader(BaseLoader):
    """`_includes/` files by name, each read once per build. A link there is read as its
    target, wherever it lies, as Jekyll reads it outside safe mode (include.rb
    `outside_site_source?` is `safe && …`); in safe mode (`safe`) only when the target
    lies in the site folder (`site_dir`), as the scan reads a link
    (`_includes/in.html -> ../parts/in.html` was "not found"), and a link out of the
    site is named as such, never read. Each text is read as Jekyll reads it
    (`sitegen.liquid.lax`), and what was read leniently is kept, by file, to be reported
    once (`lenient`).

    No include, `include_relative` either, is read from a folder of `unread` (the
    destination and the build cache, as real paths): a link leading there would read
    what the last build wrote, so a rebuild would differ from a clean build and a file
    the next publish removes would be read; nor from any folder a build cache's
    `CACHEDIR.TAG` marks (another build's cache, whose files hold unpublished posts).
    Such a target is named, as a link out of the site in safe mode is; Jekyll reads it."""

    def __init__(
        self,
        folders: tuple[Path, ...],
        site_dir: Path | None = None,
        *,
        safe: bool = False,
        unread: tuple[str, ...] = (),
    ) -> None:
        self._folders = folders
        self._site_dir = site_dir
        self.safe = safe
        """Jekyll's safe mode: a link out of the site is not read."""
        self.unread = unread
        """Real folders no include is read from: the destination and the cache."""
        self.written_targets: dict[Path, None] = {}
        """Every real file an include led to in `unread` and did not read, in order."""
        self.relative_reads: dict[Path, str | None] = {}
        """Every file `{% include_relative %}` looked for, as looked for (beside the page,
        links not followed), with the text read there (None: none was, for it is missing
        or cannot be used), in the order met: what the no-change check must see."""
        self._read: dict[str, _Read | None] = {}
        self._readings: dict[Path, JekyllReading] = {}

    def get_source(self, env: Environment, template_name: str, **kwargs: object) -> TemplateSource:
        found = self.find(template_name)
        return TemplateSource(self.reading(found).text, str(found.path), None)

    def find(self, name: str) -> _Read:
        """The include named `name`, or a Liquid error saying it is not there."""
        if name not in self._read:
            self._read[name] = self.noted(self._find(name))
        found = self._read[name]
        if found is None:
            raise TemplateNotFoundError(f"included file '{name}' not found in _includes/", token=None)
        return found

    def reading(self, found: _Read) -> JekyllReading:
        """The file's text as Jekyll reads it; a file that cannot be read raises a Liquid
        error naming it."""
        reading = self._readings.get(found.path)
        if reading is None:
            reading = read_as_jekyll(found.text())
            self._readings[found.path] = reading
        return reading

    def note_relative(self, candidate: Path, found: _Read | None) -> None:
        """Keep what `include_relative` found at `candidate` (`relative_reads`)."""
        self.relative_reads.setdefault(candidate, None if found is None else found.source)

    def noted(self, found: _Read | None) -> _Read | None:
        """`found`, its target kept in `written_targets` when it was not read for that."""
        if found is not None and found.written is not None:
            self.written_targets[found.written] = None
        return found

    def lenient(self) -> list[tuple[Path, Lenient]]:
        """Each tag read leniently in an included file read so far, with its file."""
        return [(path, note) for path, reading in self._readings.items() for note in reading.lenient]

    def _find(self, name: str) -> _Read | None:
        if not _is_valid_name(name):
            return None
        site = () if self._site_dir is None else (self._site_dir,)
        for folder in self._folders:
            roots = (folder, *site) if self.safe else None
            found = _read_inside(roots, folder / name, f"{folder.name}/{name}", self.unread, folder)
            if found is not None:
                return found
        return None


class IncludingEnvironment(Environment):
    """An environment Jekyll's include tags render in: it parses each included text, and
    keeps the include tags being rendered, outermost first (`including`), so a problem
    inside an included file can name the page's tag that included it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.including: list[Token] = []

    def parse_included(self, reading: JekyllReading, name: str, path: Path) -> BoundTemplate:
        return self.from_string(reading.text, name=name, path=path)


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
    """`{{ … }}` in a Jekyll tag's markup rendered, as Jekyll's Liquid reads it."""
    buffer = StringIO()
    template = context.env.from_string(read_as_jekyll(markup).text)
    template.render_with_context(context, buffer, partial=True)
    return buffer.getvalue().strip()


class _IncludeNode(Node):
    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env = context.env
        assert isinstance(env, IncludingEnvironment)
        env.including.append(self.token)
        try:
            return self._render(context, buffer)
        finally:
            env.including.pop()

    def _render(self, context: RenderContext, buffer: TextIO) -> int:
        markup = include_markup(self.markup)
        name = render_inline(markup.file, context) if markup.has_variable else markup.file
        if not name:
            raise LiquidError("include needs a file name", token=self.token)
        namespace: dict[str, Any] = {}
        if markup.params is not None:
            params = include_params(markup.params)
            if params is None:
                raise LiquidError(f"invalid syntax for include: {markup.params!r}", token=self.token)
            namespace["include"] = {
                param.key: param.text
                if param.variable is None
                else _evaluate(param.variable, self.token, context)
                for param in params
            }
        template = self.template(name, context)
        # An include that includes itself stops at the depth limit with one error, and
        # the outermost include publishes nothing (Jekyll: "Nesting too deep"): the
        # limit is carried past every inner include as `_NestingTooDeep`, which the
        # templates between do not catch, and each include writes only once it finished.
        depth = context.tag_namespace.get(_INCLUDE_DEPTH, 0)
        context.tag_namespace[_INCLUDE_DEPTH] = depth + 1
        output = context.get_buffer(buffer)
        try:
            with context.extend(namespace, template=template):
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
        env = context.env
        assert isinstance(env, IncludingEnvironment) and isinstance(env.loader, IncludesLoader)
        try:
            found = env.loader.find(name)
            return env.parse_included(env.loader.reading(found), name, found.path)
        except LiquidError as error:  # not found, unreadable, or (strictly read) broken
            error.token = self.token
            raise


class _IncludeRelativeNode(_IncludeNode):
    """A file found beside the document being rendered (include.rb `IncludeRelativeTag`:
    the folder of `page.path`, inside the site's source, never outside it)."""

    __slots__ = ()

    def template(self, name: str, context: RenderContext) -> BoundTemplate:
        env = context.env
        assert isinstance(env, IncludingEnvironment) and isinstance(env.loader, IncludesLoader)
        source_dir: Path | None = getattr(env, "source_dir", None)
        page = context.resolve("page")
        page_path = page.get("path") if isinstance(page, Mapping) else None
        found = None
        if source_dir is not None and isinstance(page_path, str) and _is_valid_name(name):
            relative = Path(page_path).parent / name
            roots = (source_dir,) if env.loader.safe else None
            candidate = source_dir / relative
            shown, unread = relative.as_posix(), env.loader.unread
            found = env.loader.noted(_read_inside(roots, candidate, shown, unread, source_dir))
            env.loader.note_relative(candidate, found)
        if found is None:
            raise TemplateNotFoundError(
                f"could not locate the included file '{name}' beside '{page_path}'", token=self.token
            )
        try:
            return env.parse_included(env.loader.reading(found), name, found.path)
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
    path: Path
    """The file as found (a link as itself, not its target)."""
    source: str | None = None
    problem: str | None = None
    written: Path | None = None
    """The real target, when it was not read for lying in a folder the build writes."""

    def text(self) -> str:
        """The file's text; a file that cannot be read or is not UTF-8 raises a Liquid error
        naming it (Jekyll stops the build there), never text with its bytes replaced or an
        include reported as missing."""
        if self.source is None:
            raise LiquidError(f"included file '{self.shown_path}' {self.problem}", token=None)
        return self.source


def _read_inside(
    roots: tuple[Path, ...] | None,
    candidate: Path,
    shown_path: str,
    unread: tuple[str, ...] = (),
    home: Path | None = None,
) -> _Read | None:
    """`candidate` read when it is a file inside one of `roots` (each as its links lead;
    None: anywhere, outside safe mode) and in no folder of `unread` (real paths) once
    links are resolved, nor in a build cache but one holding `home` (the folder looked
    in: a site inside a tagged folder reads its own files); None when nothing is there
    (or a folder); a link elsewhere, or to nothing, is named. Any other failure of the
    file system while it is looked for or read (a folder on the way without permission,
    the file gone between look and read) is this include's problem, named, never an
    exception that costs the page."""
    try:
        return _look_inside(roots, candidate, shown_path, unread, home)
    except OSError as error:
        return _Read(shown_path, candidate, problem=f"cannot be read ({error.strerror or error})")


def _look_inside(
    roots: tuple[Path, ...] | None,
    candidate: Path,
    shown_path: str,
    unread: tuple[str, ...],
    home: Path | None,
) -> _Read | None:
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # RuntimeError: Python's word for a link loop
        aim = os.path.realpath(candidate)  # as far as the links lead: a clean build's
        written = _written_folder(Path(aim), unread)
        if written is not None:  # destination has nothing there yet, a rebuild does
            return _Read(shown_path, candidate, problem=_WRITTEN.format(folder=written))
        if not candidate.is_symlink():
            return None
        loop = isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP
        return _Read(shown_path, candidate, problem="is a link loop" if loop else "is a broken link")
    if roots is not None and not any(resolved.is_relative_to(root.resolve()) for root in roots):
        return _Read(shown_path, candidate, problem=_LINK_OUT)
    written = _written_folder(resolved, unread)
    if written is not None:
        return _Read(shown_path, candidate, problem=_WRITTEN.format(folder=written), written=resolved)
    cache = cache_holding(resolved, home)
    if cache is not None:  # another build's cache (`sitegen.content.cache_tag`)
        return _Read(shown_path, candidate, problem=_IN_A_CACHE.format(folder=cache))
    if not resolved.is_file():
        return None
    try:
        return _Read(shown_path, candidate, source=read_regular(resolved).decode("utf-8"))
    except OSError as error:
        return _Read(shown_path, candidate, problem=f"cannot be read ({error.strerror})")
    except UnicodeDecodeError as error:
        return _Read(
            shown_path, candidate, problem=f"is not UTF-8 text ({error.reason} at byte {error.start})"
        )


def _written_folder(real_path: Path, unread: tuple[str, ...]) -> str | None:
    """The folder of `unread` (the destination or the cache) `real_path` lies in, if any."""
    return next((folder for folder in unread if real_path.is_relative_to(folder)), None)


class _NestingTooDeep(PassesThrough):
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
