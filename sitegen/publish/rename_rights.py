"""Whether publishing may rename the destination, or must work inside it.

A swap (`sitegen.publish.swap`) makes the new tree beside the destination and renames it
into place, so it needs the destination's own folder: a mount point cannot be renamed,
and a folder the user may not write in takes no staging folder (`/var/www/html` owned by
the user below a `/var/www` that is root's, the usual web server layout). A journaled
publish (`sitegen.publish.journaled`) works inside the destination alone and keeps the
same guarantee, the old site or the new, never a mix.
"""

from __future__ import annotations

import os

from sitegen import folder_ways

__all__ = ["may_swap", "may_write_in"]


def may_swap(root_fd: int, parent_fd: int) -> bool:
    """Whether the destination open at `root_fd` can be swapped in its folder open at
    `parent_fd`: not a mount point, in a folder this user may make folders in, and this
    user's own (a swap puts a folder this user owns in its place: another's, say one
    a deploy user shares through its group, is published inside and keeps its owner)."""
    root, parent = os.fstat(root_fd), os.fstat(parent_fd)
    mount_point = root.st_dev != parent.st_dev or root.st_ino == parent.st_ino
    return not mount_point and root.st_uid == os.geteuid() and may_write_in(parent_fd)


def may_write_in(folder_fd: int) -> bool:
    """Whether this user may make and remove entries in the folder open at `folder_fd`
    (`sitegen.folder_ways.may_write_in`)."""
    return folder_ways.may_write_in(".", dir_fd=folder_fd)
