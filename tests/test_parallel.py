"""The local executor: this process works alongside its workers, results in order."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import parallel
from sitegen.parallel import MIN_ITEMS_FOR_PROCESSES, LocalProcessExecutor, WorkerStopped


def _tagged(offset: int, item: int) -> tuple[int, int]:
    return item + offset, os.getpid()


@settings(max_examples=8, deadline=None)
@given(
    count=st.integers(MIN_ITEMS_FOR_PROCESSES, 400),
    jobs=st.integers(2, 3),
    offset=st.integers(-5, 5),
)
def test_results_in_order_from_this_process_and_one_worker_fewer(count: int, jobs: int, offset: int) -> None:
    progress: list[tuple[int, int]] = []
    results = LocalProcessExecutor(jobs).map(
        _tagged, offset, range(count), lambda done, total: progress.append((done, total))
    )
    assert [value for value, _ in results] == [item + offset for item in range(count)]
    processes = {pid for _, pid in results}
    assert os.getpid() in processes  # this process takes chunks too
    assert len(processes) <= jobs  # so one worker fewer is started
    assert progress[-1] == (count, count)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    assert not multiprocessing.active_children()


def _fails_in(where: str, item: int) -> int:
    here = "parent" if os.getpid() == _PARENT else "worker"
    if here == where:
        raise ValueError(f"item {item} failed in the {here}")
    return item


_PARENT = os.getpid()


@pytest.mark.parametrize("where", ["parent", "worker"])
def test_an_error_in_any_process_is_the_one_error_raised(where: str) -> None:
    with pytest.raises(ValueError, match=f"in the {where}"):
        LocalProcessExecutor(2).map(_fails_in, where, range(500))
    assert not multiprocessing.active_children()


_RESULTS_UNDER_WAY_SCRIPT = """
import multiprocessing, os
from sitegen.parallel import LocalProcessExecutor

parent = os.getpid()

def work(state, item):
    if os.getpid() == parent and item >= 100:
        raise ValueError("failed in the parent")
    return b"x" * (1 << 20)  # long enough to write that a worker is often stopped mid-write

for attempt in range(25):
    try:
        LocalProcessExecutor(3).map(work, None, range(200))
    except ValueError:
        pass
    assert not multiprocessing.active_children()
print("ended")
"""


def test_stopping_on_an_error_while_workers_hand_back_results_never_hangs() -> None:
    """An error while workers are writing their results: the pool must end, and every
    time. `Pool.terminate` killed a worker in the middle of a write, which kept the
    result queue's lock, and the build then waited for it for ever (1 in 5 here)."""
    ran = _python(_RESULTS_UNDER_WAY_SCRIPT, timeout=120)
    assert ran.stdout.strip() == "ended", ran.stderr


class _Chunk:
    """A chunk handed to a stand-in worker: finished when the test says so."""

    def __init__(self, indexes: range) -> None:
        self.indexes = indexes
        self.done = False

    def ready(self) -> bool:
        return self.done

    def get(self) -> list[int]:
        return list(self.indexes)


class _StandInPool:
    """What `_SharedWork` asks of a pool, with workers that finish when told to."""

    def __init__(self) -> None:
        self.sent: list[_Chunk] = []

    def apply_async(self, function: object, arguments: tuple[range]) -> _Chunk:
        chunk = _Chunk(arguments[0])
        self.sent.append(chunk)
        return chunk

    def unfinished(self) -> int:
        return sum(not chunk.done for chunk in self.sent)


@settings(max_examples=20, deadline=None)
@given(
    workers=st.integers(1, 3),
    chunks=st.integers(12, 40),
    pace=st.integers(1, 3),
    newest_first=st.booleans(),
)
def test_workers_have_their_next_chunks_whenever_this_process_starts_one(
    workers: int, chunks: int, pace: int, newest_first: bool
) -> None:
    """Whatever the workers finished while this process worked on a chunk of its own is
    replaced before it starts the next, also when they finish out of order (several
    workers): no worker waits for this process to be free."""
    pool = _StandInPool()
    window = 2 * workers
    shortfalls: list[int] = []

    def here(state: None, item: int) -> int:
        if item % 4 == 0:  # this process starts a chunk (of four items)
            shortfalls.append(window - pool.unfinished())
            running = [chunk for chunk in pool.sent if not chunk.done]
            for chunk in (running[::-1] if newest_first else running)[:pace]:
                chunk.done = True  # the workers finish chunks meanwhile
        return item

    items = range(4 * chunks)
    ranges = [range(start, start + 4) for start in range(0, len(items), 4)]
    shared = parallel._SharedWork(pool, workers, here, None, items, ranges)  # type: ignore[arg-type]
    assert [item for part in shared.parts() for item in part] == list(items)
    # This process takes a chunk only when none is left to hand out after the workers'.
    assert shortfalls and all(shortfall == 0 for shortfall in shortfalls)


class _Stop(BaseException):
    """What no `except Exception` catches: a library's panic, say."""


def _stops_in_worker(how: str, item: int) -> int:
    if os.getpid() != _PARENT and item % 7 == 3:
        if how == "killed":
            os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer does
        raise _Stop(item)
    return item


