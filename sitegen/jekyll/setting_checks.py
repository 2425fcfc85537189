"""The settings whose text must also have a form (`url`, `baseurl`, `lang`, `search`, …): a value
out of range is one note naming the key, and what sitegen uses instead.

`url` must be an absolute http(s) address for feeds and sitemaps (`sitegen.urls.site_address`);
Jekyll glues any value to paths (`url: 12` gives `12/feed.xml` in jekyll-feed), which no
feed reader accepts, so a bad one is left out: the site is built without a host (no feeds
or sitemaps, as without `url`). `baseurl: news` is `/news`, as Jekyll's `relative_url`
makes it (`ensure_leading_slash`, jekyll/lib/jekyll/filters/url_filters.rb).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sitegen.display_text import is_blank
from sitegen.jekyll.dates import OFFSETLESS_CHOICES, OFFSETLESS_JEKYLL
from sitegen.jekyll.excerpt_separator import KEY as SEPARATOR_KEY
from sitegen.jekyll.excerpt_separator import separator_note
from sitegen.jekyll.feed_settings import feed_path_setting
from sitegen.jekyll.posix_zone import site_zone
from sitegen.jekyll.setting_values import SettingNote, describe
from sitegen.jekyll.title_settings import duplicate_titles
from sitegen.news_settings import NewsSettings
from sitegen.urls import normalize_baseurl
from sitegen.urls.site_address import site_address

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
"""A `lang` sitegen writes into `<html lang>` and `og:locale`: a BCP 47 tag (`zh-CN`), or
the `zh_CN` form jekyll-seo-tag's `og:locale` reads it in. `lang: 5` is no language."""
SITEMAP_PROTOCOL_MAX_URLS = 50_000
DEFAULT_TITLE = "My news site"
"""The site's title when it has none (or one that shows nothing) and no `name`."""
SEARCH_ENGINES = ("", "pagefind")
"""`search:` values: "" (no search, the default) or `pagefind`."""


def checked_values(values: dict[str, Any], raw: Mapping[str, Any]) -> list[SettingNote]:
    """Put each out-of-range value in `values` right, in place; one note per key changed."""
    notes = []
    url = values.get("url")
    if url:
        # A url with a trailing slash means none (Jekyll sites often write one).
        address = site_address(url.rstrip("/"))
        values["url"] = "" if isinstance(address, tuple) else address
        if isinstance(address, tuple):
            notes.append(
                SettingNote("url", f"{address[0]}; sitegen builds without it (no feeds or sitemaps)")
            )
        elif urlsplit(address).path not in ("", "/"):
            notes.append(SettingNote("url", _url_path_message(address)))
    baseurl = values.get("baseurl", "")
    if baseurl:
        values["baseurl"] = normalize_baseurl(baseurl)
        if not baseurl.startswith("/"):
            message = f"setting 'baseurl' must start with '/', not {describe(raw.get('baseurl'))}"
            notes.append(
                SettingNote(
                    "baseurl", f"{message}; sitegen uses '{values['baseurl']}', as Jekyll's relative_url does"
                )
            )
    lang = raw.get("lang")
    if isinstance(lang, (str, int, float)) and (
        isinstance(lang, bool) or not LANGUAGE_TAG.fullmatch(values["lang"])
    ):
        del values["lang"]  # the default, as for a value of the wrong type
        message = f"setting 'lang' must be a language tag such as zh-CN or en, not {describe(raw['lang'])}"
        notes.append(SettingNote("lang", f"{message}; sitegen uses the default"))
    if values.get("sitemap_max_urls", 0) > SITEMAP_PROTOCOL_MAX_URLS:
        values["sitemap_max_urls"] = SITEMAP_PROTOCOL_MAX_URLS
        limit = f"{SITEMAP_PROTOCOL_MAX_URLS:,}"
        message = f"setting 'sitemap_max_urls' must be at most {limit} (the sitemap protocol's limit)"
        notes.append(SettingNote("sitemap_max_urls", f"{message}; sitegen uses {SITEMAP_PROTOCOL_MAX_URLS}"))
    choices = {"offsetless_dates": (OFFSETLESS_CHOICES, OFFSETLESS_JEKYLL), "search": (SEARCH_ENGINES, "")}
    for key, (allowed, default) in choices.items():
        if key in values and values[key] not in allowed:
            named = " or ".join(choice for choice in allowed if choice)
            message = f"setting '{key}' must be {named}, not {describe(raw.get(key))}"
            values[key] = default
            notes.append(SettingNote(key, f"{message}; sitegen uses {repr(default) if default else 'none'}"))
    notes.extend(_shown_texts(values, raw))
    timezone = values.get("timezone")
    zone = site_zone(timezone if isinstance(timezone, str) else "UTC")[0]
    offsetless = values.get("offsetless_dates", OFFSETLESS_JEKYLL)
    separator = separator_note(
        None, raw.get(SEPARATOR_KEY), in_front_matter=False, zone=zone, offsetless=offsetless
    )
    notes.extend(() if separator is None else (SettingNote(SEPARATOR_KEY, separator),))
    notes.extend(duplicate_titles(values.get("category_titles", {})))
    values["feed_path"], feed_note = feed_path_setting(raw)
    notes.extend(() if feed_note is None else (feed_note,))
    return notes


