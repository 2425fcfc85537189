"""The no-change check: a build whose inputs all match the last build's manifest is skipped.

After every build `sitegen build` publishes, the manifest (`manifest` in the cache
folder) records every file that can change the output, with its size, mtime, ctime,
inode and content digest: the whole site folder (hidden folders, which the scan never
enters, and the destination and cache aside), the theme and sitegen's own code; the
version, the Python and the installed distributions; the options and environment
variables that change output; the moment the output stops being valid (a future post
falls due, or Liquid read the clock); and the published tree's top level. The next
`sitegen build` walks the same folders with `os.scandir` and `stat` and, when nothing
differs, prints the last summary and stops, before the pipeline (Jinja, Markdown, YAML,
Liquid) is even imported: this module and its callers import only the standard library.

A file is the same when its stamp (size, mtime, ctime, inode, device) is, as git's index
decides (ctime and inode change under a copy that keeps the mtime, `cp -p`, `tar x`).
When the stamp moved but the size did not (a fresh `git clone` or `cp -r`, where every
mtime is new) the content digest decides, so a CI run on a restored cache is still a
no-change run. A file whose mtime or ctime was within two seconds of the snapshot (the
racy window of `sitegen.incremental.loading`) is recorded untrusted and compared by
digest next time. Every digest is taken before the build reads the file, so the record
never claims content the build did not see. Any doubt (an unreadable folder, a damaged
manifest) means a full build, which stays the guarantee; a build that does not record a
manifest (`sitegen serve`, a library caller) deletes it first (`forget_manifest`).

Not noticed: a hand edit deep inside the published tree (only its top level is
compared, at the cost of one `scandir`); delete the manifest to force a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import sitegen
from sitegen.theme import default_theme_dir

MANIFEST_NAME = "manifest"
_FORMAT = "sitegen-manifest-1"
_RACY_WINDOW_NS = 2_000_000_000
"""As `sitegen.incremental.loading._RACY_WINDOW_NS`: coarser than any file system's
timestamp granularity."""
_UNTRUSTED = -1
"""Stored in place of a racy file's mtime, so its stamp never matches and it is re-hashed."""
_SKIPPED_FOLDERS = frozenset({"__pycache__"})
"""Python's byte-code caches, rewritten by imports, never part of a site."""
_ENVIRONMENT = ("JEKYLL_ENV", "TZ", "SOURCE_DATE_EPOCH", "LANG", "LC_ALL", "LC_TIME")
"""Environment variables that can change output: `jekyll.environment` in Liquid, and
what the clock and dates are read with."""

_METADATA_SUFFIXES = (".dist-info", ".egg-info", ".pth")

Entry = tuple[str, int, int, int, int, int, str]
"""(key, size, mtime_ns, ctime_ns, inode, device, digest) of one file."""


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What the command line knows before anything is read: enough to name the inputs."""

    site_dir: Path
    destination: Path
    cache_dir: Path
    future: bool
    drafts: bool
    strict: bool


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
class Snapshot:
    """The inputs as they were before a build read them: what its manifest records."""

    inputs: str
    files: tuple[Entry, ...]
    unhashed: tuple[tuple[int, str, int], ...] = ()
    """(index in `files`, path, mtime_ns) of the entries whose digest is not yet known
    (""): with no manifest to compare with, the check does not hash; `record` fills them
    in. The mtime is the file's own even where the entry's is `_UNTRUSTED`."""


FileVersion = tuple[int, int, int, int]
"""(device, inode, size, mtime_ns) of a file as a build read it."""


@dataclass(frozen=True, slots=True)
class Probe:
    unchanged: Summary | None
    """The last build's summary when nothing changed since it, else None."""
    snapshot: Snapshot | None
    """What to record after a full build; None when the inputs could not be read."""


class _Doubt(Exception):
    """Something could not be read or compared: build in full."""


