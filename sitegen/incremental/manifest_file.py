"""The no-change manifest's file (`sitegen.incremental.manifest` decides what goes in it).

Only the standard library: the check reads this before the pipeline is imported.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.content.cache_tag import MANIFEST_NAME as MANIFEST_NAME
from sitegen.incremental.published_top import Destination

MANIFEST_FORMAT = "sitegen-manifest-7"

Entry = tuple[str, int, int, int, int, int, str]
"""(key, size, mtime_ns, ctime_ns, inode, device, digest) of one file."""
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
    inputs: str
    files: tuple[Entry, ...]
    destination: Destination
    valid_until: int | None
    """Nanoseconds since the epoch; None means until an input changes."""
    summary: Summary
    outside_roots: tuple[str, ...] = ()
    """Real paths of the folders outside the site whose files `files` lists."""
    reads_mtimes: bool = False
    """The output holds a value read from a file's mtime: a moved mtime is a change."""
    entered: tuple[str, ...] = ()
    """The folder names the check otherwise never walks that the site's `include` brings
    into the build (`input_files.entered_folders`): the check walks them."""


def read_manifest(cache_dir: Path) -> StoredManifest | None:
    """The manifest, or None when absent, damaged or of another format (never an error)."""
    try:
        data = marshal.loads((cache_dir / MANIFEST_NAME).read_bytes())
        form, inputs, files, destination, valid_until, counts, outside, mtimes, entered = data
        if form != MANIFEST_FORMAT:
            return None
        summary = Summary(*counts)
        return StoredManifest(
            inputs, files, destination, valid_until, summary, outside, bool(mtimes), tuple(entered)
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
        stored.files,
        stored.destination,
        stored.valid_until,
        (summary.posts, summary.pages, summary.files, summary.diagnostics),
        stored.outside_roots,
        stored.reads_mtimes,
        stored.entered,
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f"{MANIFEST_NAME}.{os.getpid()}.tmp"
    try:
        temporary.write_bytes(marshal.dumps(data))
        os.replace(temporary, cache_dir / MANIFEST_NAME)
    except OSError:  # nothing left behind (a folder in the manifest's place, a full disk)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
