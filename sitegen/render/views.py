"""What templates see: small frozen values of display-ready text.

Links already carry the baseurl and percent-encoding, absolute URLs the site's origin,
dates the site's zone and format. Templates never see a `Post` or the configuration.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class CurrentSection:
    """The top bar's entry a page belongs to: a category page and its posts' pages mark
    their category, the home page 首页, the directory 全部栏目."""

    href: str
    """The entry's link, as the top bar writes it."""
    aria: str
    """`aria-current`: `page` on the entry's own page, `true` on a page within it."""


@dataclass(frozen=True, slots=True, repr=False)
class SiteView:
    title: str
    description: str
    lang: str
    author: str
    home_href: str
    baseurl: str
    feed_href: str = ""
    """The site's Atom feed, or "" when none is published."""
    archive_href: str = ""
    """The date archive, or "" when there is none."""
    read_sections: Callable[[], tuple[Link, ...]] = field(default=tuple, compare=False)
    """Gives the top bar's sections (`sections`), recording that the page read them."""
    directory_href: str = ""
    """The category directory, or "" when there is none."""
    search_href: str = ""
    """The search page, or "" when the site has no search (`search:` unset)."""

    def __repr__(self) -> str:
        return _shown(self, "read_sections", "sections")

    @property
    def sections(self) -> tuple[Link, ...]:
        """The top bar's sections, in order. Each read is recorded
        (`sitegen.render.site_entries`): a page that shows the top bar depends on its
        categories' titles and URLs, a page that does not (a redirect) does not."""
        return self.read_sections()


@dataclass(frozen=True, slots=True)
class SeoView:
    """The `<head>` of a page: title, description, canonical URL, Open Graph, JSON-LD."""

    title: str
    """The whole `<title>`: the page's title, then the site's."""
    description: str
    canonical_url: str
    """Absolute; "" when the site has no `url`."""
    og_type: str
    """`article` for posts, `website` for everything else."""
    og_title: str
    og_image: str
    """Absolute URL of the post's first image, or ""."""
    site_name: str
    published_time: str = ""
    modified_time: str = ""
    json_ld: Markup | None = None
    """JSON text that is safe inside `<script>` (no `<`, `>` or `&` left), or None."""
    prev_href: str = ""
    next_href: str = ""
    feeds: tuple[Link, ...] = ()
    """Atom feeds to announce with `<link rel="alternate">`."""
    noindex: bool = False
    """Ask search engines to leave the page out (an empty category's stub page)."""


@dataclass(frozen=True, slots=True, repr=False)
class PostSummary:
    title: str
    href: str
    date: str
    date_iso: str
    read_category: Callable[[], Link | None] = field(compare=False)
    """Gives `category`, recording that the page read it."""
    excerpt: str = ""

    def __repr__(self) -> str:
        return _shown(self, "read_category", "category")

    @property
    def category(self) -> Link | None:
        """The link of the post's primary category, or None (no category, or a list
        whose heading names it). Each read is recorded (`sitegen.render.site_entries`):
        a listing that shows its posts' sources depends on their titles, one that does
        not show them does not."""
        return self.read_category()


@dataclass(frozen=True, slots=True)
class PostView:
    title: str
    date: str
    date_iso: str
    body: Markup
    categories: tuple[Link, ...]
    """Its categories beside the date, but the primary one, which the source line names."""
    tags: tuple[Link, ...]
    """Its tags, but one that is a category link already on the page (the crawler's tag
    is its source's name, listed at the source's category)."""
    older: Link | None = None
    """The previous post of the same category (`rel="prev"`)."""
    newer: Link | None = None
    """The next post of the same category (`rel="next"`)."""
    archive: Link | None = None
    """The listing of the post's month."""
    source: Link | None = None
    """来源: the post's primary category."""
    original_href: str = ""
    """原文链接: the address of the original article, from the body's source line."""
    related: tuple[PostSummary, ...] = ()
    """The posts of its category published just before its older neighbour."""


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int | None
    """None stands for left-out page numbers ("…")."""
    href: str
    current: bool


