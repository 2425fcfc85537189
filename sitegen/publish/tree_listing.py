"""List the published tree, reusing the last build's listing of every folder that has not
changed since.

Publishing must know every file of the live tree: which planned files are there, and
which files no plan holds any more (to remove them, as a clean build would not have
them). Listing every folder costs what the site costs (2.7 s for the 193,000 folders of
a 100,000-post site with their inodes cached, 40 s without), while a rebuild changes a
handful of them. A folder's mtime changes whenever an entry is added, removed or renamed
in it, and its ctime with it (a ctime cannot be set back, as `touch -d` sets an mtime),
so a folder whose device, inode and ctime are those of the last listing holds the same
names: only one `lstat` of it is needed (0.8 s for the same tree, cached). Its files'
contents are not vouched for by this; the render stage checks each kept page's size and
mtime against its record.

A folder is remembered only when its ctime is older than the moment the listing began by
more than its file system's timestamp granularity (`sitegen.settled_stamps`), so a
change within the same tick as the listing (git's "racily clean" entries) is never hidden.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.file_modes import new_folder_mode
from sitegen.publish.tree_io import open_existing_folder
from sitegen.settled_stamps import settled

RememberedFolder = tuple[int, int, int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""(device, inode, ctime_ns, files, folders, symlinks) of one folder as last listed, each
entry as its path below the root (a folder's ending in `/`): plain tuples, cheap to store
and read back for the 100,000s of folders of a large site, taken into the listing as
they are."""

FolderStamp = tuple[int, int, int]
"""(mtime_ns, ctime_ns, inode) of one folder as the listing found it."""


@dataclass(frozen=True, slots=True)
class ListedTree:
    files: set[str] = field(default_factory=set)
    """Every file (anything neither folder nor symlink), as a `/`-separated relative path."""
    strays: set[str] = field(default_factory=set)
    """Symlinks (never entered) and empty folders: a published tree has none."""
    remembered: dict[str, RememberedFolder] = field(default_factory=dict)
    """What the next listing may reuse, by folder (`""` for the root, else `a/b/`)."""
    stamps: dict[str, FolderStamp] = field(default_factory=dict)
    """Every folder as listed (`a/b`, no trailing `/`; `""` the root) → its stamp, read by
    the same `stat` that decided whether to list it: what the no-change manifest records
    of a folder that publishing then leaves alone, and what tells a kept page's folder
    from a copy of it (`sitegen.incremental.rendering`)."""
    off_modes: set[str] = field(default_factory=set)
    """Folders (as in `stamps`) whose permission bits are not those a new folder gets (a
    `chmod` by hand): publishing sets them back, as a clean build makes every folder new."""
    foreign: set[str] = field(default_factory=set)
    """Folders (as in `stamps`) another user owns: with `off_modes`, the only ones this
    user may not write in (`sitegen.publish.locked_folders`)."""


def list_tree(root_fd: int, remembered: Mapping[str, RememberedFolder], moment_ns: int) -> ListedTree:
    """The tree below `root_fd`, listing only folders whose stamp differs from the one
    `remembered` (see the module docstring). Folders whose ctime is settled at
    `moment_ns` (wall clock, ns: the listing's start; `sitegen.settled_stamps`) are
    remembered in the result. Raises OSError when a folder cannot be opened or listed."""
    tree = ListedTree()
    pending = [""]
    expected = (new_folder_mode(), os.geteuid())
    while pending:
        pending.extend(_folder(root_fd, pending.pop(), remembered, moment_ns, tree, expected))
    return tree


def _folder(
    root_fd: int,
    prefix: str,
    remembered: Mapping[str, RememberedFolder],
    moment: int,
    tree: ListedTree,
    expected: tuple[int, int],
) -> tuple[str, ...]:
    """Add one folder's files and strays to `tree` (and the folder to `off_modes` and
    `foreign` when its permission bits and owner are not the `expected` mode and user);
    its sub-folders, to be listed next.

    A folder is reached by its path below the root: every folder above it was found a
    real folder earlier in this listing (parents come first), and the folder itself is
    looked at without following a symlink in its place, which makes it a stray."""
    last = remembered.get(prefix)
    if last is not None:
        try:
            info = os.stat(prefix[:-1] or ".", dir_fd=root_fd, follow_symlinks=False)
        except FileNotFoundError:  # removed since its parent was listed
            tree.strays.add(prefix[:-1])
            return ()
        if stat.S_ISDIR(info.st_mode) and last[:3] == (info.st_dev, info.st_ino, info.st_ctime_ns):
            _stamp(tree, prefix, info, expected)
            return _add(prefix, last, moment, tree)
    # No trailing "/": with one, a symlink in the folder's place would be followed.
    fd = root_fd if not prefix else open_existing_folder(prefix[:-1], root_fd)
    if fd is None:  # became a symlink or file since it was listed: a stray
        tree.strays.add(prefix[:-1])
        return ()
    try:
        info = os.fstat(fd)
        files, folders, symlinks = _scan(fd, prefix)
        _stamp(tree, prefix, info, expected)
    finally:
        if fd != root_fd:
            os.close(fd)
    return _add(prefix, (info.st_dev, info.st_ino, info.st_ctime_ns, files, folders, symlinks), moment, tree)


def _stamp(tree: ListedTree, prefix: str, info: os.stat_result, expected: tuple[int, int]) -> None:
    tree.stamps[prefix[:-1]] = (info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    mode, user = expected
    if stat.S_IMODE(info.st_mode) != mode:
        tree.off_modes.add(prefix[:-1])
    if info.st_uid != user:
        tree.foreign.add(prefix[:-1])


def _add(prefix: str, folder: RememberedFolder, moment: int, tree: ListedTree) -> tuple[str, ...]:
    _, _, ctime, files, folders, symlinks = folder
    tree.files.update(files)
    tree.strays.update(symlinks)
    if prefix and not (files or folders or symlinks):
        tree.strays.add(prefix[:-1])
    if settled(ctime, ctime, moment):
        tree.remembered[prefix] = folder
    return folders


def _scan(fd: int, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(files, folders, symlinks) of one open folder, each sorted, as paths below the
    root (a sub-folder's with its trailing `/`, as `ListedTree.remembered` keys it)."""
    files, folders, symlinks = [], [], []
    with os.scandir(fd) as entries:
        for entry in entries:
            if entry.is_symlink():
                symlinks.append(prefix + entry.name)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(f"{prefix}{entry.name}/")
            else:
                files.append(prefix + entry.name)
    return tuple(sorted(files)), tuple(sorted(folders)), tuple(sorted(symlinks))
