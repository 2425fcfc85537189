"""List the published tree, reusing the last build's listing of every folder that has not
changed since.

Publishing must know every file of the live tree: which planned files are there, and
which files no plan holds any more (to remove them, as a clean build would not have
them). Listing every folder costs what the site costs (2.7 s for the 193,000 folders of
a 100,000-post site with their inodes cached, 40 s without), while a rebuild changes a
handful of them. A folder's mtime
changes whenever an entry is added, removed or renamed in it, and its ctime with it (a
ctime cannot be set back, as `touch -d` sets an mtime), so a folder whose device, inode
and ctime are those of the last listing holds the same names: only its `fstat` is needed
(1.45 s for the same tree, cached). Its files' contents are not vouched for by this; the
render stage checks each kept page's size and mtime against its record.

A folder is remembered only when its ctime is older than the moment the listing began by
more than any file system's timestamp granularity, so a change within the same tick as
the listing (git's "racily clean" entries) is never hidden.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.publish.tree_io import open_existing_folder

RememberedFolder = tuple[int, int, int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""(device, inode, ctime_ns, files, folders, symlinks) of one folder as last listed: plain
tuples, cheap to store and read back for the 100,000s of folders of a large site."""

RACY_WINDOW_NS = 2_000_000_000
"""Coarser than any file system's mtime granularity (FAT's is two seconds)."""


@dataclass(frozen=True, slots=True)
class ListedTree:
    files: set[str] = field(default_factory=set)
    """Every file (anything neither folder nor symlink), as a `/`-separated relative path."""
    strays: set[str] = field(default_factory=set)
    """Symlinks (never entered) and empty folders: a published tree has none."""
    remembered: dict[str, RememberedFolder] = field(default_factory=dict)
    """What the next listing may reuse, by folder (`""` for the root, else `a/b/`)."""


def list_tree(root_fd: int, remembered: Mapping[str, RememberedFolder], trusted_before_ns: int) -> ListedTree:
    """The tree below `root_fd`, listing only folders whose stamp differs from the one
    `remembered` (see the module docstring). Folders whose ctime is before
    `trusted_before_ns` (wall clock, ns: the listing's start less `RACY_WINDOW_NS`) are
    remembered in the result. Raises OSError when a folder cannot be opened or listed."""
    tree = ListedTree()
    # Depth first, holding one open folder per level, not one per pending folder.
    stack: list[tuple[int, str, list[str]]] = [(root_fd, "", [])]
    stack[0][2].extend(_folder(root_fd, "", remembered, trusted_before_ns, tree))
    try:
        while stack:
            fd, prefix, subfolders = stack[-1]
            if not subfolders:
                stack.pop()
                if fd != root_fd:
                    os.close(fd)
                continue
            name = subfolders.pop()
            child_fd = open_existing_folder(name, fd)
            if child_fd is None:  # became a symlink or file since it was listed: a stray
                tree.strays.add(prefix + name)
                continue
            child_prefix = f"{prefix}{name}/"
            stack.append((child_fd, child_prefix, []))  # pushed first: `finally` closes it
            stack[-1][2].extend(_folder(child_fd, child_prefix, remembered, trusted_before_ns, tree))
    finally:
        for fd, _, _ in stack:
            if fd != root_fd:
                os.close(fd)
    return tree


def _folder(
    fd: int, prefix: str, remembered: Mapping[str, RememberedFolder], trusted_before: int, tree: ListedTree
) -> list[str]:
    """Add one folder's files and strays to `tree`; its sub-folders, to be listed next."""
    info = os.fstat(fd)
    last = remembered.get(prefix)
    if last is not None and last[:3] == (info.st_dev, info.st_ino, info.st_ctime_ns):
        files, folders, symlinks = last[3], last[4], last[5]
    else:
        files, folders, symlinks = _scan(fd)
    tree.files.update(prefix + name for name in files)
    tree.strays.update(prefix + name for name in symlinks)
    if prefix and not (files or folders or symlinks):
        tree.strays.add(prefix[:-1])
    if info.st_ctime_ns < trusted_before:
        tree.remembered[prefix] = (info.st_dev, info.st_ino, info.st_ctime_ns, files, folders, symlinks)
    return list(folders)


def _scan(fd: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(files, folders, symlinks) of one open folder, each sorted."""
    files, folders, symlinks = [], [], []
    with os.scandir(fd) as entries:
        for entry in entries:
            if entry.is_symlink():
                symlinks.append(entry.name)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            else:
                files.append(entry.name)
    return tuple(sorted(files)), tuple(sorted(folders)), tuple(sorted(symlinks))
