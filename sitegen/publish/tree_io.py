"""Read and write below a folder without ever following a symlink.

Every operation names one entry of a folder that is already open (`openat`, `mkdirat`,
`renameat`, `linkat`), and every folder is opened with `O_NOFOLLOW`, so a symlink planted
anywhere below the root (`_site/news -> ../elsewhere`) is never traversed, whatever the
path looks like. Where a folder is needed and a symlink or a file stands instead, the
entry is removed and a real folder made: the tree is sitegen's own, so such an entry is a
stray, never something to honour.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from sitegen.file_modes import new_folder_mode
from sitegen.regular_files import open_regular

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO planted in the tree must not hang the build.
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
# O_EXCL also refuses an existing symlink, so a new file is always a new inode.
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_NOT_A_FOLDER = (errno.ELOOP, errno.ENOTDIR)
_COPY_CHUNK = 1 << 20


def open_folder(path: Path | str, dir_fd: int | None = None) -> int:
    """Open a folder; with `dir_fd`, `path` is one name and a symlink there is refused."""
    return os.open(path, _DIR_FLAGS, dir_fd=dir_fd)


def open_parent(path: Path) -> int:
    """Open the folder `path` is in, through any links on the way there: that way is the
    user's own choice (`-s releases/current` with `current` a link to a release); only
    below it, in the tree sitegen writes, is a link never followed."""
    return open_folder(os.path.realpath(Path(path).absolute().parent))


def open_existing_folder(name: str, dir_fd: int) -> int | None:
    """The folder `name`, or None when it is missing or is not a real folder."""
    try:
        return open_folder(name, dir_fd)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno in _NOT_A_FOLDER:
            return None
        raise


def make_shared_folder(name: str, dir_fd: int) -> int:
    """The folder `name` in a new tree that other processes fill at once, made if
    missing (made first and opened after: in a new tree nearly every folder is still
    missing, and a lookup first would fail for each); made by another process meanwhile
    is no error, and a symlink in its place is refused, never followed."""
    with contextlib.suppress(FileExistsError):  # made by another process, or earlier
        os.mkdir(name, dir_fd=dir_fd)
    return open_folder(name, dir_fd)


def make_folder(name: str, dir_fd: int) -> int:
    """The folder `name`, made if missing; a symlink or file in its place is replaced."""
    try:
        return open_folder(name, dir_fd)
    except FileNotFoundError:
        pass
    except OSError as error:
        if error.errno not in _NOT_A_FOLDER:
            raise
        os.unlink(name, dir_fd=dir_fd)
    os.mkdir(name, dir_fd=dir_fd)
    return open_folder(name, dir_fd)


def remove_entry(name: str, dir_fd: int) -> None:
    """Remove a file, symlink or whole folder; a missing entry is already removed."""
    try:
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(name, dir_fd=dir_fd)  # works through file descriptors, never follows
    else:
        os.unlink(name, dir_fd=dir_fd)


class FolderCursor:
    """Open folders below a root along one path at a time.

    Visiting paths grouped by folder costs one `openat` per folder: the folders shared
    with the previous path stay open. Only one chain is open at once, so a tree of any
    width never runs out of file descriptors."""

    def __init__(self, root_fd: int) -> None:
        self._root_fd = root_fd
        self._names: list[str] = []
        self._fds: list[int] = []

    def find(self, parts: Sequence[str]) -> int | None:
        """The real folder at `parts` below the root, or None if there is none."""
        return self._walk(parts, open_existing_folder)

    def make(self, parts: Sequence[str]) -> int:
        """The folder at `parts`, made as needed, strays replaced (see `make_folder`)."""
        fd = self._walk(parts, make_folder)
        assert fd is not None  # make_folder never gives up silently
        return fd

    def make_shared(self, parts: Sequence[str]) -> int:
        """The folder at `parts` of a tree other processes fill at once, made as needed
        (see `make_shared_folder`). Raises `OSError` when a level cannot be opened or
        made; the cursor then holds the levels that did open."""
        fd = self._walk(parts, make_shared_folder)
        assert fd is not None  # make_shared_folder never gives up silently
        return fd

    def _walk(self, parts: Sequence[str], opener: Callable[[str, int], int | None]) -> int | None:
        shared = 0
        limit = min(len(parts), len(self._names))
        while shared < limit and parts[shared] == self._names[shared]:
            shared += 1
        self._close_below(shared)
        for name in parts[shared:]:
            parent_fd = self._fds[-1] if self._fds else self._root_fd
            fd = opener(name, parent_fd)
            if fd is None:
                return None
            self._names.append(name)
            self._fds.append(fd)
        return self._fds[-1] if self._fds else self._root_fd

    def close(self) -> None:
        self._close_below(0)

    def _close_below(self, depth: int) -> None:
        while len(self._fds) > depth:
            os.close(self._fds.pop())
            self._names.pop()

    def __enter__(self) -> FolderCursor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def split_parts(relative: str) -> tuple[list[str], str]:
    """`a/b/c.html` → (["a", "b"], "c.html")."""
    folder, _, name = relative.rpartition("/")
    return (folder.split("/") if folder else []), name


def set_folder_modes(root_fd: int | None, folders: Iterable[str]) -> None:
    """Give each of `folders` (paths below `root_fd`, `""` the root itself) the mode a new
    folder gets, as a clean build's are: opened one name at a time, never through a
    symlink. A folder gone meanwhile, or one this user may not change, is left as it is."""
    if root_fd is None:
        return
    mode = new_folder_mode()
    for folder in sorted(folders):
        with contextlib.suppress(OSError):
            fd = open_existing_folder(folder, root_fd) if folder else root_fd
            if fd is None:
                continue
            try:
                os.fchmod(fd, mode)
            finally:
                if fd != root_fd:
                    os.close(fd)


def holds_bytes(name: str, dir_fd: int, data: bytes, mode: int | None = None) -> bool:
    """True when `name` is a regular file holding exactly `data` (with the permission
    bits `mode`, when given: a page chmod-ed by hand is not the page a build writes)."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return False
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if mode is not None and stat.S_IMODE(info.st_mode) != mode:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_size == len(data) and handle.read() == data


