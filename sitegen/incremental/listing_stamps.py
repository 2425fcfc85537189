"""Listing pages and feeds named by the run of the index's posts they show.

A category's, tag's or month's listing page shows a run of that listing's posts (all
of them, or one page's), and a feed the newest of a category's or of the site's posts.
Everything else such a subject holds is a few strings and numbers (its title, URLs, its
pager). So its subject fingerprint is fixed by a stamp as a post page's is
(`sitegen.incremental.post_stamps`): the digest of the index's sequence the run is
taken from (its posts' tokens and URLs, with the site fingerprint), where the run
starts, the page's template, and the subject's other fields as they are. The run is
checked to be exactly that slice of the sequence, by identity; a subject of any other
shape (a home page, a listing made from posts picked otherwise) has no stamp and is
fingerprinted. A redirect or the 404 page holds text alone: its stamp is that text.
6,000 of a 10,000-post site's pages, each a fingerprint a rebuild need not work out.

Each kind's fields are listed here: a kind that gains a field has no stamps until it
is listed, so a stamp never leaves out what the fingerprint hashes.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sitegen.incremental.cache import Stamp
from sitegen.incremental.post_stamps import RunDigests
from sitegen.model import Post
from sitegen.site.claims import PlannedPage
from sitegen.site.index import SiteIndex
from sitegen.site.pagination import Pager
from sitegen.site.subjects import Feed, Listing, NotFound, Redirect


def _fields(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


_KNOWN = (
    _fields(Listing)
    == ("kind", "name", "title", "url", "posts", "total_posts", "pager", "feed_url", "duplicate_of")
    and _fields(Feed) == ("url", "title", "alternate_url", "posts", "category_titles")
    and _fields(Pager) == ("number", "url", "newer_url", "older_url", "links")
)
"""Whether the kinds have exactly the fields the stamps below name (see the module)."""

_PLAIN: dict[type, Callable[[Any], object]] = {
    kind: operator.attrgetter(*names)
    for kind, names in ((Redirect, ("url", "target_url", "target_title")), (NotFound, ("url",)))
    if _fields(kind) == names
}
"""Subjects of text alone (a redirect, the 404 page): their stamp is their fields, with
the site fingerprint's digest."""

_MONTH = "{year:04d}-{month:02d}"
"""A month listing's name (`sitegen.site.listings.archive_pages`)."""


class ListingStamps:
    """The stamps of this build's listing pages and feeds (see the module). `index`: the
    one the plan was made from."""

    def __init__(self, index: SiteIndex, digests: RunDigests) -> None:
        self._index = index
        self._digests = digests
        self._months = {
            _MONTH.format(year=year, month=month): posts for (year, month), posts in index.by_month.items()
        }
        self._places: dict[int, dict[int, int]] = {}
        """By `id` of an index's sequence (all alive while the index is)."""

    def stamp(self, page: PlannedPage) -> Stamp | None:
        """The page's stamp, or None (see the module)."""
        subject = page.subject
        if not _KNOWN:
            return None
        if type(subject) is Listing:
            return self._listing(page, subject)
        if type(subject) is Feed:
            return self._feed(page, subject)
        fields = _PLAIN.get(type(subject))
        if fields is None:
            return None
        return (self._digests.site, 0, page.template, (type(subject).__name__, page.url, fields(subject)))

    def _feed(self, page: PlannedPage, subject: Feed) -> Stamp | None:
        posts = subject.posts
        # A category's feed, else the site's: a category's run of one post is a run of
        # the site's posts too, but that sequence changes with every new post.
        by_category = self._index.by_category
        candidates = (
            [by_category[name] for name in posts[0].categories if name in by_category] if posts else []
        )
        for sequence in (*candidates, self._index.posts):
            found = self._run(sequence, posts)
            if found is not None:
                fields = (subject.url, subject.title, subject.alternate_url, subject.category_titles)
                return (found[0], found[1], page.template, ("Feed", len(posts), page.url, *fields))
        return None

    def _listing(self, page: PlannedPage, subject: Listing) -> Stamp | None:
        if subject.kind == "category":
            sequence = self._index.by_category.get(subject.name)
        elif subject.kind == "tag":
            sequence = self._index.by_tag.get(subject.name)
        else:
            sequence = self._months.get(subject.name)
        found = None if sequence is None else self._run(sequence, subject.posts)
        if found is None:
            return None
        pager = subject.pager
        paged = (
            None
            if pager is None
            else (pager.number, pager.url, pager.newer_url, pager.older_url, pager.links)
        )
        fields = (subject.kind, subject.name, subject.title, subject.url, subject.total_posts, paged)
        extra = (subject.feed_url, subject.duplicate_of)
        return (found[0], found[1], page.template, ("Listing", len(subject.posts), page.url, *fields, *extra))

    def _run(self, sequence: tuple[Post, ...], posts: Sequence[Post]) -> tuple[bytes, int] | None:
        """The digest of `sequence` and where `posts` starts in it, when `posts` is a run
        of it (the very posts, in order); else None."""
        if not posts:
            return None
        start = 0 if sequence and sequence[0] is posts[0] else self._positions(sequence).get(id(posts[0]), -1)
        run = sequence[start : start + len(posts)] if start >= 0 else ()
        if len(run) != len(posts) or any(map(operator.is_not, run, posts)):
            return None
        digest = self._digests.digest(sequence)
        return None if digest is None else (digest, start)

    def _positions(self, sequence: tuple[Post, ...]) -> Mapping[int, int]:
        """`id(post)` → its place in `sequence`, made the first time a run of it does not
        start at its newest post (a listing's later page)."""
        positions = self._places.get(id(sequence))
        if positions is None:
            positions = self._places[id(sequence)] = {id(post): at for at, post in enumerate(sequence)}
        return positions
