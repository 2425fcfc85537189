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

The fast lane is taken only when its pages are certain to be what a clean build of the
edited site makes. Every changed path is a post of the last build or a new post, each
loads without an error and without Liquid, and:

- an edited post keeps what places it in the site (URL, date, categories, tags, layout,
  file name), so its neighbours, the category titles and the top bar are those of the
  resident plan. A title, body, excerpt or image edit only changes what the post's own
  page shows (and what other pages show of it, which the full rebuild updates);
- a new post (a file in a folder of the last build's posts, or of its drafts when they
  are shown, that loads as a published post) is placed among the resident posts by the
  plan's own rules (`sitegen.site.additions`): its page, with its neighbours and related
  posts, and the pages of the resident posts beside it (their "newer" link, their related
  posts) are written, unless the post adds a category or tag, retitles a category,
  changes the sections, or its output path meets another output. A resident neighbour's
  page is written only when its file still holds what the last build read.

Anything else (a template, the config, a page, a moved or deleted post, a new post
where `limit_posts` is set) is left to the full rebuild.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sitegen.model import Post
from sitegen.preview_added import load_new_post, pages_with_new_posts
from sitegen.publish.in_place import replace_in_place
from sitegen.publish.outputs import Output, PublishFailure
from sitegen.publish.tree_io import FolderCursor, holds_bytes, open_folder, split_parts
from sitegen.resident import RealPaths, ResidentSite, load_again, resident_site
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import PostPage
from sitegen.urls import OutputPath

__all__ = ["FastLane", "ResidentSite", "fast_lane", "resident_site"]


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
            site.destination, [(page.output_path, site.renderer.render(page).data) for page in pages]
        )
    except PublishFailure as failure:
        return FastLane(declined=f"cannot write {failure.path}", seconds=time.perf_counter() - started)
    except Exception as error:  # a page that does not render: the full rebuild reports it
        return FastLane(declined=f"{type(error).__name__}: {error}", seconds=time.perf_counter() - started)
    urls = tuple(sorted(page.url for page in pages if page.output_path in written))
    return FastLane(urls, seconds=time.perf_counter() - started)


def _pages_to_write(site: ResidentSite, changed: frozenset[Path]) -> tuple[list[PlannedPage], str]:
    """The pages of the changed posts (and of the resident posts beside new ones) as the
    edited site's plan holds them, sorted by output path, or why not."""
    if not changed:
        return [], "nothing changed"
    if site.next_due is not None and site.next_due <= datetime.now(UTC):
        return [], "a future post of the last build is due now"
    real = RealPaths()
    old_pages: list[PlannedPage] = []
    added: list[Post] = []
    for path in sorted(changed):
        real_path = real.of(path)
        page = site.post_pages.get(real_path)
        if page is not None:
            old_pages.append(page)
            continue
        if real_path in site.unplanned:
            return [], f"{path} is a post the last build did not publish"
        if not os.path.lexists(real_path) and real_path.parent in (site.post_folders or {}):
            continue  # an editor's temporary file, renamed over the post or removed: no source
        new_post, reason = load_new_post(site, real_path)
        if new_post is None:
            return [], reason
        added.append(new_post)
    new_posts: dict[Path, Post] = {}
    for page in old_pages:
        assert isinstance(page.subject, PostPage)
        old = page.subject.post
        new = load_again(site, old)
        if new is None:
            return [], f"{old.source_path} does not load as a post"
        if new.liquid is not None:
            return [], f"{old.source_path} uses Liquid"
        if _placement(new) != _placement(old):
            return [], f"{old.source_path} moved in the site"
        new_posts[old.source_path] = new
    pages = {
        page.output_path: replace(page, subject=_with_new_posts(page.subject, new_posts))
        for page in old_pages
    }
    if added and site.config.limit_posts:
        # A new post (or one the limit left out, which loads as new) changes which posts
        # the limit keeps (`sitegen.incremental.post_limit`): the full rebuild decides.
        return [], "limit_posts is set, so a new post changes which posts are published"
    if added:
        # Placed among the edited site's posts, which also gives an edited post beside a
        # new one its new neighbours: these pages replace the ones above.
        placed, reason = pages_with_new_posts(site, added, new_posts)
        if reason:
            return [], reason
        pages |= {page.output_path: page for page in placed}
    return [pages[path] for path in sorted(pages)], ""


def _placement(post: Post) -> tuple[object, ...]:
    """What decides where a post stands in the site and what its neighbours and the
    site-wide parts of its page are: the order (date, path), the primary category's
    siblings and title (categories, and first tags, which name a category), its URL and
    its template, and jekyll-redirect-from's keys (a redirect page elsewhere, or its page
    a redirect: `sitegen.site.jekyll_redirects`). Everything else a post holds shows on
    its own page, or on pages the full rebuild renders."""
    redirects = (post.front_matter.get("redirect_from"), post.front_matter.get("redirect_to"))
    return (
        post.url,
        post.date,
        post.relative_path,
        post.slug,
        post.categories,
        post.tags,
        post.layout,
        redirects,
    )


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


def _write(destination: Path, outputs: list[tuple[OutputPath, bytes]]) -> set[OutputPath]:
    """Write each output whose bytes differ from the published file's, in place, with the
    in-place publisher (staged, then moved over the old file; no symlink followed).
    Returns the output paths written."""
    root_fd = open_folder(destination.absolute())
    try:
        with FolderCursor(root_fd) as cursor:
            changed = [Output(path, data, False) for path, data in outputs if not _holds(cursor, path, data)]
        if changed:
            replace_in_place(root_fd, changed, [], destination.absolute(), [])  # bytes only
        return {output.path for output in changed}
    finally:
        os.close(root_fd)


def _holds(cursor: FolderCursor, path: str, data: bytes) -> bool:
    """True when the published tree holds exactly `data` at `path`."""
    parts, name = split_parts(path)
    folder_fd = cursor.find(parts)
    return folder_fd is not None and holds_bytes(name, folder_fd, data)
