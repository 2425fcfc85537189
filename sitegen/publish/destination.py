"""Which folders sitegen may publish into.

Publishing replaces everything in the destination, so a destination is refused, with or
without `--force`, wherever replacing it could lose something that is not sitegen's
output:

- the file-system root, the home folder of any account (yours first), or any folder
  containing one;
- the site folder, or any folder containing it;
- a folder sitegen reads sources from (`content/`, `_posts/`, `_drafts/`, `templates/`,
  every collection's folder such as `_docs/`, the theme), anything inside one, or
  anything containing one;
- a folder holding a file the build would read as a source (a page or static file of a
  Jekyll tree, the target of a symlink in the content, in `_data/`, `_includes/`,
  `_layouts/`, `_sass/` or `templates/`, or of a linked `_config.yml`), or anything
  inside one. Every build asks this of what it reads (`refuse_sources_inside`), not
  the first one alone: a link made into the published tree since would lose its file;
- a folder that is not sitegen's tree holding a file an include leads to
  (`refuse_included_sources`, asked once the includes are known).

`--force` lifts only the softest rule: a non-empty folder without sitegen's marker.
"""

from __future__ import annotations

import contextlib
import os
import pwd
from pathlib import Path

from sitegen.config import SiteConfig, load_config
from sitegen.content.jekyll_layouts import LAYOUTS_DIR_NAME
from sitegen.content.published_marker import MARKER_NAME
from sitegen.content.scan import (
    CACHE_DIR_NAME,
    CONTENT_DIR_NAME,
    DRAFTS_DIR_NAME,
    POSTS_DIR_NAME,
    TEMPLATES_DIR_NAME,
    SourceTree,
    content_dir_of,
    includes_dirs,
    scan_sources,
)
from sitegen.content.site_data import data_dirs
from sitegen.content.source_walk import is_folder_entry
from sitegen.errors import DestinationError
from sitegen.folder_ways import blocked_way, may_write_in, not_a_folder, refusing_folder, unmade_reason
from sitegen.jekyll.collections import document_folders
from sitegen.jekyll.config_file import config_file_of
from sitegen.publish.kept_files import is_kept
from sitegen.publish.link_hops import link_hops
from sitegen.publish.source_folders import (
    SourceWays,
    dangling_links,
    folders_holding_sources,
    source_folders_of,
    source_ways,
    walked_folders,
)
from sitegen.theme import default_theme_dir


def check_destination(
    destination: Path, site_dir: Path, *, force: bool, config: SiteConfig | None = None
) -> None:
    """Refuse a destination that is dangerous to replace; one line saying why.

    `config` is the site's, when the caller has read it already (else it is read here,
    if needed). The rules are checked cheapest first. The source scan they may need runs
    only for a destination inside the site folder that sitegen has not marked as its own
    (a first build, or `--force`), so a rebuild never pays for it.

    Raises `DestinationError` (exit 2)."""
    try:
        _check(destination, site_dir, force=force, config=config)
    except OSError as error:  # e.g. a destination in a folder you may not read
        reason = error.strerror or str(error)
        refused = Path(os.path.abspath(error.filename)) if isinstance(error.filename, str) else None
        if refused is not None and not refused.is_relative_to(os.path.abspath(destination)):
            # A folder of the site the scan could not read (`content/` without permission).
            raise DestinationError(f"cannot read this folder ({reason})", path=error.filename) from None
        raise DestinationError(f"cannot inspect the destination: {reason}", path=destination) from None


