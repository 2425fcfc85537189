"""A folder a command names (the site folder, the cache folder, the built site to check)
refused, not a build failed, when the system will not let it be used.

The exit status says what to fix (README, "Exit status"): 2 for the command line, a
setting or a folder they name, 1 for a build that ran and failed. An `OSError` met
while checking or making such a folder before the build starts (a folder this user may
not list, a lock file of another user's, a folder the file system will not hold) is of
the first kind, whatever the system calls it: `refusing_os_errors` makes every one of
them one line naming the folder as it was given, never a line naming some file inside
it, and never the exit status of a build that failed.

Only the standard library and `errors`: the no-change check runs this before anything
heavy is imported.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path

from sitegen.errors import UsageError

__all__ = ["Found", "found_at", "refused_on_way", "refusing_os_errors", "require_folder", "require_listable"]


class Found(Enum):
    """What is at a path a command names as a folder."""

    FOLDER = "a folder"
    MISSING = "nothing"
    OTHER = "not a folder"


def found_at(path: Path) -> Found:
    """What is at `path`, links followed (a link leading nowhere, or a path through a
    file, is `MISSING`). Raises `OSError` where the system will not say (a folder on the
    way this user may not enter), which `isdir` would call missing."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return Found.MISSING
    return Found.FOLDER if stat.S_ISDIR(mode) else Found.OTHER


@contextlib.contextmanager
def refusing_os_errors(folder: Path, what: str, advice: str = "") -> Iterator[None]:
    """Any `OSError` about a file in the block as a `UsageError` (exit 2): naming
    `folder`, "cannot use `what` (reason)", then `advice` (what to do, as the folder's
    other refusals say), when the file is `folder`, inside it or on its way; else
    naming the folder it concerns (the cache folder's check looks for the site's
    folders: `content/` without permission is the site's fault, not the cache's)."""
    try:
        yield
    except OSError as error:
        name = error.filename
        if not isinstance(name, str):
            raise  # about no file: the working folder gone (`getcwd`), not this folder
        reason = error.strerror or str(error)
        if not _concerns(Path(name), folder):
            refused = refused_on_way(Path(name))
            raise UsageError(f"cannot read this folder ({reason})", path=refused) from None
        tail = f"; {advice}" if advice else ""
        raise UsageError(f"cannot use {what} ({_reason_of(error, folder)}){tail}", path=folder) from None


def _concerns(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder`, inside it or on its way (a folder holding it)."""
    path, folder = Path(os.path.abspath(path)), Path(os.path.abspath(folder))
    return path.is_relative_to(folder) or folder.is_relative_to(path)


def refused_on_way(path: Path) -> Path:
    """The first folder on the way to `path` this user may not list or enter (the one
    to fix: `content`, not the `content/_posts` a check asked for), else `path`."""
    effective = os.access in os.supports_effective_ids
    for way in (*reversed(path.parents), path):
        if os.path.isdir(way) and not os.access(way, os.R_OK | os.X_OK, effective_ids=effective):
            return way
    return path


def _reason_of(error: OSError, folder: Path) -> str:
    """The system's reason, with the file it concerns when that is not `folder` itself
    (`lock: Permission denied`), named from `folder` when inside it."""
    reason = error.strerror or str(error)
    name = error.filename
    if not isinstance(name, str) or os.path.abspath(name) == os.path.abspath(folder):
        return reason
    inside = Path(os.path.abspath(name)).is_relative_to(os.path.abspath(folder))
    shown = os.path.relpath(name, folder) if inside else name
    return f"{shown}: {reason}"


def require_listable(folder: Path, what: str, advice: str = "") -> None:
    """Refuse `folder` (see `refusing_os_errors`) unless this user may list it and
    reach what is in it: a folder of mode 000, 644 (listed, but not entered) or below a
    folder of another user's gives one line naming it, not one naming the first file
    read there (`_config.yml: Permission denied`)."""
    with refusing_os_errors(folder, what, advice):
        os.listdir(folder)
        # `folder/.` is reached through `folder`: its `stat` needs the right to enter it.
        os.stat(os.path.join(folder, os.curdir))


def require_folder(folder: Path, what: str, refusals: Mapping[Found, str], advice: str = "") -> None:
    """Refuse (`UsageError`, exit 2, naming `folder`) a folder a command names unless it
    is one this user may list and enter: `refusals[found]` is the line when it is
    missing or not a folder; any other fault is said by `refusing_os_errors`."""
    with refusing_os_errors(folder, what, advice):
        found = found_at(folder)
    if found is not Found.FOLDER:
        raise UsageError(refusals[found], path=folder)
    require_listable(folder, what, advice)
