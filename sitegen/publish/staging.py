"""A first build's new tree, written page by page by the processes that render it.

When the destination does not exist yet, nothing in it can be kept or compared, so the
publish is always a swap of a fresh tree (`sitegen.publish.swap`). Instead of sending
every page's bytes back to the parent, which would then hold the whole site in memory
and write it alone, each render worker writes its pages straight into the swap's own
staging folder beside the destination; the parent only adds the copied files and the
marker, then renames the folder into place.

The swap's guarantees hold as they are: the destination appears in one rename or not at
all; a killed build leaves only the staging folder, which the next swap removes before
it starts (`swap.prepare_staging`); any error, or a `--strict` build that publishes
nothing, removes it (`staged_tree`).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.publish.folder_chain import SharedFolderChain
from sitegen.publish.outputs import publish_error, remove_quietly
from sitegen.publish.swap import prepare_staging
from sitegen.publish.tree_io import open_folder, open_parent, split_parts, write_new_stat
from sitegen.urls import OutputPath


@dataclass(frozen=True, slots=True)
class StagingTree:
    """The staging folder of a swap, open for the render workers to write into.

    Only ever handed to processes forked from the one that opened it (the folder's
    descriptor is inherited), never pickled."""

    destination: Path
    """Absolute, as the swap renames it."""
    shown: Path
    """The destination as the user gave it: what a message names."""
    name: str
    """The folder's name beside the destination (what `swap_in` renames into place)."""
    folder_fd: int
    folders: SharedFolderChain = field(compare=False, repr=False)
    """The folders of the page this process wrote last, kept open for its next page."""

    def write(self, relative: OutputPath, data: bytes) -> tuple[int, int, int, int]:
        """Create the file `relative` below the staging folder, making its folders; its
        size, mtime (ns) and inode, and its folder's inode, which the swap keeps (it
        renames the staging folder, not the file nor the folders in it).

        Raises `OutputError` naming the output when the file cannot be written (a full
        disk, a name too long): the previous site (there is none) is unchanged."""
        parts, name = split_parts(relative)
        try:
            folder_fd, folder_inode = self.folders.folder(parts)
            stat = write_new_stat(name, folder_fd, data)
        except OSError as error:
            path, unchanged = self.destination / relative, "the previous site is unchanged"
            raise publish_error(error, path, unchanged, self.destination, self.shown) from None
        return stat.st_size, stat.st_mtime_ns, stat.st_ino, folder_inode

    def check_in_place(self, parent_fd: int) -> None:
        """Raise `OSError` unless the folder at `name` is still the one the workers wrote
        into: another build into the same destination may have replaced it meanwhile,
        and publishing that one would publish someone else's half-written tree."""
        if not self._is_in_place(parent_fd):
            raise FileExistsError(errno.EEXIST, "another build replaced this build's staging folder")

    def _is_in_place(self, parent_fd: int) -> bool:
        ours = os.fstat(self.folder_fd)
        try:
            there = os.stat(self.name, dir_fd=parent_fd, follow_symlinks=False)
        except FileNotFoundError:
            return False
        return (ours.st_dev, ours.st_ino) == (there.st_dev, there.st_ino)


@contextlib.contextmanager
def staged_tree(destination: Path, *, enabled: bool = True) -> Iterator[StagingTree | None]:
    """A fresh staging folder for `destination` when it does not exist yet (and
    `enabled`), else None: the build then renders to bytes and publishes as before.

    Whatever is left of the folder on leaving (an error, nothing published) is removed;
    after a swap it is the destination and nothing is left.

    Raises `OutputError` when the folder cannot be made."""
    shown, destination = destination, destination.absolute()
    if not enabled or os.path.lexists(destination):
        yield None
        return
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        parent_fd = open_parent(destination)
    except OSError as error:
        message = f"cannot make the destination: {error.strerror or error}"
        raise OutputError(message, path=shown) from None
    try:
        try:
            name = prepare_staging(parent_fd, destination)
            folder_fd = open_folder(name, parent_fd)
        except OSError as error:
            raise OutputError(
                f"cannot make the staging folder: {error.strerror or error}", path=shown
            ) from None
        staging = StagingTree(destination, shown, name, folder_fd, SharedFolderChain(folder_fd))
        try:
            yield staging
        finally:
            staging.folders.close()
            if staging._is_in_place(parent_fd):  # never another build's folder
                remove_quietly(name, parent_fd)
            os.close(folder_fd)
    finally:
        os.close(parent_fd)
