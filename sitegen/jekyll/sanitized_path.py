"""A folder setting read as a path inside the site, as Jekyll reads one.

Jekyll joins every folder setting it reads from the site (`collections_dir`, a Sass
`sass_dir`) to the site folder through `Jekyll::PathManager.sanitized_path`: the value
is expanded against `/` (so no `..` climbs above it; a leading `~` is a name, not the
home folder), slashes are squeezed, and the result is taken below the site folder
unless it already lies in it. `../sass` is `<site>/sass`; `/srv/x` is `<site>/srv/x`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath

_SLASHES = re.compile("/+")


def sanitized_below(value: str, source: str) -> PurePosixPath:
    """The folder `value` names, relative to the site folder `source` (an absolute path,
    not resolved through links, as Jekyll's `source` is); `PurePosixPath()` for the site
    folder itself. Never leads out of it."""
    questionable = "/" + value if value.startswith("~") else value
    clean = _SLASHES.sub("/", posixpath.normpath(posixpath.join("/", questionable)))
    base = source.rstrip("/")
    if clean == base:
        return PurePosixPath()
    if clean.startswith(base + "/"):
        return PurePosixPath(clean[len(base) + 1 :])
    return PurePosixPath(clean.lstrip("/"))
