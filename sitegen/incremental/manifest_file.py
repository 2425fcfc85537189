"""The no-change manifest's file (`sitegen.incremental.manifest` decides what goes in it).

Only the standard library: the check reads this before the pipeline is imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.content.cache_tag import MANIFEST_NAME as MANIFEST_NAME
from sitegen.errors import Diagnostic
from sitegen.incremental.published_top import Destination, FolderStamp, TopEntries
from sitegen.incremental.stamp_columns import StampColumns
from sitegen.regular_files import read_regular

MANIFEST_FORMAT = "sitegen-manifest-9"
_SEAL_BYTES = 32
"""The SHA-256 of the rest of the file, written after it: bytes that are not what a
build wrote (cut short, flipped, rewritten by hand into other shapes) are no manifest,
never a traceback or a wrong answer (a well-formed value of other shapes raised
`ValueError` deep in the comparison)."""

Entry = tuple[str, int, int, int, int, int, str]
"""(key, size, mtime_ns, ctime_ns, inode, device, digest) of one file."""
ENTRY_NUMBERS = 5
"""The numbers of an `Entry` (`StampColumns.width`)."""
FOLDER_NUMBERS = 3
"""The numbers of a `FolderStamp` (`StampColumns.width`)."""
UNTRUSTED_MTIME = -1
"""Stored in place of a racy file's mtime, so its stamp never matches and it is re-hashed."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What the last build reported, printed again by a no-change run."""

    posts: int
    pages: int
    files: int
    diagnostics: tuple[str, ...]

    def line(self, seconds: float) -> str:
        return (
            f"nothing changed; {self.posts} posts, {self.pages} pages, all {self.files} "
            f"published files up to date in {seconds:.2f} s"
        )


@dataclass(frozen=True, slots=True)
class StoredManifest:
    """A manifest as read: its files and published folders kept as `StampColumns`,
    which a check that finds every stamp as recorded compares whole (`files` and
    `destination` give them as rows)."""

    inputs: str
    file_columns: StampColumns
    destination_root: tuple[int, int]
    destination_top: TopEntries
    folder_columns: StampColumns
    valid_until: int | None
    """Nanoseconds since the epoch; None means until an input changes."""
    summary: Summary
    outside_roots: tuple[str, ...] = ()
    """Absolute paths (as spelled) of the folders outside the site whose files `files` lists."""
    reads_mtimes: bool = False
    """The output holds a value read from a file's mtime: a moved mtime is a change."""
    entered: tuple[str, ...] = ()
    """The folder names the check otherwise never walks that the site's `include` brings
    into the build (`input_files.entered_folders`): the check walks them."""

    @property
    def files(self) -> tuple[Entry, ...]:
        """Every file's `Entry`, in the walk's order."""
        rows: tuple[Entry, ...] = tuple(self.file_columns.rows())
        return rows

    @property
    def destination(self) -> Destination:
        """The published tree as recorded (`published_top.Destination`)."""
        folders: tuple[FolderStamp, ...] = tuple(self.folder_columns.rows())
        return self.destination_root, self.destination_top, folders


def stored_manifest(
    inputs: str,
    files: tuple[Entry, ...],
    destination: Destination,
    valid_until: int | None,
    summary: Summary,
    outside_roots: tuple[str, ...] = (),
    reads_mtimes: bool = False,
    entered: tuple[str, ...] = (),
) -> StoredManifest:
    """A manifest to write, from rows."""
    root, top, folders = destination
    return StoredManifest(
        inputs,
        StampColumns.of_rows(files, ENTRY_NUMBERS),
        root,
        top,
        StampColumns.of_rows(folders, FOLDER_NUMBERS),
        valid_until,
        summary,
        outside_roots,
        reads_mtimes,
        entered,
    )


def read_manifest(cache_dir: Path) -> StoredManifest | None:
    """The manifest, or None when absent, damaged, not a regular file (a FIFO in its
    place is never waited on) or of another format (never an error)."""
    try:
        sealed = read_regular(cache_dir / MANIFEST_NAME)
        body, seal = memoryview(sealed)[:-_SEAL_BYTES], sealed[-_SEAL_BYTES:]
        if hashlib.sha256(body).digest() != seal:
            return None
        data = marshal.loads(body)
        form, inputs, files, (root, top, folders), valid_until, counts, outside, mtimes, entered = data
        if form != MANIFEST_FORMAT:
            return None
        return StoredManifest(
            inputs,
            StampColumns.loaded(files, ENTRY_NUMBERS),
            root,
            top,
            StampColumns.loaded(folders, FOLDER_NUMBERS),
            valid_until,
            Summary(*counts),
            outside,
            bool(mtimes),
            tuple(entered),
        )
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write_manifest(cache_dir: Path, stored: StoredManifest) -> None:
    """Temp file and `os.replace`: a killed build leaves the old manifest or the new one.
    Raises OSError when it cannot be written (the temp file is then removed)."""
    summary = stored.summary
    data = (
        MANIFEST_FORMAT,
        stored.inputs,
        stored.file_columns.stored(),
        (stored.destination_root, stored.destination_top, stored.folder_columns.stored()),
        stored.valid_until,
        (summary.posts, summary.pages, summary.files, summary.diagnostics),
        stored.outside_roots,
        stored.reads_mtimes,
        stored.entered,
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f"{MANIFEST_NAME}.{os.getpid()}.tmp"
    try:
        body = marshal.dumps(data)
        temporary.write_bytes(body + hashlib.sha256(body).digest())
        os.replace(temporary, cache_dir / MANIFEST_NAME)
    except OSError:  # nothing left behind (a folder in the manifest's place, a full disk)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def forget_manifest(cache_dir: Path) -> tuple[Diagnostic, ...]:
    """Delete the manifest: the build about to run may change the output without one.

    One warning when it cannot be deleted (a folder in its place, a read-only cache
    folder): the build goes on, and records no manifest there either (`record` gives up
    quietly), so the no-change check finds none it can read: every build runs."""
    path = cache_dir / MANIFEST_NAME
    try:
        path.unlink()
    except FileNotFoundError:
        return ()
    except OSError as error:
        reason = error.strerror or str(error)
        message = (
            f"cannot remove the no-change manifest ({reason}); the no-change check is off until it is removed"
        )
        return (Diagnostic(message, path),)
    return ()
