"""What both ways of publishing share: one output, writing it, and a failure at a path.

See `sitegen.publish.writer` for the two ways (swap, or replace in place).
"""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path
from typing import NamedTuple

from sitegen.errors import Diagnostic, Level, OutputError
from sitegen.publish.tree_io import SourceUnreadable, copy_new, remove_entry, write_new
from sitegen.regular_files import NOT_REGULAR_LINE, NotRegularFile
from sitegen.urls import OutputPath


class Output(NamedTuple):
    """One file to publish (a tuple: a site has 100,000s of them)."""

    path: OutputPath
    """Where it goes below the destination (`a/b.html`), as the live tree is listed."""
    content: bytes | Path
    """Rendered bytes, or the source file to copy."""
    same: bool
    """The live tree already holds exactly this file."""
    staged: bool = False
    """Already written into the swap's staging folder by the render stage
    (`sitegen.publish.staging`); `content` is then empty."""


class PublishFailure(Exception):
    """An OSError at a known path, on its way to becoming one `OutputError` line."""

    def __init__(self, error: OSError, path: Path, *, unchanged: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.path = path
        self.unchanged = unchanged

    def as_output_error(self) -> OutputError:
        outcome = (
            "the previous site is unchanged"
            if self.unchanged
            else "the site is partly updated; build again once this is fixed"
        )
        return OutputError(f"cannot publish: {self.error.strerror or self.error}; {outcome}", path=self.path)


def write_output(name: str, folder_fd: int, content: bytes | Path, left_out: list[Diagnostic]) -> bool:
    """Create `name` in the open folder: rendered bytes, or a copy of a source file.

    False when the source is no longer what the scan saw (deleted, made a link or a
    FIFO since): nothing is written, and one line naming it goes to `left_out`. Like a
    post deleted while the site is built (`incremental.load_failures.unreadable`), the
    file is left out and the rest is published; one source must not fail the publish."""
    if isinstance(content, bytes):
        write_new(name, folder_fd, content)
        return True
    try:
        copy_new(name, folder_fd, content)
    except SourceUnreadable as failure:
        left_out.append(_left_out_line(failure.source, failure.error))
        return False
    return True


def _left_out_line(source: Path, error: OSError) -> Diagnostic:
    if isinstance(error, NotRegularFile):
        return Diagnostic(NOT_REGULAR_LINE, source)
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return Diagnostic("was deleted while the site was built; left out (build again)", source)
    if error.errno == errno.ELOOP:
        return Diagnostic("became a link while the site was built; left out (build again)", source)
    return Diagnostic(f"cannot be read ({error.strerror or error}); skipped", source, None, Level.ERROR)


def failure_path(error: OSError, destination: Path, output: Output) -> Path:
    """The source file when reading it failed, else the output path."""
    if isinstance(output.content, Path) and error.filename == str(output.content):
        return output.content
    return destination / output.path


def remove_quietly(name: str, dir_fd: int) -> None:
    with contextlib.suppress(OSError):  # cleaning up after an error must not hide that error
        remove_entry(name, dir_fd)
