"""The folders of the page a process is writing into a shared new tree, kept open for the next.

A first build writes its pages in output-path order (`SitePlan.pages` is sorted), so
the next page nearly always goes into the folder of the last one or one beside it: a
date-based post URL has four levels (`cat/2024/01/31/`), and opening them again for
every page, with a failed lookup before each folder made, cost more system calls than
writing the page itself. The chain of folders of the last page stays open instead
(`tree_io.FolderCursor`, which opens only the levels that differ and keeps one chain
open at once, so a tree of any width never runs out of file descriptors), and the
current folder's inode, which each page's record holds, is read once per folder.

Several processes fill the same tree at once, so a folder may be made by another one
between a lookup and a `mkdir`: that is not an error. The tree is new and the build's
alone, so a symlink where a folder should be is refused (`O_NOFOLLOW`), never followed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from sitegen.publish.tree_io import FolderCursor


class SharedFolderChain:
    """Open folders below `root_fd` along one path at a time, made as needed: a
    `FolderCursor` (`make_shared`) that knows the inode of its current folder.

    Belongs to one process: a forked child that inherits it starts a chain of its own
    (see `folder`), closing the descriptors it inherited."""

    def __init__(self, root_fd: int) -> None:
        self._cursor = FolderCursor(root_fd)
        self._current: tuple[tuple[str, ...], int] | None = None
        """The parts of the folder last returned, and its inode: pages of one folder
        come one after another, so the folder is `fstat`ed once, not once per page."""
        self._pid = os.getpid()

    def folder(self, parts: Sequence[str]) -> tuple[int, int]:
        """The folder at `parts` below the root, made if missing, and its inode.

        Raises `OSError` when it cannot be opened or made (a name too long, a full disk,
        a symlink in its place); the chain is then left at the levels that did open."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self.close()
        fd = self._cursor.make_shared(parts)
        key = tuple(parts)
        if self._current is None or self._current[0] != key:
            self._current = (key, os.fstat(fd).st_ino)
        return fd, self._current[1]

    def close(self) -> None:
        """Close every folder of the chain (never the root, which the caller owns)."""
        self._current = None
        self._cursor.close()
