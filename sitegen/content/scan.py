"""Find a site's source files and sort them into posts, drafts and other files.

Two layouts are accepted: sitegen's own (`_config.yml` beside `content/`, which holds
`_posts/`) and a plain Jekyll tree; which one a folder is, is `sitegen.content.layout`'s
rule. As in Jekyll, names
starting with `_` or `.` are never published, and neither are editor leftovers (`#…`,
`…~`) or names ending in `.` (`a.`, which Jekyll never reads). Which files a folder
yields, through links and past what cannot be read, is the walk's rule
(`sitegen.content.source_walk`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.content.entry_filter import EntryFilter, is_special_name
from sitegen.content.jekyll_layouts import unrun_layouts
from sitegen.content.layout import CONTENT_DIR_NAME as CONTENT_DIR_NAME
from sitegen.content.layout import DRAFTS_DIR_NAME as DRAFTS_DIR_NAME
from sitegen.content.layout import POSTS_DIR_NAME as POSTS_DIR_NAME
from sitegen.content.layout import TEMPLATES_DIR_NAME as TEMPLATES_DIR_NAME
from sitegen.content.layout import SiteLayout, site_layout
from sitegen.content.source_walk import SourceFile as SourceFile
from sitegen.content.source_walk import SourceWalker
from sitegen.content.source_walk import is_ignored_name as is_ignored_name
from sitegen.content.templates_folder import unpublished_templates
from sitegen.content.walk_bounds import MAX_LINKS as MAX_LINKS
from sitegen.content.walk_bounds import MAX_WAYS as MAX_WAYS
from sitegen.errors import Diagnostic, TemplateError, UsageError
from sitegen.folder_refusals import Found, refusing_os_errors, require_folder
from sitegen.jekyll.collections_folder import (
    collections_folder,
    no_posts_note,
    reads_posts_in,
    unread_folder_note,
    unread_top_posts_note,
)
from sitegen.jekyll.config_defaults import DEFAULT_EXCLUDES
from sitegen.jekyll.config_file import CONFIG_FILE_NAME, config_file_of
from sitegen.jekyll.sanitized_path import sanitized_below
from sitegen.theme import default_theme_dir

CACHE_DIR_NAME = ".sitegen-cache"

#: What Jekyll never reads unless a site's `exclude` says otherwise: its default excludes
#: (`Configuration#add_default_excludes`, Jekyll 4.3). A site's own `exclude` is added to
#: these; nothing else is left out. With the slash, as in Jekyll: `vendor/bundle/` is a
#: prefix of the folder only, not of `vendor/bundler/` or a file `vendor/ruby`.
JEKYLL_DEFAULT_EXCLUDE = frozenset(DEFAULT_EXCLUDES)


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
    unread: tuple[Path, ...] = ()
    """Folders that could not be listed (each an error line): the build lacks their
    files, so publishing must remove nothing (`sitegen.publish.writer.publish`)."""
    linked_outside: tuple[Path, ...] = ()
    """The real targets of the links out of the site the scan read through (outside safe
    mode), sorted: the dev server watches them (`sitegen.serve.command.watched_paths`)."""
    looked_in: tuple[Path, ...] = ()
    """Every folder the scan looked for or listed (`SourceWalker.looked_in`), sorted: the
    no-change check walks them, whatever their names (`content.source_folders`)."""


def content_dir_of(site_dir: Path) -> Path:
    """`site/content` in sitegen's layout, else the site folder itself (a Jekyll tree)."""
    return site_layout(site_dir, JEKYLL_DEFAULT_EXCLUDE).content_dir


INCLUDES_DIR_NAME = "_includes"


def includes_dirs(site_dir: Path) -> tuple[Path, ...]:
    """Where `{% include %}` looks: `_includes/` of the content folder, then of the site."""
    folders = [content_dir_of(site_dir) / INCLUDES_DIR_NAME, site_dir / INCLUDES_DIR_NAME]
    return tuple(dict.fromkeys(folders))


_GIVE_THE_SITE = "give the site's folder with -s"
SOURCE_REFUSALS = {
    Found.MISSING: f"source folder does not exist: {_GIVE_THE_SITE}",
    Found.OTHER: f"source folder is not a folder: {_GIVE_THE_SITE}",
}
"""The line refusing a site folder (`-s`) that is not there or not a folder."""


