"""The trees publishing retires: moved aside at once, deleted by a detached process.

A swap (`sitegen.publish.swap`) leaves the previous site beside the destination, as a
killed build leaves its staging folder. Deleting a tree is slow on some file systems
(removing a folder can cost milliseconds), so the tree is renamed to a trash name
(`.<dest>.sitegen-trash-<pid>-<ns>`) in one instant rename and deleted by a process of its
own that outlives the build: this file, run as a script (standard library only, and run
isolated, so it needs nothing of sitegen's installation).

A deletion that does not finish (the process killed, the machine stopped, a folder that
would not empty) leaves its trash folder, and nothing else would ever look at it again:
so every build hands any trash of its destination that no deleter holds (its `flock`)
to a deleter again (`discard_left_trash`). The trash names are sitegen's own (a process
id and a clock reading, never a name a user picks), so nothing else is taken for trash.

A folder of the tree that is read-only to its owner (`chmod 555` by hand) cannot be
emptied as it is; the deleter makes it writable first, as `rm -rf` does not but the owner
may. Another user's cannot be made so: a tree holding a folder this user may not write
in is never retired by a swap (`sitegen.publish.locked_folders`), so the deleter meets
one only in trash someone else left.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "discard",
    "discard_left_trash",
    "discard_trash_beside",
    "remove_tree",
    "sibling_name",
    "trash_names",
]

_NAME_MAX = 255
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_OWNER_WRITES = stat.S_IWUSR | stat.S_IXUSR
_OWNER_ALL = stat.S_IRWXU


def sibling_name(name: str, kind: str) -> str:
    """`._site.sitegen-staging` beside `_site`; a hashed name when that would be too long."""
    readable = f".{name}.sitegen-{kind}"
    if len(os.fsencode(readable)) <= _NAME_MAX:
        return readable
    return f".sitegen-{kind}-{_name_digest(name)}"


def _name_digest(name: str) -> str:
    return hashlib.sha256(os.fsencode(name)).hexdigest()[:16]


def trash_names(entries: list[str], name: str) -> list[str]:
    """Those of `entries` (names in the destination's folder) that are trash of the
    destination `name`, in either form `sibling_name` gives, sorted."""
    readable = re.compile(re.escape(f".{name}.sitegen-trash-") + r"[0-9]+-[0-9]+")
    hashed = re.compile(r"\.sitegen-trash-[0-9]+-[0-9]+-" + _name_digest(name))
    return sorted(entry for entry in entries if readable.fullmatch(entry) or hashed.fullmatch(entry))


def discard(parent_fd: int, name: str, destination: Path) -> None:
    """Move the tree `name` (beside `destination`, in the folder open at `parent_fd`) to
    a trash name at once, and delete it in a detached process. A tree that cannot be
    renamed is deleted here, as far as it can be."""
    doomed = sibling_name(destination.name, f"trash-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.replace(name, doomed, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
    except FileNotFoundError:
        return
    except OSError:
        remove_tree(parent_fd, name)
        return
    _delete_detached(parent_fd, [doomed], destination.parent)


def discard_left_trash(parent_fd: int, destination: Path) -> None:
    """Hand the trash of `destination` that earlier builds left (a deleter killed, or one
    that met a read-only folder before it was made writable) to a deleter again. A folder
    that cannot be listed has no trash to find."""
    try:
        entries = os.listdir(parent_fd)
    except OSError:
        return
    left = [name for name in trash_names(entries, destination.name) if not _being_deleted(parent_fd, name)]
    if left:
        _delete_detached(parent_fd, left, destination.parent)


def _being_deleted(parent_fd: int, name: str) -> bool:
    """Whether a deleter holds the trash folder `name` (its `flock`, taken for as long as
    it deletes: the last build's swap is often still being deleted when the next build
    publishes, and a second deleter of a large tree would only double the work)."""
    try:
        folder_fd = os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    except OSError:  # not a folder, or not one that can be opened: a deleter will see
        return False
    try:
        fcntl.flock(folder_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(folder_fd)  # with the lock, if taken
    return False


def discard_trash_beside(destination: Path) -> None:
    """`discard_left_trash` for the destination at this path: what a build that finds
    nothing to do (the no-change check, which publishes nothing) still owes."""
    destination = Path(os.path.abspath(destination))
    try:
        parent_fd = os.open(os.path.realpath(destination.parent), _DIR_FLAGS & ~os.O_NOFOLLOW)
    except OSError:
        return
    try:
        discard_left_trash(parent_fd, destination)
    finally:
        os.close(parent_fd)


def _delete_detached(parent_fd: int, names: list[str], parent: Path) -> None:
    """Delete `names` (in the folder open at `parent_fd`, which is `parent`) in a process
    of their own; here, at once, when no process can be started."""
    # Imported here: the no-change check imports this module, and nearly always finds no
    # trash; `subprocess` (with `threading`, `selectors`) costs about 10 ms to import.
    import subprocess

    command = [sys.executable, "-I", os.path.abspath(__file__), *(os.fspath(parent / name) for name in names)]
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        for name in names:
            remove_tree(parent_fd, name)


def remove_tree(parent_fd: int, name: str) -> bool:
    """Remove the file, link or whole folder `name` in the folder open at `parent_fd`,
    never following a link; whatever cannot be removed is left and the rest removed.
    True when `name` is gone.

    A folder this user owns but may not empty (read-only, or not even listable) is made
    the owner's to write in first. A tree nested deeper than Python's recursion limit
    (a path of 4,096 bytes can hold 2,048 folders; no build publishes one) is left as it
    is, without a traceback."""
    try:
        return _remove(parent_fd, name)
    except RecursionError:
        return False


def _remove(parent_fd: int, name: str) -> bool:
    try:
        info = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return _removed(os.unlink, name, parent_fd)
    try:
        folder_fd = _open_writable(name, parent_fd, info)
    except OSError:
        return _removed(os.rmdir, name, parent_fd)
    try:
        with os.scandir(folder_fd) as listing:
            entries = [entry.name for entry in listing]
        for entry in entries:
            _remove(folder_fd, entry)
    except OSError:
        pass  # what is left stays, and says so to the rmdir below
    finally:
        os.close(folder_fd)
    return _removed(os.rmdir, name, parent_fd)


def _open_writable(name: str, parent_fd: int, info: os.stat_result) -> int:
    """The folder `name`, opened without following a link, made writable and
    listable by its owner when it was not (`info`: its status, as just read)."""
    owned = info.st_uid == os.geteuid()
    try:
        folder_fd = os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    except PermissionError:
        if not owned:
            raise
        # Not even listable (`chmod 000`): only a name reaches it. It was a folder a
        # moment ago, and only this user writes in this trash.
        os.chmod(name, stat.S_IMODE(info.st_mode) | _OWNER_ALL, dir_fd=parent_fd)
        folder_fd = os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    if owned and info.st_mode & _OWNER_WRITES != _OWNER_WRITES:
        with contextlib.suppress(OSError):
            os.fchmod(folder_fd, stat.S_IMODE(info.st_mode) | _OWNER_ALL)
    return folder_fd


def _removed(remove: Callable[..., None], name: str, parent_fd: int) -> bool:
    try:
        remove(name, dir_fd=parent_fd)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def _main(paths: list[str]) -> None:
    """Delete each of `paths` (absolute), as the detached deleter: each trash folder
    held by its `flock` meanwhile (`_being_deleted`), one another deleter holds skipped."""
    for path in paths:
        try:
            parent_fd = os.open(os.path.dirname(path), _DIR_FLAGS & ~os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            with _held(parent_fd, os.path.basename(path)) as held:
                if held:
                    remove_tree(parent_fd, os.path.basename(path))
        finally:
            os.close(parent_fd)


@contextlib.contextmanager
def _held(parent_fd: int, name: str) -> Iterator[bool]:
    """The trash folder `name` locked for this deleter: False when another holds it. One
    that cannot be opened (mode 000) is deleted unlocked."""
    try:
        folder_fd = os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    except OSError:
        yield True
        return
    try:
        fcntl.flock(folder_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(folder_fd)
        yield False
        return
    except OSError:
        pass  # a file system without locks: deleted all the same
    try:
        yield True
    finally:
        os.close(folder_fd)


if __name__ == "__main__":
    _main(sys.argv[1:])
