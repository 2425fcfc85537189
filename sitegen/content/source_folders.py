"""The folders a build's sources lie in, for the no-change record: the names at the site's
top level, and every folder name on the way.

Worked out once per folder (10,000 posts sit in a few thousand folders at most).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from sitegen.content.scan import SourceTree

__all__ = ["source_folder_names", "source_top_names"]


def source_top_names(tree: SourceTree, site_dir: Path) -> frozenset[str]:
    """The names in `site_dir` itself under which `tree` found its files (`_posts`,
    `about.md`, `content`), `site_dir` as the scan was given it: the no-change record
    refuses a build that read below a name the check did not see, one that came and
    went again while the build ran (`sitegen.incremental.manifest.record`). Each folder
    is placed once (10,000 posts sit in a few thousand folders at most)."""
    root = os.path.abspath(site_dir)
    tops: dict[str, str] = {}
    """A folder's path as the scan wrote it → its name at the top ("" for the site itself)."""
    names = set()
    for group in (tree.posts, tree.drafts, tree.others, tree.documents):
        for source in group:
            folder, _, name = str(source.path).rpartition(os.sep)
            top = tops.get(folder)
            if top is None:
                relative = os.path.relpath(os.path.abspath(folder or os.curdir), root)
                top = tops[folder] = "" if relative == os.curdir else relative.partition(os.sep)[0]
            if top != os.pardir:
                names.add(top or name)
    return frozenset(names)


def source_folder_names(tree: SourceTree, site_dir: Path, others: Iterable[str] = ()) -> frozenset[str]:
    """Every folder name on the way from `site_dir` to a folder the scan looked in or
    listed (`SourceTree.looked_in`, so a `collections_dir: .venv` whose `_posts` is
    still empty counts) or to one of `others` (paths of other files the build read: Sass
    imports), inside the site: the no-change record has the check walk those of them it
    otherwise leaves out by name (`sitegen.incremental.input_files.entered_folders`)."""
    root = os.path.abspath(site_dir)
    folders = {*map(str, tree.looked_in), *(path.rpartition(os.sep)[0] for path in others)}
    names: set[str] = set()
    for folder in folders:
        relative = os.path.relpath(os.path.abspath(folder or os.curdir), root)
        if relative != os.curdir and relative.partition(os.sep)[0] != os.pardir:
            names.update(relative.split(os.sep))
    return frozenset(names)
