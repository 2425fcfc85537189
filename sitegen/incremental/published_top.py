"""The published tree as the no-change check compares it: its top level, and every folder.

Only the standard library: the check runs before the pipeline is imported. The top
level is compared entry by entry (one `scandir`). Below it, each folder of the published
files is compared by its stamp (one `lstat` each: 0.06 s for the 20,000 folders of a
10,000-post site): a file deleted, added, renamed or replaced by a symlink anywhere in
the tree moves its folder's ctime, so "nothing changed" is never said of a tree that
lost a page. A restored copy of the tree (new inodes) is listed folder by folder and
compared with what was published. A file edited in place, deep inside, is not noticed
(its folder does not change); the next build that changes anything checks every page's
file.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from sitegen.file_modes import new_folder_mode
from sitegen.incremental.input_digests import digest_path
from sitegen.settled_stamps import settled

FolderStamp = tuple[str, int, int, int, str]
"""(path below the destination, mtime_ns, ctime_ns, inode, entries digest) of one
published folder: the digest of its entries as published (see `folder_entries`)."""
RACY_INODE = -1
"""A folder stamp's inode when the folder changed within the racy window of the record
(`racy_marked`): no folder has it, so the next check lists the folder."""

TopEntries = tuple[tuple[str, bool, int, int, int, int, int, str], ...]
Destination = tuple[tuple[int, int], TopEntries, tuple[FolderStamp, ...]]
"""((root mtime_ns, root permission bits), top-level entries as (name, is_folder, size,
mtime_ns, ctime_ns, inode, device, digest), the stamp of every folder of the published
files). A regular file's digest ends with its permission bits (`:644`): a file chmod-ed
by hand moves its ctime, and must not then pass as a restored copy of the same bytes."""


def folder_entries(files: Iterable[str], kept: Container[str] = frozenset()) -> dict[str, str]:
    """Each folder below the root that holds the published `files` (paths below the
    root), but those in `kept`, → the digest of its entries (names, each marked file or
    folder), as a listing of the published tree must find them. Worked out from the
    paths: listing every folder after a build would cost a `scandir` each (193,000 at
    100,000 posts). `kept`: folders whose digest the caller already has (a rebuild
    changes a few folders; the digests of all cost 0.4 s at 100,000 posts)."""
    children: dict[str, list[str]] = {}
    seen: set[str] = set()
    for path in files:
        folder, _, name = path.rpartition("/")
        entry = "f" + name
        while folder:
            if folder not in kept:
                children.setdefault(folder, []).append(entry)
            if folder in seen:  # its own entry in its parent is there already
                break
            seen.add(folder)
            folder, _, name = folder.rpartition("/")
            entry = "d" + name
    return {folder: _entries_digest(entries) for folder, entries in children.items()}


def destination_state(
    destination: Path,
    *,
    with_digests: bool,
    folders: Mapping[str, str] = MappingProxyType({}),
    kept: Iterable[FolderStamp] = (),
) -> Destination:
    """The tree's top level (with each file's digest when `with_digests`), the stamp of
    each of `folders` (path → entries digest, `folder_entries`), read now, and the
    `kept` stamps as they are (folders the caller knows unchanged). Raises OSError when
    any of them cannot be read."""
    root = os.stat(destination)
    root_stamp = (root.st_mtime_ns, stat.S_IMODE(root.st_mode))
    entries = []
    with os.scandir(destination) as scanned:
        for entry in sorted(scanned, key=lambda entry: entry.name):
            info = entry.stat(follow_symlinks=False)
            folder = stat.S_ISDIR(info.st_mode)
            digest = _file_digest(entry.path, info) if with_digests and stat.S_ISREG(info.st_mode) else ""
            stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
            entries.append((entry.name, folder, *stamp, digest))
    stamps = list(kept)
    for path in folders:
        info = os.lstat(f"{destination}/{path}")
        stamps.append((path, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, folders[path]))
    stamps.sort()
    return root_stamp, tuple(entries), tuple(stamps)


def destination_unchanged(
    destination: Path, recorded: tuple[tuple[int, int], TopEntries, Iterable[FolderStamp]]
) -> tuple[FolderStamp, ...] | None:
    """The published tree is as the last build left it: each top-level entry's stamp is,
    or (restored from a CI cache: new inodes, the mtimes kept) each file's digest and
    each folder's mtime are; and so is every folder's below it. None when it is not, else
    `folders_unchanged`'s settled stamps of the folders recorded racy."""
    try:
        settled_folders = folders_unchanged(destination, recorded[2])
        if settled_folders is None:
            return None
        root, entries, _ = destination_state(destination, with_digests=False)
        if root != tuple(recorded[0]) or len(entries) != len(recorded[1]):
            return None
        for now, then in zip(entries, recorded[1], strict=True):
            if now[:2] != then[:2]:
                return None
            if now[2:7] == then[2:7]:
                continue
            if now[1] and now[3] == then[3]:
                continue
            if now[1] or now[2] != then[2]:
                return None
            path = f"{destination}/{now[0]}"
            if _file_digest(path, os.lstat(path)) != then[7]:
                return None
    except OSError:
        return None
    return settled_folders


