"""Liquid as Jekyll runs it in posts and pages: the engine, Jekyll's tags, error recovery.

Jekyll (`lib/jekyll/renderer.rb`) renders Liquid in every file with front matter before
converting Markdown. sitegen does the same with python-liquid, plus Jekyll's tags
(`lib/jekyll/tags/include.rb`, `link.rb`, `post_url.rb`, `highlight.rb`) and filters
(`sitegen.liquid.filters`). One `LiquidEngine` serves one build: it holds the includes it
has read, so a file saved during a build cannot give two posts two versions of it.

Content whose Liquid cannot be rendered is never published raw and never stops the
build (Jekyll stops at the first error). Every error in the file is reported with its
line: broken markup is cut out tag by tag (`sitegen.liquid.repair`), keeping the text
around it, and the rest is rendered with an environment that records each failing tag
and goes on, so one bad tag costs only its own output.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from liquid import Environment, Mode, Tag
from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidError
from liquid.loader import BaseLoader
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_TAG, Token

from sitegen.liquid.budget import NAMESPACE_LIMIT, BudgetedTemplate, bounded_filters
from sitegen.liquid.filters import FilterSettings, jekyll_filters, xml_escape
from sitegen.liquid.guard import guard_blocks
from sitegen.liquid.include import IncludeRelativeTag, IncludesLoader, IncludeTag, render_inline, tag_markup
from sitegen.liquid.output import RubyOutput
from sitegen.liquid.repair import Repaired, repair

if TYPE_CHECKING:
    from liquid import RenderContext

_LIQUID_OPENER = re.compile(r"\{(?=[{%])")


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """What `{% link %}` and `{% post_url %}` resolve against: relative path → URL."""

    by_relative_path: Mapping[str, str]
    """Every post, page and static file, by its path in the source tree (`_posts/a.md`)."""
    by_post_name: Mapping[str, str]
    """Every post by its `post_url` name: the file name without extension, with any
    folder above `_posts` (`news/2022-05-27-slug`)."""


@dataclass(frozen=True, slots=True)
class LiquidProblem:
    message: str
    """One line saying what is wrong."""
    line: int | None
    """1-based line of the broken markup inside the rendered text, where known."""
    salvaged: bool = False
    """Read leniently as Jekyll reads it, nothing left out (`sitegen.liquid.repair`)."""


@dataclass(frozen=True, slots=True)
class LiquidOutcome:
    text: str
    problems: tuple[LiquidProblem, ...] = ()
    """Every problem, in the order of the text, when it could not be rendered as written."""


class LiquidEngine:
    """Renders Liquid text for one build; see the module docstring."""

    def __init__(
        self,
        settings: FilterSettings,
        includes_dirs: Sequence[Path],
        links: SiteLinks,
        source_dir: Path | None = None,
    ) -> None:
        self._loader = IncludesLoader(tuple(includes_dirs), source_dir)
        self._settings = settings
        self._links = links
        self._source_dir = source_dir
        """Where `{% include_relative %}` may read: the site's source folder."""
        self._strict = _environment(Mode.STRICT, self._loader, settings, links, source_dir)

    def render(self, text: str, variables: Mapping[str, Any]) -> LiquidOutcome:
        try:
            return LiquidOutcome(self._strict.from_string(text).render(**variables))
        except (LiquidError, RecursionError, ValueError, TypeError, ArithmeticError):
            return self._recover(text, variables)

    def _parses(self, markup: str) -> bool:
        try:
            self._strict.from_string(markup)
        except LiquidError:
            return False
        return True

    def _recover(self, text: str, variables: Mapping[str, Any]) -> LiquidOutcome:
        """The text rendered with every broken tag cut out and every failing tag skipped,
        each one a problem. A fresh recording environment per call: the errors it
        collects belong to this text alone."""
        repaired = repair(text, self._parses)
        problems = [LiquidProblem(p.message, _line_at(text, p.offset), p.salvaged) for p in repaired.problems]
        environment = _environment(Mode.LAX, self._loader, self._settings, self._links, self._source_dir)
        try:
            template = environment.from_string(repaired.text)
            guard_blocks(template.nodes)
            rendered = template.render(**variables)
        except Exception as error:  # a library failure outside a tag: no Liquid at all
            rendered = strip_liquid(repaired.text)
            problems.append(LiquidProblem(f"{type(error).__name__}: {error}", None))
        for skipped in environment.errors:
            problems.append(_describe(skipped, text, repaired))
        problems.sort(key=lambda problem: problem.line or 0)
        return LiquidOutcome(rendered, tuple(problems))


