"""The sitemap's one limit on a single URL: a `<loc>` must be under 2,048 characters.

sitemaps.org/protocol.html (the `<loc>` tag): the URL "must be less than 2,048
characters"; search engines ignore a longer one, and a validator rejects the file. A
page whose URL is that long (a long title in `permalink: /:title/`, a deep category
path) is still published; it is left out of the sitemap with one warning naming its
file, so the sitemap stays valid and the owner learns why the page is missing from it.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.model import StaticFile
from sitegen.site.claims import Claims
from sitegen.site.subjects import SitemapEntry
from sitegen.urls import absolute_url

MAX_LOC_CHARACTERS = 2047
"""The longest `<loc>` the protocol allows ("less than 2,048 characters")."""


def without_overlong_locs(
    entries: tuple[SitemapEntry, ...],
    claims: Claims,
    static_files: tuple[StaticFile, ...],
    config: SiteConfig,
) -> tuple[SitemapEntry, ...]:
    """The entries whose `<loc>` (the absolute, percent-encoded URL) the protocol
    allows; each one left out is a warning in `claims`, naming the file behind it (the
    settings for a generated page)."""
    kept = []
    for entry in entries:
        length = loc_length(entry.url, config)
        if length <= MAX_LOC_CHARACTERS:
            kept.append(entry)
            continue
        message = (
            f"its URL is {length} characters long in the sitemap, where the sitemap protocol "
            "allows under 2,048; left out of the sitemaps, the news sitemap too (the page is published)"
        )
        claims.diagnostics.append(Diagnostic(message, _source(entry.url, claims, static_files)))
    return tuple(kept)


def loc_fits(url: str, config: SiteConfig) -> bool:
    """Whether the page at `url` may be a `<loc>` of any sitemap, `sitemap-news.xml`
    included (a news sitemap is a sitemap: the same `<loc>` rule holds). The news
    sitemap's posts are the sitemap's, so the warning for one left out is
    `without_overlong_locs`'s."""
    return loc_length(url, config) <= MAX_LOC_CHARACTERS


def loc_length(url: str, config: SiteConfig) -> int:
    """The length of `url` as a `<loc>` (absolute, percent-encoded), or 0 when it is
    short enough that even percent-encoding every byte keeps it under the limit (most
    URLs: then it is not made)."""
    rough = len(config.url) + 3 * len((config.baseurl + url).encode("utf-8", "surrogatepass"))
    return len(absolute_url(url, config.url, config.baseurl)) if rough > MAX_LOC_CHARACTERS else 0


def _source(url: str, claims: Claims, static_files: tuple[StaticFile, ...]) -> Path:
    """The file behind the page at `url`: its source, else the settings."""
    for page in claims.planned.values():
        if page.url == url and page.source_path is not None:
            return page.source_path
    for static in static_files:
        if static.url == url:
            return static.source_path
    return claims.config_file
