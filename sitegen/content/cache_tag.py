"""A folder that is a build cache says so: a `CACHEDIR.TAG` file, by the Cache Directory
Tagging Specification (https://bford.info/cachedir/), which backup and archive tools
(`tar --exclude-caches`, borg, restic) honour too.

sitegen tags its cache folder, and never reads a tagged folder as sources. The scan
skips the cache folder this build uses by its path; a cache folder of another build
(`cache_dir:` in `_config.yml` on a developer's machine, while CI passes `--cache-dir`;
a cache left where the setting used to point) is a folder like any other to it, and
its SQLite file, holding the text of drafts and unpublished posts, would be published.

Only the standard library (and `sitegen.errors`): the no-change check skips tagged
folders too, and tags its cache again as every build does (`tag`).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from sitegen.errors import UsageError
from sitegen.regular_files import open_regular

TAG_NAME = "CACHEDIR.TAG"
SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
"""What a tag file must begin with (the specification's exact 43 bytes)."""
_TAG_TEXT = SIGNATURE + (
    b"\n# This file is a cache directory tag created by sitegen: its build cache.\n"
    b"# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def is_tagged(folder: str | Path) -> bool:
    """True when `folder` holds a `CACHEDIR.TAG` that begins with the signature."""
    return _starts_with(os.path.join(folder, TAG_NAME), SIGNATURE)


def cache_holding(real_file: Path, home: Path | None) -> Path | None:
    """The build cache (a tagged folder) `real_file` (a real path) lies in, else None; a
    tagged folder holding `home` (the folder a reader looks in: a template or include
    folder, the site's) is not counted, as the scan reads a site inside a tagged folder.
    A template or include never reads a cache, as no scan does."""
    real_home = Path(os.path.realpath(home)) if home is not None else None
    for folder in real_file.parents:
        if real_home is not None and real_home.is_relative_to(folder):
            return None  # this folder and those above it hold the reader's own folder
        if is_tagged(folder):
            return folder
    return None


def is_tagged_listing(folder: str | Path, names: Iterable[str]) -> bool:
    """`is_tagged` for a folder whose entries' `names` are listed already: the tag file
    is opened only where one is listed (a folder walk lists every folder anyway)."""
    return TAG_NAME in names and is_tagged(folder)


DATABASE_NAME = "cache.sqlite"
"""The build cache's SQLite file (`incremental.cache`)."""
MANIFEST_NAME = "manifest"
"""The no-change manifest (`incremental.manifest_file`)."""
LOCK_NAME = "lock"
"""The build lock (`incremental.lock`)."""
CACHE_FILE_NAMES = re.compile(
    rf"{re.escape(DATABASE_NAME)}(?:-journal|-wal|-shm)?|{re.escape(MANIFEST_NAME)}(?:\.[0-9]+\.tmp)?"
    rf"|{re.escape(LOCK_NAME)}|{re.escape(TAG_NAME)}(?:\.[0-9]+\.tmp)?"
)
"""The names of what sitegen keeps in a cache folder, whole (`fullmatch`): the SQLite
cache with its journal files, the no-change manifest and this tag, each with its
temporary file while being written, and the build lock. Whole names, not beginnings: a folder of
the user's with a `manifest.json` is not a cache."""


def is_cache_listing(folder: str | Path, names: Iterable[str], *, tagged: bool = True) -> bool:
    """Whether a folder whose entries' `names` are listed is a sitegen build cache:
    holding nothing but what sitegen keeps there, its database among them, and tagged;
    or, when not `tagged`, holding the build lock (every build makes it first) in place
    of the tag. The no-change check skips only a tagged one; a folder someone else tagged
    may still be read (the data and include readers do not honour tags:
    `_includes/sub/lock` is an include) and is compared like any other. The scan skips
    an untagged one too: a cache whose tag was lost (deleted, truncated, replaced) is
    still a cache, and its database holds the text of drafts."""
    listed = list(names)
    return (
        all(CACHE_FILE_NAMES.fullmatch(name) for name in listed)
        and (is_tagged_listing(folder, listed) if tagged else LOCK_NAME in listed)
        and _starts_with(os.path.join(folder, DATABASE_NAME), _SQLITE_HEADER)
    )


_SQLITE_HEADER = b"SQLite format 3\0"
"""What every SQLite database file begins with (https://www.sqlite.org/fileformat.html)."""


def _starts_with(path: str, prefix: bytes) -> bool:
    try:
        with open_regular(path) as handle:
            return handle.read(len(prefix)) == prefix
    except OSError:
        return False


def tag(folder: Path) -> None:
    """Make sure `folder` (an existing cache folder) holds sitegen's tag: every build
    that uses a cache folder calls this, the no-change check too, so a tag lost
    (deleted, truncated, replaced by a link) is written again at once; an untagged cache
    is a folder like any other to a build given another cache folder.

    The tag is written beside and renamed into place, never through a link. Raises
    `UsageError` (exit 2: the cache folder refused before anything is built) naming
    the tag, the way to clear, when it cannot be written (a folder in its place, a
    read-only cache folder): a cache that cannot be tagged is not used."""
    path = folder / TAG_NAME
    if not os.path.islink(path) and is_tagged(folder):
        return
    temporary = folder / f"{TAG_NAME}.{os.getpid()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with open(fd, "wb") as handle:
            handle.write(_TAG_TEXT)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UsageError(
            f"cannot write the build cache's tag ({error.strerror or error}); without it a build "
            "given another cache folder could publish this one: clear the way for the tag or "
            "choose another cache folder",
            path=path,
        ) from None
