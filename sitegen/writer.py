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
import subprocess
import sys
import time
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
    rendered: Iterable[tuple[PurePosixPath, bytes | None]],
    copied: Iterable[tuple[PurePosixPath, Path]],
    *,
    atomic: bool = True,
) -> WriteSummary:
    """Write every output into staging, then swap it in place of `destination`.

    With `atomic=False` (the dev server's rebuilds, where an edit must show in a moment)
    changed files are replaced one by one instead, each atomically, and removed files
    deleted: cost grows with the change, not with the site.

    The live tree is compared first, so a rebuild that changes nothing touches nothing
    (and keeps every mtime). Otherwise unchanged files are hard-linked into staging and
    only changed ones written; the retired tree is deleted in the background, because
    removing tens of thousands of files costs more than the build itself."""
    destination = destination.absolute()
    live, strays = _live_files(destination)
    outputs: list[tuple[PurePosixPath, bytes | Path, bool]] = []
    for relative, data in rendered:
        if data is None:  # the caller knows the published file is still right
            if str(relative) not in live:
                raise OutputError(
                    f"{relative} was to be kept but is not in the destination", path=destination
                )
            outputs.append((relative, b"", True))
            continue
        same = str(relative) in live and _same_bytes(destination / relative, data)
        outputs.append((relative, data, same))
    for relative, source in copied:
        same = str(relative) in live and _same_file_content(destination / relative, source)
        outputs.append((relative, source, same))
    published = {str(relative) for relative, _, _ in outputs}
    gone = (live | strays) - published - {MARKER_NAME}
    removed = sorted((PurePosixPath(path) for path in gone), key=str)
    changed = [relative for relative, _, same in outputs if not same]
    unchanged = len(outputs) - len(changed)
    if not changed and not removed and MARKER_NAME in live:
        return WriteSummary(0, unchanged, 0, ())
    summary = WriteSummary(
        len(changed), unchanged, len(removed), tuple(sorted([*changed, *removed], key=str))
    )
    if not atomic and MARKER_NAME in live:
        _replace_in_place(destination, [(r, c) for r, c, same in outputs if not same], removed)
        return summary

    staging = _fresh_sibling(destination, "staging")
    created_dirs: set[Path] = {staging}
    for relative, content, same in outputs:
        target = staging / relative
        if target.parent not in created_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            created_dirs.update(target.parents)
        if same:
            os.link(destination / relative, target)
        elif isinstance(content, bytes):
            _write_new(target, content)
        else:
            shutil.copy2(content, target)
    (staging / MARKER_NAME).write_text("written by sitegen; safe for sitegen to replace\n", encoding="utf-8")
    _swap_in(staging, destination)
    return summary


def _replace_in_place(
    destination: Path, changed: list[tuple[PurePosixPath, bytes | Path]], removed: list[PurePosixPath]
) -> None:
    for relative, content in changed:
        target = destination / relative
        if target.is_symlink():
            target.unlink()
        elif target.is_dir():
            _discard(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.sitegen-tmp")
        if isinstance(content, bytes):
            _write_new(temporary, content)
        else:
            shutil.copy2(content, temporary)
        os.replace(temporary, target)
    for relative in removed:
        target = destination / relative
        if target.is_dir() and not target.is_symlink():
            _discard(target)
        else:
            target.unlink(missing_ok=True)
        _prune_empty_parents(target.parent, destination)


def _prune_empty_parents(folder: Path, destination: Path) -> None:
    while folder != destination and folder.is_relative_to(destination):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _live_files(destination: Path) -> tuple[set[str], set[str]]:
    """The current tree's regular files, and its symlinks (never reused, never followed),
    as `/`-separated relative paths (plain strings: a site has 100,000s of files)."""
    files: set[str] = set()
    symlinks: set[str] = set()
    if not destination.is_dir():
        return files, symlinks
    pending = [(str(destination), "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_symlink():
                    symlinks.add(relative)
                elif entry.is_dir():
                    pending.append((entry.path, relative + "/"))
                else:
                    files.add(relative)
    return files, symlinks


def _same_bytes(previous: Path, data: bytes) -> bool:
    try:
        return previous.stat().st_size == len(data) and previous.read_bytes() == data
    except OSError:
        return False


def _fresh_sibling(destination: Path, kind: str) -> Path:
    """A new, empty folder beside the destination; leftovers of a killed build go first."""
    staging = destination.with_name(f".{destination.name}.sitegen-{kind}")
    if staging.exists():
        _discard(staging)
    staging.mkdir(parents=True)
    return staging


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


def _swap_in(staging: Path, destination: Path) -> None:
    """Make `staging` the destination in one step where the kernel allows it."""
    if not destination.exists():
        os.replace(staging, destination)
        return
    if _exchange(staging, destination):
        _discard(staging)  # now the previous site
        return
    # No atomic exchange (not Linux, or an old kernel): a short window without the site.
    retired = destination.with_name(f".{destination.name}.sitegen-previous")
    if retired.exists():
        _discard(retired)
    os.replace(destination, retired)
    os.replace(staging, destination)
    _discard(retired)


_DELETE_TREE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _discard(tree: Path) -> None:
    """Move a retired tree out of the way at once and delete it in a detached process.

    The rename is instant; the deletion (slow on some file systems: removing a folder can
    cost milliseconds) no longer holds up the build. `rmtree` never follows symlinks."""
    doomed = tree.with_name(f"{tree.name}-trash-{os.getpid()}-{time.monotonic_ns()}")
    os.replace(tree, doomed)
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE_TREE, str(doomed)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(doomed, ignore_errors=True)


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
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(result == 0)
