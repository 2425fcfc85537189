"""The published tree's top level, as the no-change check compares it.

Only the standard library: the check runs before the pipeline is imported. Only the top
level is compared, at the cost of one `scandir`: a hand edit deep inside the published
tree goes unnoticed (see `sitegen.incremental.manifest`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

Destination = tuple[int, tuple[tuple[str, bool, int, int, int, int, int, str], ...]]
"""(root mtime_ns, top-level entries as (name, is_folder, size, mtime_ns, ctime_ns, inode,
device, digest))."""


def destination_state(destination: Path, *, with_digests: bool) -> Destination:
    root = os.stat(destination)
    entries = []
    with os.scandir(destination) as scanned:
        for entry in sorted(scanned, key=lambda entry: entry.name):
            info = entry.stat(follow_symlinks=False)
            folder = stat.S_ISDIR(info.st_mode)
            digest = _digest_path(Path(entry.path)) if with_digests and stat.S_ISREG(info.st_mode) else ""
            stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
            entries.append((entry.name, folder, *stamp, digest))
    return root.st_mtime_ns, tuple(entries)


def destination_unchanged(destination: Path, recorded: Destination) -> bool:
    """The published tree's top level is as the last build left it: each entry's stamp is,
    or (restored from a CI cache: new inodes, the mtimes kept) each file's digest and
    each folder's mtime are."""
    try:
        root_mtime, entries = destination_state(destination, with_digests=False)
        if root_mtime != recorded[0] or len(entries) != len(recorded[1]):
            return False
        for now, then in zip(entries, recorded[1], strict=True):
            if now[:2] != then[:2]:
                return False
            if now[2:7] == then[2:7]:
                continue
            if now[1] and now[3] == then[3]:
                continue
            if now[1] or now[2] != then[2] or _digest_path(destination / now[0]) != then[7]:
                return False
    except OSError:
        return False
    return True


def _digest_path(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.blake2b(handle.read(), digest_size=20).hexdigest()