def probe(request: BuildRequest) -> Probe:
    """Compare the inputs with the manifest; hashes only files whose stamp moved."""
    taken = time.time_ns()
    try:
        inputs = _inputs(request)
        listing = list(_listing(request))
    except (OSError, _Doubt):
        return Probe(None, None)
    stored = _read(request.cache_dir)
    known = {entry[0]: entry for entry in stored.files} if stored is not None else {}
    same = stored is not None and stored.inputs == inputs and _still_valid(stored.valid_until, taken)
    files: list[Entry] = []
    unhashed: list[tuple[int, str, int]] = []
    refreshed = False
    try:
        for key, path, info, special in listing:
            old = known.get(key)
            trusted = max(info.st_mtime_ns, info.st_ctime_ns) < taken - _RACY_WINDOW_NS
            mtime = info.st_mtime_ns if trusted else _UNTRUSTED
            stamp = (info.st_size, mtime, info.st_ctime_ns, info.st_ino, info.st_dev)
            if old is not None and old[1:6] == stamp and trusted:
                files.append(old)
                continue
            if stored is None and not special:
                # Nothing to compare with (a first build): hashing tens of thousands of
                # files here would only delay the build that reads them anyway.
                unhashed.append((len(files), path, info.st_mtime_ns))
                files.append((key, *stamp, ""))
                continue
            digest = special or _digest_path(path)
            files.append((key, *stamp, digest))
            refreshed = True
            same = same and old is not None and old[6] == digest
    except OSError:
        return Probe(None, None)
    snapshot = Snapshot(inputs, tuple(files), tuple(unhashed))
    same = same and len(files) == len(known)
    if not same or stored is None or not _destination_unchanged(request.destination, stored.destination):
        return Probe(None, snapshot)
    if refreshed:
        # Stamps moved, contents did not (a copy, a checkout): keep the new stamps so the
        # next check is stat-only again.
        kept = _Stored(inputs, snapshot.files, stored.destination, stored.valid_until, stored.summary)
        _write(request.cache_dir, kept)
    return Probe(stored.summary, snapshot)


def record(
    request: BuildRequest,
    snapshot: Snapshot,
    valid_until_ns: int | None,
    summary: Summary,
    read_digests: Mapping[FileVersion, str] = MappingProxyType({}),
) -> None:
    """Write the manifest after a build published `request.destination` from `snapshot`.

    A digest the check left unknown is the build's own (`read_digests`: what it read of
    the file at the same stamp), else the file's hash if it still has the stamp the
    check saw before and after reading it, else left unknown: the next check then finds
    the file changed, which costs a build, never a wrong "nothing changed"."""
    try:
        destination = _destination_state(request.destination, with_digests=True)
    except OSError:
        return
    files = list(snapshot.files)
    for index, path, mtime in snapshot.unhashed:
        files[index] = _completed(files[index], path, mtime, read_digests)
    _write(request.cache_dir, _Stored(snapshot.inputs, tuple(files), destination, valid_until_ns, summary))


def _completed(entry: Entry, path: str, mtime: int, read_digests: Mapping[FileVersion, str]) -> Entry:
    _, size, _, ctime, inode, device, _ = entry
    digest = read_digests.get((device, inode, size, mtime))
    if digest is None:
        try:
            before = os.stat(path)
            digest = _digest_path(path)
            after = os.stat(path)
        except OSError:
            return entry
        stamps = {(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) for info in (before, after)}
        if stamps != {(size, mtime, ctime, inode)}:
            return entry
    return (*entry[:6], digest)


def forget_manifest(cache_dir: Path) -> None:
    """Delete the manifest: the build about to run may change the output without one."""
    with contextlib.suppress(FileNotFoundError):
        (cache_dir / MANIFEST_NAME).unlink()


# -- what is compared ------------------------------------------------------------------------


def _inputs(request: BuildRequest) -> str:
    """Everything but files that decides the output, as one string."""
    environment = tuple((name, os.environ.get(name)) for name in _ENVIRONMENT)
    folders = (request.site_dir, request.destination, request.cache_dir)
    places = tuple(os.path.realpath(folder) for folder in folders)
    options = (request.future, request.drafts, request.strict)
    return repr((_FORMAT, sitegen.__version__, sys.version, _distributions(), options, environment, places))


def _distributions() -> tuple[str, ...]:
    """The installed distributions and their versions, by their metadata folders' names
    (`Jinja2-3.1.4.dist-info`): an upgrade of a library can change the output. Names,
    not stamps, so a fresh install of the same versions (CI) still matches."""
    names: list[str] = []
    for folder in sys.path:
        if os.path.basename(folder) in ("site-packages", "dist-packages") and os.path.isdir(folder):
            names += [name for name in os.listdir(folder) if name.endswith(_METADATA_SUFFIXES)]
    return tuple(sorted(names))


def _roots(request: BuildRequest) -> list[tuple[str, Path]]:
    """Folders whose files are inputs: the site, the default theme (packaged beside the
    code, or `templates/` beside a checkout) and sitegen's own code."""
    package = Path(sitegen.__file__).resolve().parent
    theme = Path(os.path.realpath(default_theme_dir()))
    site = Path(os.path.realpath(request.site_dir))
    roots = [("site", site), ("code", package)]
    if theme.is_dir() and not theme.is_relative_to(site) and not theme.is_relative_to(package):
        roots.append(("theme", theme))
    return roots


