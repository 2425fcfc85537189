"""`sitegen build`'s publish gate: Ctrl-C waits from the publish until the build is recorded.

A Ctrl-C that landed after the new site was published, while the build recorded its
cache and the no-change manifest, ended the command with "stopped" and exit status 130,
as if nothing had been published, though the destination already held the new site. And
one landing during the publish cut it off, leaving the next build to finish it from the
journal. From the moment the build comes to publish, the command holds Ctrl-C (and
SIGTERM) back; once it has recorded and printed its summary it lets them in, and says
that the signal which came meanwhile came after the publish (exit 128 + its number).

Only the standard library and light modules (the gate, `sitegen.interrupts`): the command line imports this
before its no-change check.
"""

from __future__ import annotations

import signal
from types import TracebackType

from sitegen.interrupts import COMMAND_SIGNALS, can_block_signals, raise_taken_stop
from sitegen.publish.gate import PublishGate

__all__ = ["HeldPublishGate"]


class HeldPublishGate(PublishGate):
    """A `PublishGate` that, entered on the main thread, blocks SIGINT and SIGTERM until
    `let_in`; a publish that raises lets them in at once (nothing published to finish)."""

    def __init__(self) -> None:
        super().__init__()
        self._previous: set[int | signal.Signals] | None = None

    def __enter__(self) -> None:
        raise_taken_stop()  # one lost on its way (`sitegen.interrupts._StopHandler`): nothing published
        super().__enter__()
        if can_block_signals() and self._previous is None:
            self._previous = signal.pthread_sigmask(signal.SIG_BLOCK, COMMAND_SIGNALS)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        if exc_type is not None:
            self.let_in()

    def let_in(self) -> int | None:
        """Unblock what `__enter__` blocked; the signal (SIGINT or SIGTERM) that came while
        it was held, taken so that it neither raises nor ends the process, or None."""
        previous, self._previous = self._previous, None
        if previous is None:
            return None
        came = sorted(COMMAND_SIGNALS & signal.sigpending())
        for number in came:
            signal.sigwait({number})
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return int(came[0]) if came else None
