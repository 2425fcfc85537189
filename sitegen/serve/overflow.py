"""Noticing that the kernel dropped file-system events, which watchdog only logs.

When inotify's event queue overflows (`fs.inotify.max_queued_events`, 16,384 by
default: a `git checkout` of thousands of posts can fill it), the events in it are
lost. watchdog logs a warning and watches the folders again, but tells no handler; a
watcher that waits for events would then miss whatever changed, until the next change.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

__all__ = ["OverflowListener"]


class OverflowListener(logging.Handler):
    """Tells the watcher when watchdog reports that the kernel's event queue overflowed.
    watchdog says so only in its log (and then watches the folders again); what changed
    meanwhile is lost, so the watcher must treat the whole site as changed."""

    _LOGGERS = (
        "watchdog.observers.inotify_c",
        "watchdog.observers.inotify",
        "watchdog.observers.inotify_buffer",
    )

    def __init__(self, on_overflow: Callable[[], None]) -> None:
        super().__init__(logging.WARNING)
        self._on_overflow = on_overflow

    def attach(self) -> None:
        for name in self._LOGGERS:
            logging.getLogger(name).addHandler(self)

    def detach(self) -> None:
        for name in self._LOGGERS:
            logging.getLogger(name).removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            try:
                self._on_overflow()
            except Exception:  # a logging call must never fail watchdog's thread
                traceback.print_exc()
