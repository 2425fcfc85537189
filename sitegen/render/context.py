"""One function builds each template's context; templates never see sitegen's internals.

Views (`sitegen.render.views`) are small frozen dataclasses of display-ready values: links
already carry the baseurl and percent-encoding, dates are already in the site's zone and
format. Every HTML page also gets `seo`, the values its `<head>` needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import InitVar, dataclass, field, replace
from types import MappingProxyType
from typing import Unpack

from markupsafe import Markup

from sitegen.config import SiteConfig
from sitegen.model import Post, SourcePage
from sitegen.render.archive_context import archive_index_context
from sitegen.render.directory_context import directory_context
from sitegen.render.feed_context import (
    feed_context,
    news_sitemap_context,
    robots_context,
    sitemap_context,
    sitemap_index_context,
)
from sitegen.render.page_contexts import (
    BackLinksContext,
    HomeContext,
    HtmlContext,
    ListingContext,
    PageContext,
    PostContext,
    RedirectContext,
    SeoExtras,
    TemplateContext,
)
from sitegen.render.post_context import post_context
from sitegen.render.seo import (
    listing_description,
)
from sitegen.render.site_entries import SiteEntries
from sitegen.render.site_view import category_links, site_view
from sitegen.render.summaries import Summaries
from sitegen.render.views import (
    CurrentSection,
    Link,
    ListingView,
    PageLink,
    PagerView,
    PageView,
    PostSummary,
    PostView,
    SectionView,
    SeoView,
    SiteView,
)
from sitegen.site.news_sitemap import NewsSitemap
from sitegen.site.pagination import Pager
from sitegen.site.search_page import SEARCH_TITLE
from sitegen.site.subjects import (
    ArchiveIndex,
    CategoryDirectory,
    Feed,
    Home,
    JekyllRedirect,
    Listing,
    NotFound,
    PageSubject,
    PostPage,
    Redirect,
    RedirectsJson,
    Robots,
    SearchPage,
    Sitemap,
    SitemapIndex,
)
from sitegen.urls import absolute_url, href, paged_url

__all__ = [
    "ContextBuilder",
    "Link",
    "ListingView",
    "PageView",
    "PostSummary",
    "PostView",
    "SectionView",
    "SiteView",
]

HOME_LINK_TEXT = "返回首页"
BACK_LINK_PREFIX = "返回"
PAGE_TITLE = "{title} - 第{number}页"
NOT_FOUND_TITLE = "页面不存在"
#: Headlines that go into a listing's description before it is cut.
_DESCRIPTION_TITLES = 10


@dataclass(frozen=True, slots=True)
class ContextBuilder:
    """Everything a context needs besides the page itself.

    The categories' URLs and titles, the tags' URLs and the top bar's sections are read
    only through `entries`, which records each name read while a page's context is
    made and its template renders (`SiteEntries.take_read`); what any page may read
    besides is `shared`. Together they are what a page depends on of the site."""

    config: SiteConfig
    category_urls: InitVar[Mapping[str, str]]
    category_titles: InitVar[Mapping[str, str]]
    feed_url: str = ""
    """The site feed's URL, "" when the plan publishes none."""
    archive_url: str = ""
    """The archive index's URL, "" when the plan publishes none."""
    sections: tuple[str, ...] = ()
    """The top bar's categories, in order (read through `entries`: a change of them renders
    again every page that shows the top bar)."""
    directory_url: str = ""
    """The category directory's URL, "" when the plan publishes none."""
    tag_urls: InitVar[Mapping[str, str] | None] = None
    """Where each tag that repeats a category is listed (`SitePlan.tag_urls`)."""
    entries: SiteEntries = field(init=False, repr=False, compare=False)
    _site: SiteView = field(init=False, repr=False, compare=False)
    _summaries: Summaries = field(init=False, repr=False, compare=False)

    def __post_init__(
        self,
        category_urls: Mapping[str, str],
        category_titles: Mapping[str, str],
        tag_urls: Mapping[str, str] | None,
    ) -> None:
        # Once per build, not per page: see `sitegen.render.site_view`.
        links = category_links(category_urls, category_titles, self.config.baseurl)
        entries = SiteEntries(category_urls, category_titles, tag_urls or {}, links, self.sections)
        site = site_view(
            self.config,
            entries.sections,
            feed_url=self.feed_url,
            archive_url=self.archive_url,
            directory_url=self.directory_url,
        )
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "_site", site)
        object.__setattr__(self, "_summaries", Summaries(self.link, entries.category_link))

    def shared(self) -> tuple[object, ...]:
        """What any page's context may read of the site besides `entries`: the
        configuration and the plan's feed, archive and directory URLs, fingerprinted
        once per build; the rest is read through `entries`, name by name."""
        # Category titles are read as entries, by the pages that show them (`entries`):
        # in here, a title named in `_config.yml` would render every page again.
        # Liquid reads the settings as written too (`SiteConfig.written`), titles among them.
        written = {key: value for key, value in self.config.written.items() if key != "category_titles"}
        config = replace(self.config, category_titles=MappingProxyType({}), written=MappingProxyType(written))
        return (config, self.feed_url, self.archive_url, self.directory_url)

    @property
    def site(self) -> SiteView:
        return self._site

    def absolute(self, url: str) -> str:
        """The absolute URL of a page, or "" when the site has no `url`."""
        return absolute_url(url, self.config.url, self.config.baseurl) if self.config.url else ""

    def _seo(
        self,
        url: str,
        page_title: str,
        description: str,
        *,
        og_type: str = "website",
        og_image: str = "",
        feeds: tuple[Link, ...] = (),
        prev_href: str = "",
        next_href: str = "",
        published_time: str = "",
        modified_time: str = "",
        json_ld: Markup | None = None,
        noindex: bool = False,
    ) -> SeoView:
        """The head of a page at `url` ("" for a page without an address of its own)."""
        site = self.config
        title = f"{page_title} - {site.title}" if page_title and page_title != site.title else site.title
        site_feed = (Link(site.title, self.site.feed_href),) if self.feed_url else ()
        return SeoView(
            title=title,
            description=description or site.description,
            canonical_url=self.absolute(url) if url else "",
            og_type=og_type,
            og_title=page_title or site.title,
            og_image=og_image,
            site_name=site.title,
            published_time=published_time,
            modified_time=modified_time,
            json_ld=json_ld,
            prev_href=prev_href,
            next_href=next_href,
            feeds=site_feed + feeds,
            noindex=noindex,
        )

    def common(
        self,
        url: str,
        page_title: str,
        description: str = "",
        *,
        section: CurrentSection | None = None,
        **seo: Unpack[SeoExtras],
    ) -> HtmlContext:
        """The values every HTML page has: the site, its title, its `<head>`, and the top
        bar's entry it belongs to (`section`, marked `aria-current`)."""
        view = self._seo(url, page_title, description, **seo)
        return {
            "site": self.site,
            "page_title": page_title,
            "canonical_url": view.canonical_url,
            "seo": view,
            "current_section": section,
        }

    def current(self, section_url: str, page_url: str) -> CurrentSection:
        """The top bar's entry at `section_url`, seen from the page at `page_url`."""
        return CurrentSection(self.link(section_url), "page" if section_url == page_url else "true")

    def link(self, url: str) -> str:
        return href(url, self.config.baseurl)

    def category_link(self, name: str) -> Link:
        return self.entries.category_link(name)

    def summary(self, post: Post) -> PostSummary:
        return self._summaries.of(post)

    def summary_without_category(self, post: Post) -> PostSummary:
        """A post's summary for a list whose heading names its category."""
        return self._summaries.without_category(post)

    def back_links(self, post: Post) -> tuple[Link, ...]:
        """返回<category title> → its category page, then 返回首页 → home."""
        if not self.config.back_links:
            return ()
        links = []
        if post.primary_category is not None:
            category = self.category_link(post.primary_category)
            links.append(Link(BACK_LINK_PREFIX + category.text, category.href))
        links.append(Link(HOME_LINK_TEXT, self.site.home_href))
        return tuple(links)

    def pager(self, pager: Pager | None) -> PagerView | None:
        if pager is None:
            return None
        pages = tuple(
            PageLink(number, self.link(url) if number else "", number == pager.number)
            for number, url in pager.links
        )
        return PagerView(
            pager.number,
            self.link(pager.newer_url) if pager.newer_url else "",
            self.link(pager.older_url) if pager.older_url else "",
            pages,
        )

    def _paged_title(self, title: str, pager: Pager | None) -> str:
        return PAGE_TITLE.format(title=title, number=pager.number) if pager and pager.number > 1 else title

    def _pager_seo(self, pager: PagerView | None) -> SeoExtras:
        return {"prev_href": pager.previous_href, "next_href": pager.next_href} if pager else {}

    def for_subject(self, subject: PageSubject) -> TemplateContext:
        """The context of any planned page, by the kind of its subject."""
        match subject:
            case PostPage():
                return self.for_post(subject)
            case SourcePage():
                return self.for_page(subject)
            case Listing():
                return self.for_listing(subject)
            case Home():
                return self.for_home(subject)
            case CategoryDirectory():
                return directory_context(self, subject)
            case Redirect():
                return self.for_redirect(subject)
            case JekyllRedirect():  # the plugin's page: its target alone, as it writes it
                return {"redirect_to": subject.target}
            case RedirectsJson():
                return {"text": subject.text}
            case ArchiveIndex():
                return archive_index_context(self, subject)
            case NotFound():
                return self.for_not_found(subject)
            case Feed():
                return feed_context(self.config, subject)
            case Sitemap():
                return sitemap_context(self.config, subject)
            case SitemapIndex():
                return sitemap_index_context(self.config, subject)
            case Robots():
                return robots_context(self.config, subject)
            case NewsSitemap():
                return news_sitemap_context(self.config, subject)
            case SearchPage():
                return self.for_search(subject)
        raise TypeError(f"cannot render {type(subject).__name__}")  # pragma: no cover

    def for_post(self, page: PostPage) -> PostContext:
        return post_context(self, page)

    def for_listing(self, listing: Listing) -> ListingContext:
        pager = self.pager(listing.pager)
        view = ListingView(
            listing.kind,
            listing.name,
            listing.title,
            self.link(listing.url),
            tuple(self.summary(post) for post in listing.posts),
            listing.count,
            pager,
            self.link(listing.feed_url) if listing.feed_url else "",
            Markup(listing.intro_html if pager is None or pager.number == 1 else ""),
        )
        title = self._paged_title(listing.title, listing.pager)
        headlines = (post.title for post in listing.posts[:_DESCRIPTION_TITLES])
        description = listing_description(listing.title, headlines, self.config.excerpt_length)
        feeds = (Link(listing.title, view.feed_href),) if view.feed_href else ()
        # An empty category (a stub page the crawler left) keeps its URL for old links,
        # but is nothing a search engine should send a reader to.
        seo: SeoExtras = {**self._pager_seo(pager), "feeds": feeds, "noindex": listing.count == 0}
        canonical = listing.url
        if listing.duplicate_of:
            canonical = paged_url(listing.duplicate_of, listing.pager.number if listing.pager else 1)
        section_url = self.entries.category_url(listing.name) if listing.kind == "category" else None
        section = self.current(section_url, listing.url) if section_url is not None else None
        context = self.common(canonical, title, description, section=section, **seo)
        return {**context, "listing": view, "back_links": (Link(HOME_LINK_TEXT, self.site.home_href),)}

    def for_home(self, home: Home) -> HomeContext:
        sections = tuple(
            SectionView(section.title, self.link(section.url), tuple(self.summary(p) for p in section.posts))
            for section in home.sections
        )
        latest = tuple(self.summary(post) for post in home.latest)
        pager = self.pager(home.pager)
        title = self._paged_title(self.config.title, home.pager)
        section = self.current("/", home.url)
        context = self.common(
            home.url, title, self.config.description, section=section, **self._pager_seo(pager)
        )
        return {**context, "latest": latest, "sections": sections, "pager": pager}

    def for_page(self, page: SourcePage) -> PageContext:
        view = PageView(page.title, Markup(page.body_html))
        return {
            **self.common(page.url, page.title, page.excerpt),
            "page": view,
            "back_links": (Link(HOME_LINK_TEXT, self.site.home_href),),
        }

    def for_not_found(self, page: NotFound) -> BackLinksContext:
        # A 404 is served at whatever URL was asked for: it has no canonical address.
        back_links = (Link(HOME_LINK_TEXT, self.site.home_href),)
        return {**self.common("", NOT_FOUND_TITLE), "back_links": back_links}

    def for_search(self, page: SearchPage) -> BackLinksContext:
        back_links = (Link(HOME_LINK_TEXT, self.site.home_href),)
        return {**self.common(page.url, SEARCH_TITLE), "back_links": back_links}

    def for_redirect(self, redirect: Redirect) -> RedirectContext:
        target = self.link(redirect.target_url)
        canonical = self.absolute(redirect.target_url)
        return {
            "site": self.site,
            "page_title": self.config.title,
            "canonical_url": canonical,
            "target_href": target,
            "target_title": redirect.target_title,
        }
