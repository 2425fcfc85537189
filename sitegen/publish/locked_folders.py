"""Folders of the published tree this user may not write in, and which of them a publish
would have to write in.

Such a folder is "locked": another user's (root's `uploads/` at mode 755), one made
read-only by hand (`chmod 555 _site/archive`), or the destination itself made read-only
during the build (`sitegen.publish.destination` refuses one before building). Its mode
is someone's choice, so publishing never changes it (a folder chmod-ed otherwise, 700,
is given a new folder's mode back: `tree_io.set_folder_modes`), and never replaces it: a
swap would rename it away with the old tree, where what it holds could not be deleted,
and put a folder of this user's in its place. So a tree holding one is published inside
(journaled), and a publish that must write in one (a file to add, change or remove
there) is refused before anything is written, naming the folder, as `jekyll build` fails
there with "Permission denied".

What this user may write in is decided by `os.access` (effective ids, capabilities, a
read-only file system), asked only of the folders the listing found another user's or
chmod-ed (`ListedTree.foreign`, `off_modes`): a folder this user made, with the mode a
new folder gets, is one they may write in.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from sitegen.content.published_marker import MARKER_NAME
from sitegen.folder_ways import may_write_in
from sitegen.publish.outputs import PublishFailure
from sitegen.publish.tree_listing import ListedTree
from sitegen.urls import OutputPath

__all__ = ["locked_folders", "refuse_locked", "written_folders"]


def locked_folders(root_fd: int, listed: ListedTree, kept: Iterable[str]) -> set[str]:
    """The folders of `listed` (`a/b`, `""` the destination itself) this user may not
    write in, but for those `keep_files` keeps (`kept`: paths, a folder's with or
    without its trailing `/`), which publishing leaves alone."""
    kept_folders = {path.rstrip("/") for path in kept}
    return {
        folder
        for folder in listed.foreign | listed.off_modes
        if not _is_kept(folder, kept_folders) and not may_write_in(folder or ".", dir_fd=root_fd)
    }


def _is_kept(folder: str, kept_folders: set[str]) -> bool:
    parts = folder.split("/")
    return bool(folder) and any("/".join(parts[: depth + 1]) in kept_folders for depth in range(len(parts)))


def written_folders(paths: Iterable[OutputPath | str], listed: ListedTree) -> dict[str, str]:
    """Each folder of the live tree publishing `paths` (added, changed or removed files,
    as `a/b.html`) writes in: a path's own folder, or when that is not there yet, the
    deepest of its folders that is (a new folder is made there); with the first of
    `paths` (sorted) for each, the one a refusal names."""
    written: dict[str, str] = {}
    for path in sorted(paths):
        folder = path.rstrip("/").rpartition("/")[0]
        while folder and folder not in listed.stamps:
            folder = folder.rpartition("/")[0]
        written.setdefault(folder, path)
    return written


def refuse_locked(
    locked: set[str], paths: Iterable[OutputPath | str], listed: ListedTree, destination: Path
) -> None:
    """Raise `PublishFailure` (Permission denied, at the first of `paths` publishing would
    write in a `locked` folder: the line names that folder) when publishing `paths`
    (added, changed or removed, see `written_folders`) must write in one."""
    if not locked:
        return
    written = written_folders(paths, listed)
    written.setdefault("", MARKER_NAME)  # a journal, or the in-place staging folder, goes there
    for folder in sorted(locked & written.keys()):
        error = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        raise PublishFailure(error, destination / written[folder], unchanged=True)
