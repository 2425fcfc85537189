"""Peak memory of a process tree, with forked workers counted fairly.

A build that forks workers shares most of its pages with them (copy-on-write): summing
each process's resident set (RSS) counts those pages once per process, so a tool with two
workers looks nearly three times its size. The proportional set size (PSS) divides each
shared page among the processes that map it, so the PSS of a tree sums to the memory it
really holds. Linux reports it per process in `/proc/<pid>/smaps_rollup`; a thread here
sums it over the tree every `SAMPLE_INTERVAL_S` and keeps the peak. Tree RSS is kept too,
for comparison with older figures; the single largest process's RSS comes from `wait4`.

Without `/proc` (not Linux) the sampler reports zeros and the caller falls back to
`ru_maxrss`.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Seconds between samples: short enough to catch a worker pool's peak. Reading one
#: process's `smaps_rollup` costs about a millisecond on the bench machine.
SAMPLE_INTERVAL_S = 0.05
#: Finding the tree means reading every process's `stat` in /proc (about 9 ms on the
#: bench machine with ~100 processes): done every this many samples (every 0.5 s), so the
#: sampler's own CPU stays small beside the build it measures. A worker is found within
#: 0.5 s of its start; a pool lives for the whole render stage.
RESCAN_EVERY = 10
_KIB = 1024


@dataclass(frozen=True, slots=True)
class ProcMemory:
    """One process's memory now, in bytes."""

    pss_bytes: int
    rss_bytes: int


def parse_smaps_rollup(text: str) -> ProcMemory:
    """The `Pss:` and `Rss:` lines of a `smaps_rollup` file (values in kB); 0 if absent."""
    values = {"Pss": 0, "Rss": 0}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in values:
            fields = rest.split()
            if fields and fields[0].isdigit():
                values[key] = int(fields[0]) * _KIB
    return ProcMemory(pss_bytes=values["Pss"], rss_bytes=values["Rss"])


def parse_parent_pid(stat: bytes) -> int:
    """The parent pid from a `/proc/<pid>/stat` line.

    The command name is in parentheses and may itself hold spaces or `)`, so the fields
    are counted from the last `)`: state, then the parent pid.
    """
    return int(stat[stat.rfind(b")") + 2 :].split()[1])


def descendants(root_pid: int, parent_of: Mapping[int, int]) -> list[int]:
    """`root_pid` and every process below it, given each pid's parent; sorted."""
    children: dict[int, list[int]] = {}
    for pid, parent in parent_of.items():
        children.setdefault(parent, []).append(pid)
    found: list[int] = []
    stack = [root_pid]
    seen: set[int] = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return sorted(found)


def _parents_now() -> dict[int, int]:
    parent_of: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat_file:
                parent_of[int(entry.name)] = parse_parent_pid(stat_file.read())
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    return parent_of


def _memory_of(pids: Iterable[int]) -> ProcMemory:
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as rollup:
                memory = parse_smaps_rollup(rollup.read())
        except OSError:
            continue  # ended, or a kernel without smaps_rollup
        pss += memory.pss_bytes
        rss += memory.rss_bytes
    return ProcMemory(pss_bytes=pss, rss_bytes=rss)


def tree_pids(root_pid: int) -> list[int]:
    """A process and its descendants now (just the process without /proc)."""
    if not os.path.isdir("/proc"):
        return [root_pid]
    return descendants(root_pid, _parents_now())


def tree_memory(root_pid: int) -> ProcMemory:
    """PSS and RSS summed over a process and its descendants now (zeros without /proc)."""
    return _memory_of(tree_pids(root_pid))


class TreeSampler(threading.Thread):
    """Samples `tree_memory(pid)` until `done` is set; `peak_pss`/`peak_rss` hold the peaks."""

    def __init__(self, pid: int, interval_s: float = SAMPLE_INTERVAL_S) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval_s = interval_s
        self.peak_pss = 0
        self.peak_rss = 0
        self.done = threading.Event()

    def run(self) -> None:
        # Sample once at once, so even a build shorter than the interval is seen.
        pids: list[int] = []
        for sample in itertools.count():
            if sample % RESCAN_EVERY == 0:
                pids = tree_pids(self.pid)
            memory = _memory_of(pids)
            self.peak_pss = max(self.peak_pss, memory.pss_bytes)
            self.peak_rss = max(self.peak_rss, memory.rss_bytes)
            if self.done.wait(self.interval_s):
                return
