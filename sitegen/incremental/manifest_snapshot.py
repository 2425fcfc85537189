"""What the no-change check hands on (`sitegen.incremental.manifest`): the inputs as it
found them, for the record after a build, and its answer.

Only the standard library: the check runs before the pipeline is imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.incremental.input_digests import DIGEST_LENGTH
from sitegen.incremental.manifest_file import FOLDER_NUMBERS, UNTRUSTED_MTIME, Entry, Summary
from sitegen.incremental.published_top import FolderStamp
from sitegen.incremental.stamp_columns import StampColumns

__all__ = ["NO_FOLDERS", "Probe", "Snapshot", "SourceVersion"]

NO_FOLDERS = StampColumns((), (), (), FOLDER_NUMBERS)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The inputs as they were before a build read them: what its manifest records."""

    inputs: str
    file_columns: StampColumns
    """Every file's `Entry`, in the walk's order (`files` gives them as rows)."""
    unhashed: tuple[tuple[int, str, int, int], ...] = ()
    """(index in `files`, path, mtime_ns, mode) of the entries whose digest is not yet known
    (""): with no manifest to compare with, the check does not hash; `record` fills them
    in. The mtime is the file's own even where the entry's is `UNTRUSTED_MTIME`."""
    outside_roots: tuple[str, ...] = ()
    """The folders outside the site walked as inputs: the last build's `outside_roots`."""
    published: StampColumns = NO_FOLDERS
    """The published folders' stamps the last build recorded, sorted by path: `record`
    keeps those of folders this build left alone instead of reading them again."""
    paths: tuple[str, ...] = ()
    """The path of each entry of `files`, in order: where `record` reads its stamp again."""
    top_names: tuple[frozenset[str], ...] = ()
    """The names at the top level of each walked root, in the walk's order (`top_levels`)."""
    entered: tuple[str, ...] = ()
    """The folder names walked because the last build's `include` brought them in."""

    @property
    def files(self) -> tuple[Entry, ...]:
        rows: tuple[Entry, ...] = tuple(self.file_columns.rows())
        return rows

    @property
    def published_folders(self) -> tuple[FolderStamp, ...]:
        rows: tuple[FolderStamp, ...] = tuple(self.published.rows())
        return rows

    def content_digests(self) -> dict[SourceVersion, str]:
        """The digest of each regular file the check hashed or found unchanged, by its
        (size, mtime_ns, ctime_ns, inode, device) then: what the build's load takes
        rather than reading and hashing the file again when the file still has that
        stamp. A fresh checkout gives every source a new stamp, so without this every
        file would be hashed twice (0.25 s at 10,000 posts). Only stamps the check
        trusted are given: not one within the racy window (`sitegen.settled_stamps`)."""
        return {
            entry[1:6]: entry[6]
            for entry in self.files
            if entry[2] != UNTRUSTED_MTIME and len(entry[6]) == DIGEST_LENGTH and ":" not in entry[6]
        }


SourceVersion = tuple[int, int, int, int, int]
"""(size, mtime_ns, ctime_ns, inode, device) of a file: what says it is unchanged."""


@dataclass(frozen=True, slots=True)
class Probe:
    unchanged: Summary | None
    """The last build's summary when nothing changed since it, else None."""
    snapshot: Snapshot | None
    """What to record after a full build; None when the inputs could not be read."""
