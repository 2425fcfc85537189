"""Where the benchmark keeps its corpora and outputs: in memory when the machine has room.

Every scenario deletes a tree of tens of thousands of files and writes another, over and
over. On a disk file system that history changes what the next build costs: on ext4
mounted with online discard, eight Hugo cold builds of the same 10,000-post site, each
into a folder where the previous output had just been deleted, took 3.6, 7.4, 10.4, 14.4,
16.3, 16.6, 17.5 and 18.3 s, the system time growing from 1.9 s to 29 s while user time
stayed at 4 s (the block allocator working through freed space), and dropping the page
cache did not bring it back. A tool measured late in a run was then slowed by the runs
before it, not by its own work. A memory file system (tmpfs) keeps no such history, and a
CI machine starts with a fresh disk, so the default work folder is in memory when there
is room for the largest corpus; the report names the file system it used.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

MEMORY_FOLDER = Path("/dev/shm")
"""Linux's memory file system for everyone (tmpfs); absent on other systems."""

BYTES_PER_POST = 150_000
"""Memory one post of a size needs at its peak: its source (kept, and copied for the
round), Hugo's copy, both outputs, sitegen's cache and the staging tree of a rebuild
(about 90 KB together, measured at 10,000 posts), plus the builds' own peak memory."""


def default_work_folder(largest_posts: int) -> Path:
    """`/dev/shm/sitegen-bench` if it is a writable memory file system with room for
    `largest_posts` posts (`BYTES_PER_POST` each, within both its free space and the
    memory available), else `sitegen-bench` in the temporary folder."""
    fallback = Path(tempfile.gettempdir()) / "sitegen-bench"
    if file_system_of(MEMORY_FOLDER) != "tmpfs" or not os.access(MEMORY_FOLDER, os.W_OK):
        return fallback
    needed = largest_posts * BYTES_PER_POST
    free = os.statvfs(MEMORY_FOLDER)
    if free.f_bavail * free.f_frsize < needed or _memory_available() < needed:
        return fallback
    return MEMORY_FOLDER / "sitegen-bench"


def file_system_of(path: Path) -> str:
    """The type of the file system holding `path` (`ext4`, `tmpfs`, ...), from
    `/proc/mounts`: the mount point that is the longest prefix of the resolved path.
    `unknown` where there is no `/proc/mounts`."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return "unknown"
    target = path.resolve()
    best, kind = -1, "unknown"
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(fields[1].replace("\\040", " "))
        if (target == point or point in target.parents) and len(point.parts) > best:
            best, kind = len(point.parts), fields[2]
    return kind


def _memory_available() -> int:
    """Bytes the kernel says can be used without swapping (`MemAvailable`), 0 if unknown."""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
