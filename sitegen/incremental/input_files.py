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
`include` names one of those folders after all (`include: [.tox]`), or the build
looks for sources below one, the build records the name and the next check walks it
(`entered_folders`); a change of `include` is a change of `_config.yml`, so the build
that records the new names is a full one. Below the folders the build reads files from by whatever path asks
(`READ_WHOLE`: includes, data, layouts, templates, Sass partials) no name is left out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.content.cache_tag import is_cache_listing
from sitegen.content.entry_filter import EntryFilter
from sitegen.skipped_folders import READ_WHOLE, SKIPPED_FOLDERS, is_skipped_folder

LINK_MARK = "link:"
"""How `special` starts for a link itself (and a link that leads nowhere), read by `lstat`."""

Listed = tuple[str, str, os.stat_result, str]
"""(key, path, stat, special): `special` stands in for the digest of what is not a
regular file (a broken link, a FIFO), else ""."""


def entered_folders(include: tuple[str, ...], read_folders: Iterable[str] = ()) -> tuple[str, ...]:
    """The folder names the check leaves out that the build reads below, sorted: the
    build records them and the next check walks them, so an edit there is a change.
    They are the names of `SKIPPED_FOLDERS` the site's `include` brings into the build
    (`include: [.tox]` publishes `.tox/`, matched by name at any depth as the scan's
    `EntryFilter` matches it), any name on a path `include` spells out that the check
    leaves out, and any of `read_folders` (every folder name on the way to a folder the
    build looked in for sources, or to a Sass import, `content.source_folders`) it
    leaves out. (A user's hidden `.sitegen-notes` is walked like any hidden folder: only
    the names sitegen gives its own folders are left out, `sitegen.own_folders`.)"""
    rule = EntryFilter(include, ())
    by_name = {name for name in SKIPPED_FOLDERS if rule.is_included(name, is_dir=True)}
    # A file named by its path (`include: [.tox/report.html]`) is read wherever it lies
    # (`content.scan`): the folders on its way are walked too.
    spelled = {part for entry in include for part in entry.split("/") if is_skipped_folder(part)}
    read = {name for name in read_folders if is_skipped_folder(name)}
    return tuple(sorted(by_name | spelled | read))


def top_names(
    root: Path, skipped: frozenset[tuple[int, int]], entered: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The names in `root` itself that `walk(label, root, skipped, entered)` yields a key
    for (`label/name`, `label/name/` or `label/name\0link\0<real path>`): every entry but a folder it
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
    label: str,
    root: Path,
    skipped: frozenset[tuple[int, int]],
    entered: frozenset[str] = frozenset(),
    *,
    read_whole: bool = False,
) -> Iterator[Listed]:
    """Every file and folder below `root`, keyed `label/relative/path` (a folder's key
    ends in `/`): depth first, each folder's
    names sorted, so the order is the same every time; the folders whose (device,
    inode) is in `skipped` (the destination, the cache) are left out. Folder links are
    followed once (the scan reads through links inside the site), and only once no
    folder is left that is reached without one, so each folder is walked by its own path
    where it has one: a chain of links met first (`a/next -> ../b`, `b/next -> ../c`,
    …) was walked as `a/next/next/…` until the system refused the path, and every build
    was then a full one. `read_whole`: `root` is a folder the build reads files from by
    whatever path asks (a Sass load path outside the site), so no name below it is left
    out, as below the site's `READ_WHOLE` folders.

    Each folder is opened once and its names are `lstat`ed relative to it (a link's
    target `stat`ed too): the check's walk is most of a no-change run, and `scandir`'s
    entries, each `stat`ed by its whole path, cost 40 ms where this costs 28 (12,000
    files)."""
    top = os.stat(root)
    visited = {(top.st_dev, top.st_ino): read_whole}
    """Each folder walked, and whether by a way that leaves no name out (`READ_WHOLE`)."""
    pending = [(str(root), label)]
    linked: list[tuple[str, str, tuple[int, int], bool]] = []
    """Folders met through a link, walked once no folder is left to walk without one."""
    while pending or linked:
        if not pending:
            for path, key, identity, whole in linked:  # the first way met to each folder
                # Or again, whole, where it was walked leaving names out: `_includes ->
                # shared` reads `shared/.venv/x.html`, which the walk of `shared` skipped.
                if identity not in visited or (whole and not visited[identity]):
                    visited[identity] = whole
                    pending.append((path, key))
            pending.reverse()
            linked = []
            continue
        folder, prefix = pending.pop()
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NONBLOCK)
        try:
            names = sorted(os.listdir(folder_fd))
            if prefix != label and is_cache_listing(folder, names):
                continue  # another build's cache, which the scan never reads (`content.cache_tag`)
            listed = _FolderListing(folder_fd, folder, prefix)
            # No name left out below a folder the build reads by any path (`READ_WHOLE`).
            by_names = None if read_whole or not READ_WHOLE.isdisjoint(prefix.split("/")[1:]) else entered
            entries = listed.entries
            for name in names:
                info = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
                if stat.S_ISREG(info.st_mode):  # most names, listed here without a call
                    entries.append((f"{prefix}/{name}", f"{folder}/{name}", info, ""))
                else:
                    listed.add(name, info, skipped, by_names, visited)
        finally:
            os.close(folder_fd)
        yield from listed.entries
        pending.extend(reversed(listed.folders))
        linked.extend(listed.linked)


