"""The dev server's fast lane: a saved post's own page, rewritten before the full rebuild.

`sitegen serve --watch` rebuilds the whole site on every change, and that full rebuild
stays the guarantee (its output equals a clean build's). But it costs what the site
costs (seconds at 10,000 posts), while the author waits for one page: the one they are
editing. So the server keeps what its last build made (`ResidentSite`: each post's
planned page, with its neighbours, and the renderer with its templates already read),
and before the full rebuild, `fast_lane` loads each changed post again with the build's
own loader, renders its page from the resident plan with the new post, and writes that
one file in place. The full rebuild that follows finds the page's bytes already right
(or corrects them) and brings every other page (listings, feeds, neighbours' links) up.

The fast lane is taken only when its page is certain to be what a clean build of the
edited site makes: every changed path is a post of the last build, each loads without
an error and without Liquid, and each keeps what places it in the site (URL, date,
categories, tags, layout, file name), so its neighbours, the category titles and the
top bar are those of the resident plan. A title, body, excerpt or image edit only
changes what the post's own page shows (and what other pages show of it, which the full
rebuild updates). Anything else (a template, the config, a page, a new, moved or deleted
post) is left to the full rebuild: a new post appears once it has run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions, load_post
from sitegen.content.scan import SourceFile
from sitegen.model import Post
from sitegen.publish.in_place import replace_in_place
from sitegen.publish.outputs import Output, PublishFailure
from sitegen.publish.tree_io import FolderCursor, holds_bytes, open_folder, split_parts
from sitegen.render.templates import Renderer
from sitegen.site.plan import PlannedPage, SitePlan
from sitegen.site.subjects import PostPage

__all__ = ["FastLane", "ResidentSite", "fast_lane", "resident_site"]


@dataclass(frozen=True, slots=True)
class ResidentSite:
    """What a finished build leaves for the fast lane (see the module docstring)."""

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


def resident_site(
    config: SiteConfig,
    load_options: LoadOptions,
    destination: Path,
    plan: SitePlan,
    renderer: Renderer,
    drafts: Iterable[SourceFile],
) -> ResidentSite:
    """The fast lane's view of a build that has just published `plan`."""
    real = _RealPaths()
    post_pages = {
        real.of(page.subject.post.source_path): page
        for page in plan.pages
        if isinstance(page.subject, PostPage)
    }
    return ResidentSite(
        config,
        load_options,
        destination,
        renderer,
        post_pages,
        frozenset(source.path for source in drafts),
    )


@dataclass(frozen=True, slots=True)
class FastLane:
    """What the fast lane did with one burst of changes."""

    urls: tuple[str, ...] = ()
    """The site URLs (without baseurl) of the pages rewritten, sorted; () when none was."""
    declined: str = ""
    """Why the fast lane was not taken ("" when it was): the full rebuild does it all."""
    seconds: float = 0.0


def fast_lane(site: ResidentSite, changed: Iterable[Path]) -> FastLane:
    """Rewrite the pages of the changed posts from the resident plan, when that is
    certain to give a clean build's bytes (see the module docstring); else decline.

    Never raises for a problem of the site's: whatever goes wrong declines, and the full
    rebuild that follows reports it as it always does."""
    started = time.perf_counter()
    try:
        pages, reason = _pages_to_write(site, frozenset(changed))
        if reason:
            return FastLane(declined=reason, seconds=time.perf_counter() - started)
        written = _write(
            site.destination, [(page.output_path, site.renderer.render(page)[0]) for page in pages]
        )
    except PublishFailure as failure:
        return FastLane(declined=f"cannot write {failure.path}", seconds=time.perf_counter() - started)
    except Exception as error:  # a page that does not render: the full rebuild reports it
        return FastLane(declined=f"{type(error).__name__}: {error}", seconds=time.perf_counter() - started)
    urls = tuple(sorted(page.url for page in pages if page.output_path in written))
    return FastLane(urls, seconds=time.perf_counter() - started)


def _pages_to_write(site: ResidentSite, changed: frozenset[Path]) -> tuple[list[PlannedPage], str]:
    """The changed posts' pages with their new posts (sorted by output path), or why not."""
    if not changed:
        return [], "nothing changed"
    real = _RealPaths()
    old_pages: list[PlannedPage] = []
    for path in sorted(changed):
        page = site.post_pages.get(real.of(path))
        if page is None:
            return [], f"{path} is not a post of the last build"
        old_pages.append(page)
    new_posts: dict[Path, Post] = {}
    for page in old_pages:
        assert isinstance(page.subject, PostPage)
        old = page.subject.post
        new = _load_again(site, old)
        if new is None:
            return [], f"{old.source_path} does not load as a post"
        if new.liquid is not None:
            return [], f"{old.source_path} uses Liquid"
        if _placement(new) != _placement(old):
            return [], f"{old.source_path} moved in the site"
        new_posts[old.source_path] = new
    pages = [replace(page, subject=_with_new_posts(page.subject, new_posts)) for page in old_pages]
    return sorted(pages, key=lambda page: str(page.output_path)), ""


def _load_again(site: ResidentSite, old: Post) -> Post | None:
    """`old`'s file loaded as the load stage loads it (as if `--future`, which the date
    check then makes moot), or None when it no longer loads as a post."""
    source = SourceFile(old.source_path, old.relative_path)
    try:
        data = old.source_path.read_bytes()
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


def _placement(post: Post) -> tuple[object, ...]:
    """What decides where a post stands in the site and what its neighbours and the
    site-wide parts of its page are: the order (date, path), the primary category's
    siblings and title (categories, and first tags, which name a category), its URL and
    its template. Everything else a post holds shows on its own page, or on pages the
    full rebuild renders."""
    return (post.url, post.date, post.relative_path, post.slug, post.categories, post.tags, post.layout)


def _with_new_posts(subject: object, new_posts: Mapping[Path, Post]) -> PostPage:
    """The post page's subject with each changed post (itself, and any neighbour edited
    in the same burst) in its new version: what the plan of the edited site holds."""
    assert isinstance(subject, PostPage)

    def current(post: Post) -> Post:
        return new_posts.get(post.source_path, post)

    return replace(
        subject,
        post=current(subject.post),
        older=None if subject.older is None else current(subject.older),
        newer=None if subject.newer is None else current(subject.newer),
        related=tuple(current(post) for post in subject.related),
    )


def _write(destination: Path, outputs: list[tuple[PurePosixPath, bytes]]) -> set[PurePosixPath]:
    """Write each output whose bytes differ from the published file's, in place, with the
    in-place publisher (staged, then moved over the old file; no symlink followed).
    Returns the output paths written."""
    root_fd = open_folder(destination.absolute())
    try:
        with FolderCursor(root_fd) as cursor:
            changed = [
                Output(relative, str(relative), data, False)
                for relative, data in outputs
                if not _holds(cursor, str(relative), data)
            ]
        if changed:
            replace_in_place(root_fd, changed, [], destination.absolute())
        return {output.relative for output in changed}
    finally:
        os.close(root_fd)


def _holds(cursor: FolderCursor, path: str, data: bytes) -> bool:
    """True when the published tree holds exactly `data` at `path`."""
    parts, name = split_parts(path)
    folder_fd = cursor.find(parts)
    return folder_fd is not None and holds_bytes(name, folder_fd, data)


class _RealPaths:
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
