"""The no-change check: a build whose inputs all match the last build's manifest is skipped.

After every build `sitegen build` publishes, the manifest (`manifest` in the cache
folder) records every file that can change the output, with its size, mtime, ctime,
inode and content digest: the whole site folder (hidden folders included, as `include:`
may bring any in; version control, tool caches, the destination and the cache aside;
see `sitegen.incremental.input_files`), the folders outside it the build read (Sass
`load_paths`), the theme and sitegen's own code; the version, the Python and the
installed distributions; the options and environment variables that change output; the
moment the output stops being valid (a future post falls due, or Liquid read the
clock); and the published tree's top level (`sitegen.incremental.published_top`). The
next `sitegen build` walks the same folders (a `listdir` and an `lstat` of each name
relative to its folder) and, when nothing differs, prints the last summary and stops,
before the pipeline (Jinja, Markdown, YAML, Liquid) is even imported: this module and
its callers import only the standard library. On two cores it forks (`sitegen.aside`):
the published tree's top level and most of its folders are compared there while this
process walks the inputs and then compares the rest of the folders, so both end
together; when thousands of files must be hashed (a fresh checkout) half are hashed
there; where it cannot fork (`-j 1`, one core, a
process running threads) it does the same in this process, with the same answer.

A file is the same when its stamp (size, mtime, ctime, inode, device) is, as git's index
decides (ctime and inode change under a copy that keeps the mtime, `cp -p`, `tar x`).
When the stamp moved but the size did not (a fresh `git clone` or `cp -r`, where every
mtime is new) the content digest decides, so a CI run on a restored cache is still a
no-change run; unless the last build's output held a value read from a file's mtime (an
undated draft's date, Liquid's `modified_time`), when a moved mtime is a change
whatever the content. A file whose mtime or ctime was within the racy window of the
snapshot (`sitegen.settled_stamps`: 100 ms on a file system that keeps sub-millisecond
times, else three seconds) is recorded untrusted and
compared by digest next time. Every digest is taken before the build reads the file,
and `record` reads every file's stamp again once it is done: a file whose stamp moved
meanwhile (or, for a folder, whose entries did: a file added or removed in it) is
recorded without its digest, since the build may have read what the check did not see
(saved back, it must not pass for unchanged); a file removed meanwhile, or a name that
came or went at the top level of a walked folder (`input_roots.top_levels`), or a
top-level name of the site the build read sources below and the check never saw (it
came and went while the build ran: `read_top_names`), means no record at all. Any
doubt (an unreadable folder, a damaged manifest) means a full build, which stays the
guarantee; a build that does not record a manifest (`sitegen serve`, a
library caller) deletes it first (`manifest_file.forget_manifest`).

Not noticed: a hand edit of a file deep inside the published tree (its folder's stamp
does not move; only the top level's files are compared); a name added at a root's top
level and removed again, both while the build ran, where the build read no post, page
or static file below it (a `_data` or `_includes` folder that came and went: the root's
own stamp moves whenever publishing swaps in a new tree beside the destination, so it
cannot tell); a second write through a memory map to a page already dirty (the kernel
moves no time, as every stamp-based tool finds). Delete the manifest to force a full
build; a page whose file keeps its recorded size and mtime is still kept by it
(`render_choice`), so delete the published tree to write every page anew.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from sitegen.aside import Aside, aside
from sitegen.incremental.input_digests import digests_of, mode_mark
from sitegen.incremental.input_files import Listed
from sitegen.incremental.input_roots import BuildRequest as BuildRequest
from sitegen.incremental.input_roots import (
    input_listing,
    never_inputs,
    outside_label,
    outside_listing,
    outside_roots_of,
    top_levels,
)
from sitegen.incremental.manifest_file import (
    ENTRY_NUMBERS,
    FOLDER_NUMBERS,
    UNTRUSTED_MTIME,
    Entry,
    StoredManifest,
    Summary,
    read_manifest,
    stored_manifest,
    write_manifest,
)
from sitegen.incremental.manifest_settings import settings_text
from sitegen.incremental.manifest_snapshot import NO_FOLDERS, Probe, Snapshot
from sitegen.incremental.published_top import (
    FolderStamp,
    destination_state,
    destination_unchanged,
    folder_entries,
    folders_unchanged,
    racy_marked,
)
from sitegen.incremental.restamp import FileVersion, completed, kept_stamps, restamped
from sitegen.incremental.stamp_columns import StampColumns
from sitegen.settled_stamps import settled, settled_in_any_window
from sitegen.skipped_folders import is_skipped_folder

__all__ = ["BuildRequest", "Probe", "Snapshot", "probe", "record"]


def probe(request: BuildRequest, *, forked: bool = True) -> Probe:
    """Compare the inputs with the manifest; hashes only files whose stamp moved.

    With `forked` (not `-j 1`), the published tree is compared in a forked process while
    this one walks the inputs, and a fresh checkout's many files are hashed half there
    (`sitegen.aside`, `digests_of`): the check's stats and reads on both cores. A
    manifest whose values are not of the shapes this code writes (sealed, so only one
    written by hand or by other code) is no manifest: the build is a full one."""
    taken = time.time_ns()
    try:
        inputs = settings_text(request)
    except OSError:
        return Probe(None, None)
    stored = read_manifest(request.cache_dir)
    try:
        return _compared(request, stored, inputs, taken, forked=forked)
    except _MALFORMED:
        return _compared(request, None, inputs, taken, forked=forked)


_MALFORMED = (ValueError, TypeError, IndexError, KeyError, AttributeError)
"""What reading values of other shapes raises (an entry cut short, a string for a number)."""


def _compared(
    request: BuildRequest, stored: StoredManifest | None, inputs: str, taken: int, *, forked: bool
) -> Probe:
    same = stored is not None and stored.inputs == inputs and _still_valid(stored.valid_until, taken)
    folders = stored.folder_columns if stored is not None else NO_FOLDERS
    apart = len(folders) - _own_share(len(folders), len(stored.file_columns) if stored is not None else 0)
    # Started only where it can matter; a changed file found in the walk ends it unread.
    recorded = (request.destination, stored, apart)
    with aside(_destination_same, recorded, forked=forked and same) as destination:
        apart_compared = (destination, apart)
        return _walked(request, stored, inputs, taken, same=same, forked=forked, destination=apart_compared)


def _own_share(folders: int, inputs: int) -> int:
    """How many of the published folders this process checks once it has walked the
    inputs, so that it and the forked process (the top level and the other folders) end
    together: a `stat` each, whichever it is. A 10,000-post site publishes 20,000
    folders from 12,000 inputs; checked all in the forked process, they were the whole
    run's wait."""
    return max(0, (folders - inputs) // 2)


_Recorded = tuple[Path, StoredManifest | None, int]
"""The destination, the manifest and how many of its folders (the first) the forked
process compares."""
_Apart = tuple[Aside[_Recorded, tuple[FolderStamp, ...] | None], int]
"""The forked comparison of the published tree, and how many folders it compares."""


def _destination_same(recorded: _Recorded) -> tuple[FolderStamp, ...] | None:
    destination, stored, apart = recorded
    if stored is None:
        return None
    folders: Iterable[FolderStamp] = stored.folder_columns.rows(0, apart)
    return destination_unchanged(destination, (stored.destination_root, stored.destination_top, folders))


def _walked(
    request: BuildRequest,
    stored: StoredManifest | None,
    inputs: str,
    taken: int,
    *,
    same: bool,
    forked: bool,
    destination: _Apart,
) -> Probe:
    """`probe` once the settings are compared (`same`: they and the moment are), the
    published tree's top level and its first folders compared in `destination`, the
    rest here."""
    outside = stored.outside_roots if stored is not None else ()
    entered = stored.entered if stored is not None else ()
    try:
        # The top levels before the walk: a name that comes between the two reads is then
        # in the walk and the record's `top_levels` but not here, so none is recorded.
        # Read after it, such a name was in neither the walk nor the record's comparison.
        tops = top_levels(request, outside, entered)
        listing = list(input_listing(request, outside, entered))
    except OSError:
        return Probe(None, None)
    paths = tuple(path for _, path, _, _ in listing)
    if stored is not None and same and _as_recorded(stored.file_columns, listing, taken):
        # Every stamp as recorded, and all settled: the files are the manifest's, row for row.
        return _published_same(request, stored, inputs, destination, stored.file_columns, paths, tops)
    known = {entry[0]: entry for entry in stored.files} if stored is not None else {}
    files: list[Entry] = []
    unhashed: list[tuple[int, str, int, int]] = []
    moved: list[tuple[int, os.stat_result, Entry | None]] = []
    for key, path, info, special in listing:
        old = known.get(key)
        trusted = settled(info.st_mtime_ns, info.st_ctime_ns, taken)
        mtime = info.st_mtime_ns if trusted else UNTRUSTED_MTIME
        stamp = (info.st_size, mtime, info.st_ctime_ns, info.st_ino, info.st_dev)
        if old is not None and old[1:6] == stamp and trusted:
            files.append(old)
            continue
        if stored is None and not special:
            # Nothing to compare with (a first build): hashing tens of thousands of
            # files here would only delay the build that reads them anyway.
            unhashed.append((len(files), path, info.st_mtime_ns, info.st_mode))
            files.append((key, *stamp, ""))
            continue
        moved.append((len(files), info, old))
        files.append((key, *stamp, special))
    try:
        hashed = digests_of([paths[index] for index, _, _ in moved if not files[index][6]], forked=forked)
    except OSError:  # unreadable, or gone since the walk: the build says which, and goes on
        return Probe(None, None)
    digests = iter(hashed)
    for index, info, old in moved:
        entry = files[index]
        digest = entry[6] or next(digests) + mode_mark(info.st_mode)
        files[index] = (*entry[:6], digest)
        same = same and old is not None and old[6] == digest
        if stored is not None and stored.reads_mtimes and old is not None:
            # The output holds a date read from an mtime: equal bytes are not enough.
            same = same and old[2] != UNTRUSTED_MTIME and old[2] == info.st_mtime_ns
    columns = StampColumns.of_rows(files, ENTRY_NUMBERS)
    if not same or stored is None or len(files) != len(known):
        folders = stored.folder_columns if stored is not None else NO_FOLDERS
        return Probe(None, Snapshot(inputs, columns, tuple(unhashed), outside, folders, paths, tops, entered))
    return _published_same(request, stored, inputs, destination, columns, paths, tops, moved=bool(moved))


def _as_recorded(recorded: StampColumns, listing: list[Listed], taken: int) -> bool:
    """Whether the listing's keys and stamps are the recorded ones, row for row, and every
    stamp is settled by the widest racy window (`settled_stamps`): then no row need be
    compared, or made, one at a time (12 ms of a 10,000-post site's no-change run)."""
    numbers = [
        number
        for _, _, info, _ in listing
        for number in (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
    ]
    if not recorded.holds(tuple(key for key, _, _, _ in listing), numbers):
        return False
    latest = max(max(numbers[1::ENTRY_NUMBERS], default=0), max(numbers[2::ENTRY_NUMBERS], default=0))
    return settled_in_any_window(latest, taken)


def _published_same(
    request: BuildRequest,
    stored: StoredManifest,
    inputs: str,
    destination: _Apart,
    files: StampColumns,
    paths: tuple[str, ...],
    tops: tuple[frozenset[str], ...],
    *,
    moved: bool = False,
) -> Probe:
    """`probe`'s answer once the inputs are found as recorded (`files`: their entries
    now): the published tree decides. `moved`: some stamps moved over the same contents
    (a copy, a checkout)."""
    compared, apart = destination
    own_settled = folders_unchanged(request.destination, stored.folder_columns.rows(apart))
    settled_apart = compared.result() if own_settled is not None else None
    snapshot = Snapshot(
        inputs, files, (), stored.outside_roots, stored.folder_columns, paths, tops, stored.entered
    )
    if own_settled is None or settled_apart is None:
        return Probe(None, snapshot)
    if moved or own_settled or settled_apart:
        # Stamps moved, contents did not (a copy, a checkout), or racy folders listed the
        # same and settled since: keep the new stamps so the next check is stat-only again.
        stamps = stored.destination[2]
        resettled = StampColumns.of_rows(_resettled(stamps, own_settled + settled_apart), FOLDER_NUMBERS)
        kept = replace(stored, inputs=inputs, file_columns=files, folder_columns=resettled)
        with contextlib.suppress(OSError):  # not kept: the next check hashes them again
            write_manifest(request.cache_dir, kept)
    return Probe(stored.summary, snapshot)


def _resettled(
    stamps: tuple[FolderStamp, ...], settled_now: tuple[FolderStamp, ...]
) -> tuple[FolderStamp, ...]:
    """`stamps` with each folder's stamp in `settled_now` put in its place (by path)."""
    if not settled_now:
        return stamps
    by_path = {stamp[0]: stamp for stamp in settled_now}
    return tuple(by_path.get(stamp[0], stamp) for stamp in stamps)


def record(
    request: BuildRequest,
    snapshot: Snapshot,
    valid_until_ns: int | None,
    summary: Summary,
    read_digests: Mapping[FileVersion, str] = MappingProxyType({}),
    *,
    reads_mtimes: bool = False,
    outside_inputs: tuple[Path, ...] = (),
    published_files: Iterable[str] = (),
    kept_folders: Mapping[str, tuple[int, int, int]] | None = None,
    entered: tuple[str, ...] = (),
    read_top_names: frozenset[str] = frozenset(),
) -> None:
    """Write the manifest after a build published `request.destination` from `snapshot`.

    A digest the check left unknown is the build's own (`read_digests`: what it read of
    the file at the same stamp), else the file's hash if it still has the stamp the
    check saw before and after reading it, else left unknown: the next check then finds
    the file changed, which costs a build, never a wrong "nothing changed".

    `reads_mtimes`: the output holds a value read from a file's mtime, so the next check
    counts a moved mtime as a change. `outside_inputs`: folders outside the site the
    build read; the next check walks them. One the check did not walk before this build
    is recorded from a listing taken now, every file untrusted and without a digest
    (what the build read of it is not known), so the next check builds once more and
    records it properly. `published_files`: every file published (paths below the
    destination), whose folders the next check compares (`folder_entries`).
    `kept_folders`: the folders publishing left alone, by path, with their (mtime_ns,
    ctime_ns, inode) as listed before it (None: publishing made a new tree). The last
    manifest's stamp of such a folder is kept where it is that same stamp: the folder
    has not changed since the last record, so neither have its entries (a 100,000-post
    site has 193,000 folders; a rebuild changes a handful). `entered`: the folder names
    the check skips that the build's `include` brought in (`entered_folders`); the next
    check walks them (where they differ from the snapshot's, its listing differs from
    this record, and it builds once more). `read_top_names`: the names at the site's top
    level below which the build read sources (`content.scan.source_top_names`); one the
    check did not see came while the build ran, and if it is gone again the record's
    own reading of the top level cannot tell (its names are the check's), so nothing is
    recorded."""
    try:
        unchanged = kept_stamps(snapshot.published_folders, kept_folders)
        folders = folder_entries(published_files, {stamp[0] for stamp in unchanged})
        moment = time.time_ns()
        root, top, stamps = destination_state(
            request.destination, with_digests=True, folders=folders, kept=unchanged
        )
        destination = (root, top, racy_marked(stamps, moment))
        outside = outside_roots_of(request, outside_inputs)
        new_roots = tuple(root for root in outside if root not in snapshot.outside_roots)
        added = [
            (key, info.st_size, UNTRUSTED_MTIME, info.st_ctime_ns, info.st_ino, info.st_dev, "")
            for key, _, info, _ in outside_listing(new_roots, never_inputs(request))
        ]
    except OSError:
        return
    files = list(snapshot.files)
    for index, path, mtime, mode in snapshot.unhashed:
        files[index] = completed(files[index], path, mtime, mode, read_digests)
    try:
        files = restamped(files, snapshot.paths)
        if top_levels(request, snapshot.outside_roots, snapshot.entered) != snapshot.top_names:
            return  # a name added at a top level meanwhile, maybe read: see `top_levels`
        if _read_unseen(read_top_names, snapshot.top_names):
            return  # read below a name that came and went while the build ran
    except OSError:
        return  # a file removed while the build ran: none recorded, the next build runs
    dropped = tuple(outside_label(root) + "/" for root in snapshot.outside_roots if root not in outside)
    kept = [entry for entry in files if not entry[0].startswith(dropped)] if dropped else files
    stored = stored_manifest(
        snapshot.inputs, (*kept, *added), destination, valid_until_ns, summary, outside, reads_mtimes, entered
    )
    with contextlib.suppress(OSError):  # none recorded (the build warned): the next check finds none
        write_manifest(request.cache_dir, stored)


def _read_unseen(read_top_names: frozenset[str], top_names: tuple[frozenset[str], ...]) -> bool:
    """Whether the build read below a top-level name of the site (the first root of
    `input_roots`) the check did not see; the folders the check never walks by name
    (`.tox` brought in by `include`) are not compared, as it lists none of them."""
    seen = top_names[0] if top_names else frozenset()
    return any(name not in seen and not is_skipped_folder(name) for name in read_top_names)


def _still_valid(valid_until: int | None, moment: int) -> bool:
    return valid_until is None or moment < valid_until
