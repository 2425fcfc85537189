"""SIGINT and SIGTERM for the dev server's serving loop: wake its wait, act in its code.

`woken_by_signals` is the one entry point: `sitegen.serve.http_server` wraps its accept
loop in it and calls `StopSignals.deliver` after each wait.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any


@contextlib.contextmanager
def woken_by_signals(selector: selectors.BaseSelector) -> Iterator[StopSignals]:
    """In the main thread, wake `selector`'s wait whenever a signal arrives, and take
    SIGINT and SIGTERM in the loop itself (`StopSignals`).

    The kernel hands a signal sent to the process to any thread not blocking it: to
    the watcher's, a rebuild's or a request's as often as to the main thread, which then
    slept on in its wait with the handler pending, and `sitegen serve` ignored SIGTERM
    until the next request came. The signal's wake-up byte (`signal.set_wakeup_fd`)
    ends the wait wherever the signal landed; draining it is all the loop does with it."""
    if threading.current_thread() is not threading.main_thread():
        yield StopSignals({})
        return
    reader, writer = socket.socketpair()
    with reader, writer, StopSignals.taken() as signals:
        reader.setblocking(False)
        writer.setblocking(False)
        previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        try:
            selector.register(reader, selectors.EVENT_READ, drain_wakeups)
            yield signals
        finally:
            signal.set_wakeup_fd(previous)


class StopSignals:
    """SIGINT and SIGTERM noted by their handler and acted on by the serving loop.

    Their own handlers raise `KeyboardInterrupt` wherever the main thread is, and the
    main thread of a server also runs the garbage collector's weak-reference callbacks
    (a request's thread ending drops it from `threading`'s sets): raised in one of
    those, the interrupt is printed as "Exception ignored" and lost, and the server
    served on after SIGTERM. Here the handler only notes the signal; the loop, woken by
    it, runs the signal's own handler in its own code, where what it raises stops the
    server. A process forked meanwhile (a rebuild's worker) runs that handler at once,
    as before (SIGTERM ends a worker the way its pool expects)."""

    _NUMBERS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, handlers: dict[int, Callable[[int, FrameType | None], Any]]) -> None:
        self._handlers = handlers
        """Each signal taken → the handler it had, which the loop runs for it."""
        self._noted: list[int] = []
        self._owner = os.getpid()

    @classmethod
    @contextlib.contextmanager
    def taken(cls) -> Iterator[StopSignals]:
        """Take every signal of `_NUMBERS` whose handler is Python code; restore them after."""
        current = {number: signal.getsignal(number) for number in cls._NUMBERS}
        signals = cls({number: handler for number, handler in current.items() if callable(handler)})
        for number in signals._handlers:
            signal.signal(number, signals._note)
        try:
            yield signals
        finally:
            for number, handler in signals._handlers.items():
                signal.signal(number, handler)

    def _note(self, number: int, frame: FrameType | None) -> None:
        if os.getpid() != self._owner:
            self._handlers[number](number, frame)
            return
        self._noted.append(number)

    def deliver(self) -> None:
        """Run the handler of each signal noted since the last call (raises what it raises)."""
        while self._noted:
            number = self._noted.pop(0)
            self._handlers[number](number, None)


def drain_wakeups(reader: socket.socket) -> None:
    """Read away the wake-up bytes signals wrote to `reader` (non-blocking; errors ignored)."""
    with contextlib.suppress(OSError):
        reader.recv(4096)
