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

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sitegen.errors import ConfigError

NEWS_SITEMAP_URL = "/sitemap-news.xml"
MAX_NEWS_URLS = 1_000
"""The protocol's limit of `<url>` entries in one news sitemap."""
NEWS_WINDOW = timedelta(hours=48)
"""How far back from the newest post an article counts as news (the protocol's two days)."""

_LANGUAGE = re.compile(r"[a-z]{2,3}|zh-cn|zh-tw")
_TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


@dataclass(frozen=True, slots=True)
class NewsSettings:
    """`news:` in `_config.yml`: `false` turns the news sitemap off; a mapping may give
    `name` (default: the site's title) and `language` (default: from `lang`)."""

    enabled: bool = True
    name: str = ""
    """The publication's name, exactly as it appears on the site; "" means the site's title."""
    language: str = ""
    """ISO 639 code, or `zh-cn`/`zh-tw` (the protocol's two exceptions); "" means from `lang`."""


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


def parse_news(value: Any, path: Path) -> NewsSettings:
    """Read the `news` setting; a wrong shape or key is a `ConfigError` naming it."""
    if value is None or value is True:
        return NewsSettings()
    if value is False:
        return NewsSettings(enabled=False)
    if not isinstance(value, Mapping):
        raise ConfigError("setting 'news' must be false or a mapping with name and language", path=path)
    unknown = sorted(str(key) for key in value if key not in ("name", "language"))
    if unknown:
        raise ConfigError(
            f"setting 'news' has unknown key(s) {', '.join(unknown)} (known: name, language)", path=path
        )
    texts: dict[str, str] = {}
    for key in ("name", "language"):
        item = value.get(key)
        if item is not None and not isinstance(item, (str, int, float)):
            raise ConfigError(f"setting 'news: {key}' must be text", path=path)
        texts[key] = "" if item is None else str(item).strip()
    language = texts["language"].lower()
    if language and not _LANGUAGE.fullmatch(language):
        raise ConfigError(
            f"setting 'news: language' must be an ISO 639 code such as zh or en (or zh-cn, zh-tw), "
            f"not '{texts['language']}'",
            path=path,
        )
    return NewsSettings(enabled=True, name=texts["name"], language=language)


def news_language(settings: NewsSettings, lang: str) -> str:
    """The protocol's language code: the setting, else derived from the site's `lang`
    (`zh-CN` → `zh-cn`, `zh-TW`/`zh-Hant` → `zh-tw`, `en-US` → `en`)."""
    if settings.language:
        return settings.language
    tag = lang.strip().lower().replace("_", "-")
    if tag.startswith(_TRADITIONAL):
        return "zh-tw"
    if tag.startswith("zh-"):
        return "zh-cn"
    primary = tag.split("-", 1)[0]
    return primary if _LANGUAGE.fullmatch(primary) else "zh-cn"


def news_entries(posts: Iterable[NewsEntry]) -> tuple[NewsEntry, ...]:
    """The posts within `NEWS_WINDOW` of the newest, newest first (ties by URL), at most
    `MAX_NEWS_URLS`. A post without a visible title is left out: the protocol requires
    one, and the characters XML forbids are dropped from it."""
    titled = (entry for entry in posts if _has_visible_text(entry.title))
    ordered = sorted(titled, key=lambda entry: (-entry.published.timestamp(), entry.url))
    if not ordered:
        return ()
    oldest_allowed = ordered[0].published - NEWS_WINDOW
    return tuple(entry for entry in ordered[:MAX_NEWS_URLS] if entry.published >= oldest_allowed)


def _has_visible_text(text: str) -> bool:
    return any(character.isprintable() and not character.isspace() for character in text)