def _url_path_message(address: str) -> str:
    """Jekyll glues `url` to every absolute address (`absolute_url`, jekyll/lib/jekyll/
    filters/url_filters.rb) and `baseurl` alone to page links (`relative_url`): a path in
    `url` is in feeds, sitemaps and canonical links and not in links between pages, so one
    of the two sets cannot resolve wherever the site is served. sitegen builds as Jekyll
    does, and says where the path belongs."""
    parts = urlsplit(address)
    host = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return (
        f"setting 'url' has a path ({parts.path!r}), which feeds, sitemaps and canonical links "
        f"put before every address and links between pages do not; move it to 'baseurl' "
        f"(url: {host}, baseurl: {parts.path.rstrip('/')})"
    )


def _shown_texts(values: dict[str, Any], raw: Mapping[str, Any]) -> list[SettingNote]:
    """A site title or news publication name that shows nothing (`sitegen.display_text`)
    is as good as none: every page's title, the feed's `<title>` (which Atom requires,
    RFC 4287 4.1.1) and the news sitemap's `<news:name>` (which Google News requires)
    would be blank. The title falls back to `name`, as jekyll-feed's does (`site.title |
    default: site.name`, jekyll-feed/lib/jekyll-feed/feed.xml), else to the default; the
    publication name to the title, as a missing one does. An author or description that
    shows nothing is none (jekyll-feed leaves `<author>` out without `site.author`)."""
    notes = []
    if "title" in values and is_blank(values["title"]):
        name = raw.get("name")
        fallback = name.strip() if isinstance(name, str) and not is_blank(name) else DEFAULT_TITLE
        values["title"] = fallback
        message = f"setting 'title' shows nothing ({describe(raw.get('title'))}); sitegen uses {fallback!r}"
        notes.append(SettingNote("title", message))
    for key in ("author", "description"):
        if key in values and is_blank(values[key]):
            values[key] = ""
    news = values.get("news")
    raw_news = raw.get("news")
    given = isinstance(raw_news, Mapping) and raw_news.get("name") is not None
    if given and isinstance(news, NewsSettings) and is_blank(news.name):
        values["news"] = replace(news, name="")
        name = raw_news["name"] if isinstance(raw_news, Mapping) else None
        message = (
            f"setting 'news: name' shows nothing ({describe(name)}), and Google News "
            "requires a publication name; sitegen uses the site's title"
        )
        notes.append(SettingNote("news", message, within=("name",)))
    return notes
