"""How far a walk of the source folder follows links, and what it does with a way the
system cannot open.

The scan reads every way to a folder through links, as Jekyll does, so links make the
ways, and their paths, grow: folders linking two ways a level (a lattice) have 2**n
ways to the last, and a finite chain of links (`d0/next -> ../d1`, `d1/next -> ../d2`,
…) spells `d0/next/next/…` ever longer, until the system refuses the path (`File name
too long` past its 4,096 bytes, `Too many levels of symbolic links` past 40 links in
one path) or its files' output paths pass the 3,072 bytes a published path may have.
Each of those is a longer spelling of a folder that the walk reaches by a shorter one
(or none at all), never a folder whose pages building without it would unpublish, so it
is skipped with one line naming it, and the bounds here stop a way well before the
system would: the build never depends on how deep the site folder itself lies.

Only the standard library and the output paths' limit (`sitegen.path_limits`): the
watcher and the no-change check order their walks by the same rule (`MAX_LINKS`).
"""

from __future__ import annotations

import errno

from sitegen.path_limits import MAX_PATH_BYTES

MAX_WAYS = 16
"""The most ways through links one folder is read by: each way is published, as in
Jekyll, but a lattice of links has 2**n ways to its last folder; a bound keeps a
hostile tree from growing a build without end."""

MAX_LINKS = 8
"""The most links one way goes through. Sites link a folder or two deep (`news/latest
-> 2024`); a way through more is a chain of links, and Linux refuses a path through
more than 40 (`ELOOP`), links to links counted, so the bound stays well below that."""

MAX_FOLDER_PATH_BYTES = MAX_PATH_BYTES
"""The longest path below the content folder a folder is read at: every file in a
folder past it has a path longer than a published path may be (`sitegen.urls`)."""


def path_bytes(relative_path: str) -> int:
    """The length of a path in bytes, as the file system counts it."""
    return len(relative_path.encode("utf-8", "surrogateescape"))


def is_too_long_a_way(error: OSError) -> bool:
    """Whether opening a folder failed for the way it was spelled, not for the folder:
    the path is longer than the system takes, or goes through too many links."""
    return error.errno in (errno.ENAMETOOLONG, errno.ELOOP)
