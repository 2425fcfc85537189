"""Publish a built site: unchanged files untouched, no symlink below the destination followed.

The live tree is compared first, so a rebuild that changes nothing writes nothing (and
keeps every mtime). Otherwise one of two ways, both working through folders opened one
name at a time without following symlinks (`sitegen.tree_io`):

- **Swap** (a build). The whole new tree is made in a staging folder beside the
  destination, unchanged files hard-linked from the live tree (so they keep their mtime
  and rsync or an object-store sync uploads only what changed), then exchanged with the
  destination in one atomic rename (Linux `renameat2`): a build killed at any moment
  leaves the previous site complete.
- **Replace in place** (the dev server, where a rebuild must cost what the edit costs;
  and a destination that is a mount point, which no rename can move). Changed files are
  first written into a hidden staging folder inside the destination, so on its own file
  system, then moved into place one by one with `os.replace` after the removed ones are
  deleted. Each file changes atomically, the site as a whole does not: a build killed
  while files move leaves some pages new and some old until the next build. That is the
  trade-off for a mount point; the dev server accepts it for speed.

A full disk or any other error while staging leaves the previous site unchanged; the
staging folder is always removed (a disk must not stay full of a failed build), and the
error is one `OutputError` line naming the path.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from sitegen.destination import MARKER_NAME
from sitegen.destination import check_destination as check_destination
from sitegen.errors import OutputError
from sitegen.tree_io import (
    FolderCursor,
    copy_new,
    holds_bytes,
    holds_copy_of,
    list_tree,
    open_existing_folder,
    open_folder,
    remove_entry,
    split_parts,
    write_new,
)

MARKER_TEXT = b"written by sitegen; safe for sitegen to replace\n"
INNER_STAGING_NAME = ".sitegen-staging"
"""The staging folder of an in-place publication, inside the destination."""
_NAME_MAX = 255


@dataclass(frozen=True, slots=True)
class WriteSummary:
    files_written: int
    """Files whose bytes changed (or are new)."""
    files_unchanged: int
    files_removed: int
    changed_paths: tuple[PurePosixPath, ...] = ()
    """Outputs that are new, changed or removed, sorted: what a live reload must refresh."""


class _Output(NamedTuple):
    """One file to publish (a tuple: a site has 100,000s of them)."""

    relative: PurePosixPath
    path: str
    """`relative` as a `/`-separated string, as the live tree is listed."""
    content: bytes | Path
    """Rendered bytes, or the source file to copy."""
    same: bool
    """The live tree already holds exactly this file."""


class _Failed(Exception):
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


class _SwapImpossible(Exception):
    """The destination cannot be renamed (a mount point): publish it in place instead."""


def publish(
    destination: Path,
    rendered: Iterable[tuple[PurePosixPath, bytes | None]],
    copied: Iterable[tuple[PurePosixPath, Path]],
    *,
    atomic: bool = True,
) -> WriteSummary:
    """Make `destination` hold exactly the rendered and copied files (and the marker).

    `rendered` bytes of None mean "the published file is still right"; `atomic=False`
    replaces changed files in place (see the module docstring)."""
    destination = destination.absolute()
    try:
        return _publish(destination, rendered, copied, atomic=atomic)
    except _Failed as failure:
        raise failure.as_output_error() from None


def _publish(
    destination: Path,
    rendered: Iterable[tuple[PurePosixPath, bytes | None]],
    copied: Iterable[tuple[PurePosixPath, Path]],
    *,
    atomic: bool,
) -> WriteSummary:
    with ExitStack() as open_folders:
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            parent_fd = open_folder(destination.parent)
            open_folders.callback(os.close, parent_fd)
            root_fd = _open_live_root(destination.name, parent_fd)
            if root_fd is not None:
                open_folders.callback(os.close, root_fd)
            live, strays = list_tree(root_fd) if root_fd is not None else (set(), set())
            outputs = _compare(root_fd, live, chain(rendered, copied), destination)
        except OSError as error:
            raise _Failed(error, destination, unchanged=True) from None
        published = {output.path for output in outputs}
        removed = sorted((live | strays) - published - {MARKER_NAME})
        changed = [output for output in outputs if not output.same]
        summary = WriteSummary(
            len(changed),
            len(outputs) - len(changed),
            len(removed),
            tuple(sorted([*(o.relative for o in changed), *map(PurePosixPath, removed)], key=str)),
        )
        if not changed and not removed and MARKER_NAME in live:
            return WriteSummary(0, summary.files_unchanged, 0, ())
        in_place = root_fd is not None and (
            (not atomic and MARKER_NAME in live) or _is_mount_point(root_fd, parent_fd)
        )
        if not in_place:
            try:
                _swap(parent_fd, root_fd, outputs, destination)
                return summary
            except _SwapImpossible:
                pass  # a bind mount, which only the rename revealed
        assert root_fd is not None  # only a destination that exists cannot be swapped
        if MARKER_NAME not in live:
            changed.append(_Output(PurePosixPath(MARKER_NAME), MARKER_NAME, MARKER_TEXT, False))
        _replace_in_place(root_fd, changed, removed, destination)
        return summary


def _open_live_root(name: str, parent_fd: int) -> int | None:
    """The destination folder, with the debris of a killed in-place publication removed."""
    root_fd = open_existing_folder(name, parent_fd)
    if root_fd is not None:
        remove_entry(INNER_STAGING_NAME, root_fd)
    return root_fd


def _compare(
    root_fd: int | None,
    live: set[str],
    entries: Iterable[tuple[PurePosixPath, bytes | Path | None]],
    destination: Path,
) -> list[_Output]:
    """Every output, folder by folder (each live folder is opened once), marked `same`
    when the live tree already holds its bytes."""
    by_folder: dict[str, list[tuple[PurePosixPath, str, bytes | Path | None]]] = {}
    for relative, content in entries:
        path = str(relative)
        by_folder.setdefault(path.rpartition("/")[0], []).append((relative, path, content))
    outputs: list[_Output] = []
    with ExitStack() as stack:
        cursor = stack.enter_context(FolderCursor(root_fd)) if root_fd is not None else None
        for folder in sorted(by_folder):
            folder_fd = cursor.find(folder.split("/") if folder else []) if cursor is not None else None
            for relative, path, content in by_folder[folder]:
                if content is None:  # the caller knows the published file is still right
                    if path not in live:
                        raise OutputError(
                            f"{relative} was to be kept but is not in the destination", path=destination
                        )
                    outputs.append(_Output(relative, path, b"", True))
                    continue
                same = path in live and folder_fd is not None and _holds(folder_fd, path, content)
                outputs.append(_Output(relative, path, content, same))
    return outputs


def _holds(folder_fd: int, path: str, content: bytes | Path) -> bool:
    name = path.rpartition("/")[2]
    if isinstance(content, bytes):
        return holds_bytes(name, folder_fd, content)
    return holds_copy_of(name, folder_fd, content)


def _is_mount_point(root_fd: int, parent_fd: int) -> bool:
    root, parent = os.fstat(root_fd), os.fstat(parent_fd)
    return root.st_dev != parent.st_dev or root.st_ino == parent.st_ino


# --- swap ---------------------------------------------------------------------------


def _swap(parent_fd: int, root_fd: int | None, outputs: list[_Output], destination: Path) -> None:
    """Build the new tree beside the destination, then exchange the two."""
    staging_name = _sibling_name(destination.name, "staging")
    try:
        _discard(parent_fd, staging_name, destination)  # a killed build's leftovers
        os.mkdir(staging_name, dir_fd=parent_fd)
    except OSError as error:
        raise _Failed(error, destination, unchanged=True) from None
    try:
        _fill_staging(parent_fd, staging_name, root_fd, outputs, destination)
        _exchange_into_place(parent_fd, staging_name, destination.name, exists=root_fd is not None)
    except BaseException as failure:
        _remove_quietly(staging_name, parent_fd)
        raise _swap_failure(failure, destination, exists=root_fd is not None) from None
    if root_fd is not None:
        _discard(parent_fd, staging_name, destination)  # now the previous site


def _swap_failure(failure: BaseException, destination: Path, *, exists: bool) -> BaseException:
    """What a failed swap raises: a destination that cannot be linked from or renamed
    (`EXDEV`, `EBUSY`: a mount point, maybe a bind mount of its own file system) is
    published in place instead; any other OSError becomes one line."""
    cause = failure.error if isinstance(failure, _Failed) else failure
    if exists and isinstance(cause, OSError) and cause.errno in (errno.EXDEV, errno.EBUSY):
        return _SwapImpossible()
    if isinstance(failure, OSError):
        return _Failed(failure, destination, unchanged=True)
    return failure


def _fill_staging(
    parent_fd: int, staging_name: str, root_fd: int | None, outputs: list[_Output], destination: Path
) -> None:
    with ExitStack() as stack:
        staging_fd = open_folder(staging_name, parent_fd)
        stack.callback(os.close, staging_fd)
        new = stack.enter_context(FolderCursor(staging_fd))
        old = stack.enter_context(FolderCursor(root_fd)) if root_fd is not None else None
        for output in outputs:
            try:
                parts, name = split_parts(output.path)
                folder_fd = new.make(parts)
                if output.same and old is not None:
                    _link_unchanged(old, parts, name, folder_fd)
                else:
                    _write(name, folder_fd, output.content)
            except OSError as error:
                raise _Failed(error, _blame(error, destination, output), unchanged=True) from None
        write_new(MARKER_NAME, staging_fd, MARKER_TEXT)


def _link_unchanged(live: FolderCursor, parts: list[str], name: str, folder_fd: int) -> None:
    live_fd = live.find(parts)
    if live_fd is None:
        raise FileNotFoundError(errno.ENOENT, "the published file vanished during the build")
    os.link(name, name, src_dir_fd=live_fd, dst_dir_fd=folder_fd, follow_symlinks=False)


def _write(name: str, folder_fd: int, content: bytes | Path) -> None:
    if isinstance(content, bytes):
        write_new(name, folder_fd, content)
    else:
        copy_new(name, folder_fd, content)


def _blame(error: OSError, destination: Path, output: _Output) -> Path:
    """The source file when reading it failed, else the output path."""
    if isinstance(output.content, Path) and error.filename == str(output.content):
        return output.content
    return destination / output.path


def _exchange_into_place(parent_fd: int, staging_name: str, name: str, *, exists: bool) -> None:
    """Make staging the destination; afterwards the previous site (if any) is at
    `staging_name`."""
    if not exists:
        os.replace(staging_name, name, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
        return
    if _exchange(parent_fd, staging_name, name):
        return
    # No atomic exchange (not Linux, or a file system without it): a short window
    # without the site, and the previous one put back if the second rename fails.
    retired = _sibling_name(name, "previous")
    remove_entry(retired, parent_fd)
    os.replace(name, retired, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
    try:
        os.replace(staging_name, name, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
    except BaseException:
        os.replace(retired, name, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
        raise
    os.replace(retired, staging_name, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)


_RENAME_EXCHANGE = 2
_UNSUPPORTED = (errno.ENOSYS, errno.EINVAL)


def _exchange(dir_fd: int, first: str, second: str) -> bool:
    """Swap two entries atomically; False when the kernel or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(dir_fd, os.fsencode(first), dir_fd, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), second)


