"""Find a site's source files and sort them into posts, drafts and other files.

Two layouts are accepted: sitegen's own (`_config.yml` beside `content/`, which holds
`_posts/`) and a plain Jekyll tree (`_posts/` beside `_config.yml`). As in Jekyll, names
starting with `_` or `.` are never published, and neither are editor leftovers (`#…`,
`…~`).

Symlinks follow one rule, for files and folders alike (Jekyll's own, outside safe mode:
`Jekyll::EntryFilter#symlink?`): a link whose target lies inside the site folder is read
as if it were its target; a link out of the site, a dangling link or a link loop is
skipped with a warning naming it. Anything that is neither a file nor a folder (a FIFO, a
socket, a device) is skipped with a warning, since reading it could block the build, and
so is a file whose name is not UTF-8 (it cannot have a URL).
A folder that cannot be read fails the scan: building without it would silently
unpublish every page it holds.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.content.cache_tag import TAG_NAME, is_tagged, is_tagged_listing
from sitegen.content.entry_filter import EntryFilter
from sitegen.errors import Diagnostic, SitegenError

CONTENT_DIR_NAME = "content"
POSTS_DIR_NAME = "_posts"
DRAFTS_DIR_NAME = "_drafts"
TEMPLATES_DIR_NAME = "templates"
CACHE_DIR_NAME = ".sitegen-cache"

#: What Jekyll never reads unless a site's `exclude` says otherwise: its default
#: `exclude` (`Jekyll::Configuration::DEFAULTS`, configuration.rb, Jekyll 4.3). A site's
#: own `exclude` is added to these; nothing else is left out.
JEKYLL_DEFAULT_EXCLUDE = frozenset(
    {
        ".sass-cache",
        ".jekyll-cache",
        "gemfiles",
        "Gemfile",
        "Gemfile.lock",
        "node_modules",
        "vendor/bundle",
        "vendor/cache",
        "vendor/gems",
        "vendor/ruby",
    }
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to load, with its path relative to the content root for messages and URLs."""

    path: Path
    relative_path: PurePosixPath


@dataclass(frozen=True, slots=True)
class SourceTree:
    """Every source file of a site, each list sorted by relative path."""

    content_dir: Path
    posts: tuple[SourceFile, ...]
    drafts: tuple[SourceFile, ...]
    others: tuple[SourceFile, ...]
    """Pages (files with front matter) and static files, told apart by the loader."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Links and special files that were skipped, one warning each."""
    documents: tuple[SourceFile, ...] = ()
    """Files of the collections Jekyll publishes (`_docs/…` for `collections: docs:
    output: true`), their relative path starting with the collection's folder."""


class UnreadableSourceError(SitegenError):
    """A source folder cannot be listed; the build stops rather than unpublish its pages."""


def content_dir_of(site_dir: Path) -> Path:
    """`site/content` in sitegen's layout, else the site folder itself (a Jekyll tree)."""
    if (site_dir / POSTS_DIR_NAME).is_dir():
        return site_dir
    candidate = site_dir / CONTENT_DIR_NAME
    return candidate if candidate.is_dir() else site_dir


def scan_sources(
    site_dir: Path,
    exclude: tuple[str, ...],
    skip_dirs: tuple[Path, ...],
    collection_folders: tuple[str, ...] = (),
    include: tuple[str, ...] = (),
) -> SourceTree:
    """Walk the content folder once; `skip_dirs` (destination, caches) are never entered;
    `collection_folders` (`_docs`) are the published collections' folders; `exclude` and
    `include` are the site's, applied by Jekyll's rule (`sitegen.content.entry_filter`).

    Raises `UnreadableSourceError` naming the first folder that cannot be listed."""
    content_dir = content_dir_of(site_dir)
    entries = site_entry_filter(site_dir, exclude, include)
    walker = _Walker(
        content_dir,
        site_root=Path(os.path.realpath(site_dir)),
        skipped=frozenset(os.path.realpath(path) for path in skip_dirs),
        entries=entries,
    )
    posts = walker.walk(content_dir / POSTS_DIR_NAME)
    drafts = walker.walk(content_dir / DRAFTS_DIR_NAME)
    nested_posts: list[SourceFile] = []
    nested_drafts: list[SourceFile] = []
    others = []
    for source in walker.walk(content_dir, prune_underscore_at_top=True):
        if entries.excludes_path(source.relative_path):
            continue
        special = _nested_special_folder(source.relative_path)
        if special == POSTS_DIR_NAME:
            nested_posts.append(source)
        elif special == DRAFTS_DIR_NAME:
            nested_drafts.append(source)
        elif not entries.rejects_path(source.relative_path):
            others.append(source)
    documents = [source for folder in collection_folders for source in walker.walk(content_dir / folder)]
    return SourceTree(
        content_dir,
        _merged(posts, nested_posts),
        _merged(drafts, nested_drafts),
        tuple(others),
        tuple(walker.diagnostics),
        _sorted(documents),
    )


