"""Publish a built site: unchanged files untouched, no symlink below the destination followed.

The live tree is compared first, so a rebuild that changes nothing writes nothing (and
keeps every mtime). Otherwise one of three ways, all working through folders opened one
name at a time without following symlinks (`sitegen.publish.tree_io`):

- **swap** (`sitegen.publish.swap`, a first build or one that changes much): the new tree
  is made beside the destination, then exchanged with it in one atomic rename; a build
  killed at any moment leaves the previous site complete. On a first build the render
  workers have already written the pages there (`sitegen.publish.staging`).
- **journal** (`sitegen.publish.journaled`, a build that changes a small share of the
  site, `JOURNAL_SHARE`, or a destination no swap may replace: a mount point, another
  user's, one in a folder this user may not write in, `sitegen.publish.rename_rights`,
  or one holding a folder this user may not write in, `locked_folders`): changed files
  written under temporary names, a journal of renames and removals committed, then
  performed in one short pass; a killed build leaves the previous site, or a journal
  the next build completes first: the old site or the new, never a mix.
- **replace in place** (`sitegen.publish.in_place`: the dev server, where a rebuild must
  cost what the edit costs and need not sync): changed files are staged inside the
  destination, then moved into place one by one. Each file changes atomically, the
  site as a whole does not.

Any way, a full disk or any other error while staging leaves the previous site
unchanged, the staging folder is removed (a disk must not stay full of a failed build),
and the error is one `OutputError` line naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from sitegen.content.published_marker import MARKER_NAME, MARKER_TEXT
from sitegen.errors import Diagnostic, OutputError
from sitegen.file_modes import new_file_mode
from sitegen.publish.destination import check_destination as check_destination
from sitegen.publish.in_place import INNER_STAGING_NAME, replace_in_place
from sitegen.publish.journal import recover, roll_forward
from sitegen.publish.journaled import publish_journaled
from sitegen.publish.kept_files import kept_paths
from sitegen.publish.kept_paths import in_the_way, moded_folders, untouched
from sitegen.publish.locked_folders import locked_folders, refuse_locked
from sitegen.publish.outputs import Output, PublishFailure
from sitegen.publish.rename_rights import may_swap, may_write_in
from sitegen.publish.staging import StagingTree
from sitegen.publish.swap import SwapImpossible, swap_in
from sitegen.publish.trash import discard_left_trash
from sitegen.publish.tree_io import (
    FolderCursor,
    holds_bytes,
    holds_copy_of,
    open_existing_folder,
    open_parent,
    remove_entry,
    set_folder_modes,
)
from sitegen.publish.tree_listing import FolderStamp, ListedTree, RememberedFolder, list_tree
from sitegen.urls import OutputPath, output_folders

JOURNAL_SHARE = 0.05
"""A rebuild changing (or removing) at most this share of the planned files is published
by a journal (its cost follows the change); a larger one, or a first build, by a swap
(its cost follows the site, but it is one rename). Measured in the
README's "Speed" section."""


@dataclass(frozen=True, slots=True)
class WriteSummary:
    files_written: int
    """Files whose bytes changed (or are new)."""
    files_unchanged: int
    files_removed: int
    changed_paths: tuple[OutputPath, ...] = ()
    """Outputs that are new, changed or removed (`a/b.html`), sorted as strings: what a
    live reload must refresh."""
    published: bool = True
    """False when nothing was published (`--strict` and an error): the site is as it was."""
    remembered: Mapping[str, RememberedFolder] = field(default_factory=dict)
    """The live tree's folders as listed before publishing (after a swap: the new tree's,
    as listed before it was swapped in), for the next build's `list_live_tree` (see
    `sitegen.publish.tree_listing`)."""
    kept_folders: Mapping[str, FolderStamp] | None = None
    """The stamp, as listed, of every folder below the root (`a/b`) publishing did not
    write in, remove from or add to; None when it swapped in a new tree (every folder
    is new)."""
    left_out: tuple[Diagnostic, ...] = ()
    """A line for each source left out because it changed under the build (deleted, made
    a link or a FIFO since the scan: `outputs.write_output`)."""


