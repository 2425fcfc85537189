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
from dataclasses import dataclass
from pathlib import Path

MEMORY_FOLDER = Path("/dev/shm")
"""Linux's memory file system for everyone (tmpfs); absent on other systems."""

BYTES_PER_POST = 150_000
"""Memory one post of a size needs at its peak: its source (kept, and copied for the
round), Hugo's copy, both outputs, sitegen's cache and the staging tree of a rebuild
(about 90 KB together, measured at 10,000 posts), plus the builds' own peak memory."""


@dataclass(frozen=True, slots=True)
class WorkFolder:
    path: Path
    why: str
    """One line for the console and the report: where, and why there."""


def default_work_folder(largest_posts: int, memory_folder: Path = MEMORY_FOLDER) -> WorkFolder:
    """`sitegen-bench` in `memory_folder` if that is a writable memory file system with
    room for `largest_posts` posts (`BYTES_PER_POST` each, within both its free space and
    the memory available; what an earlier run left there counts as room, since this run
    reuses it), else `sitegen-bench` in the temporary folder."""
    fallback = Path(tempfile.gettempdir()) / "sitegen-bench"
    target = memory_folder / "sitegen-bench"
    if file_system_of(memory_folder) != "tmpfs" or not os.access(memory_folder, os.W_OK):
        return WorkFolder(fallback, f"{memory_folder} is no writable tmpfs")
    needed = largest_posts * BYTES_PER_POST
    held = bytes_held(target)
    free = os.statvfs(memory_folder)
    room = min(free.f_bavail * free.f_frsize, _memory_available()) + held
    if room < needed:
        return WorkFolder(fallback, f"{memory_folder} has {_gb(room)} of the {_gb(needed)} needed")
    return WorkFolder(target, f"a memory file system with {_gb(room)} of room for the {_gb(needed)} needed")


def bytes_held(folder: Path) -> int:
    """The bytes the files below `folder` take (their blocks), 0 if it does not exist:
    on tmpfs, memory a new run gets back as it replaces them."""
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(parent, name)).st_blocks * 512
            except OSError:
                continue
    return total


def _gb(count: int) -> str:
    return f"{count / 1e9:.1f} GB"


def file_system_of(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str:
    """The type of the file system holding `path` (`ext4`, `tmpfs`, ...), from
    `/proc/mounts`: the mount point that is the longest prefix of the resolved path, the
    last listed where several are mounted at the same point (the one on top). `unknown`
    where there is no `/proc/mounts`."""
    try:
        mounts = mounts_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return "unknown"
    target = path.resolve()
    best, kind = -1, "unknown"
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(fields[1].replace("\\040", " "))
        if (target == point or point in target.parents) and len(point.parts) >= best:
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
