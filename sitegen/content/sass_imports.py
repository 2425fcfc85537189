"""Where a Sass `@import` finds its file, and the record of every path it looked at.

jekyll-sass-converter 2.2 (`lib/jekyll/converters/scss.rb`, `filename`) hands libsass
the stylesheet as if it lay at `<site>/<name>`: whatever folder the stylesheet is in, an
import is looked for first beside that name, in the site folder, then in the load
paths (`load_paths`, then `sass_dir`, each only where it is a folder: `sass_load_paths`).
A partial's own imports are looked for beside the partial first. libsass would also try
the folder sitegen runs in; sitegen never does, so the output does not depend on it.

Within a folder the candidates are libsass's (`file.cpp`, `resolve_includes`): the name
as written, `_name`, `_name.scss|.sass|.css`, `name.scss|.sass|.css`, then (none found)
`name/_index.*` and `name/index.*`; two matches in one folder are an error, as there.

Every path looked at, found or not, is recorded (`SassReads`): the CSS depends on each
found file's bytes and on each missing one staying missing, so the build cache keys a
stylesheet on all of them (`reads_digest`) and the no-change check walks their folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from sitegen.regular_files import open_regular

_EXTENSIONS = (".scss", ".sass", ".css")
_STDIN = "stdin"


@dataclass(slots=True)
class SassReads:
    """The paths imports of one stylesheet looked at, in order, once each, with what
    was there (`_state`): the bytes the compile read, not the file's bytes later."""

    paths: dict[str, bytes] = field(default_factory=dict)

    def add(self, path: str, state: bytes) -> None:
        self.paths.setdefault(path, state)

    def digest(self) -> str:
        return _digest(self.paths.items())


_RECORDING: ContextVar[SassReads | None] = ContextVar("sass_reads", default=None)


@contextlib.contextmanager
def recording_reads() -> Iterator[SassReads]:
    """Collect the paths every Sass compile in this block looks at."""
    reads = SassReads()
    token = _RECORDING.set(reads)
    try:
        yield reads
    finally:
        _RECORDING.reset(token)


class ImportNotFound(Exception):
    """An `@import` no folder holds (or holds twice over): libsass's own wording."""


@dataclass(frozen=True, slots=True)
class Importer:
    """libsass's `importers` callback, resolving as jekyll-sass-converter does."""

    site_dir: str
    load_paths: tuple[str, ...]
    reads: SassReads
    unread: tuple[str, ...] = ()
    """Real folders whose files are never imported (`SassSettings.unread`)."""
    safe: bool = False
    """Jekyll's safe mode: no file outside the site folder, as its links lead, is read
    (`SassSettings.safe`); an import of one is not found."""

    def __call__(self, path: str, previous: str) -> list[tuple[str, str]] | None:
        if _is_plain_css(path):
            return None  # a CSS `@import` libsass keeps as written
        here = self.site_dir if previous == _STDIN else os.path.dirname(previous)
        for folder in self.load_paths:  # a load path made later is searched then
            self.reads.add(folder + os.sep, _folder_state(folder + os.sep))
        folders = (here, *(folder for folder in self.load_paths if os.path.isdir(folder)))
        for folder in folders:
            found = self._candidates(folder, path)
            if len(found) > 1:
                raise ImportNotFound(f"It's not clear which file to import for '@import \"{path}\"'.")
            if found:
                resolved = found[0]
                try:
                    with open_regular(resolved) as handle:
                        data = handle.read()
                except OSError as error:  # libsass would print an empty message for it
                    raise ImportNotFound(f"{resolved} cannot be read ({error.strerror or error})") from None
                self.reads.paths[resolved] = _state(data)
                return [(resolved, data.decode("utf-8", errors="replace"))]
        hint = " (with safe: true nothing outside the site folder is imported)" if self.safe else ""
        raise ImportNotFound(f"File to import not found or unreadable: {path}.{hint}")

    def _candidates(self, folder: str, path: str) -> list[str]:
        joined = os.path.normpath(os.path.join(folder, path))
        directory, name = os.path.split(joined)
        names = [name, f"_{name}"]
        names += [f"_{name}{extension}" for extension in _EXTENSIONS]
        names += [f"{name}{extension}" for extension in _EXTENSIONS]
        found = self._existing(os.path.join(directory, candidate) for candidate in names)
        if found or name.endswith(_EXTENSIONS):
            return found
        index = [f"_index{extension}" for extension in _EXTENSIONS]
        index += [f"index{extension}" for extension in _EXTENSIONS]
        return self._existing(os.path.join(joined, candidate) for candidate in index)

    def _existing(self, paths: Iterator[str]) -> list[str]:
        found = []
        for candidate in paths:
            if os.path.isfile(candidate) and self._may_read(os.path.realpath(candidate)):
                found.append(candidate)
                self.reads.add(candidate, b"?")  # its bytes once read (or left unread)
            else:
                self.reads.add(candidate, _state(None))
        return found

    def _may_read(self, real: str) -> bool:
        """Whether the file at the real path `real` may be imported: not in a folder never
        imported from (`unread`), nor, in safe mode, outside the site folder as its links
        lead."""
        if any(real == folder or real.startswith(folder + os.sep) for folder in self.unread):
            return False
        return not self.safe or real.startswith(os.path.realpath(self.site_dir) + os.sep)


def importer_for(
    site_dir: str, load_paths: tuple[str, ...], unread: tuple[str, ...] = (), *, safe: bool = False
) -> Importer:
    """An importer that records into the active `recording_reads` block, if any."""
    return Importer(site_dir, load_paths, _RECORDING.get() or SassReads(), unread, safe)


def _is_plain_css(path: str) -> bool:
    lowered = path.lower()
    return lowered.endswith(".css") or lowered.startswith(("http://", "https://", "//", "url("))


def reads_digest(paths: tuple[str, ...]) -> str:
    """`SassReads.digest` of the recorded `paths` as they are now: equal to the record's
    own digest exactly when every file holds the bytes the compile read, and every
    missing one is still missing."""
    states = []
    for path in paths:
        if path.endswith(os.sep):
            states.append((path, _folder_state(path)))
            continue
        try:
            with open_regular(path) as handle:
                data: bytes | None = handle.read()
        except OSError:
            data = None
        states.append((path, _state(data)))
    return _digest(states)


def _folder_state(path: str) -> bytes:
    return b"d" if os.path.isdir(path) else b"-"


def _state(data: bytes | None) -> bytes:
    return b"-" if data is None else b"f" + hashlib.blake2b(data, digest_size=20).digest()


def _digest(states: Iterable[tuple[str, bytes]]) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for path, state in states:
        hasher.update(path.encode("utf-8", "surrogateescape") + b"\0" + state + b"\0")
    return hasher.hexdigest()
