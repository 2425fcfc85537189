"""jekyll-feed's `feed: path:`, where the site's Atom feed is published.

jekyll-feed writes the site's feed at `feed: path:` (`feed_path`,
jekyll-feed/lib/jekyll-feed/generator.rb; `/feed.xml` without it) as a page of that name
below the site folder, so `atom.xml`, `/atom.xml` and `feeds//atom.xml` are
`/atom.xml` and `/feeds/atom.xml` (Jekyll's URL drops the extra slashes), and its
`feed_meta` tag links there. sitegen publishes the feed there too, and every page's
`<link rel="alternate" type="application/atom+xml">` follows. A path no file of the
destination can have (`../x.xml`, a folder `feeds/`), or a name that is not served as
XML (`atom`, `feed.html`: feed readers and `sitegen check` read a feed by its media
type), is one note at the setting's line, and the feed stays at `/feed.xml`, where
the links then lead. jekyll-feed's other keys (`categories`, `posts_limit`,
`excerpt_only`, `tags`) are not applied: with any of them, `feed` is still reported
among the settings sitegen ignores.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sitegen.errors import OutputError
from sitegen.jekyll.setting_values import SettingNote, describe
from sitegen.urls.output_paths import check_url_is_safe
from sitegen.urls.xml_names import is_xml_name

__all__ = ["DEFAULT_FEED_PATH", "FEED_KEY", "feed_path_setting", "only_feed_path"]

FEED_KEY = "feed"
DEFAULT_FEED_PATH = "/feed.xml"
"""jekyll-feed's site feed without `feed: path:`."""
_APPLIED = frozenset({"path"})
_SLASHES = re.compile(r"/{2,}")
#: What a browser reads as the end of a path (a query, a fragment) or as an escape.
_NOT_IN_A_PATH = re.compile(r"[?#%]")


def feed_path_setting(raw: Mapping[str, Any]) -> tuple[str, SettingNote | None]:
    """The URL of the site's feed from the settings as written, and a note when their
    `feed: path:` cannot be used (the default is used then)."""
    feed = raw.get(FEED_KEY)
    if not isinstance(feed, Mapping) or feed.get("path") is None:
        return DEFAULT_FEED_PATH, None  # jekyll-feed's `config["path"] || "/feed.xml"`
    value = feed["path"]
    url = _SLASHES.sub("/", "/" + value) if isinstance(value, str) else ""
    problem = _problem(value, url)
    if problem is None:
        return url, None
    message = f"setting 'feed: path' {problem}, not {describe(value)}; sitegen publishes the feed at "
    message += DEFAULT_FEED_PATH
    return DEFAULT_FEED_PATH, SettingNote(FEED_KEY, message, within=("path",))


def only_feed_path(key: str, value: Any) -> bool:
    """Whether the setting `key: value` is a `feed:` that sitegen applies whole (only
    `path`), and so is not among the settings it ignores."""
    return key == FEED_KEY and isinstance(value, Mapping) and bool(value) and set(value) <= _APPLIED


def _problem(value: Any, url: str) -> str | None:
    """Why `value` (read as `url`) cannot be where the feed is published, or None."""
    if not isinstance(value, str):
        return "must be a file path such as atom.xml"
    if url.endswith("/") or _NOT_IN_A_PATH.search(url) or not value.strip():
        return "must name a file, such as atom.xml or feeds/all.xml, without '?', '#' or '%'"
    try:
        check_url_is_safe(url)
    except OutputError as error:
        return f"must be a path inside the site ({error.message})"
    if not is_xml_name(url.rpartition("/")[2]):
        return "must name an XML file (.xml or .atom), as feed readers expect"
    return None
