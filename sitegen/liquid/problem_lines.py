"""The lines a build says for the Liquid problems its documents met.

One line per problem and place in a document. A problem inside an included file is
named in that file, at its own line, as Jekyll names it, and said once however many
documents it broke: the first one named, the others counted. A broken `_includes/`
file that 17,000 crawled posts include is one line, not 17,000 that bury every other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.errors import Diagnostic, Level, shorten

if TYPE_CHECKING:  # python-liquid is imported only by a build that has Liquid to render
    from sitegen.liquid.recovery import LiquidProblem

_Key = tuple[Path, int | None, str, bool]
"""An included problem: its file, line, message, and whether it was salvaged."""


class ProblemLines:
    """Collects the lines of the problems documents met, in the order met; those inside
    an include are written by `finish`, each once."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self._diagnostics = diagnostics
        self._included: dict[_Key, list[str]] = {}

    def add(self, document: Path, first_line: int, problem: LiquidProblem) -> None:
        """One problem of the document at `document` whose Liquid starts at `first_line`."""
        line = first_line + problem.line - 1 if problem.line is not None else first_line
        message = f"Liquid: {shorten(problem.message)}"
        if problem.include is not None:  # named in its own file, as Jekyll names it
            key = (problem.include.path, problem.include.line, message, problem.salvaged)
            self._included.setdefault(key, []).append(f"{document}:{line}")
            return
        self._diagnostics.append(_line(message, document, line, salvaged=problem.salvaged))

    def finish(self) -> None:
        """Write each included problem's line, naming the first document it broke."""
        for (path, at, message, salvaged), places in self._included.items():
            others = len(places) - 1
            more = f" and {others} other place{'s' if others > 1 else ''}" if others else ""
            self._diagnostics.append(
                _line(f"{message} (included in {places[0]}{more})", path, at, salvaged=salvaged)
            )
        self._included.clear()


def _line(message: str, path: Path, line: int | None, *, salvaged: bool) -> Diagnostic:
    if salvaged:  # read as Jekyll's lax parser reads it: nothing left out
        return Diagnostic(message, path, line)
    # An error: what the tag would have printed is left out of the page. So `--strict`
    # publishes nothing, as Jekyll stops at a broken tag; without it the page is
    # published with the text around the tag (it was a warning, and `--strict`
    # published pages with tags missing).
    return Diagnostic(f"{message}; published without the broken tag", path, line, Level.ERROR)
