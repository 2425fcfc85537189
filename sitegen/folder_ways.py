"""What keeps a folder that is not there from being made: something on its way.

A folder sitegen makes (the destination, the cache folder) is made with its parents, so
`mkdir` fails when the nearest path on its way that exists is not a folder: a file, or a
link that leads nowhere. The system says only "File exists" or "Not a directory", naming
neither; this names the path in the way.

Only the standard library: the no-change check runs this before anything heavy.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["blocked_way"]


def blocked_way(folder: Path, name: str) -> str | None:
    """Why `folder` (called `name` in the message: "the destination") cannot be made, or
    None when nothing on its way stops it (it exists as a folder, or the nearest path that
    exists is one). One clause, e.g. "out is a file, not a folder, so the destination cannot
    be made in it"; a link counts by where it leads, as `mkdir` follows it."""
    for way in (folder, *folder.parents):
        if os.path.isdir(way):
            return None
        if not os.path.lexists(way):
            continue
        what = name if way == folder else str(way)
        if os.path.islink(way) and not os.path.exists(way):
            return f"{what} is a link leading nowhere (to {os.readlink(way)}, which is not there)"
        if way == folder:
            return f"{name} is a file, not a folder"
        return f"{way} is a file, not a folder, so {name} cannot be made in it"
    return None
