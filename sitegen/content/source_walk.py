"""The walk of a site's source folders: which files a scan reads, by the symlink rule.

Symlinks follow one rule, for files and folders alike (Jekyll's own:
`Jekyll::EntryFilter#symlink?`, entry_filter.rb): a link is read as if it were its
target, wherever that lies; in safe mode (`safe: true`) a link out of the site folder is
skipped with a warning naming it, as Jekyll skips it only there. A dangling link or a
link loop is skipped with a warning naming it. Ways through links are read fewest links
first and bounded (`sitegen.content.walk_bounds`): a folder reached more than `MAX_WAYS`
ways, a link on a way through `MAX_LINKS` others, and a folder whose path is too long to
be read or published are skipped with one line each. Anything that is neither a file nor
a folder (a FIFO, a socket, a device) is skipped with a warning, since reading it could
block the build, and so is a file whose name is not UTF-8 (it cannot have a URL). A
folder holding a build cache (`sitegen.content.cache_tag`) is skipped with a warning. A
folder that cannot be listed (its permissions) is left out with one error line, and
named in `SourceWalker.unread`: the build goes on without its files, and publishing then
removes nothing (`sitegen.publish.writer`), so the pages it published before stay
published as they were until it can be read again. (A folder `exclude` leaves out is
left out without a word: nothing in it is published anyway.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.content import globbed_entries
from sitegen.content.cache_tag import TAG_NAME, is_cache_listing, is_tagged, is_tagged_listing
from sitegen.content.entry_filter import EntryFilter
from sitegen.content.globbed_entries import in_posts_folder, lists_folder, path_below_glob, reads_globbed_file
from sitegen.content.link_rule import readable_link_target
from sitegen.content.published_marker import MARKER_NAME, is_published_tree
from sitegen.content.walk_bounds import (
    MAX_FOLDER_PATH_BYTES,
    MAX_LINKS,
    MAX_WAYS,
    is_too_long_a_way,
    path_bytes,
)
from sitegen.errors import Diagnostic, Level
from sitegen.folder_refusals import refused_on_way


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to load, with its path relative to the content root for messages and URLs."""

    path: Path
    relative_path: PurePosixPath
    link_target: Path | None = None
    """For a link, the real file the scan decided it leads to (`readable_link_target`),
    which is what is read from then on; None for a file that was no link."""


UNREAD_FOLDER_LINE = (
    "cannot read this folder ({reason}); built without reading it: what the last build "
    "loaded from it stays published as it was, listed as before, until it can be read"
)
"""The error line for a source folder that cannot be listed."""


def is_ignored_name(name: str) -> bool:
    """Names Jekyll never reads (`Jekyll::EntryFilter`) unless `include` names them:
    hidden files, editor lock files (`.#post.md`, `#post.md#`) and backups (`post.md~`).
    A name ending in `.` (`a.`, `b..`) the walk never reads at all, as Jekyll rejects it
    before it looks at `include`: a file anywhere, a folder of the site's own tree (the
    readers of posts and collections filter each file's path below their folder, so
    they read `_docs/f./a.md`)."""
    return name.startswith((".", "#")) or name.endswith("~")


