"""The sitemap: every HTML page a reader can land on, with when its content last changed.

`lastmod` comes from content only, never from the clock, so an unchanged site gives a
byte-identical sitemap: a post's `last_modified_at` or date; a listing's newest change
among the posts it shows; a page's `last_modified_at` or `date` front matter, else none.

The protocol caps one file at 50,000 URLs and 50 MB; a site past either gets
`/sitemap.xml` as an index of parts `/sitemap-1.xml`, `/sitemap-2.xml`, …
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from sitegen.content.markup import HTML_OUTPUT_SUFFIXES
from sitegen.model import Post, SourcePage, StaticFile
from sitegen.site.subjects import (
    ArchiveIndex,
    CategoryDirectory,
    Home,
    Listing,
    PageSubject,
    PostPage,
    Sitemap,
    SitemapEntry,
    SitemapIndex,
)
from sitegen.urls import HTML_SUFFIXES, OutputPath, absolute_url, not_found_url, sitemap_url

MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: Bytes a `<url>` entry adds beyond its address: the tags, a lastmod, indentation. An
#: overestimate, so a part stays under the limit even with a wordier template.
_ENTRY_OVERHEAD_BYTES = 120
_FILE_OVERHEAD_BYTES = 400


def sitemap_entries(
    pages: Iterable[tuple[str, OutputPath, PageSubject]], static_files: Iterable[StaticFile]
) -> tuple[SitemapEntry, ...]:
    """One entry per HTML page worth indexing, sorted by URL; `pages` are each planned
    page's URL, output path and subject.

    Left out: redirects, the 404 page, feeds, pages whose front matter says
    `sitemap: false` (jekyll-sitemap's switch), and pages and posts written as anything
    but HTML (`permalink: /data.json` writes `data.json`): jekyll-sitemap lists only
    `site.html_pages` (`Page#html?`, by the output extension), and a post's file of
    another type is no page a reader lands on either. Static HTML files are in, without
    lastmod."""
    entries = [
        SitemapEntry(url, _lastmod(subject))
        for url, path, subject in pages
        if _is_indexed(url, subject) and (_is_html(path) or not isinstance(subject, (SourcePage, PostPage)))
    ]
    entries.extend(
        SitemapEntry(static.url, None)
        for static in static_files
        if static.url.lower().endswith(HTML_SUFFIXES) and static.url != not_found_url()
    )
    return tuple(sorted(entries, key=lambda entry: entry.url))


def split_sitemap(
    entries: tuple[SitemapEntry, ...],
    *,
    site_url: str,
    baseurl: str,
    max_urls: int,
    max_bytes: int = MAX_SITEMAP_BYTES,
) -> tuple[Sitemap | SitemapIndex, ...]:
    """`/sitemap.xml` alone when everything fits, else an index and its parts."""
    if len(entries) <= max_urls and _most_bytes(entries, site_url, baseurl) <= max_bytes:
        return (Sitemap(sitemap_url(), entries),)
    by_count = [list(entries[start : start + max_urls]) for start in range(0, len(entries), max_urls)]
    if all(_most_bytes(part, site_url, baseurl) <= max_bytes for part in by_count):
        parts = by_count  # the count limit binds first: no URL need be encoded to know it
    else:
        parts = _parts_by_size(entries, site_url, baseurl, max_urls, max_bytes)
    if len(parts) == 1:
        return (Sitemap(sitemap_url(), tuple(parts[0])),)
    files = [Sitemap(sitemap_url(number), tuple(part)) for number, part in enumerate(parts, start=1)]
    index = SitemapIndex(
        sitemap_url(),
        tuple(SitemapEntry(part.url, _newest(entry.lastmod for entry in part.entries)) for part in files),
    )
    return (index, *files)


def _parts_by_size(
    entries: tuple[SitemapEntry, ...], site_url: str, baseurl: str, max_urls: int, max_bytes: int
) -> list[list[SitemapEntry]]:
    """Entries in order, a new part whenever one would pass either limit."""
    parts: list[list[SitemapEntry]] = [[]]
    size = _FILE_OVERHEAD_BYTES
    for entry in entries:
        entry_bytes = len(absolute_url(entry.url, site_url, baseurl).encode()) + _ENTRY_OVERHEAD_BYTES
        if parts[-1] and (len(parts[-1]) >= max_urls or size + entry_bytes > max_bytes):
            parts.append([])
            size = _FILE_OVERHEAD_BYTES
        parts[-1].append(entry)
        size += entry_bytes
    return parts


def _most_bytes(entries: Sequence[SitemapEntry], site_url: str, baseurl: str) -> int:
    """An upper bound of the sitemap's size as `split_sitemap` counts it, without
    percent-encoding every URL: encoding turns each UTF-8 byte into at most three. When
    the bound fits, the site's one sitemap does (most sites: a rebuild need not encode
    tens of thousands of URLs to learn it)."""
    prefix = len(site_url.encode()) + 3 * len(baseurl.encode()) + _ENTRY_OVERHEAD_BYTES
    encoded = sum(len(entry.url.encode("utf-8", "surrogatepass")) for entry in entries)
    return _FILE_OVERHEAD_BYTES + len(entries) * prefix + 3 * encoded


def _is_html(path: OutputPath) -> bool:
    """`Page#html?`: the output extension is HTML's as written (`.HTML` is not)."""
    return path.endswith(HTML_OUTPUT_SUFFIXES)


def in_sitemap(front_matter: Mapping[str, object]) -> bool:
    """jekyll-sitemap's switch: a page or post with `sitemap: false` is left out
    (jekyll-sitemap's `lib/sitemap.xml` skips pages and documents whose `sitemap` is false)."""
    return front_matter.get("sitemap") is not False


def _is_indexed(url: str, subject: PageSubject) -> bool:
    if isinstance(subject, SourcePage):
        return in_sitemap(subject.front_matter)
    if isinstance(subject, PostPage):
        return in_sitemap(subject.post.front_matter)
    if isinstance(subject, Listing) and (subject.count == 0 or subject.duplicate_of):
        # An empty category's stub page (kept for old links, marked noindex), or a Liquid
        # listing page standing in for a category listing published at its own URL.
        return False
    return (
        isinstance(subject, (PostPage, Listing, Home, ArchiveIndex, CategoryDirectory))
        and url != not_found_url()
    )


def _lastmod(subject: PageSubject) -> datetime | None:
    if isinstance(subject, PostPage):
        return subject.post.updated
    if isinstance(subject, Listing):
        return _newest_post(subject.posts)
    if isinstance(subject, Home):
        section_posts = (post for section in subject.sections for post in section.posts)
        return _newest_post((*subject.latest, *section_posts))
    if isinstance(subject, (ArchiveIndex, CategoryDirectory)):
        return subject.updated
    if isinstance(subject, SourcePage):
        return subject.modified
    return None


def _newest_post(posts: Iterable[Post]) -> datetime | None:
    """The latest `Post.updated` among `posts` (a plain loop: the sitemap asks this of
    every listing page, tens of thousands of posts in all)."""
    newest: datetime | None = None
    for post in posts:
        modified = post.modified
        moment = modified if modified is not None and modified > post.date else post.date  # Post.updated
        if newest is None or moment > newest:
            newest = moment
    return newest


def _newest(moments: Iterable[datetime | None]) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None
