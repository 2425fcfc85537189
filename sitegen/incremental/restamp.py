"""The no-change record's second reading of every input's stamp, after the build.

Only the standard library: a part of the no-change check (`sitegen.incremental.manifest`).
"""

from __future__ import annotations

import os

from sitegen.incremental.input_files import LINK_MARK
from sitegen.incremental.manifest_file import UNTRUSTED_MTIME, Entry

__all__ = ["restamped"]


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
