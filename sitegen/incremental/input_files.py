"""The files the no-change check compares: every file below a root, hidden folders too.

Only the standard library: the check runs before the pipeline is imported.

Hidden folders are walked. `include:` brings any hidden name into a build, at any depth
(`.well-known`, matched by name alone as Jekyll's `EntryFilter#included?` does), and the
check cannot parse `_config.yml` to learn which; recording the folders each build
entered instead would tie the check to the scan's rules and still miss a folder the
next `include:` names. Walking them all costs a `stat` per file and errs towards a
build. Left out are the folders that are never a site's input and can be huge or change
at every command: version control, Python and tool caches, environments, Jekyll's own
caches (in its default `exclude`, configuration.rb) and what sitegen itself writes
beside the published tree (`sitegen.publish.swap`: `._site.sitegen-staging`, retired
trees deleted in the background, the default `.sitegen-cache`). Where the site's
`include` names one of those folders after all (`include: [.tox]`), the build records
the name and the next check walks it (`entered_folders`); a change of `include` is a
change of `_config.yml`, so the build that records the new names is a full one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from sitegen.content.cache_tag import is_cache_listing
from sitegen.content.entry_filter import EntryFilter

SKIPPED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        ".jj",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".tox",
        ".nox",
        ".venv",
        ".jekyll-cache",
        ".sass-cache",
    }
)
"""Folder names never walked, wherever they are."""
_OWN_MARK = ".sitegen"
"""A hidden folder whose name starts with this or contains `.sitegen-` is sitegen's own.
Only a hidden one: `notes.sitegen-v1` is an ordinary folder the build reads."""

LINK_MARK = "link:"
"""How `special` starts for a link itself (and a link that leads nowhere), read by `lstat`."""

Listed = tuple[str, str, os.stat_result, str]
"""(key, path, stat, special): `special` stands in for the digest of what is not a
regular file (a broken link, a FIFO), else ""."""


def is_skipped_folder(name: str, entered: frozenset[str] = frozenset()) -> bool:
    """True for a folder name the check never enters (see the module's docstring), but
    for the names in `entered` (`entered_folders`)."""
    if name in SKIPPED_FOLDERS:
        return name not in entered
    return name.startswith(".") and (name.startswith(_OWN_MARK) or f"{_OWN_MARK}-" in name)


def entered_folders(include: tuple[str, ...]) -> tuple[str, ...]:
    """The names of `SKIPPED_FOLDERS` the site's `include` brings into the build
    (`include: [.tox]` publishes `.tox/`, matched by name at any depth as the scan's
    `EntryFilter` matches it), sorted: the build records them and the next check walks
    them, so an edit there is a change."""
    rule = EntryFilter(include, ())
    by_name = {name for name in SKIPPED_FOLDERS if rule.is_included(name, is_dir=True)}
    # A file named by its path (`include: [.tox/report.html]`) is read wherever it lies
    # (`content.scan`): the folders on its way are walked too.
    on_paths = {part for entry in include for part in entry.split("/")[:-1] if part in SKIPPED_FOLDERS}
    return tuple(sorted(by_name | on_paths))


def top_names(
    root: Path, skipped: frozenset[tuple[int, int]], entered: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The names in `root` itself that `walk(label, root, skipped, entered)` yields a key
    for (`label/name`, `label/name/` or `label/name\0link`): every entry but a folder it
    leaves out (by name, or by (device, inode) in `skipped`), a link to one included.
    One `scandir`: how the no-change record tells whether the top level changed while
    a build ran, where no folder stamp of the walk's own can tell it."""
    names = set()
    with os.scandir(root) as scanned:
        for entry in scanned:
            try:
                info = entry.stat()
            except OSError:  # a broken link: walked as a link
                names.add(entry.name)
                continue
            left_out = is_skipped_folder(entry.name, entered) or (info.st_dev, info.st_ino) in skipped
            if entry.is_symlink() or not stat.S_ISDIR(info.st_mode) or not left_out:
                names.add(entry.name)
    return frozenset(names)


def walk(
    label: str, root: Path, skipped: frozenset[tuple[int, int]], entered: frozenset[str] = frozenset()
) -> Iterator[Listed]:
    """Every file and folder below `root`, keyed `label/relative/path` (a folder's key
    ends in `/`): depth first, each folder's
    names sorted, so the order is the same every time; the folders whose (device,
    inode) is in `skipped` (the destination, the cache) are left out. Folder links are
    followed once (the scan reads through links inside the site), and only once no
    folder is left that is reached without one, so each folder is walked by its own path
    where it has one: a chain of links met first (`a/next -> ../b`, `b/next -> ../c`,
    …) was walked as `a/next/next/…` until the system refused the path, and every build
    was then a full one."""
    top = os.stat(root)
    visited = {(top.st_dev, top.st_ino)}
    pending = [(str(root), label)]
    linked: list[tuple[str, str, tuple[int, int]]] = []
    """Folders met through a link, walked once no folder is left to walk without one."""
    while pending or linked:
        if not pending:
            for path, key, identity in linked:  # the first way met to each folder
                if identity not in visited:
                    visited.add(identity)
                    pending.append((path, key))
            pending.reverse()
            linked = []
            continue
        folder, prefix = pending.pop()
        with os.scandir(folder) as scanned:
            entries = sorted(scanned, key=lambda entry: entry.name)
        if prefix != label and is_cache_listing(folder, (entry.name for entry in entries)):
            continue  # another build's cache, which the scan never reads (`content.cache_tag`)
        folders = []
        for entry in entries:
            key = f"{prefix}/{entry.name}"
            try:
                info = entry.stat()
            except OSError:  # a broken link or a link loop: its target text is its content
                yield key, entry.path, entry.stat(follow_symlinks=False), LINK_MARK + os.readlink(entry.path)
                continue
            if entry.is_symlink():
                # What the link is, beside what it leads to: the build reads a link only
                # when its target is inside the site, so a file or folder turned into a
                # link (or back, or pointed elsewhere) is a change even with equal bytes.
                link = entry.stat(follow_symlinks=False)
                yield f"{key}\0link", entry.path, link, LINK_MARK + os.readlink(entry.path)
            if stat.S_ISDIR(info.st_mode):
                identity = (info.st_dev, info.st_ino)
                if is_skipped_folder(entry.name, entered) or identity in skipped or identity in visited:
                    continue
                # The folder itself: an empty one can change a build (`templates/post.html/`
                # in a template's place is an error; the check saw no file and said
                # "nothing changed"). Its stamps move with its entries; its "digest" does not.
                yield f"{key}/", entry.path, info, "folder"
                if entry.is_symlink():
                    linked.append((entry.path, key, identity))
                else:
                    visited.add(identity)
                    folders.append((entry.path, key))
            elif stat.S_ISREG(info.st_mode):
                yield key, entry.path, info, ""
            else:
                yield key, entry.path, info, f"special:{stat.S_IFMT(info.st_mode)}"
        pending.extend(reversed(folders))
