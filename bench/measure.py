"""Run one build as a child process and measure it; describe the machine it ran on.

Wall time is taken around the child alone. CPU time and peak memory come from `os.wait4`,
which reports the child's own rusage together with that of every descendant it reaped,
so a wrapper script or a worker pool is counted in full. `ru_maxrss` is the peak of the
largest single process, though, not of the process tree: a tool running two workers at
once would look half its size. A light sampler therefore also sums the resident memory of
the whole tree every quarter second, and the peak reported is the larger of the two.
"""

from __future__ import annotations

import os
import platform
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Seconds between samples of the process tree's memory: often enough to see a pool of
#: workers, rare enough that reading /proc costs the build next to nothing.
TREE_SAMPLE_INTERVAL = 0.25
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured build."""

    wall_s: float
    cpu_s: float
    """User plus system time of the child and every descendant it waited for."""
    peak_rss_bytes: int
    exit_code: int


class BuildFailed(Exception):
    """The child exited non-zero or timed out; the message holds the end of its log."""


def _rss_by_parent() -> tuple[dict[int, list[int]], dict[int, int]]:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat_file:
                stat = stat_file.read()
        except OSError:
            continue
        # The command name is in parentheses and may itself contain spaces or ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * _PAGE_SIZE
    return children, rss


def tree_rss_bytes(root_pid: int) -> int:
    """Resident memory of a process and all its descendants now (0 without /proc)."""
    if not os.path.isdir("/proc"):
        return 0
    children, rss = _rss_by_parent()
    total = 0
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(TREE_SAMPLE_INTERVAL):
            self.peak = max(self.peak, tree_rss_bytes(self.pid))


def run_measured(
    argv: Sequence[str],
    *,
    log_path: Path,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout_s: float | None = None,
) -> Sample:
    """Run `argv` to completion with its output in `log_path`; raise `BuildFailed` on error.

    The child gets its own session so that a timeout can end its whole process group,
    and nothing else.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        timed_out = threading.Event()

        def kill_group() -> None:
            timed_out.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout_s, kill_group) if timeout_s else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            wall = time.perf_counter() - started
            if timer:
                timer.cancel()
            sampler.done.set()
        # wait4 reaped the child, so tell Popen not to wait for it again.
        proc.returncode = exit_code = os.waitstatus_to_exitcode(status)
    sampler.join()
    if timed_out.is_set():
        raise BuildFailed(f"timed out after {timeout_s:g} s\n{log_tail(log_path)}")
    if exit_code != 0:
        raise BuildFailed(f"exit code {exit_code}\n{log_tail(log_path)}")
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    max_rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Sample(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_bytes=max(max_rss, sampler.peak),
        exit_code=exit_code,
    )


def log_tail(log_path: Path, lines: int = 15) -> str:
    """The last lines of a build log, to show why a build failed."""
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def command_output(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str | None:
    """First non-empty line a short command prints, or None if it cannot run or fails."""
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=None if env is None else dict(env),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip():
            return line.strip()
    return None


def _proc_field(path: str, pattern: str) -> str | None:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(pattern, text, re.MULTILINE)
    return found.group(1).strip() if found else None


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages: how busy the machine was besides the bench."""
    try:
        return " ".join(f"{load:.2f}" for load in os.getloadavg())
    except OSError:
        return "unknown"


def machine_facts() -> dict[str, str]:
    """What a reader needs to compare timings across machines; no paths, no host names."""
    try:
        usable_cores = len(os.sched_getaffinity(0))
    except AttributeError:
        usable_cores = os.cpu_count() or 0
    mem_kib = _proc_field("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    return {
        "cores (nproc)": str(usable_cores),
        "CPU": _proc_field("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor(),
        "memory": f"{int(mem_kib) / 1024 / 1024:.1f} GiB" if mem_kib else "unknown",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
    }
