"""One build at a time per site: a lock file in the cache folder.

Two builds of one site overlapping (a cron job still running when the next starts, or
`sitegen build` while `sitegen serve --watch` rebuilds) would each swap, journal or
remove files of the same destination and write the same cache: one could publish a
tree the other is taking apart. So a build holds an exclusive `flock` on
`<cache folder>/lock` from before it looks at the destination until it has published;
a second build waits for it, and gives up with one clear line after `LOCK_WAIT_SECONDS`.
The lock belongs to the open file, so a killed build never leaves it held.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from sitegen.errors import OutputError

LOCK_NAME = "lock"
LOCK_WAIT_SECONDS = 600.0
"""Longer than a cold build of 100,000 posts here; a build waiting longer is stuck."""
_POLL_SECONDS = 0.1


@contextlib.contextmanager
def build_lock(cache_dir: Path, *, enabled: bool = True, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the site's build lock for the length of the block (nothing when not
    `enabled`: a build that uses no cache folder creates none).

    Raises `OutputError` when another build holds it for longer than `wait_seconds`,
    or when the lock file cannot be made."""
    wait_seconds = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    if not enabled:
        yield
        return
    path = cache_dir / LOCK_NAME
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise OutputError(f"cannot make the build lock ({error.strerror or error})", path=path) from None
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"another sitegen build of this site has held its lock for over "
                        f"{wait_seconds:.0f} s; nothing was built",
                        path=path,
                    ) from None
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(fd)
