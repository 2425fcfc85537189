"""Publish in place: changed files staged inside the destination, then moved into place.

Used by the dev server, where a rebuild must cost what the edit costs rather than what
the site costs, and for a destination that is a mount point, which no rename can move.
Staging inside the destination keeps every temporary file on the destination's own file
system, so each move is one atomic `os.replace`, and running out of space (or any other
error) while staging leaves the previous site unchanged. The trade-off: each file changes
atomically, the site as a whole does not. A build killed while files move leaves some
pages new and some old until the next build, and an error at that stage (rare: a folder
that cannot be made or written to) says the site is partly updated.
"""

from __future__ import annotations

import errno
import os
import shutil
from contextlib import ExitStack, suppress
from pathlib import Path

from sitegen.errors import Diagnostic
from sitegen.publish.outputs import Output, PublishFailure, failure_path, remove_quietly, write_output
from sitegen.publish.tree_io import FolderCursor, open_folder, remove_entry, split_parts

INNER_STAGING_NAME = ".sitegen-staging"
"""The staging folder, inside the destination; a killed build's leftover is removed."""


def replace_in_place(
    root_fd: int, changed: list[Output], removed: list[str], destination: Path, left_out: list[Diagnostic]
) -> None:
    """Stage changed files inside the destination, then delete and move into place."""
    staging_path = destination / INNER_STAGING_NAME
    with ExitStack() as cleanup:
        try:
            os.mkdir(INNER_STAGING_NAME, dir_fd=root_fd)
            cleanup.callback(remove_quietly, INNER_STAGING_NAME, root_fd)
            staging_fd = open_folder(INNER_STAGING_NAME, root_fd)
            cleanup.callback(os.close, staging_fd)
        except OSError as error:
            raise PublishFailure(error, staging_path, unchanged=True) from None
        staged = _stage(staging_fd, changed, destination, left_out)
        # Deletions first: a stray symlink or file standing where a folder is now
        # needed goes before that folder is made.
        _remove_outputs(root_fd, removed, destination)
        _move_into_place(root_fd, staging_fd, staged, destination)


def _stage(
    staging_fd: int, changed: list[Output], destination: Path, left_out: list[Diagnostic]
) -> list[tuple[str, str]]:
    """Write each changed file under a short temporary name (a counter: an output name
    may be near the 255-byte limit); (output path, temporary name) pairs.

    A name too long for the file system is caught here, while the site is unchanged,
    rather than when its file is moved into place."""
    name_max = os.fpathconf(staging_fd, "PC_NAME_MAX")
    staged = []
    for number, output in enumerate(changed):
        temporary = format(number, "x")
        try:
            if any(len(os.fsencode(part)) > name_max for part in output.path.split("/")):
                raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
            if not write_output(temporary, staging_fd, output.content, left_out):
                continue  # nothing was made: the live file stays until the next build
        except OSError as error:
            raise PublishFailure(error, failure_path(error, destination, output), unchanged=True) from None
        staged.append((output.path, temporary))
    return staged


def _remove_outputs(root_fd: int, removed: list[str], destination: Path) -> None:
    emptied: set[str] = set()
    with FolderCursor(root_fd) as cursor:
        for path in removed:
            parts, name = split_parts(path)
            try:
                folder_fd = cursor.find(parts)
                if folder_fd is not None:
                    remove_entry(name, folder_fd)
            except OSError as error:
                raise PublishFailure(error, destination / path, unchanged=False) from None
            emptied.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
        # Deepest first, so a folder is tried once its sub-folders are gone.
        for folder in sorted(emptied, key=lambda path: -path.count("/")):
            parts, name = split_parts(folder)
            folder_fd = cursor.find(parts)
            if folder_fd is not None:
                with suppress(OSError):  # not empty (or not a folder): it stays
                    os.rmdir(name, dir_fd=folder_fd)


def _move_into_place(root_fd: int, staging_fd: int, staged: list[tuple[str, str]], destination: Path) -> None:
    with FolderCursor(root_fd) as cursor:
        for path, temporary in staged:
            parts, name = split_parts(path)
            try:
                folder_fd = cursor.make(parts)
                try:
                    os.replace(temporary, name, src_dir_fd=staging_fd, dst_dir_fd=folder_fd)
                except IsADirectoryError:  # a folder where a file now goes
                    shutil.rmtree(name, dir_fd=folder_fd)
                    os.replace(temporary, name, src_dir_fd=staging_fd, dst_dir_fd=folder_fd)
            except OSError as error:
                raise PublishFailure(error, destination / path, unchanged=False) from None
