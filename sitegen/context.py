"""One function builds each template's context; templates never see sitegen's internals.

Views are small frozen dataclasses of display-ready values: links already carry the
baseurl and percent-encoding, dates are already in the site's zone and format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitegen.config import SiteConfig
from sitegen.model import Post, SourcePage
from sitegen.plan import Home, Listing, Redirect
from sitegen.urls import absolute_url, href, tag_url

DATE_FORMAT = "%Y-%m-%d %H:%M"
HOME_LINK_TEXT = "返回首页"
BACK_LINK_PREFIX = "返回"


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    lang: str
    author: str
    home_href: str
    baseurl: str


@dataclass(frozen=True, slots=True)
class PostSummary:
    title: str
    href: str
    date: str
    date_iso: str
    category: Link | None


@dataclass(frozen=True, slots=True)
class PostView:
    title: str
    date: str
    date_iso: str
    body: Markup
    categories: tuple[Link, ...]
    tags: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ListingView:
    kind: str
    name: str
    title: str
    href: str
    posts: tuple[PostSummary, ...]


@dataclass(frozen=True, slots=True)
class SectionView:
    title: str
    href: str
    posts: tuple[PostSummary, ...]


@dataclass(frozen=True, slots=True)
class PageView:
    title: str
    body: Markup


@dataclass(frozen=True, slots=True)
class ContextBuilder:
    """Everything a context needs besides the page itself."""

    config: SiteConfig
    category_urls: Mapping[str, str]
    category_titles: Mapping[str, str]

    @property
    def site(self) -> SiteView:
        config = self.config
        return SiteView(config.title, config.description, config.lang, config.author,
                        href("/", config.baseurl), config.baseurl)

    def _common(self, url: str, page_title: str) -> dict[str, Any]:
        canonical = absolute_url(url, self.config.url, self.config.baseurl) if self.config.url else ""
        return {"site": self.site, "page_title": page_title, "canonical_url": canonical}

    def link(self, url: str) -> str:
        return href(url, self.config.baseurl)

    def category_link(self, name: str) -> Link:
        return Link(self.category_titles.get(name, name), self.link(self.category_urls[name]))

    def summary(self, post: Post) -> PostSummary:
        category = post.primary_category
        return PostSummary(
            title=post.title,
            href=self.link(post.url),
            date=post.date.strftime(DATE_FORMAT),
            date_iso=post.date.isoformat(),
            category=self.category_link(category) if category is not None else None,
        )

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

    def for_post(self, post: Post) -> dict[str, Any]:
        view = PostView(
            title=post.title,
            date=post.date.strftime(DATE_FORMAT),
            date_iso=post.date.isoformat(),
            body=Markup(post.body_html),
            categories=tuple(self.category_link(name) for name in post.categories),
            tags=tuple(Link(tag, self.link(tag_url(tag))) for tag in post.tags),
        )
        return {**self._common(post.url, post.title), "post": view, "back_links": self.back_links(post)}

    def for_listing(self, listing: Listing) -> dict[str, Any]:
        view = ListingView(
            listing.kind, listing.name, listing.title, self.link(listing.url),
            tuple(self.summary(post) for post in listing.posts),
        )
        return {**self._common(listing.url, listing.title), "listing": view,
                "back_links": (Link(HOME_LINK_TEXT, self.site.home_href),)}

    def for_home(self, home: Home) -> dict[str, Any]:
        sections = tuple(
            SectionView(section.title, self.link(section.url), tuple(self.summary(p) for p in section.posts))
            for section in home.sections
        )
        latest = tuple(self.summary(post) for post in home.latest)
        return {**self._common(home.url, self.config.title), "latest": latest, "sections": sections}

    def for_page(self, page: SourcePage) -> dict[str, Any]:
        view = PageView(page.title, Markup(page.body_html))
        return {**self._common(page.url, page.title), "page": view,
                "back_links": (Link(HOME_LINK_TEXT, self.site.home_href),)}

    def for_redirect(self, redirect: Redirect) -> dict[str, Any]:
        target = self.link(redirect.target_url)
        canonical = absolute_url(redirect.target_url, self.config.url, self.config.baseurl) if self.config.url else ""
        return {"site": self.site, "page_title": self.config.title, "canonical_url": canonical,
                "target_href": target}
