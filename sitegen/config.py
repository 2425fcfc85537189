"""The site configuration: one typed object, loaded once at the edge.

Keys follow Jekyll's names so a `_config.yml` moves over unchanged. Jekyll settings that
sitegen has no use for (plugins, theme, kramdown, ...) are accepted and listed once as
ignored; any other unknown key, or a key of the wrong type, is an error naming the file
and the key, so a typo never silently changes the site.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.defaults import DefaultSet, parse_defaults
from sitegen.errors import ConfigError, OutputError
from sitegen.jekyll_collections import POSTS, Collection, parse_collections
from sitegen.urls import expand_permalink, post_url_placeholders
from sitegen.yaml_data import YamlProblem, load_yaml

CONFIG_FILE_NAME = "_config.yml"

#: Jekyll keys a migrated site may carry that sitegen does not act on.
IGNORED_JEKYLL_KEYS = frozenset(
    {
        "plugins",
        "gems",
        "theme",
        "remote_theme",
        "markdown_ext",
        "kramdown",
        "highlighter",
        "sass",
        "include",
        "keep_files",
        "encoding",
        "incremental",
        "show_drafts",
        "safe",
        "liquid",
        "whitelist",
        "github",
        "google_analytics",
        "disqus",
        "twitter",
        "facebook",
        "logo",
        "social",
        "webrick",
        "livereload",
        "port",
        "host",
        "source",
        "destination",
        "layouts_dir",
        "data_dir",
        "includes_dir",
        "plugins_dir",
        "feed",
        "paginate_path",
        "repository",
        "email",
        "excerpt_separator",
        "future",
        "unpublished",
        "limit_posts",
        "strict_front_matter",
        "quiet",
        "verbose",
        "profile",
        "jekyll-archives",
        "jekyll_archives",
        "sitemap",
        "header_pages",
        "show_excerpts",
    }
)

#: Fields read by their own parser rather than `_coerce` (or not read from the file at all).
_STRUCTURED_KEYS = frozenset({"defaults", "collections", "ignored_keys"})

MARKDOWN_ENGINES = ("markdown-it", "python-markdown")
SITEMAP_PROTOCOL_MAX_URLS = 50_000


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Every setting sitegen reads, with its default; the only place defaults live."""

    title: str = "My news site"
    description: str = ""
    url: str = ""
    """The site's public origin, e.g. `https://news.example.com`; links to it are made relative."""
    baseurl: str = ""
    """A path prefix when the site is served from a sub-folder, e.g. `/news`."""
    lang: str = "zh-CN"
    timezone: str = "UTC"
    """Dates without an offset are read in this zone, and every date is shown in it.

    Jekyll falls back to the machine's zone; sitegen uses UTC so a build never depends on
    where it runs."""
    author: str = ""
    permalink: str = "date"
    """Jekyll's post permalink: a style name (date, pretty, ordinal, weekdate, none) or a pattern."""
    category_titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Display titles of categories, e.g. `xinjingbao: 新京报新闻`."""
    back_links: bool = True
    """Replace a body's own trailing 返回 links by generated ones that always resolve."""
    home_posts: int = 30
    """How many of the newest posts the home page lists."""
    home_per_category: int = 5
    """How many newest posts of each category the home page shows."""
    category_dirs: bool = False
    """Also publish `/<category>/` (a redirect to `/category/<category>.html`), keeping
    directory-style category links of an older site alive."""
    paginate: int = 50
    """Posts per listing page (category, tag, month archive, and the home page after its
    first page); 0 puts every listing on one page. Jekyll's jekyll-paginate key."""
    feed_entries: int = 20
    """Newest posts in each Atom feed (`/feed.xml`, `/feed/<category>.xml`); 0 = no feeds."""
    excerpt_length: int = 120
    """Characters of a generated excerpt, the "…" included; 0 = no generated excerpts."""
    sitemap_max_urls: int = 50_000
    """URLs per sitemap file; a site with more gets a sitemap index at `/sitemap.xml`.
    0 = no sitemap and no robots.txt. The protocol allows at most 50,000."""
    date_archives: bool = True
    """Publish `/archive/` and one listing per month at `/archive/YYYY/MM/`."""
    lazy_images: bool = True
    """Add `loading="lazy"` and `referrerpolicy="no-referrer"` to images in post bodies:
    pages load faster on phones, and news images behind hot-link protection still show."""
    markdown: str = "markdown-it"
    """Markdown engine: `markdown-it` (CommonMark, fast) or `python-markdown`."""
    exclude: tuple[str, ...] = ()
    """Source names (files or folders) never published, as in Jekyll."""
    defaults: tuple[DefaultSet, ...] = ()
    """Jekyll's front-matter defaults, in the order written (see `sitegen.defaults`)."""
    collections: tuple[Collection, ...] = ()
    """Jekyll's `collections:`, sorted by name; `posts` may carry its own permalink."""
    ignored_keys: tuple[str, ...] = ()
    """Jekyll keys found in the file that sitegen does not act on (reported once)."""

    @property
    def post_permalink(self) -> str:
        """The posts' permalink: the `posts` collection's own, else the site's."""
        for collection in self.collections:
            if collection.label == POSTS and collection.permalink:
                return collection.permalink
        return self.permalink

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def host(self) -> str:
        """The host of `url` (lower case), or "" when no url is set."""
        return (urlsplit(self.url).hostname or "").lower()