@pytest.mark.parametrize("how", ["killed", "raised past every handler"])
def test_a_worker_that_stops_mid_work_fails_the_work_instead_of_hanging_it(how: str) -> None:
    """The pool starts a new worker in a dead one's place, but the chunk it held never
    comes back: waiting for it would hang the build, lock held, for ever."""
    with pytest.raises(WorkerStopped, match="worker process stopped"):
        LocalProcessExecutor(2).map(_stops_in_worker, how, range(400))
    assert not multiprocessing.active_children()


_ORPHAN_SCRIPT = """
import os, sys, time
from sitegen.aside import aside
from sitegen.parallel import LocalProcessExecutor

record = sys.argv[1]

def slow(state, item):
    with open(record, "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    time.sleep(0.2)
    return item

def linger(argument):
    with open(record, "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    time.sleep(30)
    return argument

with aside(linger, 1):
    LocalProcessExecutor(3).map(slow, None, list(range(300)))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_forked_processes_end_with_a_killed_build(tmp_path: Path) -> None:
    """`kill -9` of the build: its workers and its set-aside process end with it, at
    once and quietly, instead of rendering for nobody while holding the build lock."""
    record = tmp_path / "pids"
    record.touch()
    build = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT, str(record)],
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        forked = {int(line) for line in record.read_text().split()} - {build.pid}
        if len(forked) >= 3:  # two workers and the set-aside process
            break
        time.sleep(0.05)
    assert len(forked) >= 3, forked
    build.kill()
    _, stderr = build.communicate(timeout=10)  # its stderr stays open while any of them runs
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in forked):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in forked)
    assert b"Traceback" not in stderr


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


_DIES_HOLDING_THE_TASK_LOCK = """
import gc, multiprocessing, os, signal, threading
from sitegen import parallel

pool = multiprocessing.get_context("fork").Pool(2)
pool.map(abs, range(4))  # idle now: one worker waits for a chunk holding the task queue's lock
workers = frozenset(child.pid for child in multiprocessing.active_children())
for pid in workers:
    os.kill(pid, signal.SIGSTOP)  # alive when the wind-down looks, dead soon after
threading.Timer(1.0, lambda: [os.kill(pid, signal.SIGKILL) for pid in workers]).start()
parallel._wind_down(pool, [], workers, set())
print("wound down", flush=True)
del pool
gc.collect()
print("collected", flush=True)
"""


def test_a_worker_dying_with_the_task_queue_lock_during_the_wind_down_hangs_nothing() -> None:
    """A worker killed while it waits for its next chunk holds the task queue's lock for
    ever. Before, the wind-down waited 20 s for the pool to join, and the pool's own
    clean-up, run when the pool was collected, then waited on that lock for ever."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-c", _DIES_HOLDING_THE_TASK_LOCK],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        printed, errors = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        printed, errors = process.communicate()
    assert printed.split() == ["wound", "down", "collected"], errors
    assert time.monotonic() - started < parallel._WIND_DOWN_SECONDS  # the dead worker was seen


_FORKED_BY_ANOTHER_THREAD = """
import os, sys, threading, time
from sitegen.aside import end_with_parent

parent, forker = os.getpid(), threading.get_ident()

def fork_in_place_of_a_dead_worker():
    pid = os.fork()
    if pid == 0:
        os.close(1)  # the output is the test's to read to its end
        end_with_parent(parent, forker)
        time.sleep(60)  # waits, as for a task queue's lock a dead worker holds
        os._exit(0)
    print(pid, flush=True)

thread = threading.Thread(target=fork_in_place_of_a_dead_worker)
thread.start()
thread.join()
os._exit(0)  # as the command line ends: no clean-up of its own
"""


def test_a_worker_forked_by_the_pool_s_own_thread_ends_with_the_build() -> None:
    """The pool forks a worker in place of a dead one from a thread of its own, so the
    kernel's parent-death signal cannot be asked for (it would come when that thread
    ends). Such a worker, forked after the build had killed the others, waited for ever
    on the lock a killed worker held, and kept the build's output pipe open: `sitegen
    build | tee log` never ended. It now ends once its parent has."""
    build = _python(_FORKED_BY_ANOTHER_THREAD, timeout=30)
    forked = int(build.stdout)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(forked):
        time.sleep(0.05)
    alive = _alive(forked)
    if alive:
        os.kill(forked, signal.SIGKILL)
    assert not alive


def test_a_worker_whose_parent_has_gone_ends_quietly_at_its_result() -> None:
    """The dev server stops without waiting for a rebuild, and its workers' results then
    go to a pipe nobody reads: each printed a `BrokenPipeError` traceback after
    "stopped". A worker now ends at that write as a Unix filter does, by SIGPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the parent's end, gone with it
    child = os.fork()
    if child == 0:  # pragma: no cover - reports through its exit status
        try:
            parallel._receive(_tagged, None, [], os.getppid(), threading.get_ident() + 1)
            os.write(write_end, b"a chunk's results")
        finally:
            os._exit(3)
    os.close(write_end)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGPIPE, status


def _python(script: str, *, timeout: float) -> subprocess.CompletedProcess[str]:
    """`script` run by this Python with this test run's import path, its output kept."""
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
