"""The watcher never takes the cache's or the output's own writes for changes, whatever
links lead into them: judged by where a path leads, not how it is spelled."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.serve.watch import SiteWatcher
from tests.test_watch_bounds import DEBOUNCE, Bursts


def _spellings(root: Path) -> list[Path]:
    """Every path a walk through links reaches a folder by (a link back to a folder on
    its way, a loop, is not walked again)."""
    found: list[Path] = []
    pending: list[tuple[Path, frozenset[str]]] = [(root, frozenset())]
    while pending:
        folder, way = pending.pop()
        real = os.path.realpath(folder)
        if real in way:
            continue
        found.append(folder)
        pending.extend((entry, way | {real}) for entry in folder.iterdir() if entry.is_dir())
    return found


@settings(max_examples=15, deadline=None)
@example(cache="a/c", links=[("l", "a")], cache_set_first=True)
@example(cache="b", links=[("b/m", "a")], cache_set_first=True)
@given(
    cache=st.sampled_from(["a/c", "b/c", "a/c/d", "b", "_site"]),
    links=st.lists(
        st.tuples(st.sampled_from(["l", "a/l", "b/m", "n"]), st.sampled_from(["a", "b", "a/c", "b/c", "."])),
        max_size=4,
        unique_by=lambda link: link[0],
    ),
    cache_set_first=st.booleans(),
)
def test_the_cache_and_output_reached_through_links_start_no_rebuild(
    cache: str, links: list[tuple[str, str]], cache_set_first: bool
) -> None:
    """With `lnk -> real` and the cache in `real/c`, the cache was watched as `lnk/c`,
    and each rebuild's own writes there started the next, seven a second, for ever.
    Whatever links lead into the cache or the output, and whether the cache was known
    when the watching started or set later, writing there starts no rebuild, while a
    save in the site still does."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch).resolve() / "site"
        for folder in ("a/c/d", "b/c", "_site"):
            (root / folder).mkdir(parents=True)
        for link, target in links:
            (root / link).symlink_to(root / target, target_is_directory=True)
        bursts = Bursts()
        watcher = SiteWatcher([root], bursts, ignore_paths=[root / "_site"], debounce=DEBOUNCE)
        if cache_set_first:
            watcher.ignore_cache(root / cache)
        with watcher:
            if not cache_set_first:
                watcher.ignore_cache(root / cache)
            count = bursts.quiet()
            owned = [root / "_site", root / cache]
            for spelled in _spellings(root):
                # Whichever way the watch walk reached a folder, each way is judged alike.
                owned_here = any(Path(os.path.realpath(spelled)).is_relative_to(place) for place in owned)
                assert watcher.is_ignored(spelled / "state.db") == owned_here, spelled
                if owned_here:
                    (spelled / f"w{len(os.listdir(spelled))}").write_text("x")
            settled = bursts.quiet()
            assert settled == count, [sorted(map(str, changed)) for _, _, changed in bursts.calls[count:]]
            (root / "page.md").write_text("x")
            assert bursts.wait_for(count + 1)[count] == {root / "page.md"}