class SourceWalker:
    """One scan's walk: follows the symlink rule, remembers what it skipped and why."""

    def __init__(
        self,
        root: Path,
        *,
        site_root: Path,
        skipped: frozenset[str],
        entries: EntryFilter,
        safe: bool = False,
    ) -> None:
        self._root = root
        self._safe = safe
        self._entries_filter = entries
        self._site_root = site_root
        self._skipped = skipped
        self._tagged: set[Path] = set()
        self._ways: dict[str, int] = {}
        """How many times each real folder was read, by any way (see `MAX_WAYS`)."""
        self._link_targets: dict[Path, Path] = {}
        """The real file each link to a file leads to, as decided (`SourceFile.link_target`)."""
        self.diagnostics: list[Diagnostic] = []
        self.unread: list[Path] = []
        """Folders of the site that could not be listed, whose files this build lacks."""
        self.linked_outside: set[Path] = set()
        """The real targets, files and folders, of the links out of the site read through:
        the dev server watches them, as no event in the site says they changed."""
        self.looked_in: set[Path] = set()
        """Every folder the walk looked for (`walk`'s top, there or not) or listed: where a
        file added later is read by the next build."""

    def walk(
        self,
        top: Path,
        *,
        prune_underscore_at_top: bool = False,
        globbed: bool = False,
        dot_match: bool = False,
    ) -> tuple[SourceFile, ...]:
        """Every readable file below `top` (which may itself be a symlinked folder).

        `globbed`: `top` is a folder Jekyll reads by a glob (`_posts/`, `_drafts/`, a
        collection's folder), which follows no link to a folder below it (Ruby's `**`
        does not; `Reader#get_entries`, reader.rb; `Collection#entries`, collection.rb):
        such a link is skipped with a warning. Below a `_posts/` or `_drafts/` folder met
        on the way (`news/_posts/`) the same holds. Below `top` a globbed folder's files
        are kept by their whole path (`sitegen.content.globbed_entries`; `dot_match`: the
        glob lists hidden names, as a collection's does), not name by name."""
        self.looked_in.add(top)
        try:
            if (top.is_symlink() and self._link_target(top) is None) or not top.is_dir():
                return ()
        except OSError as error:  # a folder on the way cannot be entered (`coll/` of `coll/_posts`)
            self._unreadable(refused_on_way(top), error)
            return ()
        if self._under_tagged(top):
            return ()
        # Each file as (path below the root, folder, name), sorted as text before any path
        # object is made: a site has tens of thousands of files, and the text of a path
        # made from parts costs as much again as making it.
        found: list[tuple[str, Path, str]] = []
        top_relative = top.relative_to(self._root).as_posix()
        # Each folder with the real folders on its way from `top`: a link back to one of
        # them is a loop; a second way to a folder elsewhere (`news/latest -> 2024`) is
        # read again, as Jekyll does (a set of every folder walked left out one of the
        # two ways, whichever came second, without a word). The ways are read fewest
        # links first (`by_links[n]` holds those through n links), each folder's entries
        # in name order: a folder's own path is always among the `MAX_WAYS` ways it is
        # read by, and which ways are cut does not depend on the file system's order.
        by_links: list[list[tuple[Path, str, frozenset[str]]]] = [[] for _ in range(MAX_LINKS + 1)]
        top_prefix = "" if top_relative == "." else top_relative + "/"
        by_links[1 if top.is_symlink() else 0].append((top, top_prefix, frozenset()))
        for links, pending in enumerate(by_links):
            while pending:
                folder, prefix, way = pending.pop()
                real_folder = os.path.realpath(folder)
                entries = self._entered(folder, real_folder, prefix, way, links, at_top=folder == top)
                if entries is None:
                    continue
                self.looked_in.add(folder)
                way = way | {real_folder}
                at_top = prune_underscore_at_top and folder == top
                # Below `news/_posts/` too the glob's rule holds (the scan keeps its files by it).
                by_glob = globbed or in_posts_folder(prefix)
                for entry in entries:
                    name = entry.name
                    if name.endswith(".") and (prune_underscore_at_top or not is_folder_entry(entry)):
                        # Never read, whatever `include` says (`EntryFilter#filter`); the
                        # posts' and collections' readers filter paths, not folders.
                        continue
                    if by_glob:
                        if is_folder_entry(entry):
                            if not lists_folder(name, dot_match=dot_match):
                                continue
                        elif not reads_globbed_file(
                            path_below_glob(prefix + name, top_prefix if globbed else None),
                            self._entries_filter,
                            dot_match=dot_match,
                            site_relative=prefix + name,
                        ):
                            continue  # before its kind is asked: a lock file's dangling link says nothing
                    elif (is_ignored_name(name) or (at_top and name.startswith("_"))) and not (
                        self._entries_filter.is_included(name, is_dir=is_folder_entry(entry))
                    ):
                        continue
                    if not is_utf8_name(name):
                        self._skip(
                            folder / name, "has a name that is not UTF-8 text, so it has no URL; skipped"
                        )
                        continue
                    kind = self._kind(entry, folder)
                    if kind == "folder" and entry.is_symlink() and by_glob:
                        self._skip(folder / name, GLOBBED_LINK_LINE)
                    elif kind == "folder":
                        through = links + entry.is_symlink()
                        if through > MAX_LINKS:
                            self._skip(
                                folder / name,
                                f"is a link on a way through {MAX_LINKS} links already; skipped",
                            )
                        else:
                            by_links[through].append((folder / name, f"{prefix}{name}/", way))
                    elif kind == "file" and name == TAG_NAME and is_tagged(folder):
                        # The site folder's own tag (only there is a tagged folder read):
                        # published, it would make backup tools skip the published site.
                        self._skip(folder / name, "is a cache directory tag; not published")
                    elif kind == "file":
                        found.append((prefix + name, folder, name))
        found.sort(key=_relative_text)
        targets = self._link_targets
        files = ((folder / name, relative) for relative, folder, name in found)
        if not targets:  # most sites: no link to ask about
            return tuple(SourceFile(path, PurePosixPath(relative)) for path, relative in files)
        return tuple(SourceFile(path, PurePosixPath(relative), targets.get(path)) for path, relative in files)

    def _under_tagged(self, top: Path) -> bool:
        """Whether `top` or a folder between it and the site folder is a build cache
        (`sitegen.content.cache_tag`): then nothing below it is read, as the no-change
        check, which walks the site folder, never reads it either."""
        relative = top.relative_to(self._root)
        folders = [self._root / way for way in (relative, *relative.parents) if way != Path(".")]
        if os.path.realpath(self._root) != str(self._site_root):  # `content/` itself counts
            folders.append(self._root)
        for folder in folders:
            if folder in self._tagged or is_tagged(folder):
                self._skip_tagged(folder)
                return True
        return False

    def _skip_tagged(self, folder: Path, *, untagged: bool = False) -> None:
        """Another build's cache folder, or a folder someone tagged: said once, unless
        `exclude` leaves it out anyway (a Jekyll tree's `templates/`, read as the theme).
        A cache that lost its tag is known by what it holds (`cache_tag.is_cache_listing`):
        its database holds the text of drafts."""
        if folder not in self._tagged:
            self._tagged.add(folder)
            relative = PurePosixPath(folder.relative_to(self._root).as_posix())
            if relative == PurePosixPath(".") or not self._entries_filter.excludes_folder(relative):
                what = (
                    f"is a build cache without its {TAG_NAME}"
                    if untagged
                    else f"holds a {TAG_NAME} (a build cache)"
                )
                self._skip(folder, f"{what}; nothing in it is read")

    def _entered(
        self, folder: Path, real_folder: str, prefix: str, way: frozenset[str], links: int, *, at_top: bool
    ) -> list[os.DirEntry[str]] | None:
        """The entries of `folder` (really `real_folder`, `at_top` if the walk's own, as a
        collection's `_docs/`), reached at `prefix` by `way` through `links` links, in name
        order; None (said in a line, where there is any) when not read by this way."""
        if real_folder in self._skipped:
            return None  # the destination or the cache
        if real_folder in way:
            self._skip(folder, "is a symlink loop (it leads back to a folder it is reached from); skipped")
            return None
        if path_bytes(prefix) > MAX_FOLDER_PATH_BYTES:
            self._skip_way(folder, links, f"has a path longer than {MAX_FOLDER_PATH_BYTES} bytes")
            return None
        ways = self._ways[real_folder] = self._ways.get(real_folder, 0) + 1
        if ways > MAX_WAYS:
            if ways == MAX_WAYS + 1:
                self._skip(folder, f"is a folder reached by more than {MAX_WAYS} ways through links; skipped")
            return None
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_entry_name)
        except OSError as error:
            if not is_too_long_a_way(error):
                if at_top or not globbed_entries.never_read_folder(folder.name, prefix, self._entries_filter):
                    self._unreadable(folder, error)
                return None
            self._skip_way(folder, links, f"cannot be opened by this path ({error.strerror})")
            return None
        names = [entry.name for entry in entries]
        if way and is_tagged_listing(folder, names):  # not `top`: its own tag is skipped alone
            self._skip_tagged(folder)
            return None
        if way and is_cache_listing(folder, names, tagged=False):
            self._skip_tagged(folder, untagged=True)
            return None
        if way and is_published_tree(folder, names):  # not the destination: that is `_skipped`
            self._skip(folder, f"is a site sitegen published ({MARKER_NAME} says so); not read as a source")
            return None
        return entries

    def _unreadable(self, folder: Path, error: OSError) -> None:
        """A folder that cannot be listed: one error line, and remembered in `unread`,
        so that publishing keeps every page this build does not plan (the folder's
        among them). Once, however many ways lead to it; not at all where `exclude`
        leaves it out."""
        if self._left_out(folder) or folder in self.unread:
            return
        self.unread.append(folder)
        self.diagnostics.append(
            Diagnostic(UNREAD_FOLDER_LINE.format(reason=error.strerror), folder, level=Level.ERROR)
        )

    def _skip_way(self, folder: Path, links: int, why: str) -> None:
        """A folder whose path is too long to be read or published: through links, a
        longer spelling of folders read by shorter ways (a warning); without any, a real
        folder whose files are left out (an error)."""
        if links:
            self._skip(folder, f"{why}, reached through {links} links; skipped")
        elif not self._left_out(folder):
            self.diagnostics.append(
                Diagnostic(f"{why}; nothing in it is published", folder, level=Level.ERROR)
            )

    def _kind(self, entry: os.DirEntry[str], folder: Path) -> str:
        """`file`, `folder` or `skip` for one entry of `folder`, applying the symlink rule."""
        try:
            # A plain file first, the common case (`follow_symlinks=False`: never a link).
            if entry.is_file(follow_symlinks=False):
                return "file"
            if entry.is_symlink():
                path = folder / entry.name
                target = self._link_target(path)
                if target is None:
                    return "skip"
                if target.is_dir():
                    return "folder"
                if not target.is_file():
                    return self._special(path)
                self._link_targets[path] = target
                return "file"
            if entry.is_dir(follow_symlinks=False):
                return "folder"
        except OSError as error:
            self._skip(folder / entry.name, f"cannot be read ({error.strerror}); skipped")
            return "skip"
        return self._special(folder / entry.name)

    def _special(self, path: Path) -> str:
        self._skip(path, "is neither a file nor a folder (a FIFO, socket or device); skipped")
        return "skip"

    def _link_target(self, link: Path) -> Path | None:
        """The link's target when it may be read, else None (and a warning)."""
        target = readable_link_target(link, self._site_root, safe=self._safe)
        if isinstance(target, str):
            self._skip(link, target)
            return None
        if not target.is_relative_to(self._site_root):
            self.linked_outside.add(target)
        return target

    def _skip(self, path: Path, message: str) -> None:
        """One warning for `path`, unless `exclude` leaves it out anyway: a theme file
        linked out of the site in a Jekyll tree's `templates/` (read as the theme, wherever
        its links lead) was "skipped" at every build while the theme used it."""
        if not self._left_out(path):
            self.diagnostics.append(Diagnostic(message, path))

    def _left_out(self, path: Path) -> bool:
        """Whether `exclude` leaves `path` out (it is in the site, below the root)."""
        relative = PurePosixPath(Path(os.path.relpath(path, self._root)).as_posix())
        inside = relative.parts[:1] not in ((), ("..",))
        return inside and self._entries_filter.excludes_path(relative)


GLOBBED_LINK_LINE = (
    "is a link to a folder inside a folder of posts, drafts or documents; skipped (Jekyll's "
    "readers of those follow no link to a folder)"
)
"""Why a folder link below `_posts/`, `_drafts/` or a collection's folder is not read."""


def _relative_text(found: tuple[str, Path, str]) -> str:
    return found[0]


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def is_utf8_name(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_folder_entry(entry: os.DirEntry[str]) -> bool:
    """Whether `entry` is a folder, through a link too; a link that loops or cannot be
    followed is none (`DirEntry.is_dir` raises for a loop: a looping `_layouts` link,
    which the walk passes over unread, ended the build). What such an entry is, when it
    is read, `_kind` says."""
    try:
        return entry.is_dir()
    except OSError:
        return False
