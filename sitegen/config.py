"""The site configuration: one typed object, loaded once at the edge.

Keys follow Jekyll's names so a `_config.yml` moves over unchanged. Settings Jekyll, its
common plugins or themes define that sitegen has no use for (`sitegen.jekyll.keys`) are
accepted and listed once as ignored; any other unknown key, or a key of the wrong type,
is an error naming the file and the key (and the nearest known key), so a typo never
silently changes the site. Every bad key of the file is named in the same run.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import tzinfo
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from sitegen.errors import ConfigError, Diagnostic, Level
from sitegen.jekyll.collections import POSTS, Collection, parse_collections
from sitegen.jekyll.config_file import CONFIG_FILE_NAME as CONFIG_FILE_NAME
from sitegen.jekyll.config_file import TOML_SUFFIX, config_file_of
from sitegen.jekyll.config_lines import key_lines, value_line
from sitegen.jekyll.dates import OFFSETLESS_JEKYLL
from sitegen.jekyll.defaults import DefaultSet, parse_defaults
from sitegen.jekyll.feed_settings import DEFAULT_FEED_PATH, only_feed_path
from sitegen.jekyll.key_typos import looks_like_a_typo, unknown_key_message
from sitegen.jekyll.keys import APPLIED_JEKYLL_KEYS, JEKYLL_KEYS
from sitegen.jekyll.permalink_check import permalink_problem
from sitegen.jekyll.plugins import plugin_notes
from sitegen.jekyll.posix_zone import site_zone, zone_notes
from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from sitegen.jekyll.sass_settings import SassSettings, parse_sass
from sitegen.jekyll.setting_checks import DEFAULT_TITLE, checked_values
from sitegen.jekyll.setting_values import NAME_LIST_KEYS, SettingNote, read_setting, strictly_read
from sitegen.jekyll.toml_config import load_toml
from sitegen.jekyll.yaml_bom import bom_note
from sitegen.jekyll.yaml_reader import UnknownTag, YamlProblem, load_yaml_noting, unknown_tag_warnings
from sitegen.news_settings import NewsSettings, parse_news
from sitegen.regular_files import read_regular_text
from sitegen.urls import PERMALINK_STYLES

#: Fields read by their own parser rather than `strictly_read` (or not read from the file at all).
_STRUCTURED_KEYS = frozenset(
    {"defaults", "collections", "news", "sass", "feed_path"}
    | {"ignored_keys", "custom", "written", "diagnostics"}
)
_STRICT_KEYS = frozenset({"timezone", "markdown"})
"""Read strictly, a bad value stopping the build: `markdown` (Jekyll stops on an engine
it does not know, and no engine is a guess), and `timezone` when it is not text (Jekyll
stops too; any text is a zone, see `sitegen.jekyll.posix_zone`)."""

MARKDOWN_ENGINES = ("markdown-it", "python-markdown")
JEKYLL_MARKDOWN_ENGINES = frozenset({"kramdown", "gfm", "commonmark", "commonmarkghpages", "redcarpet"})
"""Jekyll's `markdown:` values; a site carrying one is rendered with sitegen's default."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Every setting sitegen reads, with its default; the only place defaults live."""

    title: str = DEFAULT_TITLE
    description: str = ""
    url: str = ""
    """The site's public origin, e.g. `https://news.example.com`; links to it are made relative."""
    baseurl: str = ""
    """A path prefix when the site is served from a sub-folder, e.g. `/news`."""
    lang: str = "zh-CN"
    timezone: str = "UTC"
    """Dates without an offset are read in this zone, and every date is shown in it.

    Read as Jekyll's Ruby reads `TZ`: a tz database name, or a POSIX TZ string (`CST-8`,
    `EST5EDT,M3.2.0,M11.1.0`); anything else is UTC, with a warning. Jekyll falls back to
    the machine's zone; sitegen uses UTC so a build never depends on where it runs."""
    offsetless_dates: str = OFFSETLESS_JEKYLL
    """How an unquoted front-matter date without an offset (`date: 2024-03-04 20:00:00`)
    is read: `jekyll` (the default) reads it as UTC, as Jekyll does (YAML's rule), and
    shows it in `timezone`; `site_zone` reads it in `timezone`, as a quoted date is read.
    For a new site whose dates are written in local time."""
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
    """How many newest posts of each section the home page shows (none shown twice)."""
    nav: tuple[str, ...] = ()
    """The top bar's and home page's sections, in order; empty: the `nav_size` largest."""
    nav_size: int = 10
    """How many of the largest categories make the sections when `nav` is not set."""
    category_dirs: bool = False
    """Also publish `/<category>/`, a redirect to `/category/<category>.html` (old links)."""
    paginate: int = 50
    """Posts per listing page (category, tag, month archive, and the home page after its
    first page); 0 puts every listing on one page. Jekyll's jekyll-paginate key."""
    feed_entries: int = 20
    """Newest posts in each Atom feed (`/feed.xml`, `/feed/<category>.xml`); 0 = no feeds."""
    feed_path: str = DEFAULT_FEED_PATH
    """The site feed's URL, jekyll-feed's `feed: path:` (`sitegen.jekyll.feed_settings`)."""
    excerpt_length: int = 120
    """Characters of a generated excerpt, the "…" included; 0 = no generated excerpts."""
    sitemap_max_urls: int = 50_000
    """URLs per sitemap file; a site with more gets a sitemap index at `/sitemap.xml`.
    0 = no sitemap and no robots.txt. The protocol allows at most 50,000."""
    news: NewsSettings = field(default_factory=NewsSettings)
    """The Google News sitemap `/sitemap-news.xml` (published with the sitemap): its
    publication name and language, or `news: false` for none (see `sitegen.news_settings`)."""
    sass: SassSettings = field(default_factory=SassSettings)
    """jekyll-sass-converter's `sass:` (style, import folders; see `sitegen.jekyll.sass_settings`)."""
    search: str = ""
    """Full-text search: `pagefind` indexes post titles and bodies with Pagefind (Chinese
    segmented) and adds a search box and `/search/`; "" (the default) publishes no search."""
    date_archives: bool = True
    """Publish `/archive/` and one listing per month at `/archive/YYYY/MM/`."""
    lazy_images: bool = True
    """Add `loading="lazy"` and `referrerpolicy="no-referrer"` to images in post bodies:
    pages load faster on phones, and news images behind hot-link protection still show."""
    markdown: str = "markdown-it"
    """Markdown engine: `markdown-it` (CommonMark, fast) or `python-markdown`."""
    cache_dir: str = ""
    """The build cache's folder, relative to the site folder (Jekyll's key, same meaning);
    "" means `.sitegen-cache`. `--cache-dir` overrides it (see `sitegen.incremental.cache_location`)."""
    destination: str = ""
    """The output folder (Jekyll's key), relative to the working folder as Jekyll reads it; "" means
    `_site` in the site folder. `-d` beats it (`sitegen.publish.destination_setting`)."""
    keep_files: tuple[str, ...] = (".git", ".svn")
    """Paths in the destination that publishing leaves as they are (Jekyll's key and default,
    each a prefix of the path below it, as `Cleaner#keep_file_regex` matches; see
    `sitegen.publish.kept_files`): a `.git` of a deploy checkout, a `CNAME` made by hand."""
    collections_dir: str = ""
    """The folder holding `_posts/`, `_drafts/` and every collection's folder (Jekyll's
    key, `Site#collections_path`); "" means the site folder (`sitegen.content.scan`)."""
    exclude: tuple[str, ...] = ()
    """Source names (files or folders) never published, as in Jekyll."""
    include: tuple[str, ...] = (".htaccess",)
    """Source names published even though they start with `.` or `_` or are excluded
    (Jekyll's `include`, whose default is `[.htaccess]`; see `sitegen.content.entry_filter`)."""
    future: bool = False
    """Publish posts dated after the build's moment (`--future` sets it too)."""
    unpublished: bool = False
    """Publish posts, pages and documents marked `published: false`, as Jekyll does."""
    show_drafts: bool = False
    """Publish `_drafts/` (`--drafts` sets it too), Jekyll's `show_drafts`."""
    limit_posts: int = 0
    """Publish only this many of the newest posts, drafts shown among them; 0 = all (Jekyll's
    `limit_posts`, `Site#limit_posts!`: for a quick build while writing a theme)."""
    safe: bool = False
    """Jekyll's safe mode: links out of the site are not read (entry_filter.rb, include.rb)."""
    markdown_ext: str = "markdown,mkdown,mkdn,mkd,md"
    """The extensions (comma-separated, without dots) whose files are Markdown, as in
    Jekyll (`markdown_ext`, jekyll/lib/jekyll/configuration.rb)."""
    defaults: tuple[DefaultSet, ...] = ()
    """Jekyll's front-matter defaults, in the order written (see `sitegen.jekyll.defaults`)."""
    collections: tuple[Collection, ...] = ()
    """Jekyll's `collections:`, sorted by name; `posts` may carry its own permalink."""
    ignored_keys: tuple[str, ...] = ()
    """Keys found in the file that sitegen does not act on (reported once): Jekyll's and
    its plugins' own, and a site's custom settings."""
    custom: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """The values of `ignored_keys`: Liquid in posts and pages reads them as `site.<key>`,
    as Jekyll's templates read every setting (`site.twitter.username`)."""
    written: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """Every setting as the file writes it: Liquid's `site.<key>`, as Jekyll's templates
    read the settings as written, over Jekyll's defaults (`sitegen.jekyll.config_defaults`),
    never sitegen's reading of them (a blank `title:` is blank there)."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """One per setting whose value was not used as written (`sitegen.jekyll.setting_values`)."""

    @property
    def post_permalink(self) -> str:
        """The posts' permalink: the `posts` collection's own, else the site's."""
        return _posts_own_permalink(self.collections) or self.permalink

    @property
    def post_url_template(self) -> str:
        """`post_permalink` as `Configuration#add_default_collections` makes it a pattern:
        a style name is expanded only in the site's `permalink` (`#style_to_permalink`);
        the `posts` collection's is taken as written (`Collection#url_template`), so
        `pretty` there is the path `/pretty.html`."""
        return _posts_own_permalink(self.collections) or PERMALINK_STYLES.get(self.permalink, self.permalink)

    @property
    def markdown_suffixes(self) -> frozenset[str]:
        """`markdown_ext` as lower-case suffixes with their dot (`.md`), as
        `Jekyll::Converters::Markdown#extname_list` reads it."""
        return _markdown_suffixes(self.markdown_ext)

    @property
    def zone(self) -> tzinfo:
        """`timezone` as Jekyll's Ruby reads it from `TZ` (`sitegen.jekyll.posix_zone`)."""
        return site_zone(self.timezone)[0]

    @property
    def host(self) -> str:
        """The host of `url` (lower case), or "" when no url is set."""
        return _host(self.url)


