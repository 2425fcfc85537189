"""Run one build as a child process and measure it; describe the machine it ran on.

Wall time is taken around the child alone. CPU time comes from `os.wait4`, which reports
the child's own rusage together with that of every descendant it reaped, so a wrapper
script or a worker pool is counted in full. Memory: `ru_maxrss` is the peak of the largest
single process, which hides a second worker, so `proc_memory.TreeSampler` also sums the
proportional set size (PSS) of the whole tree every 50 ms; see that module for why PSS.
The 1-minute load average is read just before and just after the build, so the report can
show how busy the machine was while each figure was taken. The load average decays over
minutes, so it mostly shows the bench's own previous builds; what other processes did
during the build is measured apart: the machine's busy CPU time (`/proc/stat`) over the
build, less the build's own.

Every build starts after `sync`: a build that writes 150 MB leaves most of it to the
kernel to write back later, and without the sync the next build (the other tool's, in an
interleaved pair) pays for it. Measured on this bench's 2-core machine: Hugo's cold build
of 10,000 posts took 4.7 s first in a run and 11-14 s after each sitegen build.
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

from proc_memory import TreeSampler


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured build."""

    wall_s: float
    cpu_s: float
    """User plus system time of the child and every descendant it waited for."""
    peak_pss_bytes: int
    """The highest PSS summed over the process tree (0 where /proc has no smaps_rollup)."""
    max_rss_bytes: int
    """The largest single process's peak resident set (`ru_maxrss`)."""
    peak_tree_rss_bytes: int
    """The highest RSS summed over the tree: shared pages counted once per process."""
    exit_code: int
    load_before: float | None = None
    """The machine's 1-minute load average just before the build started."""
    load_after: float | None = None
    others_cpu_s: float | None = None
    """CPU seconds the machine spent on other processes while the build ran: its busy
    time in `/proc/stat` less the build's own CPU and the sampling's (None where there is
    no `/proc/stat`)."""

    @property
    def peak_memory_bytes(self) -> int:
        """PSS where the kernel reports it, else the largest single process's RSS."""
        return self.peak_pss_bytes or self.max_rss_bytes


class BuildFailed(Exception):
    """The child exited non-zero or timed out; the message holds the end of its log."""


def parse_loadavg(text: str) -> float | None:
    """The 1-minute load average from the text of `/proc/loadavg` (None if unreadable)."""
    fields = text.split()
    try:
        return float(fields[0])
    except (IndexError, ValueError):
        return None


def load_1min() -> float | None:
    """The machine's 1-minute load average now (None where /proc/loadavg is missing)."""
    try:
        return parse_loadavg(Path("/proc/loadavg").read_text(encoding="ascii"))
    except OSError:
        try:
            return os.getloadavg()[0]
        except OSError:
            return None


def parse_cpu_busy(text: str, ticks_per_second: int) -> float | None:
    """The busy CPU seconds since boot, summed over cores, from the text of `/proc/stat`:
    user, nice, system, irq and softirq time (idle, I/O wait and time stolen by a
    hypervisor are not work done here). None if the first line is not the `cpu` total."""
    fields = text.split("\n", 1)[0].split()
    if len(fields) < 8 or fields[0] != "cpu":
        return None
    try:
        user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in fields[1:8])
    except ValueError:
        return None
    return (user + nice + system + irq + softirq) / ticks_per_second


def cpu_busy_s() -> float | None:
    """The machine's busy CPU seconds since boot (see `parse_cpu_busy`)."""
    try:
        text = Path("/proc/stat").read_text(encoding="ascii")
        return parse_cpu_busy(text, os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError):
        return None


def others_cpu(busy_before: float | None, busy_after: float | None, own_cpu_s: float) -> float | None:
    """CPU seconds other processes used between two `cpu_busy_s` readings around a build
    that used `own_cpu_s`; never below 0 (the counters tick at 10 ms, rusage finer)."""
    if busy_before is None or busy_after is None:
        return None
    return max(0.0, busy_after - busy_before - own_cpu_s)


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
    os.sync()  # the last build's write-back is not this one's cost (see the module's docstring)
    load_before = load_1min()
    with open(log_path, "wb") as log:
        busy_before = cpu_busy_s()
        sampling_before = time.process_time()  # this process's own threads: the PSS sampler
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
        sampler = TreeSampler(proc.pid)
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
            busy_after = cpu_busy_s()
            sampling = time.process_time() - sampling_before
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
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(
        wall_s=wall,
        cpu_s=cpu,
        peak_pss_bytes=sampler.peak_pss,
        max_rss_bytes=max_rss,
        peak_tree_rss_bytes=max(sampler.peak_rss, max_rss),
        exit_code=exit_code,
        load_before=load_before,
        load_after=load_1min(),
        others_cpu_s=others_cpu(busy_before, busy_after, cpu + sampling),
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
