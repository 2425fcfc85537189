"""A rebuild as a CI run makes it: a fresh checkout and a restored cache and output.

`make bench` runs sitegen's scenarios one after another in the same folders, so every
rebuild but the first finds the files as the last build left them. A CI run on a
restored cache (the README's workflow) does not: the checkout gives every source a new
mtime, ctime and inode, and `actions/cache` restores the published tree and the cache
folder with their mtimes (tar) but new inodes. `--as-ci` makes that state before each
rebuild, outside the timing, so the figures are what that workflow pays.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def as_after_restore(source: Path, output: Path) -> None:
    """Replace `source` by a copy with new stamps throughout (a checkout; the build cache
    inside it comes back with the same bytes, as a restore gives them) and `output` by a
    copy keeping every file's and folder's mtime (a restore), each at the same path."""
    _copied_in_place(source, keep_times=False)
    if output.exists():
        _copied_in_place(output, keep_times=True)


def _copied_in_place(folder: Path, *, keep_times: bool) -> None:
    fresh = folder.with_name(folder.name + ".restored")
    if fresh.exists():
        shutil.rmtree(fresh)
    shutil.copytree(folder, fresh, symlinks=True, copy_function=shutil.copy2 if keep_times else shutil.copy)
    if not keep_times:  # `copytree` gives folders their mtimes back; a checkout does not
        for path, _, _ in os.walk(fresh):
            os.utime(path)
    shutil.rmtree(folder)
    fresh.rename(folder)