def require_site_folder(site_dir: Path) -> Path:
    """`site_dir`, when it is a site folder: one with a config file or a `_posts/`.

    Raises `UsageError` (exit 2, a refusal of the folder `-s` named) when there is no
    such folder, when this user may not list or enter it (Jekyll stops there too), and
    when it is not a site's (a build started in the wrong folder would publish nothing
    and say little)."""
    # A relative path in a working folder that was deleted is read as an empty folder;
    # `abspath` raises there instead (`getcwd`), and the command line says what happened.
    os.path.abspath(site_dir)
    require_folder(site_dir, "the source folder", SOURCE_REFUSALS, _GIVE_THE_SITE)
    with refusing_os_errors(site_dir, "the source folder", _GIVE_THE_SITE):
        is_a_site = config_file_of(site_dir).is_file() or (content_dir_of(site_dir) / POSTS_DIR_NAME).exists()
    if not is_a_site:
        raise UsageError(
            f"no {CONFIG_FILE_NAME} and no {POSTS_DIR_NAME}/ here, so this is not a site folder; "
            "pass -s SITE, or create a site with sitegen init",
            path=site_dir,
        )
    return site_dir


def scan_sources(
    site_dir: Path,
    exclude: tuple[str, ...],
    skip_dirs: tuple[Path, ...],
    collection_folders: tuple[str, ...] = (),
    include: tuple[str, ...] = (),
    collections_dir: str = "",
    safe: bool = False,
) -> SourceTree:
    """Walk the content folder once; `skip_dirs` (destination, caches) are never entered;
    `collection_folders` (`_docs`) are the collections' folders, published or not; `exclude` and
    `include` are the site's, applied by Jekyll's rule (`sitegen.content.entry_filter`).
    A `collections_dir` holds the posts, drafts and collections, as in Jekyll (`Site#
    collections_path`, site.rb; `Reader#outside_configured_directory?`, reader.rb): posts
    are read only below it, and their paths, like the documents', are taken from it, so
    `my_collections/_posts/…` gives the URL `_posts/…` gives without it.

    `safe`: Jekyll's safe mode, where a link out of the site folder is not read
    (`sitegen.content.source_walk`).

    A folder that cannot be listed is one error line and one of `SourceTree.unread`."""
    layout = site_layout(site_dir, JEKYLL_DEFAULT_EXCLUDE)
    content_dir = layout.content_dir
    entries = site_entry_filter(site_dir, exclude, include)
    skipped = frozenset(os.path.realpath(path) for path in skip_dirs)
    walker = SourceWalker(
        content_dir, site_root=Path(os.path.realpath(site_dir)), skipped=skipped, entries=entries, safe=safe
    )
    # Inside the site whatever the setting says (`sitegen.jekyll.collections_folder`).
    container = collections_folder(collections_dir, os.path.abspath(content_dir))
    own_posts = reads_posts_in(container, collections_dir)
    posts = (
        _rebased(walker.walk(content_dir / container / POSTS_DIR_NAME, globbed=True), container)
        if own_posts
        else ()
    )
    drafts = (
        _rebased(walker.walk(content_dir / container / DRAFTS_DIR_NAME, globbed=True), container)
        if own_posts
        else ()
    )
    said = _collections_dir_notes(site_dir, content_dir, collections_dir, container)
    nested_posts: list[SourceFile] = []
    nested_drafts: list[SourceFile] = []
    others = []
    for source in walker.walk(content_dir, prune_underscore_at_top=True):
        if entries.excludes_path(source.relative_path):
            continue
        special = _nested_special_folder(source.relative_path, entries)
        if special is not None:
            # Below the collections folder, a post's path is taken from it (`news/_posts/…`
            # there is category `news`); outside it Jekyll reads no posts at all.
            inside = (
                _rebased((source,), container)
                if source.relative_path.is_relative_to(container)
                and reads_posts_in(_holder_of_special(source.relative_path), collections_dir)
                else ()
            )
            if inside and _nested_special_folder(inside[0].relative_path, entries) == special:
                (nested_posts if special == POSTS_DIR_NAME else nested_drafts).extend(inside)
        elif not entries.rejects_path(source.relative_path):
            others.append(source)
    known = {source.relative_path for source in others}
    if extra := _included_files(content_dir, include, known, skipped):
        others = sorted((*others, *extra), key=lambda source: str(source.relative_path))
    documents = [
        source
        for folder in collection_folders
        for source in _rebased(
            walker.walk(content_dir / container / folder, globbed=True, dot_match=True), container
        )
    ]
    templates_note = (
        (
            *unpublished_templates(
                site_dir, _jekyll_entry_filter(exclude, include), entries, skipped, default_theme_dir(), safe
            ),
            *unrun_layouts(site_dir),
        )
        if content_dir == site_dir
        else ()
    )
    return SourceTree(
        content_dir,
        _merged(posts, nested_posts),
        _merged(drafts, nested_drafts),
        tuple(others),
        (*_layout_notes(layout, site_dir), *said, *walker.diagnostics, *templates_note),
        _sorted(documents),
        tuple(walker.unread),
        tuple(sorted(walker.linked_outside)),
        tuple(sorted(walker.looked_in)),
    )


