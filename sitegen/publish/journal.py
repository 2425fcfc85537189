"""The publish journal: a list of renames and removals that, once committed, always completes.

A journaled publish (`sitegen.publish.journaled`) writes every changed file under a
temporary name first, then commits this journal, then performs it. The journal is one
small file in the destination's root (so it travels with the tree it describes, whatever
cache folder a later build uses), committed by writing a side file and one `os.replace`
to `JOURNAL_NAME`: it either exists whole or not at all. (Against a killed build; nothing
is synced to disk: see `sitegen.publish.journaled`.)

Performing a journal is idempotent, so a build killed while performing one leaves a
journal the next publish to that destination performs again from the start (rolls
forward) before anything reads the tree:

- a removal deletes whatever is at its path; the journal never lists a path the new tree
  holds (a file or a folder on the way to one), so whatever is there is the old site's;
- a move whose temporary file is gone was already made (every temporary file existed,
  written whole, when the journal was committed);
- a folder the removals may have emptied is removed only when it is empty.

Recovery therefore yields the new site exactly; a build killed before the commit leaves
the previous site untouched, its temporary files (named `TEMP_PREFIX…`, never an output)
removed by the next publish as entries no build planned.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass

from sitegen.publish.tree_io import FolderCursor, open_existing_folder, remove_entry, split_parts

JOURNAL_NAME = ".sitegen-journal"
"""In the destination's root while a publish is being performed; gone once it is."""
_PART_NAME = ".sitegen-journal.part"
TEMP_PREFIX = ".sitegen-new-"
"""Every temporary file of a journaled publish starts with this."""
_FORMAT = "sitegen-journal-1"
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class Journal:
    """What a committed publish still has to do, in this order."""

    removals: tuple[str, ...]
    """`/`-separated paths of the old site's entries the new site does not have."""
    moves: tuple[tuple[str, str], ...]
    """(temporary file, output path) pairs, both `/`-separated from the root."""

    def encode(self) -> bytes:
        # JSON's escapes carry any name scandir returns (lone surrogates included).
        data = {"format": _FORMAT, "remove": list(self.removals), "move": [list(m) for m in self.moves]}
        return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"

    @staticmethod
    def decode(raw: bytes) -> Journal | None:
        """The journal, or None when it is not one this version wrote."""
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != _FORMAT:
                return None
            removals = tuple(str(path) for path in data["remove"])
            moves = tuple((str(temporary), str(target)) for temporary, target in data["move"])
        except (ValueError, KeyError, TypeError):
            return None
        return Journal(removals, moves)


def commit(root_fd: int, journal: Journal) -> None:
    """Commit `journal` in the root: from here on the new site is the published one."""
    remove_entry(_PART_NAME, root_fd)
    fd = os.open(
        _PART_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=root_fd
    )
    try:
        with open(fd, "wb", closefd=False) as handle:
            handle.write(journal.encode())
    finally:
        os.close(fd)
    os.replace(_PART_NAME, JOURNAL_NAME, src_dir_fd=root_fd, dst_dir_fd=root_fd)


def roll_forward(root_fd: int) -> bool:
    """Perform a journal a killed build left in the root; True when there was one.

    A side file or a journal this version cannot read was never committed by it: removed."""
    try:
        fd = os.open(JOURNAL_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, dir_fd=root_fd)
    except FileNotFoundError:
        remove_entry(_PART_NAME, root_fd)
        return False
    except OSError:  # a folder or symlink by that name: not a journal
        remove_entry(JOURNAL_NAME, root_fd)
        return False
    with open(fd, "rb") as handle:
        journal = Journal.decode(handle.read())
    if journal is None:
        remove_entry(JOURNAL_NAME, root_fd)
    else:
        perform(root_fd, journal)
    remove_entry(_PART_NAME, root_fd)
    return journal is not None


def perform(root_fd: int, journal: Journal) -> None:
    """Removals, moves, then emptied folders; only then the journal deleted.

    Raises OSError; the journal then stays, for the next build to perform again."""
    with FolderCursor(root_fd) as cursor:
        for path in journal.removals:
            parts, name = split_parts(path)
            folder_fd = cursor.find(parts)
            if folder_fd is not None:
                remove_entry(name, folder_fd)
        for temporary, target in journal.moves:
            _move(cursor, temporary, target)
        _remove_emptied(cursor, journal.removals)
    os.unlink(JOURNAL_NAME, dir_fd=root_fd)


def _move(cursor: FolderCursor, temporary: str, target: str) -> None:
    from_parts, from_name = split_parts(temporary)
    from_fd = cursor.find(from_parts)
    if from_fd is None:
        return
    source_fd = os.dup(from_fd)  # the cursor moves on to the target's folder
    try:
        try:
            os.stat(from_name, dir_fd=source_fd, follow_symlinks=False)
        except FileNotFoundError:
            return  # moved before the build was killed
        parts, name = split_parts(target)
        folder_fd = cursor.make(parts)
        try:
            os.replace(from_name, name, src_dir_fd=source_fd, dst_dir_fd=folder_fd)
        except IsADirectoryError:  # the old site's folder where the new one has a file
            shutil.rmtree(name, dir_fd=folder_fd)
            os.replace(from_name, name, src_dir_fd=source_fd, dst_dir_fd=folder_fd)
    finally:
        os.close(source_fd)


def _remove_emptied(cursor: FolderCursor, removals: Iterable[str]) -> None:
    """Remove the folders above removed entries that no longer hold anything, deepest
    first, so a folder is tried once its sub-folders are gone."""
    folders = {path.rsplit("/", depth)[0] for path in removals for depth in range(1, path.count("/") + 1)}
    for folder in sorted(folders, key=lambda path: (-path.count("/"), path)):
        parts, name = split_parts(folder)
        folder_fd = cursor.find(parts)
        if folder_fd is not None:
            with suppress(OSError):  # not empty, or not a folder: it stays
                os.rmdir(name, dir_fd=folder_fd)


def recover(parent_fd: int, name: str) -> bool:
    """Roll forward a journal left in the destination `name` of the open folder, if any."""
    root_fd = open_existing_folder(name, parent_fd)
    if root_fd is None:
        return False
    try:
        return roll_forward(root_fd)
    finally:
        os.close(root_fd)
