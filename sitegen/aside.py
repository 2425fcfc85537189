"""Work set aside: one function worked out in a forked process while this one goes on.

Only the standard library, so the no-change check (`sitegen.incremental.manifest`),
which runs before the pipeline is imported, can use the machine's other core. The
worker pool of `sitegen.parallel` shares `end_with_parent`.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Aside", "aside", "can_fork", "end_with_parent"]

Argument = TypeVar("Argument")
Result = TypeVar("Result")


def end_with_parent(parent: int, forker: int) -> None:
    """In a forked process: be killed when `parent` (the process that forked this one)
    ends, however it ends. A build killed with `kill -9` would otherwise leave its
    workers rendering for nobody, holding the build lock they inherited, and each
    printing a traceback when it hands its result to a pipe nobody reads. Linux only
    (`prctl(PR_SET_PDEATHSIG)`); elsewhere the workers end at their next result.

    Linux sends the signal when the *thread* that forked ends, so it is asked for only
    where that thread is `forker`, the one that started the work and waits for it. The
    pool forks a worker in place of one that died from a thread of its own, which ends
    when the pool is closed: killed then, such a worker could hold the lock of the
    pool's task queue, and closing the pool would wait for that lock for ever. Such a
    worker (and every worker where there is no `prctl`) looks for its parent instead,
    every `_PARENT_LOOK_SECONDS`, and exits once it has gone: one forked in place of a
    worker a stop signal killed, after the build had killed the others, waited for the
    task queue's lock for ever and held the build's output pipe open."""
    if not sys.platform.startswith("linux") or threading.get_ident() != forker:
        _exit_when_orphaned(parent)
        return
    import ctypes  # only in a forked worker, and only here

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl to call: as elsewhere
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1
"""From Linux's `<linux/prctl.h>`."""

_PARENT_LOOK_SECONDS = 0.2
"""How often a worker without the kernel's parent-death signal looks for its parent."""


def _exit_when_orphaned(parent: int) -> None:
    """Exit this process once `parent` is no longer its parent, looked for by a thread."""

    def look() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_LOOK_SECONDS)
        os._exit(1)

    threading.Thread(target=look, name="sitegen-parent-look", daemon=True).start()


class Aside(Generic[Argument, Result]):
    """`function(argument)` worked out in a forked process while this one goes on
    (`aside`); `result` hands it over. Where the process could not be forked, or did
    not deliver (it raised, or was killed), `result` works it out here instead, so an
    error the function raises is raised here, as if it had never been set aside."""

    def __init__(
        self, function: Callable[[Argument], Result], argument: Argument, pid: int | None, pipe: int | None
    ) -> None:
        self._function = function
        self._argument = argument
        self._pid = pid
        self._pipe = pipe

    def result(self) -> Result:
        """The function's result; may be called once."""
        if self._pipe is not None:
            with os.fdopen(self._pipe, "rb") as pipe:
                self._pipe = None
                data = pipe.read()
            if self._reaped() == 0 and data:
                delivered: Result = pickle.loads(data)  # our own child's bytes
                return delivered
        return self._function(self._argument)

    def close(self) -> None:
        """End the process if it still runs (a build stopped before it needed the
        result) and free what it held here."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._reaped()
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None

    def _reaped(self) -> int:
        """Wait for the process; its exit code."""
        pid, self._pid = self._pid, None
        if pid is None:
            return -1
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def __enter__(self) -> Aside[Argument, Result]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def can_fork() -> bool:
    """Whether `aside` forks: there is a fork, a second core to run the copy (on one, the
    two would only take turns, the fork's cost on top), and no other thread (a lock one
    of them held would stay held in the copy for good)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def aside(
    function: Callable[[Argument], Result],
    argument: Argument,
    *,
    forked: bool = True,
    for_memory: bool = False,
) -> Aside[Argument, Result]:
    """Start `function(argument)` in a forked process: for work that only reads (the
    file system, the argument) and that this process would otherwise do later, on its
    own, while the machine's other core idles. The result travels back pickled, so it
    should be small beside the work. Use as a context manager, so the process is ended
    and reaped on every way out. Worked out here, when `result` asks, where `can_fork`
    says no (one core; a process running other threads, as the dev server's) or
    `forked` is false (`-j 1` asks for one process).

    `for_memory`: forked on one core and beside other threads too, since the point is
    that what `function` loads (a library's tables, which Python never gives back to the
    system) ends with the forked process rather than stay in a long-lived one (the dev
    server). Such a function must take no lock another thread may hold: it prints and
    logs nothing, and imports only (CPython resets the import lock in a forked child)."""
    if not forked or not hasattr(os, "fork") or not (for_memory or can_fork()):
        return Aside(function, argument, None, None)
    read_end, write_end = os.pipe()
    parent, forker = os.getpid(), threading.get_ident()
    pid = os.fork()
    if pid == 0:  # the forked process: deliver, then end at once, running no clean-up of this one's
        status = 1
        try:
            end_with_parent(parent, forker)
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly
            data = pickle.dumps(function(argument), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return Aside(function, argument, pid, read_end)
