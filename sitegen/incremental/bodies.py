"""Post bodies read back from the cache only for the pages that are rendered.

The cache keeps a post's metadata (title, date, categories, excerpt: what listings,
feeds and the plan read) apart from its body, so a rebuild after one new post reads
10,000 posts' metadata but only the bodies of the few post pages it renders and of the
site feed's entries, and the build never holds every body at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions
from sitegen.errors import SitegenError
from sitegen.incremental.body_reader import BodyReader
from sitegen.incremental.cache import BuildCache
from sitegen.incremental.loading import StoredBody, reload_body
from sitegen.model import Post
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import Feed, PostPage


class BodiesOnDemand:
    """Bodies read from the cache for the posts the Liquid stage asks about, one at a time
    (`post_with_body`, `render_liquid_bodies`'s `with_body`): Liquid can print any post's
    `content` or excerpt, but most sites' Liquid reads none. All of them used to be read
    before the stage whenever any page or post used Liquid: our first user's one page
    listing a tag's posts by title and URL (`emnews.md`) cost every rebuild of a
    10,000-post site 0.6 s reading bodies it never printed.

    A body the cache no longer holds (a damaged row) is loaded again from its file and
    stored again (`finish`), so a missing body costs time, never a wrong page. When its
    file changed since it was loaded (`reload_body` raises), the post gets an empty body
    for now and `finish` raises that error: the build stops with one line naming the file,
    as it did when every body was read first, rather than leaving out the page whose
    template happened to read it. Not thread-safe: the Liquid stage renders in one
    thread."""

    def __init__(
        self, stored: Mapping[Path, StoredBody], cache: BuildCache, config: SiteConfig, options: LoadOptions
    ) -> None:
        """`stored`: `LoadedSite.stored_bodies`, the posts that came without their body."""
        self._stored = stored
        self._cache = cache
        self._config = config
        self._options = options
        self._restored: dict[str, tuple[str, str | None]] = {}
        self._failure: SitegenError | None = None

    def post_with_body(self, post: Post) -> Post:
        """`post` with its `body_html` and `excerpt_source`; as it is when it came with them."""
        record = self._stored.get(post.source_path)
        if record is None:
            return post
        body = self._cache.bodies((record.key,)).get(record.key)
        if body is None:
            try:
                body = self._restored[record.key] = reload_body(record, self._config, self._options)
            except SitegenError as error:
                self._failure = self._failure or error
                body = ("", None)
        body_html, excerpt_source = body
        return replace(post, body_html=body_html, excerpt_source=excerpt_source)

    def finish(self) -> None:
        """Store again the bodies loaded from their files; raise `SitegenError` for a post
        whose file changed since it was loaded (see the class)."""
        if self._failure is not None:
            raise self._failure
        self._cache.store_bodies(self._restored)  # so the next build finds them again


@dataclass(frozen=True, slots=True)
class BodyFiller:
    """Puts the bodies a page prints back in the process that renders it (a
    `PageFiller`): a post page's body, and those of the entries of a feed that carries
    them (`Feed.full_content`, at most `feed_entries`). Each is read from the cache file
    there, or, when the cache no longer holds it (a damaged row), loaded again from the
    post's file, so a missing body costs time, never a wrong page (`reload_body` raises
    when the file changed since it was loaded). Inherited by forked render workers,
    never pickled."""

    stored: Mapping[Path, StoredBody]
    """`LoadedSite.stored_bodies`: the posts that came without their body."""
    reader: BodyReader
    config: SiteConfig
    options: LoadOptions

    def fill(self, page: PlannedPage) -> tuple[PlannedPage, dict[str, object]]:
        """`page` with its posts' bodies, and (key: body) of those that had to be loaded
        again from their files, for the cache to keep."""
        subject = page.subject
        restored: dict[str, object] = {}
        if isinstance(subject, PostPage):
            post = self._with_body(subject.post, restored)
            if post is subject.post:
                return page, restored
            return replace(page, subject=replace(subject, post=post)), restored
        if isinstance(subject, Feed) and subject.full_content:
            posts = tuple(self._with_body(post, restored) for post in subject.posts)
            return replace(page, subject=replace(subject, posts=posts)), restored
        return page, restored

    def _with_body(self, post: Post, restored: dict[str, object]) -> Post:
        """`post` with its body; as it is when it came with it."""
        record = self.stored.get(post.source_path)
        if record is None:
            return post
        body = self.reader.body(record.key)
        if body is None:
            body = restored[record.key] = reload_body(record, self.config, self.options)
        body_html, excerpt_source = body
        return replace(post, body_html=body_html, excerpt_source=excerpt_source)
