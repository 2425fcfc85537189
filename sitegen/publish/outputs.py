"""What both ways of publishing share: one output, writing it, and a failure at a path.

See `sitegen.publish.writer` for the two ways (swap, or replace in place).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import NamedTuple

from sitegen.errors import Diagnostic, Level, OutputError
from sitegen.folder_ways import may_write_in
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

    def as_output_error(self, destination: Path, shown: Path) -> OutputError:
        """One line naming the path as the user gave the destination (`shown`, which the
        writer made the absolute `destination`); see `publish_error`."""
        outcome = (
            "the previous site is unchanged"
            if self.unchanged
            else "the site is partly updated; build again once this is fixed"
        )
        return publish_error(self.error, self.path, outcome, destination, shown)


def publish_error(error: OSError, path: Path, outcome: str, destination: Path, shown: Path) -> OutputError:
    """`cannot publish: <reason>; <outcome>` naming `path` as the user named the
    destination (`shown`; `destination` is its absolute form, which the writers use so
    that no change of working folder can move them). Where permissions refused a write
    (`EACCES`, `EPERM`), the line names the folder this user may not write in, the one
    to fix, rather than the page it was about to write there. (A read-only file system
    says so itself: "Read-only file system".)"""
    reason = error.strerror or str(error)
    if error.errno in _REFUSED and (refusing := _refusing_folder(path, destination)) is not None:
        message = f"cannot publish: this user may not write in this folder ({reason}); {outcome}"
        return OutputError(message, path=_as_shown(refusing, destination, shown))
    return OutputError(f"cannot publish: {reason}; {outcome}", path=_as_shown(path, destination, shown))


_REFUSED = frozenset({errno.EACCES, errno.EPERM})


def _refusing_folder(path: Path, destination: Path) -> Path | None:
    """The nearest existing folder holding `path`, up to the destination's parent (a swap
    writes beside the destination), when this user may not write in it."""
    for folder in path.parents:
        if os.path.isdir(folder):
            return None if may_write_in(folder) else folder
        if folder == destination.parent:
            break
    return None


def _as_shown(path: Path, destination: Path, shown: Path) -> Path:
    if path == destination:
        return shown
    if path.is_relative_to(destination):
        return shown / path.relative_to(destination)
    if path == destination.parent:
        return shown.parent
    return path


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
