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
from sitegen.jekyll.setting_values import SettingNote

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


def parse_news(value: Any, path: Path) -> tuple[NewsSettings, list[SettingNote]]:
    """Read the `news` setting: a value of the wrong shape is a `ConfigError` naming it
    (the caller uses the default); within a mapping each key stands alone, a wrong
    `language` costing only the language (a note at its line each, the default used)."""
    if value is None or value is True:
        return NewsSettings(), []
    if value is False:
        return NewsSettings(enabled=False), []
    if not isinstance(value, Mapping):
        raise ConfigError("setting 'news' must be false or a mapping with name and language", path=path)
    notes = [
        SettingNote(
            "news",
            f"setting 'news' has an unknown key {str(key)!r} (known: name, language); ignored",
            within=(key,),
        )
        for key in sorted(value, key=str)
        if key not in ("name", "language")
    ]
    texts: dict[str, str] = {}
    for key in ("name", "language"):
        item = value.get(key)
        if item is not None and (isinstance(item, bool) or not isinstance(item, (str, int, float))):
            if key == "language":  # a name that shows nothing is said by `setting_checks`
                message = "setting 'news: language' must be text; sitegen uses the default (from lang)"
                notes.append(SettingNote("news", message, within=(key,)))
            item = None
        texts[key] = "" if item is None else str(item).strip()
    language = texts["language"].lower()
    if language and not _LANGUAGE.fullmatch(language):
        message = (
            f"setting 'news: language' must be an ISO 639 code such as zh or en (or zh-cn, zh-tw), "
            f"not '{texts['language']}'; sitegen uses the default (from lang)"
        )
        notes.append(SettingNote("news", message, within=("language",)))
        language = ""
    return NewsSettings(enabled=True, name=texts["name"], language=language), notes


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