NOTHING_PUBLISHED = WriteSummary(0, 0, 0, published=False)


def publish(
    destination: Path,
    rendered: Iterable[tuple[OutputPath, bytes | None]],
    copied: Iterable[tuple[OutputPath, Path]],
    *,
    atomic: bool = True,
    journal_share: float = JOURNAL_SHARE,
    staging: StagingTree | None = None,
    listed: ListedTree | None = None,
    keep_unplanned: bool = False,
    keep_files: tuple[str, ...] = (),
) -> WriteSummary:
    """Make `destination` hold exactly the rendered and copied files (and the marker),
    each given by its `OutputPath` (`a/b.html`).

    `rendered` bytes of None mean "the published file is still right"; `atomic=False`
    replaces changed files in place (see the module docstring); `journal_share` is the
    largest share of the planned files a journaled publish may change (0 always swaps,
    `math.inf` journals every rebuild of an existing site). With `staging` (a first
    build, see `sitegen.publish.staging`), rendered bytes of None mean "already written
    into the staging folder" instead. `listed` is `list_live_tree`'s listing of the
    destination, taken before rendering (None: list it here, or there is none).
    With `keep_unplanned` (the build could not read a source folder, so it lacks the
    pages that folder's files publish), nothing is removed: every live file no plan
    holds is kept as it is (but one in the way of a planned file, `_in_the_way`), and
    the tree is never swapped, since a swap publishes only the planned files.
    `keep_files`: Jekyll's setting; a live path it keeps is neither removed nor, while
    there is one, swapped away (`sitegen.publish.kept_files`).

    Raises `OutputError` when the destination cannot be written, or when the tree
    written does not hold every planned file (a bug, never published silently)."""
    shown, destination = destination, destination.absolute()
    rendered, copied = list(rendered), list(copied)
    try:
        summary = _publish(
            destination,
            rendered,
            copied,
            atomic=atomic,
            journal_share=journal_share,
            staging=staging,
            listed=listed,
            keep_unplanned=keep_unplanned,
            keep_files=keep_files,
        )
    except PublishFailure as failure:
        raise failure.as_output_error(destination, shown) from None
    published = summary.files_written + summary.files_unchanged
    if published != len(rendered) + len(copied):
        raise OutputError(f"planned {len(rendered) + len(copied)} files but wrote {published}", path=shown)
    return summary


