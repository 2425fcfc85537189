"""The site-wide context's entries by name, each read recorded: a page's dependency record.

A page shows a few categories (its post's, the sources of the posts it lists) and a few
tags, out of thousands. Were the whole map of category titles and URLs part of every
page's fingerprint, an editor's retitling of one category, or a tag that starts to
repeat another category, would render every page of the site again (165,000 pages at
100,000 posts) to change a few dozen. So a context reads categories and tags only
through `SiteEntries`, which notes each name read, even one that is absent, since its
appearing later changes the page. The names a page's context read are kept with its
record (as the templates it used are, `sitegen.render.templates`), and the next build
compares the values of exactly those entries (`digest`).

An entry is named by a one-letter kind and the name: `c` a category (its URL and
title), `t` a tag (the URL of the listing it repeats, `SitePlan.tag_urls`), and `s` the
top bar's sections (categories: every page that shows the bar reads them, a feed, a
sitemap or a redirect does not).
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping

from sitegen.render.views import Link

CATEGORY = "c"
TAG = "t"
SECTIONS = "s"

_MARSHAL_VERSION = 2
"""No back-references: equal values give equal bytes (see `sitegen.incremental.fingerprint`)."""


class SiteEntries:
    """Category URLs, titles and links and tags' URLs, looked up by name and recorded.

    Not frozen: the names read since `take_read` are its state. A render process builds
    one page's context at a time (workers are processes, not threads)."""

    __slots__ = ("_category_titles", "_category_urls", "_links", "_read", "_sections", "_tag_urls", "_values")

    def __init__(
        self,
        category_urls: Mapping[str, str],
        category_titles: Mapping[str, str],
        tag_urls: Mapping[str, str],
        links: Mapping[str, Link],
        sections: tuple[str, ...],
    ) -> None:
        """`links`: each category's link (`sitegen.render.site_view.category_links`),
        made from `category_urls` and `category_titles`; `sections`: the top bar's
        categories, in order."""
        self._category_urls = category_urls
        self._category_titles = category_titles
        self._tag_urls = tag_urls
        self._links = links
        self._sections = tuple(links[name] for name in sections)
        self._read: set[str] = set()
        self._values: dict[str, bytes] = {}
        """Each entry's name and value, encoded once: a rebuild's pages read a few
        thousand sets of entries (100,000s of names, the same few thousand again and
        again, the top bar's in almost every set), each digested (`digest`) to decide
        whether the page is still current."""

    def sections(self) -> tuple[Link, ...]:
        """The top bar's links, in order (`SiteView.sections`)."""
        self._read.add(SECTIONS)
        return self._sections

    def category_url(self, name: str) -> str | None:
        """The category's site URL (no baseurl), or None for a name with no page."""
        self._read.add(CATEGORY + name)
        return self._category_urls.get(name)

    def category_title(self, name: str) -> str:
        """The category's display title (its name when it has none)."""
        self._read.add(CATEGORY + name)
        return self._category_titles.get(name, name)

    def category_link(self, name: str) -> Link:
        """The category's title and href. Raises `KeyError` for a name with no page: a
        context asks only for categories the plan gave pages."""
        self._read.add(CATEGORY + name)
        return self._links[name]

    def tag_url(self, tag: str) -> str | None:
        """The URL of the category listing a tag repeats, or None (the tag's own page)."""
        self._read.add(TAG + tag)
        return self._tag_urls.get(tag)

    def take_read(self) -> tuple[str, ...]:
        """The names read since the last call, sorted; reading starts afresh."""
        read = tuple(sorted(self._read))
        self._read = set()
        return read

    def digest(self, names: tuple[str, ...]) -> bytes:
        """A digest of the current value of each named entry (a name no longer in the
        site has the value None): equal digests, equal entries for a page that read
        exactly these names."""
        hasher = hashlib.blake2b(digest_size=20)
        for name in names:
            encoded = self._values.get(name)
            if encoded is None:
                # One marshalled value ends where it ends: the joined encodings say
                # which names and values they were made of.
                encoded = self._values[name] = marshal.dumps((name, self._made_value(name)), _MARSHAL_VERSION)
            hasher.update(encoded)
        return hasher.digest()

    def _made_value(self, name: str) -> tuple[str | None, ...]:
        kind, key = name[:1], name[1:]
        if kind == CATEGORY:
            return (self._category_urls.get(key), self._category_titles.get(key))
        if kind == TAG:
            return (self._tag_urls.get(key),)
        return tuple(text for link in self._sections for text in (link.text, link.href))
