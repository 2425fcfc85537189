"""One small interface for parallel work, so where work runs is a detail.

Loading and rendering hand the executor a function and a list of work items; the
default runs them in local worker processes (forked, so the read-only build state they
need, such as the page plan and the template environment, is inherited rather than
sent), and results come back in input order whatever the number of jobs. A distributed
engine can implement the same `map` later without touching loader, renderer or writer.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

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
            yield function(state, item)
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
        # results arrive in small steps and no worker idles long at the end.
        size = min(-(-len(items) // (self.jobs * 4)), MAX_CHUNK)
        chunks = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        done = 0
        with context.Pool(self.jobs, initializer=_receive, initargs=(function, state, items)) as pool:
            for part in pool.imap(_run_chunk, chunks):
                done += len(part)
                if on_progress is not None:
                    on_progress(done, len(items))
                yield from part


def executor_for(jobs: int | None) -> Executor:
    return InlineExecutor() if jobs == 1 else LocalProcessExecutor(jobs)


# Set once in each forked worker by `_receive`; never used in the parent process.
_worker: dict[str, Any] = {}


def _receive(function: Callable[[Any, Any], Any], state: Any, items: Sequence[Any]) -> None:
    # Ctrl-C reaches every process of the terminal's process group: the parent stops the
    # build (and the pool with it) and says so in one line; a worker must not also die
    # of it, printing a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker may be forked while the parent has paused its collector; the work it does
    # (parsing, rendering) makes short-lived cycles, so it collects as usual.
    gc.enable()
    _worker.update(function=function, state=state, items=items)


def _run_chunk(indexes: range) -> list[Any]:
    function, state, items = _worker["function"], _worker["state"], _worker["items"]
    return [function(state, items[index]) for index in indexes]


class PausedCollector:
    """Handed out by `collector_paused`; `freeze` ends the pause early."""

    def __init__(self, was_enabled: bool) -> None:
        self._was_enabled = was_enabled

    def freeze(self) -> None:
        """Move every object alive now out of the collector's sight and let it run again."""
        gc.freeze()
        if self._was_enabled:
            gc.enable()


@contextlib.contextmanager
def collector_paused() -> Iterator[PausedCollector]:
    """Rest Python's cyclic garbage collector while a build's long-lived objects pile up.

    Scanning, loading and planning build hundreds of thousands of long-lived, acyclic
    objects (paths, posts, pages); the collector would re-walk them again and again as
    they pile up (a third of a no-change rebuild at 100,000 posts). Once the plan stands,
    `freeze` moves them out of its sight: later collections stop re-walking them and
    forked workers do not copy the memory it would touch. On leaving, the collector is
    as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield PausedCollector(was_enabled)
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