def _check(destination: Path, site_dir: Path, *, force: bool, config: SiteConfig | None) -> None:
    target = Path(os.path.realpath(destination))
    refuse_system_folders(destination)
    if config is None and config_file_of(site_dir).is_file():
        config = load_config(site_dir)
    config = config or SiteConfig()
    refuse_source_folders(destination, site_dir, config)
    if destination.is_symlink() and destination.is_dir():
        # Publishing replaces the folder at this path whole (`sitegen.publish.swap`): it
        # would replace the link, not write into what it leads to.
        message = (
            f"the destination is a link (to {os.readlink(destination)}); sitegen publishes by "
            f"replacing the folder itself, so give the folder it leads to ({target}) instead"
        )
        raise DestinationError(message, path=destination)
    if os.path.lexists(destination) and not destination.is_dir():
        # A file, a named pipe, a link to either, leading nowhere or in a loop.
        raise DestinationError(f"the destination is {not_a_folder(destination)}", path=destination)
    if (in_the_way := blocked_way(destination, "the destination")) is not None:
        raise DestinationError(in_the_way, path=destination)  # else `mkdir` says "File exists"
    if (refusing := refusing_folder(destination)) is not None:
        # Said now, not once every page is rendered and the staging folder is refused.
        raise DestinationError(
            f"the destination cannot be made: this user may not write in {refusing}", path=destination
        )
    if (unmade := unmade_reason(destination)) is not None:  # what `access` cannot tell (`/proc/x`)
        raise DestinationError(f"the destination cannot be made ({unmade})", path=destination)
    if destination.is_dir() and not may_write_in(destination):  # Jekyll: "Permission denied"
        system = os.statvfs(destination).f_flag & os.ST_RDONLY
        where = "on a read-only file system" if system else "read-only to this user"
        message = f"the destination is {where}, and publishing writes in it: make it writable"
        raise DestinationError(f"{message}, or choose another folder", path=destination)
    if (target / MARKER_NAME).is_file():
        return
    _refuse_source_holders(target, destination, site_dir, config)
    # What `keep_files` keeps is left as it is (`sitegen.publish.kept_files`): a `.git` alone
    # there is a deploy checkout to publish into, not files to guard.
    if target.is_dir() and not force and _holds_unkept(target, config.keep_files):
        raise DestinationError(
            "the destination holds files sitegen did not write; pass --force to replace them",
            path=destination,
        )


def _holds_unkept(folder: Path, keep_files: tuple[str, ...]) -> bool:
    with os.scandir(folder) as entries:
        return any(not is_kept(entry.name, keep_files, folder=entry.is_dir()) for entry in entries)


def refuse_system_folders(destination: Path) -> None:
    """Refuse the file-system root and any folder holding a home folder as a site's
    destination: `sitegen build` would replace it, `sitegen check` walk all of it.
    Raises `DestinationError` (exit 2)."""
    target = Path(os.path.realpath(destination))
    if target == Path(target.anchor):
        raise DestinationError("refusing to use the file-system root as the destination", path=destination)
    for home in _home_folders():
        if home.is_relative_to(target):
            raise DestinationError(
                f"refusing to use {home}, a home folder, or a folder containing it, as the destination",
                path=destination,
            )


def _home_folders() -> list[Path]:
    """Your home folder, then every account's (`/home` holds other people's; a service
    account's home is often a system folder such as `/var/www` or `/usr/sbin`)."""
    homes = []
    with contextlib.suppress(RuntimeError, KeyError):  # no HOME and no password entry
        homes.append(Path.home())
    homes.extend(Path(account.pw_dir) for account in pwd.getpwall() if account.pw_dir.startswith("/"))
    return [Path(os.path.realpath(home)) for home in homes]


def refuse_source_folders(
    folder: Path, site_dir: Path, config: SiteConfig, what: str = "the destination"
) -> None:
    """Refuse `folder` (`what`, as the line calls it) where it is, holds or lies in a
    folder `site_dir`'s build reads sources from: `sitegen build` as a destination,
    `sitegen check` as a built site (a site's folders hold templates and posts, not
    pages). Raises `DestinationError` (exit 2)."""
    target = Path(os.path.realpath(folder))
    if Path(os.path.realpath(site_dir)).is_relative_to(target):
        raise DestinationError(f"{what} is, or contains, the source folder", path=folder)
    for source in source_folders(site_dir, document_folders(config.collections)):
        relation = _relation(target, Path(os.path.realpath(source)))
        if relation:
            reads = f"{relation} {source}, which sitegen reads sources from; choose a folder outside it"
            raise DestinationError(f"{what} {reads}", path=folder)