def site_entry_filter(site_dir: Path, exclude: tuple[str, ...], include: tuple[str, ...]) -> EntryFilter:
    """The rule a scan of `site_dir` applies to each entry of its content folder:
    Jekyll's default `exclude`, the site's own `exclude` and `include`."""
    # A plain Jekyll tree's `templates/` is sitegen's theme override, not content.
    own = (TEMPLATES_DIR_NAME,) if content_dir_of(site_dir) == site_dir else ()
    return EntryFilter(include, (*sorted(JEKYLL_DEFAULT_EXCLUDE), *exclude, *own))


def is_ignored_name(name: str) -> bool:
    """Names Jekyll never reads (`Jekyll::EntryFilter`): hidden files, editor lock files
    (`.#post.md`, `#post.md#`) and backups (`post.md~`)."""
    return name.startswith((".", "#")) or name.endswith("~")


MAX_WAYS = 16
"""The most ways through links one folder is read by: each way is published, as in
Jekyll, but folders linking to each other two ways a level (a lattice) have 2**n ways
to the last; a bound keeps a hostile tree from growing a build without end."""


class _Walker:
    """One scan's walk: follows the symlink rule, remembers what it skipped and why."""

    def __init__(self, root: Path, *, site_root: Path, skipped: frozenset[str], entries: EntryFilter) -> None:
        self._root = root
        self._entries_filter = entries
        self._site_root = site_root
        self._skipped = skipped
        self._tagged: set[Path] = set()
        self._ways: dict[str, int] = {}
        """How many times each real folder was read, by any way (see `MAX_WAYS`)."""
        self.diagnostics: list[Diagnostic] = []

    def walk(self, top: Path, *, prune_underscore_at_top: bool = False) -> tuple[SourceFile, ...]:
        """Every readable file below `top` (which may itself be a symlinked folder)."""
        if top.is_symlink() and self._link_target(top) is None:
            return ()
        if not top.is_dir() or self._under_tagged(top):
            return ()
        # Each file as (path below the root, folder, name), sorted as text before any path
        # object is made: a site has tens of thousands of files, and the text of a path
        # made from parts costs as much again as making it.
        found: list[tuple[str, Path, str]] = []
        top_relative = top.relative_to(self._root).as_posix()
        # Each folder with the real folders on its way from `top`: a link back to one of
        # them is a loop; a second way to a folder elsewhere (`news/latest -> 2024`) is
        # read again, as Jekyll does (a set of every folder walked left out one of the
        # two ways, whichever came second, without a word).
        pending: list[tuple[Path, str, frozenset[str]]] = [
            (top, "" if top_relative == "." else top_relative + "/", frozenset())
        ]
        while pending:
            folder, prefix, way = pending.pop()
            real_folder = os.path.realpath(folder)
            if real_folder in self._skipped:
                continue  # the destination or the cache
            if real_folder in way:
                self._skip(
                    folder, "is a symlink loop (it leads back to a folder it is reached from); skipped"
                )
                continue
            ways = self._ways[real_folder] = self._ways.get(real_folder, 0) + 1
            if ways > MAX_WAYS:
                if ways == MAX_WAYS + 1:
                    self._skip(
                        folder, f"is a folder reached by more than {MAX_WAYS} ways through links; skipped"
                    )
                continue
            way = way | {real_folder}
            at_top = prune_underscore_at_top and folder == top
            entries = self._entries(folder)
            if folder != top and is_tagged_listing(folder, (entry.name for entry in entries)):
                self._skip_tagged(folder)
                continue
            for entry in entries:
                name = entry.name
                skipped_name = is_ignored_name(name) or (at_top and name.startswith("_"))
                if skipped_name and not self._entries_filter.is_included(name, is_dir=entry.is_dir()):
                    continue
                if not _is_utf8(name):
                    self._skip(folder / name, "has a name that is not UTF-8 text, so it has no URL; skipped")
                    continue
                kind = self._kind(entry, folder)
                if kind == "folder":
                    pending.append((folder / name, f"{prefix}{name}/", way))
                elif kind == "file" and name == TAG_NAME and is_tagged(folder):
                    # The site folder's own tag (only there is a tagged folder read):
                    # published, it would make backup tools skip the published site.
                    self._skip(folder / name, "is a cache directory tag; not published")
                elif kind == "file":
                    found.append((prefix + name, folder, name))
        found.sort(key=_relative_text)
        return tuple(SourceFile(folder / name, PurePosixPath(relative)) for relative, folder, name in found)

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

    def _skip_tagged(self, folder: Path) -> None:
        """Another build's cache folder, or a folder someone tagged: said once, unless
        `exclude` leaves it out anyway (a Jekyll tree's `templates/`, read as the theme)."""
        if folder not in self._tagged:
            self._tagged.add(folder)
            relative = PurePosixPath(folder.relative_to(self._root).as_posix())
            if relative == PurePosixPath(".") or not self._entries_filter.excludes_folder(relative):
                self._skip(folder, f"holds a {TAG_NAME} (a build cache); nothing in it is read")

    def _entries(self, folder: Path) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as entries:
                return list(entries)
        except OSError as error:
            raise UnreadableSourceError(
                f"cannot read this folder ({error.strerror}); nothing was published, "
                "since building without it would remove its pages",
                path=folder,
            ) from None

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
                return "folder" if target.is_dir() else "file" if target.is_file() else self._special(path)
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
        try:
            target = Path(os.path.realpath(link, strict=True))
        except OSError as error:
            reason = "is a symlink loop" if error.errno == errno.ELOOP else "is a broken symlink"
            self._skip(link, f"{reason}; skipped")
            return None
        if not target.is_relative_to(self._site_root):
            self._skip(link, "is a symlink to outside the site folder; skipped (as in Jekyll)")
            return None
        if Path(os.path.realpath(link.parent)).is_relative_to(target):
            # `ln -s . loop`, `_posts/up -> ..`: the folder holds the link, so reading
            # through it reads the folder again, below itself, for ever.
            self._skip(link, "is a symlink loop (to a folder it is in); skipped")
            return None
        return target

    def _skip(self, path: Path, message: str) -> None:
        """One warning for `path`, unless `exclude` leaves it out anyway: a theme file
        linked out of the site in a Jekyll tree's `templates/` (read as the theme, wherever
        its links lead) was "skipped" at every build while the theme used it."""
        relative = PurePosixPath(Path(os.path.relpath(path, self._root)).as_posix())
        inside = relative.parts[:1] not in ((), ("..",))
        if inside and self._entries_filter.excludes_path(relative):
            return
        self.diagnostics.append(Diagnostic(message, path))


def _relative_text(found: tuple[str, Path, str]) -> str:
    return found[0]


def _is_utf8(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _nested_special_folder(relative_path: PurePosixPath) -> str | None:
    """`_posts` or `_drafts` for a file below such a folder inside an ordinary folder
    (`news/_posts/…`, which Jekyll reads as posts of category `news`), else None.

    Jekyll looks for these folders in every folder it reads, so only the folders above
    one must be visible: `_private/_posts/` is never read."""
    parts = relative_path.parts[:-1]
    for index, part in enumerate(parts):
        if part in (POSTS_DIR_NAME, DRAFTS_DIR_NAME):
            return part if index > 0 else None
        if part.startswith(("_", ".")):
            return None
    return None


def _sorted(sources: list[SourceFile]) -> tuple[SourceFile, ...]:
    return tuple(sorted(sources, key=lambda source: str(source.relative_path)))


def _merged(walked: tuple[SourceFile, ...], nested: list[SourceFile]) -> tuple[SourceFile, ...]:
    """`walked` (sorted, as a walk returns it) with `nested` among it, all sorted; most
    sites have no nested `_posts`, and then the walk's order is kept as it is."""
    return _sorted([*walked, *nested]) if nested else walked
