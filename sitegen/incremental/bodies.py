"""Post bodies read back from the cache only for the pages that are rendered.

The cache keeps a post's metadata (title, date, categories, excerpt: what listings,
feeds and the plan read) apart from its body, so a rebuild after one new post reads
10,000 posts' metadata but only the bodies of the few post pages it renders, and the
build never holds every body at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions
from sitegen.incremental.cache import BuildCache
from sitegen.incremental.loading import LoadedSite, reload_body
from sitegen.model import Post
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import PostPage


def with_bodies(
    posts: Iterable[Post],
    loaded: LoadedSite,
    config: SiteConfig,
    options: LoadOptions,
    cache: BuildCache,
) -> dict[Path, Post]:
    """The posts among `posts` that came without their body, with it, by source path.

    A body the cache no longer holds (a damaged row) is loaded again from its file,
    so a missing body costs time, never a wrong page."""
    wanted = [post for post in posts if post.source_path in loaded.stored_bodies]
    if not wanted:
        return {}
    stored = cache.bodies(loaded.stored_bodies[post.source_path].key for post in wanted)
    filled: dict[Path, Post] = {}
    restored: dict[str, tuple[str, str | None]] = {}
    for post in wanted:
        record = loaded.stored_bodies[post.source_path]
        body = stored.get(record.key)
        if body is None:
            body = reload_body(record, config, options)
            if body is None:
                continue
            restored[record.key] = body
        body_html, excerpt_source = body
        filled[post.source_path] = replace(post, body_html=body_html, excerpt_source=excerpt_source)
    cache.store_bodies(restored)  # so the next build finds them again
    return filled


def pages_with_bodies(
    pages: Sequence[PlannedPage],
    loaded: LoadedSite,
    config: SiteConfig,
    options: LoadOptions,
    cache: BuildCache,
) -> list[PlannedPage]:
    """`pages`, each post page's post with its body (see `with_bodies`)."""
    posts = (page.subject.post for page in pages if isinstance(page.subject, PostPage))
    filled = with_bodies(posts, loaded, config, options, cache)
    if not filled:
        return list(pages)
    return [_page_with_body(page, filled) for page in pages]


def _page_with_body(page: PlannedPage, filled: Mapping[Path, Post]) -> PlannedPage:
    subject = page.subject
    if not isinstance(subject, PostPage) or subject.post.source_path not in filled:
        return page
    return replace(page, subject=replace(subject, post=filled[subject.post.source_path]))