def source_folders(site_dir: Path, collection_folders: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """Every folder whose files are sources, whether or not it exists yet.

    `_posts/` and `_drafts/` count at both levels: an output folder named `_posts` beside
    `content/` would turn the site into a Jekyll tree at the next build."""
    content_dir = content_dir_of(site_dir)
    folders = {
        site_dir / CONTENT_DIR_NAME,
        site_dir / POSTS_DIR_NAME,
        site_dir / DRAFTS_DIR_NAME,
        content_dir / POSTS_DIR_NAME,
        content_dir / DRAFTS_DIR_NAME,
        site_dir / TEMPLATES_DIR_NAME,
        default_theme_dir(),
        *(content_dir / folder for folder in collection_folders),
        *_read_folders(site_dir),
    }
    return tuple(sorted(folders))


#: The default `sass_dir` (`sitegen.jekyll.sass_settings`), looked for at both levels.
_SASS_DIR_NAME = "_sass"


def _read_folders(site_dir: Path) -> tuple[Path, ...]:
    """Folders whose files a build reads besides the scanned sources, where their
    readers look: data (`data_dirs`), includes (`includes_dirs`), Jekyll's layouts (read
    for their names) and the default Sass partials' folder."""
    sass = (site_dir / _SASS_DIR_NAME, content_dir_of(site_dir) / _SASS_DIR_NAME)
    layouts = site_dir / LAYOUTS_DIR_NAME
    return tuple(dict.fromkeys((*data_dirs(site_dir), *includes_dirs(site_dir), layouts, *sass)))


def _linked_read_files(links: list[Path], safe_site: Path | None = None) -> dict[Path, Path]:
    """The real folders holding what the read folders' `links` (`_read_links`) lead to
    (a link's target folder, or the folder itself for a link to a folder), each with the
    first link found leading there. `safe_site`: in safe mode, the site folder, outside
    which no link is followed (nor its target read)."""
    holders: dict[Path, Path] = {}
    for way in links:
        with contextlib.suppress(OSError):  # dangling, a loop: nothing is read through it
            real_way = Path(os.path.realpath(way, strict=True))
            if safe_site is not None and not real_way.is_relative_to(safe_site):
                continue
            holders.setdefault(real_way if real_way.is_dir() else real_way.parent, way)
    return holders


def _read_links(site_dir: Path) -> list[Path]:
    """The links among the settings file, the read folders, `templates/` and what lies
    in them, in name order. A linked folder is walked too, through any chain of links
    (`_includes/a -> lib`, `lib/b -> lib2`: an include reads `a/b/x.html`), each real
    folder once, so a loop ends; a folder that cannot be listed is passed over (the build
    reads nothing there, and says so where it reads that folder)."""
    read = (*_read_folders(site_dir), site_dir / TEMPLATES_DIR_NAME)
    ways = [config_file_of(site_dir), *read]  # a read folder may be a link itself
    walked: set[str] = set()
    pending = [os.fspath(folder) for folder in read]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in walked:
            continue
        walked.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)  # the same link named each time
        except OSError:
            continue
        for entry in entries:
            ways.append(Path(entry.path))
            if is_folder_entry(entry):  # through a link too
                pending.append(entry.path)
    return [way for way in ways if _is_link(way)]


def _is_link(path: Path) -> bool:
    """Whether `path` is a link; one in a folder that cannot be entered (listed, mode
    644) is none: nothing is read through it, and its reader says so."""
    try:
        return path.is_symlink()
    except OSError:
        return False


def _link_folders(links: list[Path], ways: SourceWays) -> dict[Path, Path]:
    """Every real folder holding a link on the way to a file the build reads (a source,
    a file a read folder's `links` lead to), each with the first such way: publishing
    over one deletes the link, and the file is lost to the site though it lies elsewhere
    (`sitegen.publish.link_hops`). A source folder's way is asked once per folder."""
    folders, linked = ways
    reads = [*links, *map(Path, sorted(folders)), *map(Path, linked)]
    return {Path(hop): way for way in reversed(reads) for hop in link_hops(os.fspath(way))}


def _refuse_link_folders(target: Path, destination: Path, link_folders: dict[Path, Path]) -> None:
    for folder in sorted(folder for folder in link_folders if folder.is_relative_to(target)):
        raise DestinationError(
            f"the destination holds {folder}, where a link lies on the way to {link_folders[folder]}, "
            "which the build reads as a source; move the link out, since publishing replaces the destination",
            path=destination,
        )


