"""Ctrl-C while modules load: held back until they have, then raised as usual.

A `KeyboardInterrupt` raised while Python imports a module can land in the import
machinery's own clean-up callback, where Python prints "Exception ignored" and goes on:
the interrupt is lost, and a build the author meant to stop publishes and exits 0 (so
`sitegen build && deploy` deploys). One raised in the import itself ends in a traceback.
So the command line imports with SIGINT (and SIGTERM) blocked; a Ctrl-C meanwhile stays
pending and arrives when the imports are done, in ordinary code, where it stops the
command cleanly.
Only the standard library: this runs before anything else is imported.

Every command also takes SIGTERM (a process manager's, an editor's or CI's stop) as
Ctrl-C (`terminate_as_interrupt`, from its first moment: `sitegen.__main__`): left to
its default, SIGTERM killed the server wherever it was, past every clean-up, a rebuild's
publish included, and ended `sitegen build` without a word. It raises `Terminated`, so
the command can exit 143 as a shell reports a process SIGTERM ended. Once the server is
stopping, a publish under way ends whole whatever is pressed again (`signals_held`); the
end of a worker pool runs whole, and a stop meanwhile is raised after it (`stops_deferred`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

COMMAND_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
"""The signals the commands handle themselves: Ctrl-C and a process manager's stop."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, taken as Ctrl-C inside `terminate_as_interrupt`: the command stops the
    same way; `signal_number` is what its exit status adds to 128."""

    signal_number = int(signal.SIGTERM)


def stopped_status(stop: KeyboardInterrupt) -> int:
    """128 + the signal that stopped the command: 143 for SIGTERM (`Terminated`), else
    130 (Ctrl-C), as a shell reports a process the signal ended: never 0, since
    `sitegen build && deploy` must not deploy a build that was stopped."""
    return 128 + (stop.signal_number if isinstance(stop, Terminated) else int(signal.SIGINT))


def can_block_signals() -> bool:
    """Whether `COMMAND_SIGNALS` can be blocked here: on the main thread, where the
    platform has `pthread_sigmask` (not on Windows)."""
    return hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Block SIGINT and SIGTERM for the `with` body (the main thread, where the
    platform can); either one meanwhile arrives as the body ends: Ctrl-C raises
    `KeyboardInterrupt` there, and so does SIGTERM inside `terminate_as_interrupt`
    (elsewhere it ends the process as it would have, a moment later)."""
    if not can_block_signals():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, COMMAND_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _StopHandler:
    """The command's own handler of SIGINT and SIGTERM: raises `KeyboardInterrupt` (for
    SIGTERM `Terminated`) as Python's default does for Ctrl-C, and keeps each signal it
    took (`taken`). A `KeyboardInterrupt` raised while Python runs a `__del__` or a
    weakref callback (the `regex` module's objects have one, collected anywhere) is
    printed as "Exception ignored" and lost: the build went on, and would have published
    and exited 0 had it not been kept here (`raise_taken_stop`)."""

    def __init__(self, owner: int) -> None:
        self._owner = owner
        self.taken: list[int] = []

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self._owner:
            if signum == signal.SIGTERM:
                # A worker forked while the handler was in place: SIGTERM is how its pool
                # ends it (`Pool.terminate`), so it dies as by default, not with a traceback.
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGTERM)
                return
            raise KeyboardInterrupt
        self.taken.append(signum)
        raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Raise `Terminated` (a `KeyboardInterrupt`) on SIGTERM in the `with` body (in the
    main thread; a body run elsewhere keeps SIGTERM as it was), so the command stops as
    on Ctrl-C; and keep every stop taken, for `raise_taken_stop`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = _StopHandler(os.getpid())
    previous = {number: signal.signal(number, handler) for number in sorted(COMMAND_SIGNALS)}
    try:
        yield
    finally:
        for number, was in previous.items():
            signal.signal(number, was)


def raise_taken_stop() -> None:
    """Raise the stop `terminate_as_interrupt`'s handler took, if it took one: called
    where the command must not go on after a stop (before it publishes, before it says
    "nothing changed"), so a stop lost in a `__del__` still stops it (see `_StopHandler`).
    A stop that was not lost never comes this far. Nothing where that handler is not in
    place (another thread, a library caller)."""
    handler = signal.getsignal(signal.SIGINT)
    if isinstance(handler, _StopHandler) and handler.taken:
        raise Terminated if handler.taken[0] == signal.SIGTERM else KeyboardInterrupt


@contextmanager
def signals_held() -> Iterator[None]:
    """Ignore Ctrl-C and SIGTERM for the `with` body (in the main thread): what it waits
    for (a publish under way, when the dev server stops) ends whole, however often an
    impatient user presses Ctrl-C; cut off, it left the served tree a mix of two builds
    with its staging folder inside. SIGKILL still ends it (the next build then rolls the
    publish's journal back)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def stops_deferred() -> Iterator[None]:
    """Take Ctrl-C and SIGTERM in the `with` body (in the main thread) only as it ends:
    the first one that came meanwhile is raised then, as it would have been (`Terminated`
    for SIGTERM inside `terminate_as_interrupt`, else `KeyboardInterrupt`).

    For clean-up that must run whole once begun, a wait bounded in time: a stop to a
    process group reaches a build several times (each worker that loads a file can
    forward it, and CI sends it again), and a second one landing in the middle of ending
    the worker pool cut that short, leaving workers forked in place of dead ones running
    after the build had exited. Blocking the signals (`interrupts_deferred`) is no help
    there: with other threads running, the kernel hands the signal to one of them and
    Python still raises it in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        came.append(signum)

    # A handler set outside Python (`getsignal` gives None) could not be put back.
    handlers = {number: signal.getsignal(number) for number in sorted(COMMAND_SIGNALS)}
    previous = {number: handler for number, handler in handlers.items() if handler is not None}
    for number in previous:
        signal.signal(number, note)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if came:
            signal.raise_signal(came[0])
