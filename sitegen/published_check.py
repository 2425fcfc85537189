"""The published tree listed, and every recorded page's file checked against its record,
in a forked process while the build scans, loads and plans.

A rebuild must know every file of the live tree and whether each page it keeps is still
the file it wrote (`sitegen.publish.writer.list_live_tree`,
`sitegen.incremental.render_choice.check_pages`). Both read only the destination, which
nothing but this build writes while it holds the lock, and the last build's records:
nothing of the plan. Done after the plan, as before, they were a pass of their own: at
10,000 bench posts 0.15 s of a 1.7 s one-post rebuild (the listing's `lstat` of 14,700
folders and a `stat` of 16,500 pages), at 100,000 posts 193,000 folders and 165,000
pages. Set aside (`sitegen.aside`), they run on the machine's other core while
this process scans, loads and plans, and only the listing and the few pages found
changed come back. Where the process cannot be forked or does not deliver, the same
work is done here (`Aside.result`), so an error reading the destination is reported
as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.aside import Aside, aside
from sitegen.file_modes import new_file_mode
from sitegen.incremental.cache import BuildCache, PageRecord
from sitegen.incremental.render_choice import PageChecks, check_pages
from sitegen.incremental.sealed import read_state
from sitegen.publish.tree_listing import ListedTree
from sitegen.publish.writer import list_live_tree

PUBLISHED_TREE = "published tree"
"""The cache's record of the published tree's folders (`WriteSummary.remembered`)."""


@dataclass(frozen=True, slots=True)
class CheckedTree:
    listed: ListedTree | None
    """The live tree (None: there is no destination yet)."""
    pages: PageChecks
    """Which recorded pages' files are still the pages recorded."""


_Request = tuple[Path, object, Mapping[str, PageRecord]]


@contextlib.contextmanager
def published_check(
    destination: Path, cache: BuildCache, *, forked: bool
) -> Iterator[Aside[_Request, CheckedTree]]:
    """Start checking `destination` against what `cache` recorded of it (in a forked
    process unless `forked` is false: `-j 1`); the context's value hands the
    `CheckedTree` over (`result`). Raises, from `result`, `OutputError` when the
    destination cannot be read."""
    request: _Request = (destination, cache.stored_state(PUBLISHED_TREE), cache.pages())
    with aside(_checked, request, forked=forked) as checking:
        yield checking


def _checked(request: _Request) -> CheckedTree:
    destination, stored, records = request
    remembered = read_state(PUBLISHED_TREE, stored)
    listed = list_live_tree(destination, remembered if isinstance(remembered, dict) else {})
    return CheckedTree(listed, check_pages(destination, records, listed, new_file_mode()))