def _publish(
    destination: Path,
    rendered: Iterable[tuple[OutputPath, bytes | None]],
    copied: Iterable[tuple[OutputPath, Path]],
    *,
    atomic: bool,
    journal_share: float,
    staging: StagingTree | None,
    listed: ListedTree | None,
    keep_unplanned: bool = False,
    keep_files: tuple[str, ...] = (),
) -> WriteSummary:
    left_out: list[Diagnostic] = []
    with ExitStack() as open_folders:
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            parent_fd = open_parent(destination)
            open_folders.callback(os.close, parent_fd)
            discard_left_trash(parent_fd, destination)
            root_fd = open_existing_folder(destination.name, parent_fd)
            if root_fd is not None:
                open_folders.callback(os.close, root_fd)
            if listed is not None and _changed_since_listed(root_fd, listed):
                raise OutputError(CHANGED_DURING_BUILD, path=destination)
            if root_fd is not None:
                _tidy(root_fd)
            if staging is not None and root_fd is not None:
                # Pages were staged for a first build; a destination made meanwhile by
                # someone else is neither replaced nor mixed with them.
                raise FileExistsError(errno.EEXIST, "the destination appeared during the build")
            if staging is not None:
                staging.check_in_place(parent_fd)
            if root_fd is None:
                listed = ListedTree()
            elif listed is None:
                listed = list_tree(root_fd, {}, time.time_ns())
            live, strays = listed.files, listed.strays
            entries = chain(rendered, copied)
            outputs = _compare(root_fd, live, entries, destination, staged=staging is not None)
            marked = root_fd is not None and MARKER_NAME in live and _marked(root_fd)
        except OSError as error:
            raise PublishFailure(error, destination, unchanged=True) from None
        published = {output.path for output in outputs}
        removed = sorted((live | _removed_strays(root_fd, strays, published)) - published - {MARKER_NAME})
        if keep_unplanned:
            removed = in_the_way(removed, published)
        kept = kept_paths(chain(live, strays), keep_files) - published
        removed = [path for path in removed if path not in kept]
        changed = [output for output in outputs if not output.same]
        changed_paths = tuple(sorted([*(output.path for output in changed), *removed]))
        locked = locked_folders(root_fd, listed, kept) if root_fd is not None else set()
        moded = moded_folders(listed.off_modes, published) - locked  # one made read-only stays so
        summary = WriteSummary(
            len(changed),
            len(outputs) - len(changed),
            len(removed),
            changed_paths,
            remembered=listed.remembered,
            kept_folders=untouched(listed.stamps, changed_paths, moded),
        )
        if not changed and not removed and marked:
            set_folder_modes(root_fd, moded)  # a folder chmod-ed by hand
            return replace(summary, files_written=0, files_removed=0, changed_paths=())
        refuse_locked(locked, [*changed_paths, *([] if marked else [MARKER_NAME])], listed, destination)
        fixed = root_fd is not None and (bool(locked) or not may_swap(root_fd, parent_fd))  # published inside
        in_place = root_fd is not None and not atomic and (MARKER_NAME in live or fixed)
        small = len(changed) + len(removed) <= journal_share * len(outputs)
        journaled = root_fd is not None and atomic and ((small and may_write_in(root_fd)) or fixed)
        swappable = not kept and not (keep_unplanned and root_fd is not None)
        if not in_place and not journaled and swappable:
            try:
                swapped = swap_in(
                    parent_fd, root_fd, outputs, destination, left_out, prefilled=staging is not None
                )
                return replace(
                    summary, kept_folders=None, remembered=swapped.remembered, left_out=tuple(left_out)
                )
            except SwapImpossible:
                left_out.clear()  # a bind mount, which only the rename revealed: said again
        assert root_fd is not None  # only a destination that exists cannot be swapped
        if not marked:
            changed.append(Output(MARKER_NAME, MARKER_TEXT, False))
        if atomic:
            publish_journaled(root_fd, changed, removed, destination, left_out)
        else:
            replace_in_place(root_fd, changed, removed, destination, left_out)
        set_folder_modes(root_fd, moded)
        return replace(summary, left_out=tuple(left_out))


def _removed_strays(root_fd: int | None, strays: set[str], published: set[str]) -> set[str]:
    """The strays publishing removes: not an empty folder a published file goes into (a
    page deleted by hand from its folder is written back there; nothing is removed)."""
    if root_fd is None or not strays:
        return strays
    filled = set(output_folders(published)) & strays
    return {stray for stray in strays if stray not in filled or not _is_real_folder(root_fd, stray)}


