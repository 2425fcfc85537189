"""The no-change check run in a forked child while the command line imports the pipeline.

A build with something to do first runs the check (`sitegen.incremental.manifest.probe`:
a walk and a `stat` of every input, about 0.1 s at 10,000 posts) and then imports the
pipeline (Jinja, Markdown, YAML and sitegen's own modules, about 0.15 s), one after the
other on one core, before it can read a single post. The two do not depend on each
other, so the check runs in a child forked before the imports, on another core, and
sends its result back through a pipe as `marshal` data (plain values only); the parent
imports meanwhile and then reads the result. A rebuild of a 10,000-post site is about
0.05 s shorter; a no-change run is as long as the longer of the two.

The child's result is the check's own, computed from the same request by the same code.
Where the child cannot be used (no `fork`, other threads running, the child killed, or
the check raising in it), the parent runs the check itself after the imports, exactly
as without a child: the same result, or the same exception.

Only the standard library: this runs before the pipeline is imported.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sitegen.incremental.manifest import BuildRequest, Probe, Snapshot, probe
from sitegen.incremental.manifest_file import Summary
from sitegen.interrupts import interrupts_deferred

__all__ = ["probe_aside"]

_FORMAT = "sitegen-probe-1"
"""The first value the child sends: a parent never reads another layout as a result."""


def probe_aside(request: BuildRequest, work: Callable[[], None]) -> Probe:
    """`probe(request)`, computed in a forked child while `work()` runs here (see the
    module docstring). Raises whatever `work` raises (the child is then stopped), and
    whatever `probe` raises when the parent has to run it itself. However the command
    is interrupted, the child is stopped and reaped before this returns or raises."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        # Forking a process with other threads can leave the child holding a lock one
        # of them held: run the check here instead.
        work()
        return probe(request)
    read_end, write_end = os.pipe()
    # Ctrl-C held back across the fork: one arriving between the fork and the `try`
    # below would leave the child running, and then a zombie, after the command ended.
    # Each side lets it in again only inside its own clean-up (`try` here, `_report`).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        child = os.fork()
    except OSError:  # no process to be had: the check runs here
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(read_end)
        os.close(write_end)
        work()
        return probe(request)
    if child == 0:  # pragma: no cover (the child ends with os._exit; its result is tested)
        _report(request, read_end, write_end, held)
    reported: bytes | None = None
    try:
        os.close(write_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C meanwhile is raised here
        work()
        reported = _read_all(read_end)
    finally:
        with interrupts_deferred():  # a second Ctrl-C waits until the child is reaped
            os.close(read_end)
            if reported is None:  # interrupted: the child's answer is not wanted any more
                with contextlib.suppress(OSError):
                    os.kill(child, signal.SIGKILL)
            _, status = os.waitpid(child, 0)
    result = _decoded(reported) if status == 0 else None
    return result if result is not None else probe(request)


def _report(request: BuildRequest, read_end: int, write_end: int, mask: Iterable[int]) -> None:
    """The child: run the check, write its result, end without running any of the
    parent's clean-up (`os._exit`: no buffered output flushed twice, no atexit).
    `mask`: the signal mask to run the check with (Ctrl-C let in again)."""
    status = 1
    try:
        os.close(read_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C meanwhile ends the child here
        data = marshal.dumps(_encoded(probe(request)))
        with open(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # anything, Ctrl-C too: the parent then runs the check itself
        status = 1
    finally:
        os._exit(status)


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _encoded(result: Probe) -> tuple[Any, ...]:
    unchanged = result.unchanged
    snapshot = result.snapshot
    return (
        _FORMAT,
        None
        if unchanged is None
        else (unchanged.posts, unchanged.pages, unchanged.files, unchanged.diagnostics),
        None
        if snapshot is None
        else (
            snapshot.inputs,
            snapshot.files,
            snapshot.unhashed,
            snapshot.outside_roots,
            snapshot.published_folders,
        ),
    )


def _decoded(data: bytes) -> Probe | None:
    """The child's result; None when `data` is not one (a child cut short)."""
    try:
        form, unchanged, snapshot = marshal.loads(data)
        if form != _FORMAT:
            return None
        return Probe(
            None if unchanged is None else Summary(*unchanged),
            None if snapshot is None else Snapshot(*snapshot),
        )
    except (EOFError, ValueError, TypeError):
        return None
