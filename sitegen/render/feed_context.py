"""Contexts of the machine-read files: Atom feeds, sitemaps and robots.txt.

Every address in them is absolute (the plan publishes them only when the site has a
`url`) and percent-encoded; every time is RFC 3339 with its offset and comes from the
posts, never from the clock, so an unchanged site rebuilds byte-identical files.
"""

from __future__ import annotations

from sitegen.config import SiteConfig
from sitegen.news_settings import news_language
from sitegen.render.page_contexts import (
    FeedContext,
    NewsSitemapContext,
    RobotsContext,
    SitemapContext,
    SitemapIndexContext,
)
from sitegen.render.seo import author_name, iso
from sitegen.render.views import FeedEntryView, FeedView, NewsUrlView, SitemapUrlView
from sitegen.site.news_sitemap import NewsSitemap
from sitegen.site.subjects import Feed, Robots, Sitemap, SitemapEntry, SitemapIndex
from sitegen.urls import absolute_url


def feed_context(config: SiteConfig, feed: Feed) -> FeedContext:
    def absolute(url: str) -> str:
        return absolute_url(url, config.url, config.baseurl)

    titles = dict(feed.category_titles)
    site_author = config.author or config.title
    entries = []
    for post in feed.posts:
        # Categories carry their display title; tags are terms of their own.
        terms = {name: titles.get(name, name) for name in post.categories}
        terms.update({tag: tag for tag in post.tags if tag not in terms})
        entries.append(
            FeedEntryView(
                id=absolute(post.url),
                title=post.title,
                href=absolute(post.url),
                updated=iso(post.updated),
                published=iso(post.date),
                summary=post.excerpt,
                author=author_name(post.front_matter.get("author"), site_author),
                categories=tuple(terms.items()),
            )
        )
    view = FeedView(
        id=absolute(feed.url),
        title=feed.title,
        subtitle=config.description,
        lang=config.lang,
        updated=iso(max(post.updated for post in feed.posts)),
        self_url=absolute(feed.url),
        alternate_url=absolute(feed.alternate_url),
        author=site_author,
        entries=tuple(entries),
    )
    return {"feed": view}


def sitemap_context(config: SiteConfig, sitemap: Sitemap) -> SitemapContext:
    return {"urls": _url_views(config, sitemap.entries)}


def sitemap_index_context(config: SiteConfig, sitemap_index: SitemapIndex) -> SitemapIndexContext:
    return {"sitemaps": _url_views(config, sitemap_index.parts)}


def news_sitemap_context(config: SiteConfig, sitemap: NewsSitemap) -> NewsSitemapContext:
    urls = tuple(
        NewsUrlView(absolute_url(entry.url, config.url, config.baseurl), iso(entry.published), entry.title)
        for entry in sitemap.entries
    )
    return {
        "publication_name": config.news.name or config.title,
        "publication_language": news_language(config.news, config.lang),
        "urls": urls,
    }


def robots_context(config: SiteConfig, robots: Robots) -> RobotsContext:
    def absolute(url: str) -> str:
        return absolute_url(url, config.url, config.baseurl)

    news = absolute(robots.news_sitemap_url) if robots.news_sitemap_url else ""
    return {"sitemap_url": absolute(robots.sitemap_url), "news_sitemap_url": news}


def _url_views(config: SiteConfig, entries: tuple[SitemapEntry, ...]) -> tuple[SitemapUrlView, ...]:
    return tuple(
        SitemapUrlView(
            absolute_url(entry.url, config.url, config.baseurl), iso(entry.lastmod) if entry.lastmod else ""
        )
        for entry in entries
    )
