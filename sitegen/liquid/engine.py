"""Liquid as Jekyll runs it in posts and pages: the engine, Jekyll's tags, error recovery.

Jekyll (`lib/jekyll/renderer.rb`) renders Liquid in every file with front matter before
converting Markdown. sitegen does the same with python-liquid, plus Jekyll's tags
(`lib/jekyll/tags/include.rb`, `link.rb`, `post_url.rb`, `highlight.rb`) and filters
(`sitegen.liquid.filters`). One `LiquidEngine` serves one build: it holds the includes it
has read, so a file saved during a build cannot give two posts two versions of it.

Every text, and every included file, is first read as Jekyll's Liquid reads it
(`sitegen.liquid.lax`): markup its strict parser refuses but its lax parser reads is
rewritten so python-liquid reads it the same, with a warning. Content whose Liquid still
cannot be rendered is never published raw and never stops the build (Jekyll stops at the
first error): every problem in the file is reported with its line
(`sitegen.liquid.recovery`).
"""

from __future__ import annotations

import html
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

from sitegen.liquid.budget import NAMESPACE_LIMIT, bounded_filters
from sitegen.liquid.filter_arity import arity_checked
from sitegen.liquid.filter_errors import contained_filters
from sitegen.liquid.filter_names import jekylls_filters
from sitegen.liquid.filters import FilterSettings, jekyll_filters, xml_escape
from sitegen.liquid.float_domain import ieee_arithmetic
from sitegen.liquid.guard import guard_blocks
from sitegen.liquid.include import (
    IncludeRelativeTag,
    IncludesLoader,
    IncludeTag,
    IncludingEnvironment,
    render_inline,
    tag_markup,
)
from sitegen.liquid.lax import JekyllReading, read_as_jekyll
from sitegen.liquid.loop_scope import JekyllTemplate
from sitegen.liquid.output import RubyOutput
from sitegen.liquid.recovery import LiquidOutcome, LiquidProblem, Recording, recover
from sitegen.liquid.ruby_conditions import RubyIfTag, RubyUnlessTag
from sitegen.liquid.ruby_cycle import RubyCycleTag
from sitegen.liquid.ruby_drops import drops_as_ruby_sees_them
from sitegen.liquid.ruby_inputs import inputs_as_ruby_reads_them
from sitegen.liquid.ruby_loop import RubyForTag, RubyTablerowTag
from sitegen.liquid.ruby_range_literal import use_ruby_ranges
from sitegen.liquid.undefined_values import undefined_as_nil

if TYPE_CHECKING:
    from liquid import BoundTemplate, RenderContext


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """What `{% link %}` and `{% post_url %}` resolve against: relative path → URL."""

    by_relative_path: Mapping[str, str]
    """Every post, page and static file, by its path in the source tree (`_posts/a.md`)."""
    by_post_name: Mapping[str, str]
    """Every post by its `post_url` name: the file name without extension, with any
    folder above `_posts` (`news/2022-05-27-slug`)."""


