"""The context each template receives, one typed mapping per page kind.

A template sees exactly these names and nothing of sitegen's internals. Typing them
(rather than `dict[str, Any]`) lets mypy check that every context function gives its
template every name it reads, with the view type the template expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from markupsafe import Markup

from sitegen.render.views import (
    ArchiveYearView,
    CurrentSection,
    DirectoryGroupView,
    FeedView,
    Link,
    ListingView,
    NewsUrlView,
    PagerView,
    PageView,
    PostSummary,
    PostView,
    SectionView,
    SeoView,
    SitemapUrlView,
    SiteView,
)


class SeoExtras(TypedDict, total=False):
    """What a page kind adds to the `<head>` every HTML page has."""

    og_type: str
    og_image: str
    feeds: tuple[Link, ...]
    prev_href: str
    next_href: str
    published_time: str
    modified_time: str
    json_ld: Markup | None
    noindex: bool


class HtmlContext(TypedDict):
    """What every HTML page has: the site, its title and its `<head>`."""

    site: SiteView
    page_title: str
    canonical_url: str
    seo: SeoView
    current_section: CurrentSection | None
    """The top bar's entry the page belongs to, or None."""


class BackLinksContext(HtmlContext):
    """A page whose only own content is its way back (404, search)."""

    back_links: tuple[Link, ...]


class PostContext(BackLinksContext):
    post: PostView


class PageContext(BackLinksContext):
    page: PageView


class ListingContext(BackLinksContext):
    listing: ListingView


class ArchiveIndexContext(BackLinksContext):
    years: tuple[ArchiveYearView, ...]


class DirectoryContext(BackLinksContext):
    groups: tuple[DirectoryGroupView, ...]
    category_count: int


class HomeContext(HtmlContext):
    latest: tuple[PostSummary, ...]
    sections: tuple[SectionView, ...]
    pager: PagerView | None


class RedirectContext(TypedDict):
    site: SiteView
    page_title: str
    canonical_url: str
    target_href: str
    target_title: str
    """The visible link's text when known ("" shows the address)."""


class JekyllRedirectContext(TypedDict):
    redirect_to: str
    """jekyll-redirect-from's `page.redirect.to`."""


class RedirectsJsonContext(TypedDict):
    text: str


class FeedContext(TypedDict):
    feed: FeedView


class SitemapContext(TypedDict):
    urls: Sequence[SitemapUrlView]
    url_elements: Markup
    """Every `<url>` element of `urls`, one per line, escaped (see `sitemap_context`)."""


class SitemapIndexContext(TypedDict):
    sitemaps: tuple[SitemapUrlView, ...]


class NewsSitemapContext(TypedDict):
    publication_name: str
    publication_language: str
    urls: tuple[NewsUrlView, ...]


class RobotsContext(TypedDict):
    sitemap_url: str
    news_sitemap_url: str


TemplateContext = (
    PostContext
    | PageContext
    | ListingContext
    | ArchiveIndexContext
    | DirectoryContext
    | HomeContext
    | BackLinksContext
    | RedirectContext
    | JekyllRedirectContext
    | RedirectsJsonContext
    | FeedContext
    | SitemapContext
    | SitemapIndexContext
    | NewsSitemapContext
    | RobotsContext
)
"""The context of any planned page."""
