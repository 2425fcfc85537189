"""Threads a test started, told by identity rather than by count.

A count taken at a test's start includes any thread an earlier test left ending (a
driver thread that called `shutdown` and is returning), which then leaves and makes the
count fall below the baseline for ever; identities are not fooled by that.
"""

from __future__ import annotations

import threading


class NewThreads:
    """The threads alive now that were not alive when this was made."""

    def __init__(self) -> None:
        self._before = set(threading.enumerate())

    def names(self) -> list[str]:
        """Names of the threads started since, sorted (for an assertion's message)."""
        return sorted(thread.name for thread in threading.enumerate() if thread not in self._before)
