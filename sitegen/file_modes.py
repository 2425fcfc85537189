"""The permission bits a file sitegen writes gets (0o666 less the process's umask), and a
folder it makes (0o777 less the umask).

Standard library only: the no-change check compares the umask before the pipeline is
imported (a build under another one writes other modes, so it is never "nothing
changed"); the writer and the page check require a new file's mode of every published
page, and publishing sets a published folder's back (`chmod` by hand).
"""

from __future__ import annotations

import contextlib
import os

__all__ = ["new_file_mode", "new_folder_mode"]


def new_file_mode() -> int:
    """The permission bits `open(..., O_CREAT, 0o666)` gives a new file: 0o666 less the
    process's umask."""
    return 0o666 & ~_umask()


def new_folder_mode() -> int:
    """The permission bits `mkdir` gives a new folder: 0o777 less the process's umask."""
    return 0o777 & ~_umask()


def _umask() -> int:
    """Read from `/proc/self/status` where Linux shows it; elsewhere the umask is set and
    put back (the only way to read it there)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
