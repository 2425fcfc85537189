"""Setting the racy window of `sitegen.settled_stamps` for a test.

Tests write files moments before they build, inside the window where a stamp vouches
for nothing and every file is hashed again; a zero window makes every stamp trusted at
once, as a file's is once it is older than the window, and a negative one makes folders
listed during a build trusted too.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitegen import settled_stamps


@contextmanager
def racy_window(nanoseconds: int | None) -> Iterator[None]:
    """Both windows (coarse and fine) set to `nanoseconds`; None keeps the real ones."""
    with pytest.MonkeyPatch.context() as patch:
        if nanoseconds is not None:
            patch.setattr(settled_stamps, "COARSE_WINDOW_NS", nanoseconds)
            patch.setattr(settled_stamps, "FINE_WINDOW_NS", nanoseconds)
        yield


def trust_stamps_at_once(monkeypatch: pytest.MonkeyPatch, nanoseconds: int = 0) -> None:
    """A test's racy windows set to `nanoseconds` (zero: every stamp older than now is
    trusted), undone with `monkeypatch`."""
    monkeypatch.setattr(settled_stamps, "COARSE_WINDOW_NS", nanoseconds)
    monkeypatch.setattr(settled_stamps, "FINE_WINDOW_NS", nanoseconds)


def wait_until_settled(*paths: Path) -> None:
    """Sleep until every one of `paths` is older than its racy window (100 ms on the file
    systems tests run on, three seconds on one that keeps whole seconds)."""
    for path in paths:
        info = os.stat(path)
        while not settled_stamps.settled(info.st_mtime_ns, info.st_ctime_ns, time.time_ns()):
            time.sleep(0.02)