def load_config(site_dir: Path, overrides: Mapping[str, Any] | None = None) -> SiteConfig:
    """Read `site_dir/_config.yml` (absent means all defaults) into a `SiteConfig`."""
    path = site_dir / CONFIG_FILE_NAME
    raw: Any = {}
    if path.is_file():
        try:
            raw = load_yaml(path.read_text(encoding="utf-8-sig")) or {}
        except UnicodeDecodeError as error:
            raise ConfigError(f"not UTF-8 text ({error.reason})", path=path) from None
        except OSError as error:
            raise ConfigError(f"cannot be read ({error.strerror})", path=path) from None
        except YamlProblem as problem:
            raise ConfigError(str(problem), path=path, line=problem.line) from None
    if not isinstance(raw, Mapping):
        raise ConfigError("must be a mapping of settings", path=path)
    merged = {**raw, **(overrides or {})}
    return config_from_mapping(merged, path)


def config_from_mapping(raw: Mapping[str, Any], path: Path) -> SiteConfig:
    """Validate keys and types; unknown keys are errors unless they are Jekyll's own."""
    known = {f.name: f for f in fields(SiteConfig) if f.name not in _STRUCTURED_KEYS}
    values: dict[str, Any] = {}
    ignored: list[str] = []
    for key in sorted(raw, key=str):
        value = raw[key]
        if key == "defaults":
            values[key] = parse_defaults(value, path)
        elif key == "collections":
            values[key] = parse_collections(value, path)
        elif key in known:
            values[key] = _coerce(key, value, path)
        elif key in IGNORED_JEKYLL_KEYS:
            ignored.append(key)
        else:
            raise ConfigError(f"unknown setting '{key}' (see the README for sitegen's settings)", path=path)
    # Jekyll sites often write `baseurl: "/"` or a url with a trailing slash; both mean none.
    for key in ("url", "baseurl"):
        if key in values:
            values[key] = values[key].rstrip("/")
    config = SiteConfig(**values, ignored_keys=tuple(ignored))
    _validate(config, path)
    return config


def _coerce(key: str, value: Any, path: Path) -> Any:
    """Turn a YAML value into the field's type, or raise naming the key."""
    default = getattr(SiteConfig(), key)
    if value is None:
        return default
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"setting '{key}' must be true or false", path=path)
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"setting '{key}' must be a whole number ≥ 0", path=path)
        return value
    if isinstance(default, str):
        if isinstance(value, (dict, list)):
            raise ConfigError(f"setting '{key}' must be text", path=path)
        return str(value)
    if isinstance(default, tuple):
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise ConfigError(f"setting '{key}' must be a list of names", path=path)
        return tuple(str(v) for v in value)
    if isinstance(default, Mapping):
        if not isinstance(value, Mapping):
            raise ConfigError(f"setting '{key}' must be a mapping", path=path)
        return MappingProxyType({str(k): str(v) for k, v in sorted(value.items(), key=str)})
    raise ConfigError(f"setting '{key}' has an unsupported type", path=path)  # pragma: no cover


def _validate(config: SiteConfig, path: Path) -> None:
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone '{config.timezone}'", path=path) from None
    if config.url and not urlsplit(config.url).hostname:
        raise ConfigError(f"url '{config.url}' needs a scheme and host", path=path)
    if config.baseurl and (not config.baseurl.startswith("/") or config.baseurl.endswith("/")):
        raise ConfigError(f"baseurl '{config.baseurl}' must start with '/' and not end with one", path=path)
    if config.sitemap_max_urls > SITEMAP_PROTOCOL_MAX_URLS:
        raise ConfigError(
            f"sitemap_max_urls must be at most {SITEMAP_PROTOCOL_MAX_URLS:,} (the sitemap protocol's limit)",
            path=path,
        )
    if config.markdown not in MARKDOWN_ENGINES:
        raise ConfigError(f"markdown must be one of {', '.join(MARKDOWN_ENGINES)}", path=path)
    _validate_permalink(config.permalink, path, "permalink")
    _validate_permalink(config.post_permalink, path, "collections: posts: permalink")


def _validate_permalink(permalink: str, path: Path, key: str) -> None:
    """Expand the site's permalink once with sample values, so an unknown placeholder
    is one error here rather than the same error for every post and a site without posts."""
    sample = post_url_placeholders(
        date=datetime(2000, 1, 1, tzinfo=UTC), slug="sample", categories=("sample",)
    )
    try:
        expand_permalink(permalink, sample)
    except OutputError as error:
        raise ConfigError(f"setting '{key}': {error.message}", path=path) from None