_DEFAULTS = SiteConfig()


def _posts_own_permalink(collections: tuple[Collection, ...]) -> str | None:
    return next((c.permalink for c in collections if c.label == POSTS and c.permalink), None)


# Read for every post loaded, so worked out once per value: each is a pure function of
# one setting's text.
@functools.lru_cache(maxsize=16)
def _markdown_suffixes(markdown_ext: str) -> frozenset[str]:
    return frozenset(f".{ext.strip().lower()}" for ext in markdown_ext.split(",") if ext.strip())


@functools.lru_cache(maxsize=16)
def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def load_config(site_dir: Path, overrides: Mapping[str, Any] | None = None) -> SiteConfig:
    """Read the site's settings file (`_config.yml`, else `_config.yaml`, else
    `_config.toml`: `sitegen.jekyll.config_file`; absent means all defaults) into a
    `SiteConfig`."""
    path = config_file_of(site_dir)
    raw: Any = {}
    text = ""
    tags: tuple[UnknownTag, ...] = ()
    try:
        # Asked in here: in a folder this user may not enter, even `exists` raises.
        if os.path.lexists(path) and not path.is_file():
            raise ConfigError(
                "is not a readable file (a folder, a FIFO or a broken or looping link)", path=path
            )
        if path.is_file():
            text = read_regular_text(path, "utf-8-sig")
            if path.suffix == TOML_SUFFIX:
                raw = load_toml(text)
            else:
                raw, tags = load_yaml_noting(text)
                raw = raw or {}
    except UnicodeDecodeError as error:
        raise ConfigError(f"not UTF-8 text ({error.reason})", path=path) from None
    except OSError as error:
        raise ConfigError(f"cannot be read ({error.strerror})", path=path) from None
    except YamlProblem as problem:
        raise ConfigError(str(problem), path=path, line=problem.line) from None
    if not isinstance(raw, Mapping):
        raise ConfigError("must be a mapping of settings", path=path)
    merged = {**raw, **(overrides or {})}
    lines: list[dict[str, int]] = []

    def key_line(key: str, within: tuple[str | int, ...] = ()) -> int | None:
        if within and path.suffix != TOML_SUFFIX:  # composed only when a value earned a note
            return value_line(text, (key, *within)) or key_line(key)
        if not lines:
            lines.append(key_lines(text, toml=path.suffix == TOML_SUFFIX))
        return lines[0].get(key)

    config = config_from_mapping(merged, path, key_line)
    return replace(config, diagnostics=(*unknown_tag_warnings(tags, path), *config.diagnostics))


