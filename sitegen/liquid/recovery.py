"""Liquid that cannot be rendered as written, rendered anyway, every problem named.

Jekyll stops the build at the first Liquid error (`liquid/block_body.rb`, `block.rb`).
sitegen publishes the page instead: broken markup is cut out tag by tag
(`sitegen.liquid.repair`), keeping the text around it, and the rest is rendered with an
environment that records each failing tag and goes on (`Recording`), so one bad tag
costs only its own output. An included file is repaired the same way when it is read,
and a problem inside it is named with that file and its own line, and the line of the
page's include tag, as Jekyll names it ("… (_includes/x.html line 2) … included in
_posts/p.md").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from liquid.exceptions import LiquidError
from liquid.token import Token

from sitegen.errors import message_lines
from sitegen.liquid.budget import BudgetSpent
from sitegen.liquid.filter_errors import readable
from sitegen.liquid.guard import UNEXPECTED
from sitegen.liquid.repair import Repaired, repair
from sitegen.liquid.ruby_syntax import TOKENS

_LIQUID_OPENER = re.compile(r"\{(?=[{%])")
_TAG_HEAD = re.compile(r"\{%-?\s*(\w+)\s*", re.ASCII)
"""A tag up to its markup: Ruby's `FullToken` (`liquid/block_body.rb`) before `(.*?)`."""


@dataclass(frozen=True, slots=True)
class IncludedAt:
    """Where in an included file a problem lies."""

    path: Path
    line: int | None


@dataclass(frozen=True, slots=True)
class LiquidProblem:
    message: str
    """One line saying what is wrong."""
    line: int | None
    """1-based line of the problem in the rendered text (for a problem inside an
    included file, the line of the include tag that included it), where known."""
    salvaged: bool = False
    """Read leniently as Jekyll reads it, nothing left out (`sitegen.liquid.lax`)."""
    include: IncludedAt | None = None
    """The problem lies inside this included file, at this line of it."""


@dataclass(frozen=True, slots=True)
class LiquidOutcome:
    text: str
    problems: tuple[LiquidProblem, ...] = ()
    """Every problem, in the order of the text, when it could not be rendered as written."""


@dataclass(frozen=True, slots=True)
class _Markups:
    """Where Ruby Liquid names each tag and output of a text, split as its tokenizer
    splits it (`liquid/tokenizer.rb`).

    python-liquid's error tokens point inside the markup (at a tag's name, an output's
    expression, a filter's name), which in markup spread over several lines may be a
    later line than Ruby's. Ruby Liquid names an output at the line its `{{` is on, and a
    tag at the line its markup after the name starts on (`liquid/block_body.rb` sets
    `parse_context.line_number` before the token's own line breaks count, then adds those
    around the tag's name); and in a `{% liquid %}` tag each statement at its own line
    (`Tokenizer` with `for_liquid_tag`). Jekyll's messages say that line."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    named: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for found in TOKENS.finditer(self.text):
            head = _TAG_HEAD.match(found.group())
            if head is not None and head.group(1) == "liquid":
                continue  # each statement is named at its own line: the offset's
            self.starts.append(found.start())
            self.ends.append(found.end())
            self.named.append(found.start() + (head.end() if head is not None else 0))

    def markup_at(self, offset: int) -> str:
        """The markup holding `offset`; outside any (a `{% liquid %}` statement), its line."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return self.text[self.starts[index] : self.ends[index]]
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start : len(self.text) if end == -1 else end]

    def named_at(self, offset: int) -> int:
        """Where Ruby names the markup holding `offset` (`offset` itself outside any)."""
        index = bisect_right(self.starts, offset) - 1
        return self.named[index] if index >= 0 and offset < self.ends[index] else offset


@dataclass(frozen=True, slots=True)
class _Included:
    path: Path
    repaired: Repaired | None
    text: str
    """The included text as read (before repair): its lines are the file's."""
    markups: _Markups
    """The markups of the text python-liquid parsed (the repaired text, if repaired)."""

    def line_at(self, offset: int) -> int:
        offset = self.markups.named_at(offset)
        original = self.repaired.original_offset(offset) if self.repaired is not None else offset
        return line_at(self.text, original)


