"""The folders sitegen makes for itself beside a site's files, told by their exact names.

Standard library only, part of the foundation: the no-change check leaves them out of
its walk before anything heavy is imported, and the dev server's watcher leaves them
out of what it watches.
"""

from __future__ import annotations

import re

__all__ = ["is_own_folder"]

_OWN_NAME = re.compile(
    r"\.sitegen-cache|\.sitegen-probe-[0-9]+"
    r"|\..+\.sitegen-(?:staging|previous|trash-[0-9]+-[0-9]+)"
    r"|\.sitegen-(?:staging|previous|trash-[0-9]+-[0-9]+)-[0-9a-f]{16}",
    re.DOTALL,
)
"""The names sitegen gives its own folders: the default cache, a folder probe, and the
staging, previous and trash trees beside a destination (`sitegen.publish.trash.sibling_name`,
`._site.sitegen-staging`). Only these: any other hidden name with `.sitegen` in it
(`.sitegenerator`, `.sitegen-notes`) is the user's, walked as every hidden folder is (it
was left out, so an `include: [".*"]` site's new folder there was "nothing changed")."""


def is_own_folder(name: str) -> bool:
    """Whether `name` is one sitegen gives a folder of its own (`_OWN_NAME`): the build's
    cache, a probe, a staging, previous or trash tree. Never a source."""
    return _OWN_NAME.fullmatch(name) is not None