def config_from_mapping(
    raw: Mapping[str, Any], path: Path, key_line: Callable[..., int | None] = lambda key, within=(): None
) -> SiteConfig:
    """Validate keys and types; `key_line` gives the line a key is written on.

    A value of the wrong type or out of range costs that setting only: one note naming
    the key and its line, and the default (or Jekyll's reading of it, see
    `sitegen.jekyll.setting_values`) in its place. Unknown keys, and the values no site can be
    built from that Jekyll stops on too (`collections: 3`, `include: 7`, `markdown: Nope`)
    are errors; every one in the file is reported in one `ConfigError`, one line each,
    so a site moved from Jekyll is fixed in one pass rather than one run per key."""
    known = {f.name: f for f in fields(SiteConfig) if f.name not in _STRUCTURED_KEYS}
    values: dict[str, Any] = {}
    ignored: list[str] = []
    problems: list[tuple[str, str]] = []  # (key, message)
    notes: list[SettingNote] = []
    custom: dict[str, Any] = {}
    safe = raw.get("safe") is True  # Sass load paths and imports are kept inside the site
    for key in sorted(raw, key=str):
        value = raw[key]
        if key == "markdown" and str(value).lower() in JEKYLL_MARKDOWN_ENGINES:
            ignored.append(key)  # Jekyll's engine names; sitegen renders with its default
        elif key in ("news", "sass"):
            if key == "sass":
                custom[key] = value  # Liquid reads it as `site.sass`, as in Jekyll
            try:
                if key == "news":
                    values[key], news_notes = parse_news(value, path)
                    notes.extend(news_notes)
                else:
                    values[key] = parse_sass(value, path, safe=safe)
            except ConfigError as error:
                notes.append(SettingNote(key, f"{error.message}; sitegen uses the default"))
        elif key == "search" and (value is None or value is False):
            values[key] = ""
        elif key == "defaults":
            values[key], problem = parse_defaults(value)
            if problem:
                notes.append(SettingNote(key, problem))
        elif key == "collections":
            try:
                values[key], renamed = parse_collections(value, path)
                notes.extend(renamed)
            except ConfigError as error:
                problems.append((key, error.message))
        elif key in _STRICT_KEYS or (
            key in NAME_LIST_KEYS and not isinstance(value, (list, str, type(None)))
        ):
            # `include: 7`: Jekyll stops too (`check_include_exclude`, configuration.rb).
            try:
                values[key] = strictly_read(key, value, getattr(_DEFAULTS, key), path)
            except ConfigError as error:
                problems.append((key, error.message))
        elif key in known:
            if key == "author" and isinstance(value, Mapping):
                custom["author"] = value  # Liquid reads the mapping: `site.author.name`
                value = value.get("name")  # jekyll-seo-tag's author object: {name, email, ...}
            setting = read_setting(key, value, getattr(_DEFAULTS, key))
            values[key] = setting.value
            if setting.note is not None:
                notes.append(setting.note)
        elif key in JEKYLL_KEYS or not looks_like_a_typo(str(key), known):
            # Jekyll's and its plugins' settings, and a site's own (`cloudinary_url`),
            # which its Liquid reads as `site.<key>`; the few sitegen applies from here
            # (`excerpt_separator`) are not reported as ignored.
            if key not in APPLIED_JEKYLL_KEYS and not only_feed_path(key, value):
                ignored.append(str(key))
            custom[str(key)] = value
        else:
            problems.append((str(key), unknown_key_message(str(key), known)))
    if "sass" not in values:
        values["sass"] = parse_sass(None, path, safe=safe)  # `_sass/` is imported from by default
    notes.extend(checked_values(values, raw))
    # `Configuration#stringify_keys`: Ruby's `to_s` of each key (`on:` is "true", `~:` is "").
    written = MappingProxyType({ruby_scalar_text(key): value for key, value in raw.items()})
    config = SiteConfig(
        **values, ignored_keys=tuple(ignored), custom=MappingProxyType(custom), written=written
    )
    problems.extend(_problems(config))
    config, permalink_notes = _usable_permalinks(config)
    notes.extend(permalink_notes)
    if problems:  # with the errors the build would have gone on after: every bad key in one run
        said = [(n.message, key_line(n.key, n.within)) for n in notes if n.level is Level.ERROR]
        said += [(message, key_line(key)) for key, message in problems]
        lines = tuple(line for _, line in said)
        raise ConfigError("\n".join(message for message, _ in said), path=path, lines=lines)
    diagnostics = tuple(Diagnostic(n.message, path, key_line(n.key, n.within), n.level) for n in notes)
    return replace(config, diagnostics=diagnostics)