def site_entry_filter(site_dir: Path, exclude: tuple[str, ...], include: tuple[str, ...]) -> EntryFilter:
    """The rule a scan of `site_dir` applies to each entry of its content folder:
    Jekyll's default `exclude`, the site's own `exclude` and `include`."""
    # A plain Jekyll tree's `templates/` is sitegen's theme override, not content, unless
    # the site's `include` names it (`templates_are_theme`).
    own = (TEMPLATES_DIR_NAME,) if content_dir_of(site_dir) == site_dir else ()
    return EntryFilter(include, (*_jekyll_entry_filter(exclude, include).exclude, *own))


def templates_are_theme(site_dir: Path, include: tuple[str, ...]) -> bool:
    """Whether the site's `templates/` holds theme templates: always in sitegen's own
    layout; in a plain Jekyll tree unless the site's `include` names it, which says it
    is the site's content, published as Jekyll publishes it. (`exclude` keeps it the
    theme's and says its files are not to be published.)"""
    if content_dir_of(site_dir) != site_dir:
        return True
    folder = PurePosixPath(TEMPLATES_DIR_NAME)
    return EntryFilter(include, (TEMPLATES_DIR_NAME,)).rejects(folder, is_dir=True)


def jekyll_template_rules(
    site_dir: Path, own_templates: bool, include: tuple[str, ...], exclude: tuple[str, ...]
) -> tuple[bool, bool]:
    """How the site's `templates/` is read as theme templates (`own_templates`): whether
    only its files named as the theme's are compiled (a plain Jekyll tree, whose
    `templates/` may hold a CMS's or newsletter's files that are no sitegen template),
    and whether one of those that cannot be compiled is set aside with one error line
    (`sitegen.render.templates`). A Jekyll tree that excludes the folder says it is the
    site's design, never published: a theme-named template there that cannot be
    compiled fails the build, as in sitegen's own layout, since a broken base layout
    must not publish the site in the stock theme with exit 0."""
    jekyll_tree = own_templates and content_dir_of(site_dir) == site_dir
    declared = EntryFilter(include, exclude).excludes_folder(PurePosixPath(TEMPLATES_DIR_NAME))
    return jekyll_tree, jekyll_tree and not declared


def with_templates_hint(error: TemplateError, site_dir: Path, include: tuple[str, ...]) -> TemplateError:
    """`error`, which fails the build, saying how to read a plain Jekyll tree's
    `templates/` as Jekyll does when it names a file there: a CMS's or newsletter's
    template, taken as a theme template, fails where Jekyll publishes it (and the
    warning that says so is not printed when the build fails)."""
    templates = site_dir / TEMPLATES_DIR_NAME
    if content_dir_of(site_dir) != site_dir or not templates_are_theme(site_dir, include):
        return error
    if error.path is None or not error.path.is_relative_to(templates):
        return error
    hint = (
        f"; a Jekyll tree's {TEMPLATES_DIR_NAME}/ is read as sitegen's theme templates: to publish "
        f"it as Jekyll does instead, add '{TEMPLATES_DIR_NAME}' to include in _config.yml"
    )
    return TemplateError(error.message + hint, path=error.path, line=error.line)


def _jekyll_entry_filter(exclude: tuple[str, ...], include: tuple[str, ...]) -> EntryFilter:
    """Jekyll's own rule: its default `exclude` and the site's `exclude` and `include`."""
    return EntryFilter(include, (*sorted(JEKYLL_DEFAULT_EXCLUDE), *exclude))


def _rebased(sources: tuple[SourceFile, ...], container: PurePosixPath) -> tuple[SourceFile, ...]:
    """`sources` with their paths taken from the collections folder `container`."""
    if not container.parts:
        return sources
    return tuple(SourceFile(s.path, s.relative_path.relative_to(container), s.link_target) for s in sources)