def refuse_sources_inside(
    destination: Path, site_dir: Path, tree: SourceTree, import_folders: tuple[str, ...] = ()
) -> None:
    """Refuse to publish into a destination holding a file this build reads: reached
    through a link made there (`_posts/b.md -> ../_site/b.md`), or in a folder Sass
    imports from (`import_folders`: `sass_dir`, `load_paths`), which publishing would
    delete with the old tree. Asked of every build, as such a link may come after the
    first: one `realpath` per folder of sources and per link, the read folders walked.

    Raises `DestinationError` (exit 2)."""
    target = Path(os.path.realpath(destination))
    links = _read_links(site_dir)
    ways = source_ways(tree)
    _refuse_link_folders(target, destination, _link_folders(links, ways))
    linked = _linked_read_files(links)
    holders = folders_holding_sources(ways) | set(linked)
    holders |= {Path(os.path.realpath(folder)) for folder in import_folders}
    for holder in sorted(holder for holder in holders if holder.is_relative_to(target)):
        where = "is a folder" if holder == target else f"holds {holder}, a folder"
        way = (
            f"through the link {linked[holder]}"
            if holder in linked
            else "through a link, or as a Sass import folder"
        )
        raise DestinationError(
            f"the destination {where} the build reads sources from ({way}); move them out "
            "of it, since publishing replaces the destination",
            path=destination,
        )
    for link in dangling_links(tree):  # leads nowhere yet: into what this build publishes?
        leads = Path(os.path.realpath(link))
        # One to the destination itself is skipped as the output, whether or not it exists yet.
        if leads.is_relative_to(target) and leads != target:
            raise DestinationError(
                f"the link {link} leads into the destination ({leads}), which publishing replaces; "
                "point it at a file outside the destination",
                path=destination,
            )
    content_dir = Path(os.path.realpath(content_dir_of(site_dir)))
    for folder in sorted(walked_folders(ways, site_dir) - {content_dir}):
        if target.is_relative_to(folder) and target != folder:
            raise DestinationError(
                f"the destination is inside {folder}, which holds source files; choose a folder outside it",
                path=destination,
            )


def refuse_included_sources(destination: Path, included: tuple[Path, ...]) -> None:
    """Refuse to publish into a destination that is not sitegen's tree (no marker: a
    first build there, or `--force`) holding a file an include led to (`_parts -> the
    destination`, `-d site/_parts`): that file is the user's, and publishing would
    delete it. The include was not read (`sitegen.liquid.include`); in sitegen's own
    tree such a file is the last build's output, and only the include is named.

    Raises `DestinationError` (exit 2)."""
    target = Path(os.path.realpath(destination))
    if (target / MARKER_NAME).is_file():
        return
    for path in included:
        if path.is_relative_to(target):
            raise DestinationError(
                f"the destination holds {path}, which an include reads; "
                "choose a folder outside it, since publishing replaces the destination",
                path=destination,
            )


def _refuse_source_holders(target: Path, destination: Path, site_dir: Path, config: SiteConfig) -> None:
    # In safe mode every source the scan can return lies in the site folder or in one
    # of the source folders already refused, so a destination elsewhere needs no scan;
    # outside it a link leads anywhere (`uploads -> /srv/shared/uploads`), and a
    # destination holding its target would have its sources replaced by the output.
    if config.safe and not target.is_relative_to(Path(os.path.realpath(site_dir))):
        return
    tree = scan_sources(
        site_dir,
        config.exclude,
        (site_dir / CACHE_DIR_NAME,),
        document_folders(config.collections),
        include=config.include,
        safe=config.safe,
    )
    # The content folder itself is exempt: in a Jekyll tree it is the site folder, whose
    # unread corners (`_site/`, hidden or excluded folders) are fine destinations.
    content_dir = Path(os.path.realpath(content_dir_of(site_dir)))
    links = _read_links(site_dir)
    ways = source_ways(tree)
    _refuse_link_folders(target, destination, _link_folders(links, ways))
    walked, targets = source_folders_of(ways)
    walked |= walked_folders(ways, site_dir)
    scanned = walked | targets
    linked = _linked_read_files(links, Path(os.path.realpath(site_dir)) if config.safe else None)
    # A folder holding a file a link leads to (`_sass/_vars.scss -> ../../vars.scss`,
    # `assets/logo.png -> /srv/shared/logo.png`) is not read itself: only a destination
    # that is it or holds it would replace the file.
    file_holders = ({holder for holder, way in linked.items() if not os.path.isdir(way)} | targets) - walked
    for holder in sorted((scanned | set(linked)) - {content_dir}):
        relation = _relation(target, holder)
        if relation and not (relation == "is inside" and holder in file_holders):
            raise DestinationError(
                f"the destination {relation} {holder}, which holds source files; choose a folder outside it",
                path=destination,
            )


def _relation(target: Path, folder: Path) -> str:
    """How the destination overlaps a folder that must survive, for the message; ""
    when it does not."""
    if target == folder:
        return "is"
    if target.is_relative_to(folder):
        return "is inside"
    return "contains" if folder.is_relative_to(target) else ""
