"""When Python's cyclic garbage collector runs in a build's own process: only while that
process does a work item (parsing a file, rendering a page), as a worker does.

A build makes hundreds of thousands of long-lived, acyclic objects (paths, posts, pages,
page records, the published tree's listing) and a rebuild does little else; the
collector, left on, walks them again every time enough of them pile up: measured, 0.95 s
of a 20 s one-post rebuild at 100,000 posts (4,100 collections), the rest of a rebuild
being passes over those same objects. The cycles a build makes come from the work
items: a 10,000-post build rendered entirely in one process with the collector off
throughout left 52,000 objects of cyclic garbage and the same peak memory. So the
collector rests for the whole command (`collector_paused`) and runs around each work item
this process takes (`collecting`); forked workers collect as usual
(`sitegen.parallel`). Standard library only: the command line pauses it before its
no-change check, which imports nothing else.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import TypeVar

State = TypeVar("State")
Item = TypeVar("Item")
Result = TypeVar("Result")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off within; on leaving, the collector is as it was and what the
    pause froze is unfrozen (`freeze_alive`), so a long-lived caller (the dev server)
    can collect it again, and should (`collect_garbage`). A caller that had frozen
    objects itself keeps its freeze, and the pause's objects stay frozen with them (the
    collector cannot unfreeze part)."""
    was_enabled = gc.isenabled()
    frozen_before = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def collect_garbage() -> int:
    """A full collection now; returns how many unreachable objects it found. For a
    process that builds again and again: what a build's pause left (its cycles, moved
    to the oldest generation when unfrozen) is otherwise collected only when Python's
    thresholds next call for a full collection, which in such a process can be never."""
    return gc.collect()


def freeze_alive() -> None:
    """Move every object alive now out of the collector's sight until the pause ends:
    forked workers, which collect, then never touch (and so never copy) the build's
    long-lived objects, and a collection in a work item does not walk them."""
    gc.freeze()


PILED_UP = 10_000
"""Objects made since the last collection, outside any work item, past which `collecting`
freezes them before the next item: a pile this large is what the build's own passes
left (its long-lived objects), never the garbage of the item before, which a collection
ends with fewer than the collector's first threshold (700) objects young."""


def collecting(function: Callable[[State, Item], Result], state: State, item: Item) -> Result:
    """`function(state, item)` with the collector on, as in a worker: the work items are
    where a build makes short-lived cycles (parsers, templates, tracebacks). When the
    build's own passes have piled up objects since the last collection (`PILED_UP`),
    they are frozen first (`gc.freeze` moves whole generations, in constant time), so
    the item's collections do not walk them: without that, the first collection in an
    item walked everything the pause had let pile up (1.3 s of collections in a
    100,000-post rebuild, more than the pause saved). Not before every item: the item
    before may have left cyclic garbage not yet collected, which a freeze would keep
    until the build ends (a template making a cycle per page grew a 2,000-page build
    run in one process by 190 MB)."""
    if gc.isenabled():
        return function(state, item)
    if gc.get_count()[0] >= PILED_UP:
        gc.freeze()
    gc.enable()
    try:
        return function(state, item)
    finally:
        gc.disable()
