"""The gate a build publishes through, which the dev server closes when it stops.

`sitegen serve --watch` rebuilds on a thread of its own, where no Ctrl-C lands, so a
stop cannot interrupt a rebuild the way Ctrl-C interrupts `sitegen build`. Waiting for
the rebuild to end made stopping the server take as long as a build (seconds on a large
site). Instead the server closes this gate and ends without waiting for the rebuild:
a rebuild still rendering finds the gate closed when it comes to publish and publishes
nothing (the served tree stays the last one published), and closing waits only for a
publish already under way, so the in-place publish (`sitegen.publish.in_place`) is
never cut off halfway and the served tree is never a mix of two builds.
"""

from __future__ import annotations

import threading
from types import TracebackType

__all__ = ["BuildStopped", "PublishGate"]


class BuildStopped(Exception):
    """The build came to publish after its gate was closed: it publishes nothing."""


class PublishGate:
    """Held by a build while it publishes (`with gate:`); `close()` lets none in after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> None:
        self._lock.acquire()
        if self._closed:
            self._lock.release()
            raise BuildStopped("stopped before publishing")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()

    def close(self) -> None:
        """Let no build publish from now on; returns once a publish under way has ended
        (woken by its end: no polling, no timeout)."""
        # Closed before waiting: the lock is not fair, and a publish that came to the
        # gate while another held it would otherwise often get in ahead of the stop.
        self._closed = True
        with self._lock:
            pass
