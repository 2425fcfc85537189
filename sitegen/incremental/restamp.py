"""What the no-change record reads again once the build is done: every input's stamp,
the digest of each file the check left unhashed, the published folders left alone.

Only the standard library: a part of the no-change check (`sitegen.incremental.manifest`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from sitegen.incremental.input_digests import digest_path, mode_mark
from sitegen.incremental.input_files import LINK_MARK
from sitegen.incremental.manifest_file import UNTRUSTED_MTIME, Entry
from sitegen.incremental.published_top import FolderStamp

__all__ = ["FileVersion", "completed", "kept_stamps", "restamped"]

FileVersion = tuple[int, int, int, int]
"""(device, inode, size, mtime_ns) of a file as a build read it."""


def restamped(files: list[Entry], paths: tuple[str, ...]) -> list[Entry]:
    """`files` read again after the build, each by its path as the check's walk read it
    (a link itself, or a link that leads nowhere, by `lstat`; else what it leads to): an
    entry whose stamp moved loses its digest, so the next check finds it changed. Not
    walked again: a file added meanwhile moved its folder's stamp, or, at a top level, is
    found by `top_levels`. Raises OSError for a file gone."""
    stamped = []
    for entry, path in zip(files, paths, strict=True):
        info = os.lstat(path) if entry[6].startswith(LINK_MARK) else os.stat(path)
        stamped.append(entry if _unmoved(entry, info) else (*entry[:6], ""))
    return stamped


def _unmoved(entry: Entry, info: os.stat_result) -> bool:
    """The file keeps the stamp the check read (its mtime where trusted): the bytes it hashed."""
    _, size, mtime, ctime, inode, device, _ = entry
    now = (info.st_size, info.st_ctime_ns, info.st_ino, info.st_dev)
    return now == (size, ctime, inode, device) and mtime in (UNTRUSTED_MTIME, info.st_mtime_ns)


def completed(
    entry: Entry, path: str, mtime: int, mode: int, read_digests: Mapping[FileVersion, str]
) -> Entry:
    """`entry` with the digest the check left unknown: the build's own (`read_digests`,
    what it read of the file at the same stamp), else the file's hash if it has the
    stamp the check saw both before and after reading it, else still unknown."""
    _, size, _, ctime, inode, device, _ = entry
    digest = read_digests.get((device, inode, size, mtime))
    if digest is None:
        try:
            before = os.stat(path)
            digest = digest_path(path)
            after = os.stat(path)
        except OSError:
            return entry
        stamps = {(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) for info in (before, after)}
        if stamps != {(size, mtime, ctime, inode)}:
            return entry
    return (*entry[:6], digest + mode_mark(mode))


def kept_stamps(
    last: tuple[FolderStamp, ...], untouched: Mapping[str, tuple[int, int, int]] | None
) -> list[FolderStamp]:
    """The stamps of `last` whose folder is in `untouched` with the same stamp."""
    if untouched is None:
        return []
    return [stamp for stamp in last if untouched.get(stamp[0]) == stamp[1:4]]
