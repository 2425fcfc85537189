"""The files of a source folder that cannot be read, as the last build loaded them.

A folder of the site this user may not list (`chmod 000 _posts`) is one error line, and
the build goes on without its files (`sitegen.content.source_walk`). Left at that, its
posts would leave the home page, the archives, the feeds and the sitemap while their own
pages stay published: a site that contradicts itself. So each file the last build loaded
below such a folder keeps its last good load (`sitegen.incremental.last_good`), as a
file that fails to load does, with no line of its own (the folder's says it).

The scan cannot say what such a file is, so each way the scan could have read it is
tried (a post, a collection's document, a page, each with the relative path it would
have): the load-cache key holds the kind and the relative path, so only the way the
last build read the file finds its load, and a wrong guess finds nothing (the file is
then left out, as before). Drafts and stylesheets, whose keys hold what only their files
tell (an mtime, what imports read), are left out.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from sitegen.config import SiteConfig
from sitegen.content.scan import POSTS_DIR_NAME, SourceFile, SourceTree
from sitegen.errors import Diagnostic, Level
from sitegen.incremental.cache import BuildCache
from sitegen.incremental.last_good import Failure, last_good_paths
from sitegen.jekyll.collections_folder import collections_folder

__all__ = ["UNREAD_FOLDER_FILE", "placed_unread_folder_files", "unread_folder_files"]

UNREAD_FOLDER_FILE = "is in a folder that cannot be read"
"""The message of an unread folder's file: never printed (the folder's line is)."""

_KINDS = ("post", "document", "page")


def unread_folder_files(
    folders: Sequence[Path],
    content_dir: Path,
    container: PurePosixPath,
    stored_paths: Iterable[str],
    read_paths: set[str],
) -> dict[str, list[Failure]]:
    """For each of `stored_paths` (sources the cache knows, as stored) below one of
    `folders` and not among `read_paths` (this build's jobs), the ways it may have been
    loaded, as failures (see the module): by stored path, sorted."""
    if not folders:
        return {}
    roots = [os.path.abspath(folder) + os.sep for folder in folders]
    content = Path(os.path.abspath(content_dir))
    collections = content / container
    found: dict[str, list[Failure]] = {}
    for stored in sorted(set(stored_paths) - read_paths):
        absolute = os.path.abspath(stored)
        if not any(absolute.startswith(root) for root in roots):
            continue
        path = Path(stored)
        ways: dict[tuple[str, PurePosixPath], None] = {}
        for base in (collections, content):
            if Path(absolute).is_relative_to(base):
                relative = PurePosixPath(Path(absolute).relative_to(base).as_posix())
                for kind in _KINDS:
                    ways[(kind, relative)] = None
        line = Diagnostic(UNREAD_FOLDER_FILE, path, None, Level.ERROR)
        found[stored] = [Failure(kind, SourceFile(path, relative), "", line) for kind, relative in ways]
    return found


def placed_unread_folder_files(
    tree: SourceTree,
    config: SiteConfig,
    known: Iterable[str],
    cache: BuildCache,
    read: Sequence[tuple[str, bool]],
) -> dict[int, list[Failure]]:
    """`unread_folder_files` of `tree`'s unread folders, among the sources the cache knows
    (`known`, and those kept from an earlier build), by the place each stood in the scan's
    order: the number of this build's jobs before it. `read`: each job's stored path
    and whether it is a post, in the jobs' order (posts first, each kind sorted)."""
    container = collections_folder(config.collections_dir, os.path.abspath(tree.content_dir))
    candidates = {*known, *last_good_paths(cache)}
    found = unread_folder_files(tree.unread, tree.content_dir, container, candidates, {p for p, _ in read})
    posts = [path for path, is_post in read if is_post]
    others = [path for path, is_post in read if not is_post]
    placed: dict[int, list[Failure]] = {}
    for stored, failures in found.items():
        if POSTS_DIR_NAME in Path(stored).parts:
            place = bisect.bisect(posts, stored)
        else:
            place = len(posts) + bisect.bisect(others, stored)
        placed.setdefault(place, []).extend(failures)
    return placed