def _sibling_name(name: str, kind: str) -> str:
    """`._site.sitegen-staging` beside `_site`; a hashed name when that would be too long."""
    readable = f".{name}.sitegen-{kind}"
    if len(os.fsencode(readable)) <= _NAME_MAX:
        return readable
    return f".sitegen-{kind}-{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}"


_DELETE_TREE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _discard(parent_fd: int, name: str, destination: Path) -> None:
    """Move a retired tree out of the way at once and delete it in a detached process.

    The rename is instant; the deletion (slow on some file systems: removing a folder can
    cost milliseconds) no longer holds up the build. `rmtree` never follows symlinks."""
    doomed = _sibling_name(destination.name, f"trash-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.replace(name, doomed, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
    except FileNotFoundError:
        return
    except OSError:
        _remove_quietly(name, parent_fd)
        return
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE_TREE, str(destination.parent / doomed)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        _remove_quietly(doomed, parent_fd)


def _remove_quietly(name: str, dir_fd: int) -> None:
    with contextlib.suppress(OSError):  # cleaning up after an error must not hide that error
        remove_entry(name, dir_fd)


# --- replace in place -----------------------------------------------------------------


def _replace_in_place(root_fd: int, changed: list[_Output], removed: list[str], destination: Path) -> None:
    """Stage changed files inside the destination, then delete and move into place."""
    staging_path = destination / INNER_STAGING_NAME
    with ExitStack() as cleanup:
        try:
            os.mkdir(INNER_STAGING_NAME, dir_fd=root_fd)
            cleanup.callback(_remove_quietly, INNER_STAGING_NAME, root_fd)
            staging_fd = open_folder(INNER_STAGING_NAME, root_fd)
            cleanup.callback(os.close, staging_fd)
        except OSError as error:
            raise _Failed(error, staging_path, unchanged=True) from None
        staged = _stage(staging_fd, changed, destination)
        # Deletions first: a stray symlink or file standing where a folder is now
        # needed goes before that folder is made.
        _remove_outputs(root_fd, removed, destination)
        _move_into_place(root_fd, staging_fd, staged, destination)


def _stage(staging_fd: int, changed: list[_Output], destination: Path) -> list[tuple[str, str]]:
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
            _write(temporary, staging_fd, output.content)
        except OSError as error:
            raise _Failed(error, _blame(error, destination, output), unchanged=True) from None
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
                raise _Failed(error, destination / path, unchanged=False) from None
            emptied.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
        # Deepest first, so a folder is tried once its sub-folders are gone.
        for folder in sorted(emptied, key=lambda path: -path.count("/")):
            parts, name = split_parts(folder)
            folder_fd = cursor.find(parts)
            if folder_fd is not None:
                with contextlib.suppress(OSError):  # not empty (or not a folder): it stays
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
                raise _Failed(error, destination / path, unchanged=False) from None
