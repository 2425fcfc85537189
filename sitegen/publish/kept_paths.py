"""Which live paths a publish must remove beside the planned ones, and which folders it
leaves as they were: path arithmetic only, no file system (`sitegen.publish.writer`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sitegen.publish.tree_listing import FolderStamp
from sitegen.urls import OutputPath, output_folders

__all__ = ["in_the_way", "untouched"]


def in_the_way(unplanned: Iterable[str], planned: set[OutputPath]) -> list[str]:
    """Those of `unplanned` (live files and strays no plan holds) that a planned file
    cannot be published beside: one where a planned file needs a folder (`a` for
    `a/b.html`), or one below a planned file's path (`a/b.html/c` for `a/b.html`)."""
    folders = set(output_folders(planned))
    in_the_way = []
    for path in unplanned:
        bare = path.rstrip("/")
        parts = bare.split("/")
        above = ("/".join(parts[: depth + 1]) for depth in range(len(parts)))
        if bare in folders or any(step in planned for step in above):
            in_the_way.append(path)
    return in_the_way


def untouched(
    stamps: Mapping[str, FolderStamp], changed: Iterable[OutputPath], moded: Iterable[str] = ()
) -> dict[str, FolderStamp]:
    """`stamps` of the folders below the root but those above a changed path: writing,
    renaming or removing a file moves its folder's stamp, and a folder made or removed
    moves its parent's. Nor those of the `moded` folders (`moded_folders`), whose mode
    (and so ctime) publishing sets back. (The root is left out: the manifest compares it
    entry by entry.)"""
    touched = {"", *output_folders(changed), *moded}
    return {folder: stamp for folder, stamp in stamps.items() if folder not in touched}


def moded_folders(off_modes: set[str], published: Iterable[OutputPath]) -> set[str]:
    """The folders of `off_modes` (`ListedTree.off_modes`: not a new folder's mode) that
    hold published files: publishing sets their mode back. The destination itself is the
    user's folder (set up for a web server, maybe), and a folder only `keep_files` keeps
    (a deploy checkout's `.git`), both left as their owner has them."""
    if not off_modes:
        return set()
    return off_modes & set(output_folders(published))
