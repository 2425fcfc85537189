"""What a finished build leaves resident for the dev server's fast lane (`sitegen.preview`).

The server keeps the last build's plan of post pages, its site index and the renderer
with its templates already read, so that a saved post's page can be rendered at once,
by the same rules and templates, before the full rebuild runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions, load_post
from sitegen.content.scan import SourceFile
from sitegen.model import Post
from sitegen.regular_files import read_regular
from sitegen.render.templates import Renderer
from sitegen.site.index import SiteIndex
from sitegen.site.layouts import Layouts
from sitegen.site.plan import PlannedPage, SitePlan
from sitegen.site.search_page import INDEX_FOLDER, search_enabled
from sitegen.site.subjects import PostPage

__all__ = ["PostFolder", "RealPaths", "ResidentSite", "load_again", "resident_site"]


@dataclass(frozen=True, slots=True)
class PostFolder:
    """A folder the last build read posts (or drafts) from: a file saved in it is a post."""

    path: Path
    """As the build was given it (what the build's posts' `source_path` hold)."""
    relative_path: PurePosixPath
    """Inside the content folder, as the scan names it."""
    drafts: bool


@dataclass(frozen=True, slots=True)
class ResidentSite:
    """What a finished build leaves for the fast lane (see `sitegen.preview`)."""

    config: SiteConfig
    load_options: LoadOptions
    """The build's, so a post loads again exactly as the build loaded it."""
    destination: Path
    renderer: Renderer
    """Holds the templates as the build read them: valid while no template changed."""
    post_pages: Mapping[Path, PlannedPage]
    """Each post's planned page (a `PostPage` subject), by the real path of its source."""
    drafts: frozenset[Path]
    """The source paths that were loaded as drafts (dated by their file when undated)."""
    index: SiteIndex | None = None
    """The plan's site index, where a new post is placed; None: new posts are declined."""
    sections: tuple[str, ...] = ()
    """The plan's sections (top bar)."""
    stub_titles: Mapping[str, str] | None = None
    """Category stub pages' titles, which `category_title` weighs."""
    layouts: Layouts = field(default_factory=lambda: MappingProxyType({}))
    """The layouts the theme provides (`sitegen.site.layouts.layout_for`)."""
    outputs: tuple[str, ...] = ()
    """Every output path of the plan (pages, copied files, the search index's folder),
    sorted: a new post's page must meet none of them."""
    post_folders: Mapping[Path, PostFolder] | None = None
    """The folders of the build's posts and drafts, by real path."""
    unplanned: frozenset[Path] = frozenset()
    """Real paths of indexed posts the plan left out (their URL clashed): not new."""
    next_due: datetime | None = None
    """The earliest future post left out: once due, the next build places it too."""


def resident_site(
    config: SiteConfig,
    load_options: LoadOptions,
    destination: Path,
    plan: SitePlan,
    renderer: Renderer,
    drafts: Iterable[SourceFile],
    *,
    index: SiteIndex | None = None,
    stub_titles: Mapping[str, str] | None = None,
    layouts: Layouts = MappingProxyType({}),
    posts: Iterable[SourceFile] = (),
    next_due: datetime | None = None,
) -> ResidentSite:
    """The fast lane's view of a build that has just published `plan`, made from
    `index`, with `posts` and `drafts` the files the scan found as such."""
    real = RealPaths()
    post_pages = {
        real.of(page.subject.post.source_path): page
        for page in plan.pages
        if isinstance(page.subject, PostPage)
    }
    draft_files = tuple(drafts)
    folders: dict[Path, PostFolder] = {}
    for source, is_draft in (
        *((source, False) for source in posts),
        *((source, True) for source in draft_files),
    ):
        folder = real.of(source.path).parent
        if folder not in folders:
            folders[folder] = PostFolder(source.path.parent, source.relative_path.parent, is_draft)
    planned = {id(page.subject.post) for page in plan.pages if isinstance(page.subject, PostPage)}
    unplanned = frozenset(
        real.of(post.source_path) for post in (index.posts if index else ()) if id(post) not in planned
    )
    outputs = [page.output_path for page in plan.pages]
    outputs += [str(static.relative_path) for static in plan.static_files]
    if search_enabled(config):
        outputs.append(INDEX_FOLDER)
    return ResidentSite(
        config,
        load_options,
        destination,
        renderer,
        post_pages,
        frozenset(source.path for source in draft_files),
        index,
        plan.sections,
        stub_titles,
        layouts,
        tuple(sorted(outputs)),
        folders,
        unplanned,
        next_due,
    )


def load_again(site: ResidentSite, old: Post) -> Post | None:
    """`old`'s file loaded as the load stage loads it (as if `--future`, which the date
    check then makes moot), or None when it no longer loads as a post."""
    source = SourceFile(old.source_path, old.relative_path)
    try:
        data = read_regular(old.source_path)
        loaded = load_post(
            source,
            data,
            site.config,
            replace(site.load_options, future=True),
            draft=old.source_path in site.drafts,
        )
    except Exception:  # the load stage's error boundary: the full rebuild reports it
        return None
    return loaded.document if isinstance(loaded.document, Post) else None


class RealPaths:
    """Real paths of files, resolving each folder once: the watcher reports real paths,
    the plan holds the paths the build was given, and a site has 10,000s of posts in a
    handful of folders."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def of(self, path: Path) -> Path:
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = Path(os.path.realpath(path.parent))
        return folder / path.name
