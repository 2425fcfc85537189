"""Errors are part of sitegen's API.

Every error a user can cause carries the file (and line, where known) it concerns and
the exit code the command line should return, so the CLI can print one line and never
a traceback for a user's mistake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, TypeVar


class SitegenError(Exception):
    """Base of every error sitegen raises on purpose."""

    exit_code: int = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        lines: tuple[int | None, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.lines = lines
        """The line of each line of a message of several (several bad settings, each on
        its own line of the file); `line` for those it does not cover."""

    def __str__(self) -> str:
        return self.located()

    def located(self, typed: str | None = None) -> str:
        """The error's lines, its path written `typed` when given: the folder as the user
        typed it (`./out/`, which `Path` writes `out`), so the line names what they wrote."""
        # A message of several lines (several bad settings) gives one located line each.
        texts = message_lines(self.message) or [""]
        where = typed if typed is not None else self.path
        return "\n".join(
            format_location(where, self.lines[i] if i < len(self.lines) else self.line, text)
            for i, text in enumerate(texts)
        )

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments defeat the default pickling, and errors raised in a
        # worker process travel back to the parent pickled.
        return (_rebuild_error, (type(self), self.message, self.path, self.line, self.lines))


def _rebuild_error(
    kind: type[SitegenError],
    message: str,
    path: Path | None,
    line: int | None,
    lines: tuple[int | None, ...] = (),
) -> SitegenError:
    return kind(message, path=path, line=line, lines=lines)


class ConfigError(SitegenError):
    """`_config.yml` is unreadable, or a key is unknown or of the wrong type."""

    exit_code = 2


class ContentError(SitegenError):
    """A source file (post or page) cannot be turned into a page; the build skips it."""


class TemplateError(SitegenError):
    """A template cannot be compiled or rendered for any page; this fails the whole build."""


class PageTemplateError(SitegenError):
    """A template failed on one page's data (`sitegen.render.template_errors`): that
    page is left out, the rest of the site is published."""


class OutputError(SitegenError):
    """An output path is unsafe, collides with another, or the destination is unsafe to clean."""


class DestinationError(OutputError):
    """The destination is refused before anything is built (dangerous to replace, in the
    way of a source, impossible to make): like a bad setting, exit 2, so a script can
    tell "fix the command or the settings" from "the build ran and failed" (exit 1)."""

    exit_code = 2


class UsageError(SitegenError):
    """The command line asked for something impossible."""

    exit_code = 2


class Level(StrEnum):
    """How bad a diagnostic is. An error left something out of the site (a post, a page,
    a feed); a warning did not. `--strict` publishes nothing when there is an error."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A warning or a skipped file, reported once in the build summary.

    The one channel every stage reports through: it always names the file it concerns
    (the site's `_config.yml` for a setting), and the line where known.
    """

    message: str
    path: Path
    line: int | None = None
    level: Level = Level.WARNING

    def __str__(self) -> str:
        return f"{self.level}: {format_location(self.path, self.line, self.message)}"


def format_location(path: Path | str | None, line: int | None, message: str) -> str:
    """`file:line: message`, the shape editors and CI logs turn into links: always one
    line, whatever the path or message holds (a file may be named `new<newline>line.md`,
    which Jekyll publishes), its control characters written as escapes."""
    message = one_line(message)
    if path is None:
        return message
    where = f"{one_line(str(path))}:{line}" if line is not None else one_line(str(path))
    return f"{where}: {message}"


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r"}
_ASCII_SPACE = re.compile("[ \t\n\r\f\v]+")


def one_line(text: str) -> str:
    """`text` with every control character (a line break above all) written as an
    escape (`\\n`, `\\x07`, `\\u2028`; a byte of a file name that is not UTF-8 as the byte,
    `\\xff`), so a diagnostic never spans two lines and always prints."""
    return _CONTROL.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    if _UNDECODED_FIRST <= code <= _UNDECODED_LAST:
        # A byte of a file name that is not UTF-8, as Python decodes one (PEP 383): the
        # byte itself, as `ls -b` shows it, not Python's stand-in `\udcff`.
        return f"\\x{code - 0xDC00:02x}"
    return _ESCAPES.get(found[0]) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


_UNDECODED_FIRST, _UNDECODED_LAST = 0xDC80, 0xDCFF
"""The lone surrogates `surrogateescape` stands an undecodable byte 0x80-0xFF with."""


def message_lines(text: str) -> list[str]:
    """The lines of a message of several, split at `\\n` only. `str.splitlines` also
    splits at `\\x0b`, `\\x0c`, `\\x1c`-`\\x1e`, `\\x85`, U+2028 and U+2029, which a
    file name or a tag quoted in the message may hold: the message would be cut there
    and what follows it (the reason) lost."""
    return text.removesuffix("\n").split("\n") if text else []


def shorten(text: str, limit: int = 200) -> str:
    """One line of at most `limit` characters: a library's message can be long or multi-line.
    Runs of ASCII whitespace become one space; any other character `str.split` takes for
    whitespace (`\\x1c`, U+2028, ...) may be part of a name the message quotes, so it is
    kept, and written as an escape when the line is printed (`one_line`)."""
    line = " ".join(_ASCII_SPACE.split(text.strip(" \t\n\r\f\v")))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def first_few(names: Sequence[str], shown: int = 3) -> str:
    """The first `shown` of `names` joined for a message, with how many more there are
    (`a, b, c and 4 more`): a warning about a folder names a few of its files, not all."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


class HasDiagnostics(Protocol):
    """A stage's result: whatever it reported comes with it."""

    @property
    def diagnostics(self) -> Sequence[Diagnostic]: ...


_Stage = TypeVar("_Stage", bound=HasDiagnostics)


class DiagnosticReport:
    """The build's one list of diagnostics, in pipeline order."""

    def __init__(self, first: Sequence[Diagnostic] = ()) -> None:
        self._diagnostics = list(first)

    def extend(self, diagnostics: Sequence[Diagnostic]) -> None:
        self._diagnostics.extend(diagnostics)

    def take(self, stage: _Stage) -> _Stage:
        """Record what a stage reported and hand its result on."""
        self._diagnostics.extend(stage.diagnostics)
        return stage

    @property
    def has_errors(self) -> bool:
        return any(d.level is Level.ERROR for d in self._diagnostics)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(self._diagnostics)
