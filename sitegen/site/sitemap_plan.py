"""The plan's last pages: the sitemap (or its index and parts), robots.txt naming it,
and the Google News sitemap, all made from the pages planned before them.

The news sitemap lists only the posts within two days of the newest
(`sitegen.site.news_sitemap`): the posts are read newest first, and those past the
window are never looked at, where every planned page was checked and made an entry of
(20 ms of a one-post rebuild at 10,000 posts, for the dozen a window holds).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.model import Post, StaticFile
from sitegen.site.claims import Claims
from sitegen.site.news_sitemap import NEWS_SITEMAP_URL, NEWS_WINDOW, NewsEntry, NewsSitemap, news_entries
from sitegen.site.sitemap import in_sitemap, sitemap_entries, split_sitemap
from sitegen.site.sitemap_locs import loc_fits, without_overlong_locs
from sitegen.site.subjects import PostPage, Robots, SitemapIndex
from sitegen.urls import output_path, robots_url

#: Crawlers read robots.txt only at the host's root (RFC 9309, section 2.3), and the
#: site is served below its baseurl, so the generated file and its Sitemap lines are lost.
BASEURL_ROBOTS_WARNING = (
    "baseurl is '{baseurl}', so robots.txt is served at {baseurl}/robots.txt, where crawlers "
    "never look: serve it (with its Sitemap lines) from the host's root, /robots.txt"
)


def plan_sitemaps(
    claims: Claims,
    config: SiteConfig,
    posts: Sequence[Post],
    published_files: tuple[StaticFile, ...],
    max_bytes: int,
) -> None:
    """The sitemap (or its index and parts) of every HTML page planned so far and of the
    static HTML files that are published, and robots.txt naming it (or the site's own
    sitemap.xml) and the news sitemap. `posts`: the index's, newest first."""
    entries = sitemap_entries(
        ((page.url, page.output_path, page.subject) for page in claims.planned.values()), published_files
    )
    entries = without_overlong_locs(entries, claims, published_files, config)
    sitemaps = split_sitemap(
        entries,
        site_url=config.url,
        baseurl=config.baseurl,
        max_urls=config.sitemap_max_urls,
        max_bytes=max_bytes,
    )
    news_url = _plan_news_sitemap(claims, config, posts) if config.news.enabled else ""
    first, *parts = sitemaps
    template = "sitemap_index.xml" if isinstance(first, SitemapIndex) else "sitemap.xml"
    if claims.claim(first.url, template, first, f"sitemap {first.url}", optional=True):
        for part in parts:  # reserved for them (`SITEMAP_PART`): nothing else stands there
            claims.claim(part.url, "sitemap.xml", part, f"sitemap {part.url}")
    # Else the site's own sitemap.xml, and no parts of the generated one; robots.txt is
    # still written unless the site has its own, and names the sitemap at that URL, as
    # jekyll-sitemap writes its robots.txt whenever the site has none (`generate`,
    # jekyll-sitemap/lib/jekyll/jekyll-sitemap.rb).
    named = "" if output_path(first.url) in claims.taken_as_folders else first.url
    robots = Robots(robots_url(), named, news_url)
    if claims.claim(robots.url, "robots.txt", robots, "robots.txt", optional=True) and config.baseurl:
        warning = BASEURL_ROBOTS_WARNING.format(baseurl=config.baseurl)
        claims.diagnostics.append(Diagnostic(warning, claims.config_file))


def _plan_news_sitemap(claims: Claims, config: SiteConfig, posts: Sequence[Post]) -> str:
    """The Google News sitemap of the posts planned so far, but those whose URL is too
    long for a `<loc>`; its URL, or "" when none."""
    entries = news_entries(_news_window(claims, config, posts))
    news = NewsSitemap(NEWS_SITEMAP_URL, entries)
    if entries and claims.claim(news.url, "sitemap_news.xml", news, "the news sitemap", optional=True):
        return news.url
    return ""


def _news_window(claims: Claims, config: SiteConfig, posts: Sequence[Post]) -> Iterator[NewsEntry]:
    """The entries `news_entries` may list, of the posts (newest first) that have a
    planned page: from the newest that may be listed, each until one older than the
    window. `news_entries` of these is `news_entries` of every post's entry: the
    newest that may be listed is among them, and so is every one within the window."""
    planned = {
        id(page.subject.post): page.url for page in claims.planned.values() if type(page.subject) is PostPage
    }
    oldest_allowed = None
    for post in posts:
        if oldest_allowed is not None and post.date < oldest_allowed:
            return  # newest first: every later post is older still
        url = planned.get(id(post))
        if url is None or not in_sitemap(post.front_matter) or not loc_fits(url, config):
            continue
        entry = NewsEntry(url, post.title, post.date)
        if oldest_allowed is None and news_entries((entry,)):  # the newest that may be listed
            oldest_allowed = post.date - NEWS_WINDOW
        yield entry
