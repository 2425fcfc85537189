"""A post page's subject named by its category's posts, so a rebuild need not walk it.

A post's page shows the post, its older and newer neighbour and the posts just before
it, all of its primary category (`sitegen.site.listings.post_page`): everything its
subject fingerprint hashes (`sitegen.incremental.fingerprint`) is fixed by the site
fingerprint, the category's posts (each by its token) with their URLs, the post's place
among them and the page's template. A *stamp* says exactly that, cheaply: one digest per
category, worked out once per build, with the position and the template.

A page's record keeps the stamp it was last decided under, with the digests of the
templates and context entries it used (`Shortcut`); a rebuild that finds the same stamp
and the same digests knows the recorded fingerprint is still the page's, without
fingerprinting its subject nor combining its digests. At 10,000 posts a post page's
stamp costs about half what its fingerprint did (10,000 post pages: ~23 ms of stamps,
digests and positions included, against ~40 ms of fingerprints), most of it in checking
the subject: the saving is real but not large, and the stamp's worth is that it is
exact.

A stamp is given only to a page whose subject is checked here to be exactly that post's
page in that sequence (its neighbours and related posts, by identity, and its URL the
post's own), so a subject made any other way is fingerprinted as before, never
mistaken for one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.incremental.cache import Shortcut, Stamp
from sitegen.model import Post
from sitegen.site.claims import PlannedPage
from sitegen.site.listings import RELATED_POSTS
from sitegen.site.subjects import PostPage

__all__ = ["PostStamps", "RunDigests", "Shortcut", "Stamp"]

_MARSHAL_VERSION = 2
"""As `sitegen.incremental.fingerprint`: no references, so equal values, equal bytes."""


_KNOWN = tuple(field.name for field in dataclasses.fields(PostPage)) == ("post", "older", "newer", "related")
"""Whether a post page has exactly the fields a stamp names: one that gains a field has
no stamp until it is named here, so a stamp never leaves out what the fingerprint hashes."""


class RunDigests:
    """The digest of each of the index's sequences of posts that a stamp names: its
    posts' tokens and URLs, with the site fingerprint. By the sequence's identity: the
    index keeps every one alive while pages are decided."""

    def __init__(self, tokens: Mapping[int, bytes], site_fingerprint: str) -> None:
        self._tokens = tokens
        self._site_fingerprint = site_fingerprint
        self._digests: dict[int, bytes | None] = {}
        self.site = hashlib.blake2b(site_fingerprint.encode(), digest_size=20).digest()
        """The site fingerprint's digest, for a stamp of no posts."""

    def digest(self, posts: tuple[Post, ...]) -> bytes | None:
        """None when a post has no token (then nothing made of it has a stamp)."""
        key = id(posts)
        if key not in self._digests:
            tokens = self._tokens
            try:
                listed = [tokens[id(post)] for post in posts]
            except KeyError:
                self._digests[key] = None
                return None
            plain = [self._site_fingerprint, listed, [post.url for post in posts]]
            digest = hashlib.blake2b(marshal.dumps(plain, _MARSHAL_VERSION), digest_size=20).digest()
            self._digests[key] = digest
        return self._digests[key]


@dataclass(frozen=True, slots=True)
class _Category:
    """One category's posts, newest first, their digest, and where each post stands."""

    posts: tuple[Post, ...]
    digest: bytes
    positions: Mapping[int, int]
    """`id(post)` → its index in `posts`."""


class PostStamps:
    """The stamps of this build's post pages (see the module).

    `by_category` must be the index the plan was made from (`SiteIndex.by_category`)."""

    def __init__(self, by_category: Mapping[str, tuple[Post, ...]], digests: RunDigests) -> None:
        self._by_category = by_category
        self._digests = digests
        self._categories: dict[str, _Category | None] = {}

    def stamp(self, page: PlannedPage) -> Stamp | None:
        """The page's stamp, or None when it is not a post page this can name (a post
        without a category, a subject not made from its category's posts as
        `post_page` makes it): then its subject is fingerprinted."""
        subject = page.subject
        if type(subject) is not PostPage or not _KNOWN:
            return None
        post = subject.post
        categories = post.categories
        if not categories:
            return None
        name = categories[0]  # `Post.primary_category`
        if name in self._categories:
            category = self._categories[name]
        else:
            category = self._categories[name] = self._category(name)
        if category is None:
            return None
        position = category.positions.get(id(post))
        if position is None or page.url != post.url:
            return None
        posts = category.posts
        older = posts[position + 1] if position + 1 < len(posts) else None
        newer = posts[position - 1] if position > 0 else None
        related = posts[position + 2 : position + 2 + RELATED_POSTS]
        if subject.older is not older or subject.newer is not newer or subject.related != related:
            return None
        return (category.digest, position, page.template, ())

    def _category(self, name: str) -> _Category | None:
        posts = self._by_category.get(name)
        digest = None if posts is None else self._digests.digest(posts)
        if posts is None or digest is None:
            return None
        return _Category(posts, digest, {id(post): position for position, post in enumerate(posts)})
