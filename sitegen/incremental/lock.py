"""One build at a time per site and per destination: `flock` locks.

Two builds of one site overlapping (a cron job still running when the next starts, or
`sitegen build` while `sitegen serve --watch` rebuilds) would each swap, journal or
remove files of the same destination and write the same cache: one could publish a
tree the other is taking apart. So a build holds an exclusive `flock` on
`<cache folder>/lock` from before it looks at the destination until it has published;
a second build waits for it, and gives up with one clear line after `LOCK_WAIT_SECONDS`.

The cache lock does not cover two builds into one destination with different cache
folders (CI passing `--cache-dir`, a person running plain `sitegen build`): both would
use the same staging folder beside the destination, and one could swap the other's
half-filled tree in as the site. So a build also locks the destination's parent folder
(the folder itself is exchanged with its staging tree at each publish, so a lock on it
would not outlive the build that took it; a lock file beside it would stay in the site
folder for good). Builds into two folders of one parent then take turns, which costs
time, never output. Where the parent cannot be opened, the cache lock alone applies.

A lock belongs to the open file, so a killed build never leaves one held. Locks are
always taken cache first, destination second, so two builds never wait for each other.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from sitegen.content.cache_tag import LOCK_NAME as LOCK_NAME
from sitegen.content.cache_tag import tag
from sitegen.errors import OutputError
from sitegen.folder_refusals import refusing_os_errors

LOCK_WAIT_SECONDS = 600.0
"""Longer than a cold build of 100,000 posts here; a build waiting longer is stuck."""
_POLL_SECONDS = 0.1


@contextlib.contextmanager
def build_lock(
    cache_dir: Path, *, enabled: bool = True, wait_seconds: float | None = None, advice: str = ""
) -> Iterator[None]:
    """Hold the site's build lock for the length of the block (nothing when not
    `enabled`: a build that uses no cache folder creates none).

    Raises `OutputError` when another build holds it for longer than `wait_seconds`;
    `UsageError` (exit 2: the cache folder refused, before anything is built) naming the
    cache folder, then `advice`, when the folder or the lock file in it cannot be made
    or opened (a read-only folder, a lock file of another user's)."""
    if not enabled:
        yield
        return
    path = cache_dir / LOCK_NAME
    with refusing_os_errors(cache_dir, "the cache folder for the build lock", advice):
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        tag(cache_dir)  # never read as sources by another build (`sitegen.content.cache_tag`)
        _hold(fd, path, "another sitegen build of this site", wait_seconds)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def destination_lock(destination: Path, *, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the lock of the folder `destination` is published into (see the module's
    docstring) for the length of the block; nothing when that folder cannot be opened.

    Raises `OutputError` when another build holds it for longer than `wait_seconds`."""
    parent = destination.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)  # publishing would make it anyway
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:  # not a folder, or unreadable: the cache lock alone
        yield
        return
    try:
        _hold(fd, parent, f"another sitegen build publishing into {parent}", wait_seconds)
        yield
    finally:
        os.close(fd)


def _hold(fd: int, path: Path, holder: str, wait_seconds: float | None) -> None:
    """Take an exclusive `flock` on `fd`, waiting for `holder` to let it go."""
    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                message = f"{holder} has held its lock for over {wait:.0f} s; nothing was built"
                raise OutputError(message, path=path) from None
            time.sleep(_POLL_SECONDS)