def _file_digest(path: str, info: os.stat_result) -> str:
    """A published file's content digest and, after it, its permission bits (`info`:
    its `lstat`). Raises OSError when it cannot be read."""
    return f"{digest_path(path)}:{stat.S_IMODE(info.st_mode):o}"


def folders_unchanged(destination: Path, recorded: Iterable[FolderStamp]) -> tuple[FolderStamp, ...] | None:
    """Each folder is still the folder the last build left, with the recorded ctime (so
    the same entries); or a copy of it (another inode: restored from a CI cache) with
    the recorded mtime and, listed, the recorded entries (a restore into a folder that
    already held other files keeps them; an mtime can be set by hand); or, recorded
    racy (`racy_marked`), listed with the recorded entries. A folder compared by its
    entries must also have the permission bits and owner publishing gives a folder (a
    `chmod` by hand moves the ctime, which is then not looked at). None for a folder that is
    not, gone or unreadable; else the stamps of the racy folders now settled, to record
    (git refreshes a racily clean entry its content check found clean the same way).
    Each folder is `lstat`ed relative to the open destination: 47 ms for 20,000
    folders where whole paths took 54."""
    moment = time.time_ns()  # before the listings, which vouch for entries from then on
    try:
        root_fd = os.open(destination, os.O_RDONLY | os.O_DIRECTORY | os.O_NONBLOCK)
    except OSError:
        return None
    settled_now = []
    published = (new_folder_mode(), os.geteuid())
    try:
        for folder, mtime, ctime, inode, entries in recorded:
            info = os.lstat(folder, dir_fd=root_fd)
            if not stat.S_ISDIR(info.st_mode):
                return None
            if info.st_ino == inode:
                if info.st_ctime_ns != ctime:
                    return None
                continue
            if info.st_mtime_ns != mtime or (stat.S_IMODE(info.st_mode), info.st_uid) != published:
                return None
            if _listed_entries(f"{destination}/{folder}") != entries:
                return None
            if inode == RACY_INODE and settled(info.st_mtime_ns, info.st_ctime_ns, moment):
                settled_now.append((folder, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, entries))
    except OSError:
        return None
    finally:
        os.close(root_fd)
    return tuple(settled_now)


def racy_marked(stamps: tuple[FolderStamp, ...], moment_ns: int) -> tuple[FolderStamp, ...]:
    """`stamps` read at `moment_ns` (wall clock), each folder changed within the racy
    window of it (`sitegen.settled_stamps`) marked so the next check lists it rather than
    trust its ctime: a file removed in the same clock tick as the build's last write to
    its folder leaves the folder's ctime as it was (on a file system keeping whole
    seconds, a page deleted right after a build stayed missing through every build)."""
    return tuple(
        stamp if settled(stamp[1], stamp[2], moment_ns) else (*stamp[:3], RACY_INODE, stamp[4])
        for stamp in stamps
    )


def _listed_entries(folder: str) -> str:
    """`folder_entries`'s digest of a folder as it is now (a symlink is neither kind)."""
    with os.scandir(folder) as scanned:
        return _entries_digest(
            [
                ("l" if entry.is_symlink() else "d" if entry.is_dir(follow_symlinks=False) else "f")
                + entry.name
                for entry in scanned
            ]
        )


def _entries_digest(entries: list[str]) -> str:
    text = "\0".join(sorted(entries))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
