"""Publish by swapping: the new tree is built beside the destination, then exchanged.

The whole new tree is made in a staging folder beside the destination (so on the file
system holding it), unchanged files hard-linked from the live tree so they keep their
mtime, then exchanged with the destination in one atomic rename (Linux `renameat2`): a
build killed at any moment leaves the previous site complete, and any error before the
exchange leaves it untouched. The new tree's root takes the destination's mode and
group, so the folder the user set up keeps them. The price is a folder beside the
destination, and a destination that can be renamed: a mount point cannot (`EBUSY`),
nor be linked from (`EXDEV`); `SwapImpossible` then sends it to
`sitegen.publish.in_place`. The previous tree goes to the trash (`sitegen.publish.trash`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import stat
import time
from contextlib import ExitStack
from pathlib import Path

from sitegen.content.published_marker import MARKER_NAME, MARKER_TEXT
from sitegen.errors import Diagnostic
from sitegen.publish.outputs import (
    Output,
    PublishFailure,
    failure_path,
    remove_quietly,
    write_output,
)
from sitegen.publish.trash import discard, sibling_name
from sitegen.publish.tree_io import FolderCursor, open_folder, remove_entry, split_parts, write_new
from sitegen.publish.tree_listing import ListedTree, list_tree


class SwapImpossible(Exception):
    """The destination cannot be renamed or linked from (a mount point), or its group
    cannot be given to the new tree: the caller publishes it in place instead. Nothing
    was changed."""


def prepare_staging(parent_fd: int, destination: Path) -> str:
    """Make an empty staging folder beside the destination (a killed build's leftover
    removed first); its name."""
    staging_name = sibling_name(destination.name, "staging")
    discard(parent_fd, staging_name, destination)
    os.mkdir(staging_name, dir_fd=parent_fd)
    return staging_name


def swap_in(
    parent_fd: int,
    root_fd: int | None,
    outputs: list[Output],
    destination: Path,
    left_out: list[Diagnostic],
    *,
    prefilled: bool = False,
) -> ListedTree:
    """Build the new tree beside the destination, then exchange the two; the new tree's
    listing, taken before the exchange.

    The listing is the next build's `remembered` (see `sitegen.publish.tree_listing`):
    without it, the rebuild after a swap lists every folder of the new tree (at 100,000
    posts, 193,000 folders, most of them out of the file system's cache after a large
    build), where listing them here, just written, costs a fraction of that.

    `prefilled`: the staging folder was made by `prepare_staging` and already holds every
    output marked `staged` (see `sitegen.publish.staging`)."""
    staging_name = sibling_name(destination.name, "staging")
    if not prefilled:
        try:
            prepare_staging(parent_fd, destination)
        except OSError as error:
            raise PublishFailure(error, destination, unchanged=True) from None
    try:
        listed = _fill_staging(parent_fd, staging_name, root_fd, outputs, destination, left_out)
        _exchange_into_place(parent_fd, staging_name, destination.name, exists=root_fd is not None)
    except BaseException as failure:
        remove_quietly(staging_name, parent_fd)
        raise _swap_failure(failure, destination, exists=root_fd is not None) from None
    if root_fd is not None:
        discard(parent_fd, staging_name, destination)  # now the previous site
    return listed


def _swap_failure(failure: BaseException, destination: Path, *, exists: bool) -> BaseException:
    """What a failed swap raises: a destination that cannot be linked from or renamed
    (`EXDEV`, `EBUSY`: a mount point, maybe a bind mount of its own file system) is
    published in place instead; any other OSError becomes one line."""
    cause = failure.error if isinstance(failure, PublishFailure) else failure
    if exists and isinstance(cause, OSError) and cause.errno in (errno.EXDEV, errno.EBUSY):
        return SwapImpossible()
    if isinstance(failure, OSError):
        return PublishFailure(failure, destination, unchanged=True)
    return failure


def _fill_staging(
    parent_fd: int,
    staging_name: str,
    root_fd: int | None,
    outputs: list[Output],
    destination: Path,
    left_out: list[Diagnostic],
) -> ListedTree:
    """Write (or link) every output not already staged, and the marker; the staged tree's
    listing, whose folders the exchange leaves as they are (only the root's ctime moves,
    so the next listing lists the root again)."""
    with ExitStack() as stack:
        staging_fd = open_folder(staging_name, parent_fd)
        stack.callback(os.close, staging_fd)
        live = os.fstat(root_fd) if root_fd is not None else None
        if live is not None:
            _take_group(staging_fd, live)
        new = stack.enter_context(FolderCursor(staging_fd))
        old = stack.enter_context(FolderCursor(root_fd)) if root_fd is not None else None
        for output in outputs:
            if output.staged:
                continue
            try:
                parts, name = split_parts(output.path)
                folder_fd = new.make(parts)
                if output.same and old is not None:
                    _link_unchanged(old, parts, name, folder_fd)
                else:
                    write_output(name, folder_fd, output.content, left_out)
            except OSError as error:
                raise PublishFailure(
                    error, failure_path(error, destination, output), unchanged=True
                ) from None
        write_new(MARKER_NAME, staging_fd, MARKER_TEXT)
        if live is not None:  # last: the mode may deny this user the writes above
            os.fchmod(staging_fd, stat.S_IMODE(live.st_mode))
        return list_tree(staging_fd, {}, time.time_ns())


def _take_group(staging_fd: int, live: os.stat_result) -> None:
    """Give the new tree's root the group of the destination it replaces (whose mode it
    is given once filled): the destination is the user's folder, set up for a web
    server, and a swap must not change who may read it. A group this user may not give
    (not one of theirs) makes the swap impossible: the site is published inside the
    destination instead, which keeps the folder itself."""
    if os.fstat(staging_fd).st_gid == live.st_gid:
        return
    try:
        os.fchown(staging_fd, -1, live.st_gid)
    except PermissionError:
        raise SwapImpossible() from None


def _link_unchanged(live: FolderCursor, parts: list[str], name: str, folder_fd: int) -> None:
    live_fd = live.find(parts)
    if live_fd is None:
        raise FileNotFoundError(errno.ENOENT, "the published file vanished during the build")
    os.link(name, name, src_dir_fd=live_fd, dst_dir_fd=folder_fd, follow_symlinks=False)


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
    retired = sibling_name(name, "previous")
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
