"""Work done on the side: one function run in a forked process while this one goes on.

A rebuild is a chain of stages in one process (scan, load, plan, render) and leaves the
machine's other cores idle. Some of its work needs none of that chain: listing the
published tree, for one, reads only the destination and the last build's record of it
(0.15 s of a 1.5 s rebuild at 10,000 posts). Forked at the start of the build, while
the process is still small, a child does it on another core and leaves its result in a
temporary file; the build takes it when it gets there.

The child's result is the function's return value, pickled. Whatever goes wrong on the
side (the function raises, the child is killed, the result will not unpickle) is never
reported from there: the build then calls the function itself, in its own process, at
the point where it needs the result, so an error is raised exactly where and as it would
have been without the side process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

Result = TypeVar("Result")


class Aside(Generic[Result]):
    """The result of `function`, computed in a forked child, or here when it cannot be."""

    def __init__(self, function: Callable[[], Result], child: int | None, output: int | None) -> None:
        self._function = function
        self._child = child
        self._output = output

    def result(self) -> Result:
        """The function's value: the child's (waiting for it to finish), or computed here
        when there was no child or it did not deliver. Raises what the function raises,
        from this process."""
        delivered = self._collect()
        if delivered is not None:
            return delivered[0]
        return self._function()

    def _collect(self) -> tuple[Result] | None:
        child, output = self._child, self._output
        self._child = self._output = None
        if child is None or output is None:
            return None
        try:
            _, status = os.waitpid(child, 0)
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                return None
            with os.fdopen(os.dup(output), "rb") as stream:
                stream.seek(0)
                value: Result = pickle.load(stream)
            return (value,)
        except Exception:  # a result that did not arrive whole: computed here instead
            return None
        finally:
            os.close(output)

    def abandon(self) -> None:
        """Stop waiting for a result that will not be taken: the child is stopped."""
        child, output = self._child, self._output
        self._child = self._output = None
        if child is not None:
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(child, 0)
        if output is not None:
            os.close(output)


@contextlib.contextmanager
def aside(function: Callable[[], Result], *, enabled: bool) -> Iterator[Aside[Result]]:
    """Start `function` in a forked child (when `enabled` and the platform forks); the
    `Aside` hands over its result. Leaving the block stops a child whose result was not
    taken, so no process outlives the block.

    `function` runs in a copy of this process: it must only read (files, its arguments),
    never write anything this process also writes, nor use an open SQLite connection."""
    if not enabled or not hasattr(os, "fork"):
        yield Aside(function, None, None)
        return
    with tempfile.TemporaryFile() as output:  # unlinked: gone with its last descriptor
        fd = os.dup(output.fileno())
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        _run_child(function, fd)
    pending = Aside(function, child, fd)
    try:
        yield pending
    finally:
        pending.abandon()


def _run_child(function: Callable[[], Result], fd: int) -> None:
    """Run `function`, write its pickled value to `fd` and exit: 0 when written whole.
    Never returns, never raises: the parent's code after the fork must not run here."""
    status = 1
    try:
        # Ctrl-C reaches the whole process group: the parent reports it; this child just
        # ends with it. Its objects die with it, so collecting them is wasted work.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        gc.disable()
        data = pickle.dumps(function(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        status = 0
    except BaseException:  # reported by the parent, computing it again
        status = 1
    finally:
        os._exit(status)