def _layout_notes(layout: SiteLayout, site_dir: Path) -> tuple[Diagnostic, ...]:
    return () if layout.note is None else (Diagnostic(layout.note, site_dir / CONTENT_DIR_NAME),)


def _nested_special_folder(relative_path: PurePosixPath, entries: EntryFilter) -> str | None:
    """`_posts` or `_drafts` for a file below such a folder inside an ordinary folder
    (`news/_posts/…`, which Jekyll reads as posts of category `news`), else None.

    Jekyll looks for these folders in every folder it reads, so only the folders above
    one must be visible (`EntryFilter#special?` and `#backup?`, unless `include` names
    them): `_private/_posts/` and `~old/_posts/` are not read, `_archive/_posts/` is
    with `include: [_archive]`."""
    parts = relative_path.parts[:-1]
    for index, part in enumerate(parts):
        if part in (POSTS_DIR_NAME, DRAFTS_DIR_NAME):
            return part if index > 0 else None
        if is_special_name(part) and not entries.is_included(part, is_dir=True):
            return None  # `_private`, `.git`, `#x`, `~x`, `x~`: never entered unless included
    return None


def _collections_dir_notes(
    site_dir: Path, content_dir: Path, value: str, folder: PurePosixPath
) -> tuple[Diagnostic, ...]:
    """What `collections_dir` leaves unread that a site owner would not expect: every
    post (a value no folder path starts with, or a folder not there), or the posts of
    the top-level `_posts/` (`sitegen.jekyll.collections_folder`)."""
    if not value:
        return ()
    note = no_posts_note(value, os.path.abspath(content_dir))
    if note is None and folder.parts and not (content_dir / folder).is_dir():
        note = unread_folder_note(value, folder)
    if note is not None:
        settings = config_file_of(site_dir)
        try:
            text = settings.read_text(encoding="utf-8")
        except (OSError, UnicodeError):  # said where the settings are read
            text = ""
        # Here, not at the top: the no-change check imports this module, and no YAML.
        from sitegen.jekyll.config_lines import key_lines

        line = key_lines(text, toml=settings.suffix == ".toml").get("collections_dir")
        return (Diagnostic(note, settings, line),)
    if not folder.parts:
        return ()
    top_posts = content_dir / POSTS_DIR_NAME
    try:
        holds_posts = top_posts.is_dir() and any(top_posts.iterdir())
    except OSError:  # unreadable: nothing read from it either way
        holds_posts = False
    return (Diagnostic(unread_top_posts_note(folder), top_posts),) if holds_posts else ()


def _included_files(
    root: Path, include: tuple[str, ...], known: set[PurePosixPath], skipped: frozenset[str]
) -> list[SourceFile]:
    """The files `include` names by their path from the site that the walk did not read,
    as Jekyll reads them (`Reader#read_included_excludes`, reader.rb): each entry taken as
    a path below the site (`in_source_dir`), read as a page or a static file when it is a
    regular file, though its folder is excluded or hidden (`node_modules/x/a.js`,
    `.well-known/security.txt`) or its name ends in `.`. A link is not followed here, and
    nothing in the destination or the cache is read."""
    found = []
    source = os.path.abspath(root)
    for entry in include:
        relative = sanitized_below(entry, source)
        path = root / relative
        if not relative.parts or relative in known or path.is_symlink() or not path.is_file():
            continue
        real = os.path.realpath(path)
        if any(real.startswith(folder + os.sep) for folder in skipped):
            continue
        found.append(SourceFile(path, relative))
        known.add(relative)
    return found


def _holder_of_special(relative_path: PurePosixPath) -> PurePosixPath:
    """The folder whose `_posts/` or `_drafts/` holds the file (`news` of
    `news/_posts/a.md`), for a file `_nested_special_folder` names one for."""
    parts = relative_path.parts
    index = next(i for i, part in enumerate(parts) if part in (POSTS_DIR_NAME, DRAFTS_DIR_NAME))
    return PurePosixPath(*parts[:index])


def _sorted(sources: list[SourceFile]) -> tuple[SourceFile, ...]:
    return tuple(sorted(sources, key=lambda source: str(source.relative_path)))


def _merged(walked: tuple[SourceFile, ...], nested: list[SourceFile]) -> tuple[SourceFile, ...]:
    """`walked` (sorted, as a walk returns it) with `nested` among it, all sorted; most
    sites have no nested `_posts`, and then the walk's order is kept as it is."""
    return _sorted([*walked, *nested]) if nested else walked