def holds_copy_of(name: str, dir_fd: int, source: Path) -> bool:
    """True when `name` is a regular file with the same bytes and permission bits as
    `source` (a copy is made with its source's mode: `copy_new`)."""
    try:
        here = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        with open_regular(source, follow_links=False) as reader:  # as `copy_new` reads it
            there = os.fstat(reader.fileno())
            if here.st_size != there.st_size or stat.S_IMODE(here.st_mode) != stat.S_IMODE(there.st_mode):
                return False
            return holds_bytes(name, dir_fd, reader.read())
    except OSError:
        return False


def write_new(name: str, dir_fd: int, data: bytes) -> None:
    """Create `name` (which must not exist) holding `data`."""
    with open(os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=dir_fd), "wb") as handle:
        handle.write(data)


def write_new_stat(name: str, dir_fd: int, data: bytes) -> os.stat_result:
    """`write_new`, and the new file's status as written, read from its descriptor
    before it is closed (closing changes neither its size nor its times), rather than
    by a lookup of its name after."""
    fd = os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=dir_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        return os.fstat(fd)
    finally:
        os.close(fd)


class SourceUnreadable(Exception):
    """The source of a copy could not be read as the scan saw it (`copy_new`); nothing
    was written for it."""

    def __init__(self, source: Path, error: OSError) -> None:
        super().__init__(str(error))
        self.source = source
        self.error = error


def copy_new(name: str, dir_fd: int, source: Path) -> None:
    """Create `name` as a copy of `source`, with its mode and times (as `shutil.copy2`).

    `source` is the file the scan decided to read: the file itself, or for a link the
    real file it decided the link leads to (`StaticFile.copy_source`), so it is opened
    without following a link. A file made a link since (to anywhere: the scan's rule for
    links was applied to what it saw, not to this), deleted, or made a FIFO raises
    `SourceUnreadable`, and no file is left at `name`: reading a file the scan never
    judged would publish bytes from outside the site."""
    try:
        reader = open_regular(source, follow_links=False)
    except OSError as error:
        raise SourceUnreadable(source, error) from None
    with reader:
        info = os.fstat(reader.fileno())
        with open(os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=dir_fd), "wb") as writer:
            while chunk := _read_source(reader, source, name, dir_fd):
                writer.write(chunk)
            writer.flush()  # before the times are set: a later write would change them
            os.fchmod(writer.fileno(), stat.S_IMODE(info.st_mode))
            os.utime(writer.fileno(), ns=(info.st_atime_ns, info.st_mtime_ns))


def _read_source(reader: BinaryIO, source: Path, name: str, dir_fd: int) -> bytes:
    """The next chunk of a copy's source; a source that fails to read (a disk error)
    leaves no partial copy at `name`."""
    try:
        return reader.read(_COPY_CHUNK)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dir_fd)
        raise SourceUnreadable(source, error) from None