@dataclass(slots=True)
class _FolderListing:
    """What `walk` lists of one open folder: its entries, in order, and the folders below
    it to walk (`folders`) or, met through a link, to walk once no other is left (`linked`)."""

    folder_fd: int
    folder: str
    prefix: str
    entries: list[Listed] = field(default_factory=list)
    folders: list[tuple[str, str]] = field(default_factory=list)
    linked: list[tuple[str, str, tuple[int, int], bool]] = field(default_factory=list)

    def add(
        self,
        name: str,
        info: os.stat_result,
        skipped: frozenset[tuple[int, int]],
        entered: frozenset[str] | None,
        visited: dict[tuple[int, int], bool],
    ) -> None:
        """List the entry `name` (`info`: its `lstat`, relative to the open folder), a
        link's target `stat`ed too; a folder left out by its name (`is_skipped_folder` with
        `entered`; with None none is) or identity (`skipped`, `visited`) is not listed.
        Raises OSError when it is gone."""
        key = f"{self.prefix}/{name}"
        path = f"{self.folder}/{name}"
        is_link = stat.S_ISLNK(info.st_mode)
        if is_link:
            link = info
            target = LINK_MARK + os.readlink(name, dir_fd=self.folder_fd)
            try:
                info = os.stat(name, dir_fd=self.folder_fd)
            except OSError:  # a broken link or a link loop: its target text is its content
                self.entries.append((key, path, link, target))
                return
            # What the link is, beside what it leads to: the build reads a link only when
            # its target is inside the site, so a file or folder turned into a link (or
            # back, or pointed elsewhere) is a change even with equal bytes. Keyed by its
            # real path too: a link it leads through (outside the walk, or in a folder the
            # walk leaves out), pointed elsewhere, moves no stamp the walk reads, and a
            # folder reached by its own path is not listed again through the link.
            self.entries.append((f"{key}\0link\0{os.path.realpath(path)}", path, link, target))
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            identity = (info.st_dev, info.st_ino)
            by_name = entered is not None and is_skipped_folder(name, entered)
            whole = entered is None or name in READ_WHOLE  # no name left out below it
            if by_name or identity in skipped or (identity in visited and (visited[identity] or not whole)):
                return
            # The folder itself: an empty one can change a build (`templates/post.html/` in
            # a template's place is an error; the check saw no file and said "nothing
            # changed"). Its stamps move with its entries; its "digest" does not.
            self.entries.append((f"{key}/", path, info, "folder"))
            if is_link:
                self.linked.append((path, key, identity, whole))
            else:
                visited[identity] = whole
                self.folders.append((path, key))
        elif stat.S_ISREG(mode):
            self.entries.append((key, path, info, ""))
        else:
            self.entries.append((key, path, info, f"special:{stat.S_IFMT(mode)}"))
