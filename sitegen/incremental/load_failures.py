"""How a source file that cannot be loaded is reported, and the front-matter probe.

Each file is its own error boundary (`sitegen.incremental.loading._load_one`): what goes
wrong with it is one diagnostic naming it, and the build goes on without it (or, when
it was published before, with its last good load: `sitegen.incremental.last_good`).
"""

from __future__ import annotations

import errno
from enum import Enum
from typing import BinaryIO

from sitegen.content.front_matter import has_front_matter
from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic, Level, shorten
from sitegen.regular_files import NOT_REGULAR_LINE, NotRegularFile, open_regular

FRONT_MATTER_PROBE_BYTES = 64


def failed(source: SourceFile, error: Exception) -> Diagnostic:
    reason = f"{type(error).__name__}: {error}"
    return Diagnostic(f"cannot be loaded ({shorten(reason)})", source.path, None, Level.ERROR)


def unreadable(source: SourceFile, error: OSError) -> Diagnostic:
    """An error for a file that cannot be read; a warning for one deleted since the scan
    listed it (a `git checkout`, an `rm -rf` while the build ran): that is a deletion,
    not a fault of the file, and it is left out as deleted. The change that deleted it
    may have changed other files too, so the warning says to build again (the dev
    server does: the deletion is itself a change it rebuilds for)."""
    if isinstance(error, NotRegularFile):  # it became a FIFO or a device since the scan
        return Diagnostic(NOT_REGULAR_LINE, source.path)
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return Diagnostic("was deleted while the site was built; left out (build again)", source.path)
    if error.errno == errno.ELOOP:  # a file made a link since the scan judged it (`read_source`)
        return Diagnostic("became a link while the site was built; left out (build again)", source.path)
    return Diagnostic(f"cannot be read ({error.strerror or error}); skipped", source.path, None, Level.ERROR)


def read_source(source: SourceFile) -> bytes:
    """The bytes of the file the scan decided to read: the file itself, or the real file
    it decided a link leads to; never through a link made since (`open_regular`), which
    the scan's rule for links never judged (a post swapped for a link out of the site
    would publish that file)."""
    with _open_source(source) as handle:
        return handle.read()


class Opening(Enum):
    """How a file outside `_posts` opens (`sitegen.incremental.source_kinds`)."""

    FRONT_MATTER = "front matter"
    """Front matter Jekyll sees, or sitegen reads after blank lines (`unseen_page`)."""
    AFTER_BOM = "front matter after a UTF-8 byte order mark"
    """Front matter Jekyll does not see (`Utils.has_yaml_header?` reads bytes)."""
    NONE = "no front matter"


_UTF8_BOM = b"\xef\xbb\xbf"


def front_matter_opening(source: SourceFile) -> Opening:
    with _open_source(source) as handle:
        head = handle.read(FRONT_MATTER_PROBE_BYTES)
    text = head.removeprefix(_UTF8_BOM).decode("utf-8", errors="ignore")
    if not has_front_matter(text.replace("\r\n", "\n")):
        return Opening.NONE
    return Opening.AFTER_BOM if head.startswith(_UTF8_BOM) else Opening.FRONT_MATTER


def _open_source(source: SourceFile) -> BinaryIO:
    return open_regular(source.link_target or source.path, follow_links=False)
