"""One small interface for parallel work, so where work runs is a detail.

Loading and rendering hand the executor a function and a list of work items; the
default runs them in local worker processes (forked, so the read-only build state they
need, such as the page plan and the template environment, is inherited rather than
sent), and results come back in input order whatever the number of jobs. A distributed
engine can implement the same `map` later without touching loader, renderer or writer.
Items run in this process run with the garbage collector on, as a worker's do
(`sitegen.collector`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from sitegen.aside import end_with_parent
from sitegen.collector import collecting
from sitegen.errors import SitegenError
from sitegen.interrupts import stops_deferred

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Below this many items, starting worker processes costs more than it saves.
MIN_ITEMS_FOR_PROCESSES = 64

#: The most items a worker takes at once: small enough that results stream back.
MAX_CHUNK = 64


class Executor(Protocol):
    jobs: int

    def map(
        self,
        function: Callable[[Any, Item], Result],
        state: Any,
        items: Sequence[Item],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> list[Result]:
        """`[function(state, item) for item in items]`, in order; `state` is shared read-only.

        `on_progress(done, total)` is called from this process as work completes. An
        executor that subclasses this protocol gets it as the list `imap` hands over."""
        return list(self.imap(function, state, items, on_progress))

    def imap(
        self,
        function: Callable[[Any, Item], Result],
        state: Any,
        items: Sequence[Item],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Iterator[Result]:
        """`map`, each result handed over as soon as it and those before it are done, so
        the caller can store and drop results as they come rather than hold them all."""
        ...


class InlineExecutor(Executor):
    """Runs everything in this process: for `--jobs 1`, small sites and tests."""

    jobs = 1

    def imap(
        self,
        function: Callable[[Any, Item], Result],
        state: Any,
        items: Sequence[Item],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Iterator[Result]:
        for done, item in enumerate(items, 1):
            yield collecting(function, state, item)
            if on_progress is not None and done % 256 == 0:
                on_progress(done, len(items))


class LocalProcessExecutor(Executor):
    """Forked worker processes; falls back to inline where fork is unavailable."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = max(1, jobs or os.cpu_count() or 1)

    def imap(
        self,
        function: Callable[[Any, Item], Result],
        state: Any,
        items: Sequence[Item],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Iterator[Result]:
        forkable = "fork" in multiprocessing.get_all_start_methods()
        if self.jobs == 1 or len(items) < MIN_ITEMS_FOR_PROCESSES or not forkable:
            yield from InlineExecutor().imap(function, state, items, on_progress)
            return
        context = multiprocessing.get_context("fork")
        # A few chunks per worker balances uneven pages without much messaging; capped, so
        # results arrive in small steps and no one idles long at the end.
        size = min(-(-len(items) // (self.jobs * 4)), MAX_CHUNK)
        chunks = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        # This process takes chunks too, so one worker fewer is forked: a forked worker
        # comes to hold a private copy of most of the build's state (reference counts
        # write to every page and post it touches), and this process holds it anyway.
        others = {child.pid for child in multiprocessing.active_children()}
        initargs = (function, state, items, os.getpid(), threading.get_ident())
        pool = context.Pool(self.jobs - 1, initializer=_receive, initargs=initargs)
        workers = frozenset(child.pid for child in multiprocessing.active_children()) - others
        shared = _SharedWork(pool, self.jobs - 1, function, state, items, chunks, workers)
        try:
            done = 0
            for part in shared.parts():
                done += len(part)
                if on_progress is not None:
                    on_progress(done, len(items))
                yield from part
        finally:
            # Whole, however often the stop that ended the work comes again meanwhile.
            with stops_deferred():
                _wind_down(pool, shared.pending(), workers, others)


class _SharedWork:
    """Chunks handed out as they are asked for, to the pool's workers and to this
    process, their results handed on in input order.

    The workers are kept supplied with two chunks each (one running, one waiting while
    this process works on one of its own), and never more, so the chunks left at the
    end go to whoever is free, and results wait here only briefly."""

    def __init__(
        self,
        pool: multiprocessing.pool.Pool,
        workers: int,
        function: Callable[[Any, Any], Any],
        state: Any,
        items: Sequence[Any],
        chunks: Sequence[range],
        worker_ids: frozenset[int | None] = frozenset(),
    ) -> None:
        self._pool = pool
        self._worker_ids = worker_ids
        """The workers' process ids, checked while this process waits (none: no check)."""
        self._function = function
        self._state = state
        self._items = items
        self._chunks = chunks
        self._window = 2 * workers
        self._sent: dict[int, multiprocessing.pool.AsyncResult[list[Any]]] = {}
        self._finished: dict[int, list[Any]] = {}
        self._next = 0

    def pending(self) -> list[multiprocessing.pool.AsyncResult[list[Any]]]:
        """The chunks handed to workers whose results have not been taken."""
        return list(self._sent.values())

    def parts(self) -> Iterator[list[Any]]:
        """Each chunk's results, in the chunks' order."""
        for index in range(len(self._chunks)):
            while index not in self._finished:
                self._step(index)
            yield self._finished.pop(index)

    def _step(self, wanted: int) -> None:
        """Take what the workers finished, supply them again, then run one chunk here,
        or, with none left to hand out, wait for the worker that has chunk `wanted`.

        In that order: a finished chunk still counted as sent would leave its worker
        without a next one until this process had finished a chunk of its own."""
        for index in [index for index, result in self._sent.items() if result.ready()]:
            self._finished[index] = self._sent.pop(index).get()
        while self._next < len(self._chunks) and len(self._sent) < self._window:
            self._sent[self._next] = self._pool.apply_async(_run_chunk, (self._chunks[self._next],))
            self._next += 1
        if wanted in self._finished:
            return
        if self._next < len(self._chunks):
            index, self._next = self._next, self._next + 1
            chunk = self._chunks[index]
            self._finished[index] = [collecting(self._function, self._state, self._items[at]) for at in chunk]
        else:
            result = self._sent.pop(wanted)
            while self._worker_ids and not _arrived(result):
                self._check_workers()
            self._finished[wanted] = result.get()

    def _check_workers(self) -> None:
        """Raise `WorkerStopped` when a worker process has ended: the pool starts another
        in its place, but the chunk it was running is lost, and waiting for it would
        wait for ever (holding the build's lock)."""
        if not _all_alive(self._worker_ids):
            raise WorkerStopped(WORKER_STOPPED)


WORKER_STOPPED = (
    "a worker process stopped in the middle of its work (killed by the system, perhaps "
    "for lack of memory, or crashed in a library); nothing was published: build again, "
    "or with -j 1 to see which file it was"
)


class WorkerStopped(SitegenError):
    """A worker process ended before handing back its results (see `_SharedWork`)."""


#: How long a wait for a worker's results lasts before the workers are checked again.
_LIVENESS_SECONDS = 0.5


def _arrived(result: multiprocessing.pool.AsyncResult[list[Any]]) -> bool:
    result.wait(_LIVENESS_SECONDS)
    return result.ready()


#: How long a pool stopped early waits for the chunks its workers are running, and then
#: for its workers to end, before they are killed.
_WIND_DOWN_SECONDS = 10.0


def _wind_down(
    pool: multiprocessing.pool.Pool,
    pending: Sequence[multiprocessing.pool.AsyncResult[list[Any]]],
    workers: frozenset[int | None],
    others: set[int | None],
) -> None:
    """End `pool`'s workers and threads, in bounded time, however the work ended.

    Not with `Pool.terminate` while a worker may be handing back a result: it sends the
    workers SIGTERM, and one killed in the middle of writing its result keeps the result
    queue's lock for ever, on which the pool's task thread then waits, and terminate
    with it (CPython's `Pool._terminate_pool`: workers are terminated before the task
    thread, which still writes to that queue, is joined). So the chunks under way are
    waited for (an error is raised only after them), and the workers, idle, are let go
    with `close` and `join`. Where a worker has died or a chunk does not come back in
    time, `terminate` runs on a thread of its own, and if it too is not done in time
    the workers are killed and the thread left waiting: the build ends either way."""
    deadline = time.monotonic() + _WIND_DOWN_SECONDS
    waiting = [result for result in pending if not result.ready()]
    while waiting and time.monotonic() < deadline and _all_alive(workers):
        waiting[0].wait(min(_LIVENESS_SECONDS, max(0.0, deadline - time.monotonic())))
        waiting = [result for result in waiting if not result.ready()]
    alive = _all_alive(workers)
    patience = max(0.0, deadline - time.monotonic()) + _WIND_DOWN_SECONDS
    if not waiting and alive:
        pool.close()
        ending = threading.Thread(target=pool.join, name="sitegen-pool-join", daemon=True)
    else:
        ending = threading.Thread(target=pool.terminate, name="sitegen-pool-terminate", daemon=True)
        patience = patience if alive else _DEAD_WORKER_SECONDS
    ending.start()
    _await_ending(ending, patience, workers)
    if ending.is_alive():
        for child in multiprocessing.active_children():
            if child.pid is not None and child.pid not in others:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGKILL)
        multiprocessing.active_children()  # reaps them
    _forgo_pool_finalizer(pool)


def _await_ending(ending: threading.Thread, patience: float, workers: frozenset[int | None]) -> None:
    """Wait up to `patience` seconds for `ending`, but only `_DEAD_WORKER_SECONDS` once a
    worker has died: a worker dies of a stop signal while it waits for its next chunk,
    holding the task queue's lock, and then neither `join` nor `terminate` can end."""
    deadline = time.monotonic() + patience
    while ending.is_alive() and time.monotonic() < deadline:
        ending.join(min(_LIVENESS_SECONDS, max(0.0, deadline - time.monotonic())))
        if ending.is_alive() and not _all_alive(workers):
            ending.join(_DEAD_WORKER_SECONDS)
            return


def _forgo_pool_finalizer(pool: multiprocessing.pool.Pool) -> None:
    """Keep the pool's own clean-up from running again when it is collected or at exit.

    By now its workers have ended or been killed. That clean-up (CPython's
    `Pool._terminate_pool`, registered as the pool's finalizer) first takes the task
    queue's lock, which a worker killed while waiting for a chunk holds for ever: run
    later, it would hang the process after the build had ended."""
    finalizer = getattr(pool, "_terminate", None)
    cancel = getattr(finalizer, "cancel", None)
    if callable(cancel):
        cancel()


_DEAD_WORKER_SECONDS = 0.5
"""How long `terminate` may take once a worker has died before the workers are killed."""


def _all_alive(workers: frozenset[int | None]) -> bool:
    return workers <= {child.pid for child in multiprocessing.active_children()}


def executor_for(jobs: int | None) -> Executor:
    return InlineExecutor() if jobs == 1 else LocalProcessExecutor(jobs)


# Set once in each forked worker by `_receive`; never used in the parent process.
_worker: dict[str, Any] = {}


def _receive(
    function: Callable[[Any, Any], Any], state: Any, items: Sequence[Any], parent: int, forker: int
) -> None:
    end_with_parent(parent, forker)
    # Ctrl-C reaches every process of the terminal's process group: the parent stops the
    # build (and the pool with it) and says so in one line; a worker must not also die
    # of it, printing a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker whose parent has gone (the dev server stopped mid-rebuild; it waits for
    # no rebuild) ends quietly when it hands back its result, as a Unix filter does on a
    # closed pipe, instead of printing a `BrokenPipeError` traceback after "stopped".
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # A worker may be forked while the parent has paused its collector; the work it does
    # (parsing, rendering) makes short-lived cycles, so it collects as usual.
    gc.enable()
    _worker.update(function=function, state=state, items=items)


def _run_chunk(indexes: range) -> list[Any]:
    function, state, items = _worker["function"], _worker["state"], _worker["items"]
    return [function(state, items[index]) for index in indexes]