def _listing(request: BuildRequest) -> Iterator[tuple[str, str, os.stat_result, str]]:
    """(key, path, stat, special) for every input file, in a fixed order; `special` stands in
    for the digest of what is not a regular file (a broken link, a FIFO)."""
    skipped = set()
    for folder in (request.destination, request.cache_dir):
        try:
            info = os.stat(folder)
            skipped.add((info.st_dev, info.st_ino))
        except FileNotFoundError:
            pass
    for label, root in _roots(request):
        yield from _walk(label, root, frozenset(skipped))


def _walk(
    label: str, root: Path, skipped: frozenset[tuple[int, int]]
) -> Iterator[tuple[str, str, os.stat_result, str]]:
    """Depth first, each folder's names sorted, so the order is the same every time;
    folder links are followed once (the scan reads through links inside the site)."""
    top = os.stat(root)
    visited = {(top.st_dev, top.st_ino)}
    pending = [(str(root), label)]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as scanned:
            entries = sorted(scanned, key=lambda entry: entry.name)
        folders = []
        for entry in entries:
            key = f"{prefix}/{entry.name}"
            try:
                info = entry.stat()
            except OSError:  # a broken link or a link loop: its target text is its content
                yield key, entry.path, entry.stat(follow_symlinks=False), "link:" + os.readlink(entry.path)
                continue
            if stat.S_ISDIR(info.st_mode):
                identity = (info.st_dev, info.st_ino)
                hidden = entry.name.startswith(".") or entry.name in _SKIPPED_FOLDERS
                if not hidden and identity not in skipped and identity not in visited:
                    visited.add(identity)
                    folders.append((entry.path, key))
            elif stat.S_ISREG(info.st_mode):
                yield key, entry.path, info, ""
            else:
                yield key, entry.path, info, f"special:{stat.S_IFMT(info.st_mode)}"
        pending.extend(reversed(folders))


def _still_valid(valid_until: int | None, moment: int) -> bool:
    return valid_until is None or moment < valid_until


def _digest_path(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.blake2b(handle.read(), digest_size=20).hexdigest()


# -- the published tree ------------------------------------------------------------------------

_Destination = tuple[int, tuple[tuple[str, bool, int, int, int, int, int, str], ...]]
"""(root mtime_ns, top-level entries as (name, is_folder, size, mtime_ns, ctime_ns, inode,
device, digest))."""


def _destination_state(destination: Path, *, with_digests: bool) -> _Destination:
    root = os.stat(destination)
    entries = []
    with os.scandir(destination) as scanned:
        for entry in sorted(scanned, key=lambda entry: entry.name):
            info = entry.stat(follow_symlinks=False)
            folder = stat.S_ISDIR(info.st_mode)
            digest = _digest_path(Path(entry.path)) if with_digests and stat.S_ISREG(info.st_mode) else ""
            stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
            entries.append((entry.name, folder, *stamp, digest))
    return root.st_mtime_ns, tuple(entries)


def _destination_unchanged(destination: Path, recorded: _Destination) -> bool:
    """The published tree's top level is as the last build left it: each entry's stamp is,
    or (restored from a CI cache: new inodes, the mtimes kept) each file's digest and
    each folder's mtime are."""
    try:
        root_mtime, entries = _destination_state(destination, with_digests=False)
        if root_mtime != recorded[0] or len(entries) != len(recorded[1]):
            return False
        for now, then in zip(entries, recorded[1], strict=True):
            if now[:2] != then[:2]:
                return False
            if now[2:7] == then[2:7]:
                continue
            if now[1] and now[3] == then[3]:
                continue
            if now[1] or now[2] != then[2] or _digest_path(destination / now[0]) != then[7]:
                return False
    except OSError:
        return False
    return True


# -- the file ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stored:
    inputs: str
    files: tuple[Entry, ...]
    destination: _Destination
    valid_until: int | None
    """Nanoseconds since the epoch; None means until an input changes."""
    summary: Summary


def _read(cache_dir: Path) -> _Stored | None:
    """The manifest, or None when absent, damaged or of another format (never an error)."""
    try:
        data = marshal.loads((cache_dir / MANIFEST_NAME).read_bytes())
        form, inputs, files, destination, valid_until, (posts, pages, count, diagnostics) = data
        if form != _FORMAT:
            return None
        return _Stored(inputs, files, destination, valid_until, Summary(posts, pages, count, diagnostics))
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(cache_dir: Path, stored: _Stored) -> None:
    """Temp file and `os.replace`: a killed build leaves the old manifest or the new one."""
    summary = stored.summary
    data = (
        _FORMAT,
        stored.inputs,
        stored.files,
        stored.destination,
        stored.valid_until,
        (summary.posts, summary.pages, summary.files, summary.diagnostics),
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f"{MANIFEST_NAME}.{os.getpid()}.tmp"
    temporary.write_bytes(marshal.dumps(data))
    os.replace(temporary, cache_dir / MANIFEST_NAME)
