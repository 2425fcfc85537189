"""The folders holding the links on a path's way: what publishing must not delete.

A source reached through a chain of links (`_data/y.yml -> ../_l1/y.yml`,
`_l1/y.yml -> ../_l2/y.yml`) is lost when any link on its way is: a destination holding
`_l1/` would delete the middle link, though the file itself lies in `_l2/`. Resolving the
path one name at a time, as the system does (`os.path.realpath`'s walk), names the real
folder each link on the way lies in.
"""

from __future__ import annotations

import os
from collections import deque

MAX_HOPS = 40
"""Links followed on one way before it counts as a loop (the kernel's `MAXSYMLINKS`)."""


def link_hops(path: str) -> tuple[str, ...]:
    """The real folder holding each link met while resolving `path` (made absolute),
    first met first; () when no part of it is a link. A link that cannot be read ends
    the walk there (what lies beyond it is never read through it either)."""
    hops: list[str] = []
    resolved = "/"
    rest = deque(os.path.abspath(path).split("/"))
    followed = 0
    while rest:
        name = rest.popleft()
        if name in ("", "."):
            continue
        if name == "..":
            resolved = os.path.dirname(resolved)
            continue
        candidate = os.path.join(resolved, name)
        if not os.path.islink(candidate):
            resolved = candidate
            continue
        followed += 1
        try:
            target = os.readlink(candidate)
        except OSError:
            break
        hops.append(resolved)
        if followed > MAX_HOPS:
            break
        if target.startswith("/"):
            resolved = "/"
        rest.extendleft(reversed(target.split("/")))
    return tuple(dict.fromkeys(hops))
