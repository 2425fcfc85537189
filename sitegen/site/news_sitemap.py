"""The Google News sitemap, `/sitemap-news.xml`: the site's fresh articles for Google News.

The protocol (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap)
lists only articles published in the last two days, at most 1,000 of them, each with
its publication's name and language, its publication date (W3C format) and its title.
"Two days" is measured from the newest post, never from the build's clock, so a build
of the same posts is byte-identical whenever it runs; on a site that publishes every
day the two are the same window.

Only posts are listed: listings, pages and the home page are not articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

NEWS_SITEMAP_URL = "/sitemap-news.xml"
MAX_NEWS_URLS = 1_000
"""The protocol's limit of `<url>` entries in one news sitemap."""
NEWS_WINDOW = timedelta(hours=48)
"""How far back from the newest post an article counts as news (the protocol's two days)."""


@dataclass(frozen=True, slots=True)
class NewsEntry:
    url: str
    """Root-relative, unencoded, without baseurl, as a post's `url`."""
    title: str
    published: datetime


@dataclass(frozen=True, slots=True)
class NewsSitemap:
    url: str
    entries: tuple[NewsEntry, ...]
    """Newest first."""


def news_entries(posts: Iterable[NewsEntry]) -> tuple[NewsEntry, ...]:
    """The posts within `NEWS_WINDOW` of the newest, newest first (ties by URL), at most
    `MAX_NEWS_URLS`. A post without a visible title is left out: the protocol requires
    one, and the characters XML forbids are dropped from it."""
    titled = [entry for entry in posts if _has_visible_text(entry.title)]
    if not titled:
        return ()
    # The window first, then the sort: a site has 100,000s of posts, a window dozens.
    newest = max(titled, key=lambda entry: entry.published.timestamp())
    oldest_allowed = newest.published - NEWS_WINDOW
    recent = [entry for entry in titled if entry.published >= oldest_allowed]
    recent.sort(key=lambda entry: (-entry.published.timestamp(), entry.url))
    return tuple(recent[:MAX_NEWS_URLS])


def _has_visible_text(text: str) -> bool:
    """Whether some character of `text` is printable and not a space. Asked of every
    post's title at every build, so first as one C-level question: in a title that is
    all printable (almost every title), the one printable space is U+0020."""
    if text.isprintable():
        return text.strip(" ") != ""
    return any(character.isprintable() and not character.isspace() for character in text)
