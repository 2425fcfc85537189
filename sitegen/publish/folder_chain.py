"""The folders of the page a process is writing into a shared new tree, kept open for the next.

A first build writes its pages in output-path order (`SitePlan.pages` is sorted), so
the next page nearly always goes into the folder of the last one or one beside it: a
date-based post URL has four levels (`cat/2024/01/31/`), and opening them again for
every page, with a failed lookup before each folder made, cost more system calls than
writing the page itself. The chain of folders of the last page stays open instead, each
with its inode, and only the levels that differ are closed and opened. As with
`tree_io.FolderCursor`, only one chain is open at once, so a tree of any width never
runs out of file descriptors.

Several processes fill the same tree at once, so a folder may be made by another one
between a lookup and a `mkdir`: that is not an error. The tree is new and the build's
alone, so a symlink where a folder should be is refused (`O_NOFOLLOW`), never followed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence

from sitegen.publish.tree_io import open_folder


class SharedFolderChain:
    """Open folders below `root_fd` along one path at a time, made as needed.

    Belongs to one process: a forked child that inherits it starts a chain of its own
    (see `folder`), closing the descriptors it inherited."""

    def __init__(self, root_fd: int) -> None:
        self._root_fd = root_fd
        self._root_inode: int | None = None
        self._names: list[str] = []
        self._fds: list[int] = []
        self._inodes: list[int] = []
        self._pid = os.getpid()

    def folder(self, parts: Sequence[str]) -> tuple[int, int]:
        """The folder at `parts` below the root, made if missing, and its inode.

        Raises `OSError` when it cannot be opened or made (a name too long, a full disk,
        a symlink in its place); the chain is then left at the levels that did open."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self.close()
        shared = 0
        limit = min(len(parts), len(self._names))
        while shared < limit and parts[shared] == self._names[shared]:
            shared += 1
        self._close_below(shared)
        for name in parts[shared:]:
            parent_fd = self._fds[-1] if self._fds else self._root_fd
            fd = _shared_folder(name, parent_fd)
            try:
                inode = os.fstat(fd).st_ino
            except OSError:
                os.close(fd)
                raise
            self._names.append(name)
            self._fds.append(fd)
            self._inodes.append(inode)
        if self._fds:
            return self._fds[-1], self._inodes[-1]
        if self._root_inode is None:
            self._root_inode = os.fstat(self._root_fd).st_ino
        return self._root_fd, self._root_inode

    def close(self) -> None:
        """Close every folder of the chain (never the root, which the caller owns)."""
        self._close_below(0)

    def _close_below(self, depth: int) -> None:
        while len(self._fds) > depth:
            os.close(self._fds.pop())
            self._names.pop()
            self._inodes.pop()


def _shared_folder(name: str, parent_fd: int) -> int:
    """The folder `name`, made if missing; another process may make it at once.

    Made first and looked up after: the chain visits each folder of a new tree once, so
    nearly every folder is still missing, and a lookup first would fail for each."""
    with contextlib.suppress(FileExistsError):  # made by another process, or earlier
        os.mkdir(name, dir_fd=parent_fd)
    return open_folder(name, parent_fd)