def config_notes(config: SiteConfig, config_file: Path) -> tuple[Diagnostic, ...]:
    """What the build summary says about the settings themselves."""
    notes = (*config.diagnostics, *zone_notes(config.timezone, config_file))
    notes += plugin_notes(config.written, config_file) + bom_note(config_file, config.written)
    if not config.ignored_keys:
        return notes
    ignored = ", ".join(config.ignored_keys)
    message = f"settings sitegen ignores (Liquid reads them as site.<key>): {ignored}"
    return (*notes, Diagnostic(message, config_file))


def _problems(config: SiteConfig) -> list[tuple[str, str]]:
    """What is wrong with the values of well-typed settings: (key, message) each."""
    problems = []
    if config.markdown not in MARKDOWN_ENGINES:
        problems.append(("markdown", f"markdown must be one of {', '.join(MARKDOWN_ENGINES)}"))
    return problems


def _usable_permalinks(config: SiteConfig) -> tuple[SiteConfig, list[SettingNote]]:
    """`config` with a permalink pattern that cannot be expanded (`:titel`) replaced, and
    an error note for each: the site's by the default style, the `posts` collection's by
    the site's. Jekyll keeps an unknown placeholder as text (every post of a day at
    `/2022/12/01/:titel.html`, one file); as for a permalink of the wrong type, the rest
    of the site is built rather than a tree of clashing pages."""
    notes = []
    problem = permalink_problem(config.permalink, "permalink")
    if problem:
        config = replace(config, permalink=_DEFAULTS.permalink)
        notes.append(
            SettingNote("permalink", f"{problem}; sitegen uses '{_DEFAULTS.permalink}'", Level.ERROR)
        )
    posts = next((c for c in config.collections if c.label == POSTS and c.permalink), None)
    if (
        posts is not None
        and posts.permalink
        and (problem := permalink_problem(posts.permalink, "collections: posts: permalink"))
    ):
        kept = tuple(replace(c, permalink=None) if c is posts else c for c in config.collections)
        config = replace(config, collections=kept)
        message = f"{problem}; sitegen uses the site's permalink"
        notes.append(SettingNote("collections", message, Level.ERROR, (POSTS, "permalink")))
    return config, notes