class Recording:
    """What a recovering environment met while it rendered one text: the errors it
    skipped, each with the page's include tag being rendered then, and the included
    texts it repaired."""

    def __init__(self, parses: Callable[[str], bool]) -> None:
        self.parses = parses
        self.errors: list[tuple[LiquidError, Token | None]] = []
        self.in_includes: list[tuple[str, IncludedAt, Token | None]] = []
        self._included: dict[int, _Included] = {}
        self._recorded: set[tuple[str, str, tuple[int, int] | None, tuple[int, int] | None]] = set()

    def error(self, error: LiquidError, including: list[Token]) -> None:
        """Record `error`, once: a tag failing in every turn of a loop (a limit reached,
        a filter refusing each item) is one problem of the text, not one per turn, and
        the file's loop budget spent is one problem of the file, not one per loop."""
        at = including[0] if including else None
        place = None if isinstance(error, BudgetSpent) else _place(error.token)
        key = (type(error).__name__, str(error.message), place, _place(at))
        if key not in self._recorded:
            self._recorded.add(key)
            self.errors.append((error, at))

    def included_text(self, text: str, path: Path, including: list[Token]) -> str:
        """The included text to parse: as read when it parses strictly, else without its
        broken tags, each recorded with its line in the file."""
        if self.parses(text):
            self._included[id(text)] = _Included(path, None, text, _Markups(text))
            return text
        repaired = repair(text, self.parses)
        at = including[0] if including else None
        markups = _Markups(text)
        for problem in repaired.problems:
            where = IncludedAt(path, line_at(text, markups.named_at(problem.offset)))
            self.in_includes.append((problem.message, where, at))
        self._included[id(repaired.text)] = _Included(path, repaired, text, _Markups(repaired.text))
        return repaired.text

    def included(self, source: str) -> _Included | None:
        return self._included.get(id(source))


def _place(token: Token | None) -> tuple[int, int] | None:
    """Where a token stands: which text (by identity, all alive while one text renders)
    and where in it."""
    return None if token is None else (id(token.source), token.start_index)


def recover(text: str, render: Callable[[str], str], recording: Recording) -> tuple[str, list[LiquidProblem]]:
    """The text rendered (by `render`, in the environment `recording` records for) with
    every broken tag cut out and every failing tag skipped, and each of them named."""
    repaired = repair(text, recording.parses)
    original = _Markups(text)
    own: list[tuple[LiquidProblem, str]] = []  # a problem of the page's own tag, and its markup
    for broken in repaired.problems:
        problem = LiquidProblem(broken.message, line_at(text, original.named_at(broken.offset)))
        own.append((problem, original.markup_at(broken.offset)))
    problems: list[LiquidProblem] = []
    try:
        rendered = render(repaired.text)
    except Exception as failure:  # a library failure outside a tag: no Liquid at all
        rendered = strip_liquid(repaired.text)
        problems.append(LiquidProblem(readable(str(failure)), None))

    markups = _Markups(repaired.text)

    def page_line(token: Token | None) -> int | None:
        """The page's line where the markup of `token` starts (`_Markups`)."""
        if token is not None and token.start_index >= 0 and token.source is repaired.text:
            return line_at(text, repaired.original_offset(markups.named_at(token.start_index)))
        return None

    for message, where, at in recording.in_includes:
        problems.append(LiquidProblem(message, page_line(at), include=where))
    for error, at in recording.errors:
        if error.token is not None and page_line(error.token) is not None:
            problem = LiquidProblem(_message(error), page_line(error.token))
            own.append((problem, markups.markup_at(error.token.start_index)))
        else:
            problems.append(_describe(error, page_line(at), recording))
    problems.extend(_each_named(own))
    problems.sort(key=lambda problem: problem.line or 0)
    return rendered, problems


def _each_named(found: list[tuple[LiquidProblem, str]]) -> list[LiquidProblem]:
    """The problems of the page's own tags, one per tag, each distinct one told apart:
    where different tags on one line fail with one message (`divided by 0` twice), each
    is named by its markup. The same markup failing twice on a line is one problem said
    twice, which the report names once (as an include used twice on a line). Jekyll
    stops at the first."""
    markups: dict[tuple[str, int | None], set[str]] = {}
    for problem, markup in found:
        markups.setdefault((problem.message, problem.line), set()).add(markup)
    named: list[LiquidProblem] = []
    for problem, markup in found:
        shown = _short(markup)
        if len(markups[(problem.message, problem.line)]) > 1 and shown not in problem.message:
            problem = LiquidProblem(f"{problem.message} in '{shown}'", problem.line)
        named.append(problem)
    return named


def _short(markup: str) -> str:
    line = " ".join(markup.split())
    return line if len(line) <= 60 else line[:57] + "…"


def _message(error: LiquidError) -> str:
    message = str(error.message if error.message is not None else type(error).__name__)
    cause = error.__cause__
    if cause is not None and not isinstance(cause, LiquidError) and str(cause) and str(cause) in message:
        # python-liquid wraps a Python exception with its text (`sort: '<' not supported
        # between …`): Python's words about its values, which say nothing to an author
        message = message.replace(str(cause), UNEXPECTED)
    return readable(message_lines(message)[0] if message else type(error).__name__)


def _describe(error: LiquidError, including: int | None, recording: Recording) -> LiquidProblem:
    """A problem whose token is not in the page's text: in an included file, or none."""
    message = _message(error)
    token = error.token
    inside = recording.included(token.source) if token is not None and token.start_index >= 0 else None
    if token is not None and inside is not None:
        return LiquidProblem(
            message, including, include=IncludedAt(inside.path, inside.line_at(token.start_index))
        )
    if error.template_name:
        return LiquidProblem(f"{message} (in include {error.template_name})", including)
    return LiquidProblem(message, including)


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


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
