"""Publish a built site atomically.

Everything is written into a staging folder beside the destination, which is then
swapped in with one atomic rename exchange (Linux `renameat2`), so a build killed at any
moment leaves the previous site complete. A file whose bytes did not change is
hard-linked from the previous tree, keeping its mtime, so rsync or an object-store sync
uploads only what changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.errors import OutputError

MARKER_NAME = ".sitegen"
"""Written into every destination: sitegen only replaces folders that carry it."""


@dataclass(frozen=True, slots=True)
class WriteSummary:
    files_written: int
    """Files whose bytes changed (or are new)."""
    files_unchanged: int
    files_removed: int
    changed_paths: tuple[PurePosixPath, ...] = ()
    """Outputs that are new, changed or removed, sorted: what a live reload must refresh."""


def check_destination(destination: Path, site_dir: Path, *, force: bool) -> None:
    """Refuse a destination that is dangerous to replace (see the README's Safety section)."""
    dest = destination.resolve()
    source = site_dir.resolve()
    if dest == Path(dest.anchor):
        raise OutputError("refusing to use the file-system root as the destination", path=destination)
    if dest == Path.home().resolve():
        raise OutputError("refusing to use the home folder as the destination", path=destination)
    if dest == source or source.is_relative_to(dest):
        raise OutputError("the destination is, or contains, the source folder", path=destination)
    if destination.is_symlink() or (destination.exists() and not destination.is_dir()):
        raise OutputError("the destination exists and is not a folder", path=destination)
    if dest.is_dir() and not (dest / MARKER_NAME).is_file() and any(dest.iterdir()) and not force:
        raise OutputError(
            "the destination holds files sitegen did not write; pass --force to replace them",
            path=destination,
        )


def publish(
    destination: Path,
    rendered: Iterable[tuple[PurePosixPath, bytes]],
    copied: Iterable[tuple[PurePosixPath, Path]],
) -> WriteSummary:
    """Write every output into staging, then swap it in place of `destination`."""
    destination = destination.absolute()
    staging = destination.with_name(f".{destination.name}.sitegen-staging")
    if staging.exists():
        shutil.rmtree(staging)  # left by a killed build; never served
    staging.mkdir(parents=True)
    written = unchanged = 0
    changed: list[PurePosixPath] = []
    for relative, data in rendered:
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if _reuse_unchanged(destination / relative, target, data):
            unchanged += 1
        else:
            _write_new(target, data)
            written += 1
            changed.append(relative)
    for relative, source in copied:
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        previous = destination / relative
        if previous.is_file() and not previous.is_symlink() and _same_file_content(previous, source):
            os.link(previous, target)
            unchanged += 1
        else:
            shutil.copy2(source, target)
            written += 1
            changed.append(relative)
    (staging / MARKER_NAME).write_text("written by sitegen; safe for sitegen to replace\n", encoding="utf-8")
    removed = _removed_paths(destination, staging)
    _swap_in(staging, destination)
    return WriteSummary(written, unchanged, len(removed), tuple(sorted([*changed, *removed], key=str)))


def _reuse_unchanged(previous: Path, target: Path, data: bytes) -> bool:
    try:
        if previous.is_symlink() or previous.stat().st_size != len(data):
            return False
        if previous.read_bytes() != data:
            return False
        os.link(previous, target)
        return True
    except OSError:
        return False


def _write_new(target: Path, data: bytes) -> None:
    with open(target, "wb") as handle:
        handle.write(data)


def _same_file_content(first: Path, second: Path) -> bool:
    try:
        if first.stat().st_size != second.stat().st_size:
            return False
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def _removed_paths(old: Path, new: Path) -> list[PurePosixPath]:
    if not old.is_dir():
        return []
    removed = []
    for directory, _dirs, files in os.walk(old):
        for name in files:
            relative = Path(directory, name).relative_to(old)
            if not (new / relative).exists():
                removed.append(PurePosixPath(relative.as_posix()))
    return removed


def _swap_in(staging: Path, destination: Path) -> None:
    """Make `staging` the destination in one step where the kernel allows it."""
    if not destination.exists():
        os.replace(staging, destination)
        return
    if _exchange(staging, destination):
        shutil.rmtree(staging)  # now the previous site; rmtree never follows symlinks
        return
    # No atomic exchange (not Linux, or an old kernel): a short window without the site.
    retired = destination.with_name(f".{destination.name}.sitegen-previous")
    if retired.exists():
        shutil.rmtree(retired)
    os.replace(destination, retired)
    os.replace(staging, destination)
    shutil.rmtree(retired)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)
