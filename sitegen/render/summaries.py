"""A post as listings, related posts and the home page show it, made once per process.

A post appears on many pages: its category's listing pages, the archive of its month,
the home page, and the related posts of every post of its source (a dozen or more). Its
summary (title, link, date in the site's format, category link, excerpt) is the same on
each, so a render process makes it the first time and hands the same value out after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sitegen.jekyll.xmlschema import xmlschema
from sitegen.model import Post
from sitegen.render.views import Link, PostSummary

DATE_FORMAT = "%Y-%m-%d %H:%M"
KEPT_SUMMARIES = 4096
"""At most this many summaries are kept, the oldest made going first: a page's related
posts and listings are mostly posts rendered near it (its category's), while keeping
one per post raised a 100,000-post cold build's peak memory (PSS, every process) from
1,272 to 1,374 MiB in the bench."""


@dataclass(frozen=True, slots=True)
class Summaries:
    """Summaries of posts, each made once while it is kept (keyed by the post object;
    see `KEPT_SUMMARIES`).

    An entry keeps its post, so the object's `id` cannot be given to another post while
    the entry lives: a key never names two posts."""

    link: Callable[[str], str]
    """A site URL as a page links to it (baseurl, percent-encoding)."""
    category_link: Callable[[str], Link]
    _made: dict[int, tuple[Post, PostSummary, PostSummary]] = field(default_factory=dict, repr=False)

    def of(self, post: Post) -> PostSummary:
        """The post's summary, with its primary category's link (asked for when a
        template reads it, so the read is the page's: see `PostSummary.category`)."""
        return self._entry(post)[1]

    def without_category(self, post: Post) -> PostSummary:
        """The post's summary without a category, for a list whose heading names it."""
        return self._entry(post)[2]

    def _entry(self, post: Post) -> tuple[Post, PostSummary, PostSummary]:
        entry = self._made.get(id(post))
        if entry is None or entry[0] is not post:
            category = post.primary_category
            bare = PostSummary(
                title=post.title,
                href=self.link(post.url),
                date=post.date.strftime(DATE_FORMAT),
                date_iso=xmlschema(post.date),
                read_category=_no_category,
                excerpt=post.excerpt,
            )
            full = (
                bare
                if category is None
                else PostSummary(
                    bare.title,
                    bare.href,
                    bare.date,
                    bare.date_iso,
                    partial(self.category_link, category),
                    bare.excerpt,
                )
            )
            entry = (post, full, bare)
            if len(self._made) >= KEPT_SUMMARIES:
                del self._made[next(iter(self._made))]
            self._made[id(post)] = entry
        return entry


def _no_category() -> None:
    """The category of a summary without one."""
    return None