class LiquidEngine:
    """Renders Liquid text for one build; see the module docstring. `release` it once
    the build's Liquid is rendered."""

    def __init__(
        self,
        settings: FilterSettings,
        includes_dirs: Sequence[Path],
        links: SiteLinks,
        source_dir: Path | None = None,
        *,
        safe: bool = False,
        unread: tuple[str, ...] = (),
    ) -> None:
        self._loader = IncludesLoader(tuple(includes_dirs), source_dir, safe=safe, unread=unread)
        self._settings = settings
        self._links = links
        self._source_dir = source_dir
        """Where `{% include_relative %}` may read: the site's source folder."""
        self._strict = _environment(self._loader, settings, links, source_dir, None)

    def release(self) -> None:
        """Lets go of this build's environments. python-liquid's `get_parser` (liquid/parser.py)
        is a process-wide `functools.lru_cache(maxsize=128)` keyed by environment: it kept
        the last 128 alive, and each holds its build's includes and links (every post's path
        and URL), so a dev server rebuilding a 2,000-post site grew by 0.7 MiB a rebuild.
        Clearing it costs the next parse one `Parser`, a handful of dictionary lookups."""
        get_parser.cache_clear()

    def render(self, text: str, variables: Mapping[str, Any]) -> LiquidOutcome:
        reading = read_as_jekyll(text)
        lenient = [LiquidProblem(note.message, note.line, salvaged=True) for note in reading.lenient]
        try:
            rendered = self._strict.from_string(reading.text).render(**variables)
        except Exception:  # any tag's failure: rendered again, each failing tag on its own
            return self._recover(reading.text, variables, lenient)
        return LiquidOutcome(rendered, tuple(lenient))

    def lenient_in_includes(self) -> list[tuple[Path, LiquidProblem]]:
        """Each tag of an included file read leniently so far, with its file: reported
        once per build, whichever pages included it."""
        return [
            (path, LiquidProblem(note.message, note.line, salvaged=True))
            for path, note in self._loader.lenient()
        ]

    def written_targets(self) -> tuple[Path, ...]:
        """Every real file an include led to in the destination or cache, and did not
        read there (`IncludesLoader.unread`), in the order met."""
        return tuple(self._loader.written_targets)

    def relative_reads(self) -> tuple[tuple[Path, str | None], ...]:
        """Every file `{% include_relative %}` looked for, with the text it read there
        (None when it read none), in the order met (`IncludesLoader.relative_reads`)."""
        return tuple(self._loader.relative_reads.items())

    def _parses(self, markup: str) -> bool:
        try:
            self._strict.from_string(markup)
        except LiquidError:
            return False
        return True

    def _recover(
        self, text: str, variables: Mapping[str, Any], lenient: list[LiquidProblem]
    ) -> LiquidOutcome:
        """A fresh recording environment per call: the errors it collects belong to this
        text alone."""
        recording = Recording(self._parses)
        environment = _environment(self._loader, self._settings, self._links, self._source_dir, recording)

        def render(repaired: str) -> str:
            template = environment.from_string(repaired)
            guard_blocks(template.nodes)
            return template.render(**variables)

        rendered, problems = recover(text, render, recording)
        problems = sorted([*lenient, *problems], key=lambda problem: problem.line or 0)
        return LiquidOutcome(rendered, tuple(problems))


class _Environment(IncludingEnvironment):
    """python-liquid with Jekyll's lenience (unknown filters pass the value through) and
    bounds that keep one hostile file from running away with the build (and those of
    `sitegen.liquid.budget`). Strict, or, given a `Recording`, tolerant: it records
    each failing tag and goes on."""

    context_depth_limit = 30
    loop_iteration_limit = 1_000_000
    output_stream_limit = 50_000_000
    local_namespace_limit = NAMESPACE_LIMIT
    template_class = JekyllTemplate

    def __init__(
        self, loader: BaseLoader, links: SiteLinks, source_dir: Path | None, recording: Recording | None
    ) -> None:
        mode = Mode.STRICT if recording is None else Mode.LAX
        super().__init__(tolerance=mode, loader=loader, strict_filters=False)
        self.links = links
        self.source_dir = source_dir
        self.recording = recording

    def parse_included(self, reading: JekyllReading, name: str, path: Path) -> BoundTemplate:
        """An included text; while recovering, without its broken tags, each recorded."""
        text = reading.text
        if self.recording is not None:
            text = self.recording.included_text(text, path, self.including)
            template = self.from_string(text, name=name, path=path)
            guard_blocks(template.nodes)
            return template
        return self.from_string(text, name=name, path=path)

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Token | None = None,
    ) -> None:
        if self.recording is None:
            super().error(exc, msg, token)
            return
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        self.recording.error(exc, self.including)


def _links_of(environment: Environment) -> SiteLinks:
    assert isinstance(environment, _Environment)
    return environment.links


def _environment(
    loader: BaseLoader,
    settings: FilterSettings,
    links: SiteLinks,
    source_dir: Path | None,
    recording: Recording | None,
) -> _Environment:
    use_ruby_ranges()
    environment = _Environment(loader, links, source_dir, recording)
    for name, function in jekyll_filters(settings).items():
        environment.add_filter(name, function)
    kept = jekylls_filters(environment.filters)
    environment.filters.clear()
    environment.filters.update(kept)
    environment.filters.update(inputs_as_ruby_reads_them(environment.filters))
    environment.filters.update(drops_as_ruby_sees_them(environment.filters))
    environment.filters.update(ieee_arithmetic(environment.filters))
    environment.filters.update(bounded_filters(contained_filters(environment.filters)))
    environment.filters.update(undefined_as_nil(environment.filters))
    environment.filters.update(arity_checked(environment.filters))
    for tag in (
        RubyOutput,
        RubyForTag,
        RubyCycleTag,
        RubyTablerowTag,
        RubyIfTag,
        RubyUnlessTag,
        IncludeTag,
        IncludeRelativeTag,
        _LinkTag,
        _PostUrlTag,
        _HighlightTag,
    ):
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