def _is_real_folder(root_fd: int, path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path, dir_fd=root_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def list_live_tree(destination: Path, remembered: Mapping[str, RememberedFolder]) -> ListedTree | None:
    """The published tree's files and strays (None when there is no destination yet),
    reusing `remembered` (the last build's `WriteSummary.remembered`) for folders
    unchanged since: listed before rendering, so the render stage keeps a page only when
    it is a regular file of the live tree (never one reached through a symlink), and
    publishing compares against the same listing. Raises `OutputError` when the
    destination cannot be read."""
    destination = destination.absolute()
    try:
        parent_fd = open_parent(destination)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise OutputError(
            f"cannot open the destination's folder: {error.strerror}", path=destination
        ) from None
    try:
        root_fd = _open_live_root(destination.name, parent_fd)
        if root_fd is None:
            return None
        try:
            return list_tree(root_fd, remembered, time.time_ns())
        finally:
            os.close(root_fd)
    except OSError as error:
        raise OutputError(f"cannot read the published site: {error.strerror}", path=destination) from None
    finally:
        os.close(parent_fd)


def recover_destination(destination: Path) -> None:
    """Complete a journaled publish a killed build left in `destination`, if any: before
    anything reads the published tree (incremental rendering, the search index), it must
    be the site one build published, never one half-way to the next.

    Raises `OutputError` when the journal cannot be performed."""
    destination = destination.absolute()
    try:
        parent_fd = open_parent(destination)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        raise OutputError(
            f"cannot open the destination's folder: {error.strerror}", path=destination
        ) from None
    try:
        recover(parent_fd, destination.name)
    except OSError as error:
        raise OutputError(
            f"cannot complete the last build's publish: {error.strerror}; the site is partly updated",
            path=destination,
        ) from None
    finally:
        os.close(parent_fd)


def _open_live_root(name: str, parent_fd: int) -> int | None:
    """The destination folder, with a killed journaled publish completed and the debris
    of a killed in-place publication removed."""
    root_fd = open_existing_folder(name, parent_fd)
    if root_fd is not None:
        _tidy(root_fd)
    return root_fd


def _tidy(root_fd: int) -> None:
    roll_forward(root_fd)
    remove_entry(INNER_STAGING_NAME, root_fd)


CHANGED_DURING_BUILD = (
    "the published site changed while this build ran (its folder was removed or replaced, "
    "or files were added or removed at its top); nothing was published: build again"
)


def _changed_since_listed(root_fd: int | None, listed: ListedTree) -> bool:
    """Whether the destination folder is not the one `listed` was taken of, as it was:
    gone, another folder, or one whose entries changed (its mtime and ctime move). The
    render stage kept pages on the strength of that listing, so publishing into
    anything else would publish only the pages it wrote, as if the site were whole.
    One `fstat`: a change deeper down is not seen here (see README, "Safety")."""
    stamp = listed.stamps.get("")
    if stamp is None:  # an empty listing: there was no destination to keep pages from
        return False
    if root_fd is None:
        return True
    info = os.fstat(root_fd)
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_ino) != stamp


def _compare(
    root_fd: int | None,
    live: set[str],
    entries: Iterable[tuple[OutputPath, bytes | Path | None]],
    destination: Path,
    *,
    staged: bool = False,
) -> list[Output]:
    """Every output, folder by folder (each live folder is opened once), marked `same`
    when the live tree already holds its bytes (a written page's with a new file's
    mode); with `staged`, content None marks an output already in the staging folder."""
    mode = new_file_mode()
    by_folder: dict[str, list[tuple[OutputPath, bytes | Path | None]]] = {}
    for path, content in entries:
        by_folder.setdefault(path.rpartition("/")[0], []).append((path, content))
    outputs: list[Output] = []
    with ExitStack() as stack:
        cursor = stack.enter_context(FolderCursor(root_fd)) if root_fd is not None else None
        for folder in sorted(by_folder):
            entries_here = by_folder[folder]
            # A folder whose every file is kept as published is not opened at all: after
            # one new post, nearly every folder of the site is such a folder.
            folder_fd = None
            if cursor is not None and any(content is not None for _, content in entries_here):
                folder_fd = cursor.find(folder.split("/") if folder else [])
            for path, content in entries_here:
                if content is None and staged:
                    outputs.append(Output(path, b"", False, staged=True))
                    continue
                if content is None:  # the caller knows the published file is still right
                    if path not in live:
                        raise OutputError(
                            f"{path} was to be kept but is not in the destination", path=destination
                        )
                    outputs.append(Output(path, b"", True))
                    continue
                same = path in live and folder_fd is not None and _holds(folder_fd, path, content, mode)
                outputs.append(Output(path, content, same))
    return outputs


def _marked(root_fd: int) -> bool:  # as a clean build writes it: its bytes, a new file's mode
    return holds_bytes(MARKER_NAME, root_fd, MARKER_TEXT, new_file_mode())


def _holds(folder_fd: int, path: str, content: bytes | Path, mode: int) -> bool:
    name = path.rpartition("/")[2]
    if isinstance(content, bytes):
        return holds_bytes(name, folder_fd, content, mode)
    return holds_copy_of(name, folder_fd, content)
