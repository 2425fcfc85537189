"""Post bodies read back from the cache only for the pages that are rendered.

The cache keeps a post's metadata (title, date, categories, excerpt: what listings,
feeds and the plan read) apart from its body, so a rebuild after one new post reads
10,000 posts' metadata but only the bodies of the few post pages it renders, and the
build never holds every body at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions
from sitegen.incremental.body_reader import BodyReader
from sitegen.incremental.cache import BuildCache
from sitegen.incremental.loading import LoadedSite, StoredBody, reload_body
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

    A body the cache no longer holds (a damaged row) is loaded again from its file, so
    a missing body costs time, never a wrong page (`reload_body` raises `SitegenError`
    when the file changed since it was loaded)."""
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
            body = restored[record.key] = reload_body(record, config, options)
        body_html, excerpt_source = body
        filled[post.source_path] = replace(post, body_html=body_html, excerpt_source=excerpt_source)
    cache.store_bodies(restored)  # so the next build finds them again
    return filled


@dataclass(frozen=True, slots=True)
class BodyFiller:
    """Puts a post page's body back in the process that renders it (a `PageFiller`):
    read from the cache file there, or, when the cache no longer holds it (a damaged
    row), loaded again from the post's file, so a missing body costs time, never a
    wrong page (`reload_body` raises when the file changed since it was loaded).
    Inherited by forked render workers, never pickled."""

    stored: Mapping[Path, StoredBody]
    """`LoadedSite.stored_bodies`: the posts that came without their body."""
    reader: BodyReader
    config: SiteConfig
    options: LoadOptions

    def fill(self, page: PlannedPage) -> tuple[PlannedPage, tuple[str, object] | None]:
        """`page` with its post's body, and (key, body) when it had to be loaded again
        from the file, for the cache to keep."""
        subject = page.subject
        if not isinstance(subject, PostPage):
            return page, None
        record = self.stored.get(subject.post.source_path)
        if record is None:
            return page, None
        body = self.reader.body(record.key)
        restored: tuple[str, object] | None = None
        if body is None:
            body = reload_body(record, self.config, self.options)
            restored = (record.key, body)
        body_html, excerpt_source = body
        post = replace(subject.post, body_html=body_html, excerpt_source=excerpt_source)
        return replace(page, subject=replace(subject, post=post)), restored
