"""Which real folders a build reads sources from, worked out from the scan's sources:
what the destination checks (`sitegen.publish.destination`) compare a destination with."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.content.scan import SourceTree

SourceWays = tuple[set[str], list[str]]
"""The folders of every source file, and the paths of the sources that are links (`source_ways`)."""


def folders_holding_sources(ways: SourceWays) -> set[Path]:
    """The real folders of every source file, and of every symlinked one's target.

    Only `os.path.realpath` touches the files: it never raises where the system refuses a
    path (a way through links past 4,096 bytes, `File name too long`), and such a way's
    folder is the one its last readable part names. A file that is no link lies in its
    folder's real folder, so only folders and links are resolved: one call per folder
    rather than a walk of every file's path (12,000 of them in a first build of 10,000
    posts)."""
    walked, targets = source_folders_of(ways)
    return walked | targets


def source_folders_of(ways: SourceWays) -> tuple[set[Path], set[Path]]:
    """`folders_holding_sources` as the real folders the scan walked, and those holding
    what a linked source file leads to (not walked: the link reads that one file)."""
    parents, linked = ways
    walked = {Path(os.path.realpath(folder)) for folder in parents}
    return walked, {Path(os.path.realpath(path)).parent for path in linked}


def walked_folders(ways: SourceWays, site_dir: Path) -> set[Path]:
    """The real folders the scan walked down to each source, below the site folder:
    through `content/shared -> /srv/shared` to `/srv/shared/sub/a.txt`, `/srv/shared` too,
    though it holds no source itself. A destination inside one would be read as sources,
    on a rebuild as on a first build."""
    site = os.path.abspath(site_dir)
    folders: set[str] = set()
    for parent in ways[0]:
        folder = os.path.abspath(parent)
        while folder not in folders and folder.startswith(site + os.sep):
            folders.add(folder)
            folder = os.path.dirname(folder)
    return {Path(os.path.realpath(folder)) for folder in folders}


def source_ways(tree: SourceTree) -> SourceWays:
    """The folders of every source file, and the paths of the sources that are links,
    as text: every build asks this (once: both checks take it), and a `Path` made per
    source costs more."""
    sources = (*tree.posts, *tree.drafts, *tree.others, *tree.documents)
    parents = {os.path.dirname(os.fspath(source.path)) for source in sources}
    return parents, [os.fspath(source.path) for source in sources if source.link_target is not None]


def dangling_links(tree: SourceTree) -> list[Path]:
    """The links the scan skipped as leading nowhere (each a warning naming it), sorted:
    one that leads into the destination leads to a file of the build's own output once
    published, and the next build would find it a source there (`refuse_sources_inside`)."""
    found = {diagnostic.path for diagnostic in tree.diagnostics if diagnostic.path is not None}
    return sorted(path for path in found if _dangling(path))


def _dangling(path: Path) -> bool:
    try:
        return path.is_symlink() and not path.exists()
    except OSError:  # a folder on the way that cannot be searched: nothing is read there
        return False