@dataclass(frozen=True, slots=True)
class PagerView:
    """A page's pager; a numbered page's never says how many pages there are, so that it
    stays unchanged while newer posts arrive."""

    number: int
    previous_href: str
    """The page of newer posts (`rel="prev"`), or ""."""
    next_href: str
    """The page of older posts (`rel="next"`), or ""."""
    pages: tuple[PageLink, ...]


@dataclass(frozen=True, slots=True)
class ListingView:
    kind: str
    name: str
    title: str
    href: str
    posts: tuple[PostSummary, ...]
    count: int = 0
    """Posts in the whole listing on page 1; the page's own on a numbered page."""
    pager: PagerView | None = None
    feed_href: str = ""
    intro: Markup = field(default_factory=Markup)
    """The category stub page's body, on the listing's first page only."""


@dataclass(frozen=True, slots=True)
class SectionView:
    title: str
    href: str
    posts: tuple[PostSummary, ...]


@dataclass(frozen=True, slots=True)
class DirectoryEntryView:
    title: str
    href: str
    count: int
    newest: str
    """The newest post's date, `YYYY-MM-DD`."""
    feed_href: str
    keys: str = ""
    """What the filter box matches besides the title: pinyin initials and the slug."""


@dataclass(frozen=True, slots=True)
class DirectoryGroupView:
    """The categories whose title's pinyin starts with one letter (`0-9` for a digit, `#`
    for any other start)."""

    key: str
    entries: tuple[DirectoryEntryView, ...]


@dataclass(frozen=True, slots=True)
class PageView:
    title: str
    body: Markup


@dataclass(frozen=True, slots=True)
class ArchiveYearView:
    year: int
    months: tuple[Link, ...]
    """One per month with posts, newest first; `text` is e.g. "5月（12）"."""


@dataclass(frozen=True, slots=True)
class FeedEntryView:
    """Title, summary and content are HTML, as jekyll-feed writes them (`sitegen.render.feed_text`)."""

    id: str
    title: str
    href: str
    updated: str
    published: str
    summary: str
    author: str
    categories: tuple[tuple[str, str], ...]
    """(term, label) pairs: the post's categories, then its tags."""
    has_summary: bool = True
    """Whether the entry has a `<summary>`, empty or not: jekyll-feed writes one when the
    post's description, else its rendered excerpt, is not empty (`{% if post_summary and
    post_summary != empty %}`, jekyll-feed's feed.xml): always for a Markdown post,
    which kramdown renders as a newline at least; for another, when its excerpt has text."""
    content: str | None = None
    """The post's whole body for `<content type="html">`, ready to print (a CDATA
    section, `sitegen.render.feed_text.html_content`); None: the entry has no `<content>`."""


@dataclass(frozen=True, slots=True)
class FeedView:
    id: str
    title: str
    subtitle: str
    lang: str
    updated: str
    self_url: str
    alternate_url: str
    author: str
    entries: tuple[FeedEntryView, ...]


@dataclass(frozen=True, slots=True)
class NewsUrlView:
    """One article of the Google News sitemap."""

    loc: str
    publication_date: str
    """W3C datetime with offset."""
    title: str


@dataclass(frozen=True, slots=True)
class SitemapUrlView:
    loc: str
    lastmod: str
    """W3C datetime with offset, or "" to leave `<lastmod>` out."""


def _shown(view: SiteView | PostSummary, reader: str, value: str) -> str:
    """A view's text as a dataclass's own repr writes it, with the value its `reader`
    gives (read through the property, so the read is recorded) in the reader's place: a
    template may print a view whole, and the function's text holds a memory address."""
    fields = (
        f"{value}={getattr(view, value)!r}"
        if field.name == reader
        else f"{field.name}={getattr(view, field.name)!r}"
        for field in dataclasses.fields(view)
    )
    return f"{type(view).__name__}({', '.join(fields)})"
