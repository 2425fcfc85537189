"""What keeps a folder that is not there from being made: something on its way.

A folder sitegen makes (the destination, the cache folder) is made with its parents, so
`mkdir` fails when the nearest path on its way that exists is not a folder: a file, a
named pipe, a link to a file, a link that leads nowhere (at the end of a chain of
links), or a loop of links. The system says only "File exists", "Not a directory" or
"Too many levels of symbolic links", naming none of them; this names the path in the
way and says what it is.

Only the standard library: the no-change check runs this before anything heavy.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["blocked_way", "may_write_in", "not_a_folder", "refusing_folder", "unmade_reason"]

#: Hops followed before a chain of links is called a loop: Linux's own limit
#: (`MAXSYMLINKS`, 40), after which `stat` fails with ELOOP.
_MAX_HOPS = 40


def blocked_way(folder: Path, name: str) -> str | None:
    """Why `folder` (called `name` in the message: "the destination") cannot be made, or
    None when nothing on its way stops it (it exists as a folder, or the nearest path that
    exists is one). One clause, e.g. "out is a file, not a folder, so the destination cannot
    be made in it"; a link counts by where it leads, as `mkdir` follows it."""
    for way in (folder, *folder.parents):
        if os.path.isdir(way):
            return None
        if not os.path.lexists(way):
            continue
        if way == folder:
            return f"{name} is {not_a_folder(way)}"
        return f"{way} is {not_a_folder(way)}, so {name} cannot be made in it"
    return None


def refusing_folder(folder: Path) -> Path | None:
    """The folder that keeps `folder`, which is not there yet, from being made because
    this user may not write in it (by effective ids and capabilities: for root, only a
    read-only file system): the nearest folder on its way that exists. None when
    `folder` exists or may be made."""
    if os.path.lexists(folder):
        return None
    for way in folder.parents:
        if os.path.isdir(way):
            return None if may_write_in(way) else way
    return None


def unmade_reason(folder: Path) -> str | None:
    """Why the system will not make `folder`, which is not there yet, though nothing is
    in its way and its nearest existing folder looks writable (`/proc/x`: a file system
    that makes no folders; a security module or a network file system refusing what the
    modes allow, which `access` does not see): its reason,
    found by making a folder in that nearest folder and removing it at once. None when
    `folder` exists or one could be made there."""
    if os.path.lexists(folder):
        return None
    nearest = next((way for way in folder.parents if os.path.isdir(way)), None)
    if nearest is None:
        return None
    probe = nearest / f".sitegen-probe-{os.getpid()}"  # short: a long name is not the fault
    try:
        os.mkdir(probe)
    except FileExistsError:  # left by a killed build: folders are made there
        return None
    except OSError as error:
        return error.strerror or str(error)
    os.rmdir(probe)
    return None


def may_write_in(folder: Path | str, *, dir_fd: int | None = None) -> bool:
    """Whether this user may make and remove entries in `folder` (relative to `dir_fd`
    when given: `"."` asks of the folder open there), by its effective ids and
    capabilities: root may unless the file system is read-only."""
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK | os.X_OK, dir_fd=dir_fd, effective_ids=effective)


def not_a_folder(path: Path) -> str:
    """What `path`, which exists (as a link at least) but is no folder, is instead, as a
    phrase ending "not a folder" where that is the point: "a file, not a folder", "a named
    pipe, not a folder", "a link to a file (/srv/x.txt), not a folder", "a link leading
    nowhere (to old, which is not there)", "a link leading nowhere (to a, a link to
    b, which is not there)", "a link in a loop of links (to a, which leads back)".
    A link is described by the whole chain of links it starts, as `mkdir` follows it."""
    if not os.path.islink(path):
        return f"{_kind(path)}, not a folder"
    hops: list[str] = []
    seen = {os.path.abspath(path)}
    current = os.fspath(path)
    looped = False
    while os.path.islink(current) and len(hops) < _MAX_HOPS and not looped:
        written = os.readlink(current)
        hops.append(written)
        current = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(current)), written))
        looped = current in seen
        seen.add(current)
    try:
        os.stat(path)
    except OSError as error:
        if error.errno != errno.ELOOP:
            return f"a link leading nowhere ({_chain(hops)}, which is not there)"
        if looped:
            return f"a link in a loop of links ({_chain(hops)}, which leads back), not a folder"
        return f"a link through {_MAX_HOPS} links or more ({_chain(hops[:3])}, ...), not a folder"
    return f"a link to {_kind(Path(current))} ({os.path.realpath(path)}), not a folder"


def _chain(hops: list[str]) -> str:
    """ "to a" or "to a, a link to b": what each link of a chain was written to say."""
    return "to " + ", a link to ".join(hops)


def _kind(path: Path) -> str:
    """What a path that is no folder is: "a file", "a named pipe", "a socket", "a device"."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a file"
