"""The file sitegen writes into every tree it publishes, and the scan's rule for it.

`.sitegen` in a destination says sitegen wrote it and may replace it
(`sitegen.publish.destination`). A folder inside the site holding it is a site sitegen
published there before (an earlier `destination:` or `-d`), which the scan never reads
as a source: read, its pages were published again below the new destination, one more
copy at every build that moved the destination (30 files, 60, 120).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

MARKER_NAME = ".sitegen"
"""Written into every destination: sitegen only replaces folders that carry it."""
MARKER_TEXT = b"written by sitegen; safe for sitegen to replace\n"


def is_published_tree(folder: Path, names: Collection[str]) -> bool:
    """Whether `folder`, whose entries are `names`, is a tree sitegen published: it holds
    the marker, a regular file of the marker's text (a site's own `.sitegen` says nothing)."""
    if MARKER_NAME not in names:
        return False
    marker = folder / MARKER_NAME
    try:
        if not marker.is_file() or marker.is_symlink() or marker.stat().st_size > len(MARKER_TEXT):
            return False
        return marker.read_bytes() == MARKER_TEXT
    except OSError:
        return False
