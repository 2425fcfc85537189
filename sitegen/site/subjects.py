"""What a planned page shows: one frozen value per kind of page, holding all its inputs.

A page is a pure function of its subject, the configuration and the templates: a subject
carries everything the page shows (a post's neighbours, a listing page's place among its
pages, a sitemap's entries), so rendering never looks anything up elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sitegen.model import Post, SourcePage
from sitegen.site.news_sitemap import NewsSitemap
from sitegen.site.pagination import Pager


@dataclass(frozen=True, slots=True)
class PostPage:
    """A post and the posts beside it in its primary category."""

    post: Post
    older: Post | None = None
    """The next older post of the same primary category (`rel="prev"`)."""
    newer: Post | None = None
    """The next newer one (`rel="next"`)."""
    related: tuple[Post, ...] = ()
    """The posts of the same primary category published just before this one, newest first."""


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a category, tag or month listing: a titled list of posts, newest first."""

    kind: str
    """`category`, `tag` or `archive`."""
    name: str
    title: str
    url: str
    """This page's URL; page 1's is the listing's own."""
    posts: tuple[Post, ...]
    """The posts on this page."""
    total_posts: int = -1
    """Posts in the whole listing; -1 means `len(posts)` (a listing on one page)."""
    pager: Pager | None = None
    """None when the listing has one page."""
    feed_url: str = ""
    """The listing's Atom feed, or "" when it has none."""
    duplicate_of: str = ""
    """The first-page URL of the listing this one repeats, or "": a Liquid listing page
    standing in for a category keeps its old URL for links, but names the category's
    own listing as canonical and stays out of the sitemap, so one address is indexed."""
    intro_html: str = ""
    """The body of the category's stub page (`category/<name>.md`), shown above the
    first page's list as Jekyll's `category` layout shows its `content`; "" for none."""

    @property
    def count(self) -> int:
        return len(self.posts) if self.total_posts < 0 else self.total_posts


@dataclass(frozen=True, slots=True)
class HomeSection:
    category: str
    title: str
    url: str
    posts: tuple[Post, ...]


@dataclass(frozen=True, slots=True)
class Home:
    """One page of the home page: page 1 has the latest list and the category sections;
    later pages continue the latest list."""

    url: str
    latest: tuple[Post, ...]
    sections: tuple[HomeSection, ...]
    pager: Pager | None = None


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One category in the directory: enough to judge it without opening it."""

    name: str
    title: str
    url: str
    count: int
    newest: datetime
    """The date of its newest post."""
    feed_url: str = ""


@dataclass(frozen=True, slots=True)
class CategoryDirectory:
    """`/category/`: every category with posts, by name; the top bar and footer link it."""

    url: str
    entries: tuple[DirectoryEntry, ...]
    updated: datetime | None = None
    """The newest post's change, the page's sitemap lastmod."""
    initials: Mapping[str, str] = field(default_factory=dict)
    """Pinyin initials by title, where already known (`sitegen.render.directory_keys`):
    filled from the build cache just before rendering, so a rebuild need not load the
    pinyin dictionaries for titles it has seen. Not part of the page's inputs: it is a
    function of the titles."""


@dataclass(frozen=True, slots=True)
class Redirect:
    """A tiny page sending an old URL on to where its content lives now."""

    url: str
    target_url: str
    target_title: str = ""
    """What the visible link says (the target's title), or "" to show its address."""


@dataclass(frozen=True, slots=True)
class JekyllRedirect:
    """jekyll-redirect-from's page: its own HTML, sending a browser to `target`
    (`sitegen.site.jekyll_redirects`)."""

    url: str
    target: str
    """The address written in the page, as the plugin writes it (absolute where the
    site has a `url`)."""
    post: Post | None = None
    """The post published as this page (its `redirect_to`): it keeps its place in the
    listings and feeds, as in Jekyll, and counts as published."""


@dataclass(frozen=True, slots=True)
class RedirectsJson:
    """jekyll-redirect-from's `redirects.json`: every redirect's path and target."""

    url: str
    text: str


@dataclass(frozen=True, slots=True)
class ArchiveMonth:
    year: int
    month: int
    url: str
    count: int


@dataclass(frozen=True, slots=True)
class ArchiveIndex:
    """`/archive/`: every month that has posts, newest first."""

    url: str
    months: tuple[ArchiveMonth, ...]
    updated: datetime | None = None
    """The latest change of any post, the page's sitemap lastmod."""


@dataclass(frozen=True, slots=True)
class NotFound:
    """The page static hosts serve for a URL that names no file."""

    url: str


@dataclass(frozen=True, slots=True)
class Feed:
    """An Atom feed of the newest posts of the site or of one category."""

    url: str
    title: str
    alternate_url: str
    """The HTML page the feed follows (home or the category's listing)."""
    posts: tuple[Post, ...]
    """Newest first; never empty (a feed needs an `updated` taken from its entries)."""
    category_titles: tuple[tuple[str, str], ...]
    """(name, title) of every category its posts are in, for entries' `<category label>`."""
    full_content: bool = False
    """Whether each entry carries its post's whole body (`<content>`): the site's feed
    does, as jekyll-feed's does; a category's feed does not (see `site.listings.feeds`)."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None
    """When the page's content last changed, from its posts or front matter; None when
    nothing says (a sitemap must never claim the build time)."""


@dataclass(frozen=True, slots=True)
class Sitemap:
    url: str
    entries: tuple[SitemapEntry, ...]


@dataclass(frozen=True, slots=True)
class SitemapIndex:
    """`/sitemap.xml` when the URLs do not fit in one file: it lists the parts."""

    url: str
    parts: tuple[SitemapEntry, ...]


@dataclass(frozen=True, slots=True)
class Robots:
    url: str
    sitemap_url: str
    """The sitemap robots.txt names, or "" when none is published."""
    news_sitemap_url: str = ""
    """The Google News sitemap, or "" when none is published."""


@dataclass(frozen=True, slots=True)
class SearchPage:
    """`/search/`: the search box and results, run in the browser over the Pagefind index."""

    url: str


PageSubject = (
    PostPage
    | SourcePage
    | Listing
    | Home
    | CategoryDirectory
    | Redirect
    | JekyllRedirect
    | RedirectsJson
    | ArchiveIndex
    | NotFound
    | Feed
    | Sitemap
    | SitemapIndex
    | Robots
    | NewsSitemap
    | SearchPage
)
