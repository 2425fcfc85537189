"""Publish by a journal: changed files written under temporary names, then renamed in one pass.

For a rebuild that changes a few files of a large site. The swap (`sitegen.publish.swap`)
costs what the site costs (a link per unchanged file, then deleting the old tree); this
costs what the change costs, and keeps the same whole-site guarantee:

1. each changed file is written under a temporary name (`journal.TEMP_PREFIX`) in its own
   folder, or, when that folder does not exist yet (or a file stands where it will be),
   in the deepest folder of its path that does, so every rename stays on the file system
   of its target;
2. the journal of renames and removals is committed (`sitegen.publish.journal.commit`);
3. the journal is performed, then deleted.

Killed before step 2, the previous site is untouched (the next publish removes the
temporary files: no build plans them). Killed after, the next publish, or any build of
this destination, performs the journal again first (`roll_forward`): the site is the
old one or the new one, never a mix. An error before step 2 (a full disk, a name too
long) removes the temporary files and leaves the site as it was.

Nothing is synced to disk (`fsync`): the guarantee is against a build that is killed,
as the swap's is, which syncs nothing either; a crash of the machine itself is not
covered (nor by Jekyll or Hugo). Syncing each file and folder was a tenth of a
one-post rebuild of 10,000 posts (29 syncs of 3–4 ms), and more for every file more.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import ExitStack
from pathlib import Path

from sitegen.errors import Diagnostic
from sitegen.publish.journal import TEMP_PREFIX, Journal, commit, perform
from sitegen.publish.outputs import Output, PublishFailure, failure_path, remove_quietly, write_output
from sitegen.publish.tree_io import FolderCursor, split_parts
from sitegen.urls import output_folders


def publish_journaled(
    root_fd: int, changed: list[Output], removed: list[str], destination: Path, left_out: list[Diagnostic]
) -> None:
    """Write `changed` under temporary names, commit the journal, perform it."""
    token = secrets.token_hex(6)  # never the name of a killed build's leftover
    moves: list[tuple[str, str]] = []
    try:
        _stage(root_fd, changed, token, moves, destination, left_out)
        needed = set(output_folders(target for _, target in moves))  # the new tree's: kept
        temporaries = {temporary for temporary, _ in moves}
        removals = tuple(path for path in removed if path not in needed and path not in temporaries)
        try:
            commit(root_fd, Journal(removals, tuple(moves)))
        except OSError as error:
            raise PublishFailure(error, destination, unchanged=True) from None
    except BaseException:
        _discard(root_fd, moves)
        raise
    try:
        perform(root_fd, Journal(removals, tuple(moves)))
    except OSError as error:  # the journal stays: the next build completes it
        raise PublishFailure(error, destination, unchanged=False) from None


def _stage(
    root_fd: int,
    changed: list[Output],
    token: str,
    moves: list[tuple[str, str]],
    destination: Path,
    left_out: list[Diagnostic],
) -> None:
    """Write each changed file under a temporary name, appending to `moves` as each is
    made (so a failure can remove exactly those)."""
    name_max = os.fpathconf(root_fd, "PC_NAME_MAX")
    with FolderCursor(root_fd) as cursor:
        homes: dict[str, str] = {"": ""}
        for number, output in enumerate(sorted(changed, key=lambda output: output.path)):
            try:
                # Caught while the site is unchanged, not when the file is renamed into place.
                if any(len(os.fsencode(part)) > name_max for part in output.path.split("/")):
                    raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
                home = _home(cursor, homes, output.path.rpartition("/")[0])
                folder_fd = cursor.find(home.split("/") if home else [])
                assert folder_fd is not None  # `_home` found it a moment ago
                name = f"{TEMP_PREFIX}{token}-{number:x}"
                moves.append(
                    (f"{home}/{name}" if home else name, output.path)
                )  # before: a partial file is removed too
                if not write_output(name, folder_fd, output.content, left_out):
                    moves.pop()  # nothing was made: the live file stays until the next build
            except OSError as error:
                raise PublishFailure(
                    error, failure_path(error, destination, output), unchanged=True
                ) from None


def _home(cursor: FolderCursor, homes: dict[str, str], folder: str) -> str:
    """The deepest real folder on the way to `folder` (itself when it exists)."""
    if folder in homes:
        return homes[folder]
    home = (
        folder
        if cursor.find(folder.split("/")) is not None
        else _home(cursor, homes, folder.rpartition("/")[0])
    )
    homes[folder] = home
    return home


def _discard(root_fd: int, moves: list[tuple[str, str]]) -> None:
    """Remove the temporary files of a publish that did not commit."""
    with ExitStack() as stack:
        cursor = stack.enter_context(FolderCursor(root_fd))
        for temporary, _ in moves:
            parts, name = split_parts(temporary)
            try:
                folder_fd = cursor.find(parts)
            except OSError:
                continue
            if folder_fd is not None:
                remove_quietly(name, folder_fd)
