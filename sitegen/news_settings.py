"""`news:` in `_config.yml`: the Google News sitemap's publication name and language.

The protocol (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap)
names each article's publication and its language: an ISO 639 code, or `zh-cn`/`zh-tw`,
the protocol's two exceptions. The sitemap itself is planned in `sitegen.site.news_sitemap`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import ConfigError

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
