"""The symlink rule for one link (Jekyll's `EntryFilter#symlink?`, entry_filter.rb): read
as its real target, wherever that lies, but for a loop, a broken link and, in safe mode
only, a link out of the site. One rule for the scan (`sitegen.content.source_walk`),
`_data/` and every other reader of the site folder.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = ["OUTSIDE_SAFE_LINE", "readable_link_target"]

OUTSIDE_SAFE_LINE = "is a symlink to outside the site folder; skipped (as in Jekyll's safe mode, `safe`)"
"""Why a link out of the site is not read: only in safe mode, as in Jekyll."""


def readable_link_target(link: Path, site_root: Path, *, safe: bool = False) -> Path | str:
    """The symlink rule for one link: its real target when it may be read as that target,
    else the line saying why not. One rule for the scan, `_data/` and every other reader
    of the site folder (Jekyll's `EntryFilter#symlink?`, entry_filter.rb, which refuses
    a link out of the site only when `site.safe`). `site_root` is the site folder with
    its own links resolved."""
    try:
        target = Path(os.path.realpath(link, strict=True))
    except OSError as error:
        reason = "is a symlink loop" if error.errno == errno.ELOOP else "is a broken symlink"
        return f"{reason}; skipped"
    if safe and not target.is_relative_to(site_root):
        return OUTSIDE_SAFE_LINE
    if Path(os.path.realpath(link.parent)).is_relative_to(target):
        # `ln -s . loop`, `_posts/up -> ..`: the folder holds the link, so reading
        # through it reads the folder again, below itself, for ever.
        return "is a symlink loop (to a folder it is in); skipped"
    return target