def strip_liquid(text: str) -> str:
    """The text without any Liquid tag: closed tags removed, stray openers defused.

    Linear: each kind of tag is found with `str.find` moving forward only."""
    pieces: list[str] = []
    position = 0
    while True:
        candidates = []
        for opening, closing in (("{%", "%}"), ("{{", "}}")):
            start = text.find(opening, position)
            if start != -1:
                end = text.find(closing, start + 2)
                if end != -1:
                    candidates.append((start, end + 2))
        if not candidates:
            break
        start, end = min(candidates)
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return _LIQUID_OPENER.sub("", "".join(pieces))


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _describe(error: LiquidError, text: str, repaired: Repaired) -> LiquidProblem:
    message = str(error.message if error.message is not None else type(error).__name__)
    message = message.splitlines()[0] if message else type(error).__name__
    token = error.token
    if token is not None and token.start_index >= 0 and token.source is repaired.text:
        return LiquidProblem(message, _line_at(text, repaired.original_offset(token.start_index)))
    if error.template_name:
        return LiquidProblem(f"{message} (in include {error.template_name})", None)
    return LiquidProblem(message, None)


class _Environment(Environment):
    """python-liquid with Jekyll's lenience (unknown filters pass the value through) and
    bounds that keep one hostile file from running away with the build (and those of
    `sitegen.liquid.budget`)."""

    context_depth_limit = 30
    loop_iteration_limit = 1_000_000
    output_stream_limit = 50_000_000
    local_namespace_limit = NAMESPACE_LIMIT
    template_class = BudgetedTemplate

    def __init__(self, mode: Mode, loader: BaseLoader, links: SiteLinks, source_dir: Path | None) -> None:
        super().__init__(tolerance=mode, loader=loader, strict_filters=False)
        self.links = links
        self.source_dir = source_dir
        self.errors: list[LiquidError] = []
        """What a tolerant environment skipped, in order (a strict one raises instead)."""

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Token | None = None,
    ) -> None:
        if self.mode == Mode.STRICT:
            super().error(exc, msg, token)
            return
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        self.errors.append(exc)


def _links_of(environment: Environment) -> SiteLinks:
    assert isinstance(environment, _Environment)
    return environment.links


def _environment(
    mode: Mode, loader: BaseLoader, settings: FilterSettings, links: SiteLinks, source_dir: Path | None
) -> _Environment:
    environment = _Environment(mode, loader, links, source_dir)
    for name, function in jekyll_filters(settings).items():
        environment.add_filter(name, function)
    environment.filters.update(bounded_filters(environment.filters))
    for tag in (RubyOutput, IncludeTag, IncludeRelativeTag, _LinkTag, _PostUrlTag, _HighlightTag):
        environment.add_tag(tag)
    return environment


class _LinkNode(Node):
    """`{% link path %}`: the URL of the file at that path, with the baseurl."""

    __slots__ = ("markup",)
    tag = "link"
    missing = "document"

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        name = render_inline(self.markup, context) if "{{" in self.markup else self.markup.strip()
        url = self.lookup(_links_of(context.env), name)
        if url is None:
            raise LiquidError(f"could not find {self.missing} '{name}' in tag '{self.tag}'", token=self.token)
        buffer.write(context.env.filters["relative_url"](url))
        return 1

    def lookup(self, links: SiteLinks, name: str) -> str | None:
        return links.by_relative_path.get(name.lstrip("/"))


class _PostUrlNode(_LinkNode):
    """`{% post_url 2022-05-27-slug %}`: that post's URL, with the baseurl."""

    __slots__ = ()
    tag = "post_url"
    missing = "post"

    def lookup(self, links: SiteLinks, name: str) -> str | None:
        return links.by_post_name.get(name)


class _LinkTag(Tag):
    """Jekyll's `{% link _posts/2022-05-27-slug.md %}`: the URL of the file at that path (link.rb)."""

    name = "link"
    block = False
    node = _LinkNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream)
        return self.node(token, markup)


class _PostUrlTag(_LinkTag):
    """Jekyll's `{% post_url 2022-05-27-slug %}`: that post's URL with the baseurl (post_url.rb)."""

    name = "post_url"
    node = _PostUrlNode


class _HighlightNode(Node):
    __slots__ = ("block", "language")

    def __init__(self, token: Token, language: str, block: BlockNode) -> None:
        super().__init__(token)
        self.language = language
        self.block = block
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        # highlight.rb renders the block's Liquid, then wraps Rouge's output in
        # `<figure class="highlight"><pre><code …>`; sitegen has no highlighter, so the
        # rendered code is escaped and shown plain.
        code = context.get_buffer(buffer)
        self.block.render(context, code)
        language = xml_escape(self.language)
        buffer.write(
            f'<figure class="highlight"><pre><code class="language-{language}" data-lang="{language}">'
            f"{html.escape(code.getvalue().strip(chr(10)), quote=False)}</code></pre></figure>"
        )
        return 1


class _HighlightTag(Tag):
    """`{% highlight lang %}…{% endhighlight %}` (highlight.rb)."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream, block=True)
        words = markup.split()
        block = get_parser(self.env).parse_block(stream, (self.end,))
        stream.expect(TOKEN_TAG, value=self.end)
        return _HighlightNode(token, words[0] if words else "plaintext", block)
