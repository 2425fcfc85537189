"""The page plan: every page the site will have, decided before anything is rendered.

Planning first makes collisions (two sources wanting one output path) an error that
names both, and lets the build check at the end that every planned page was written.
Generated extras a site may provide itself (`404.html`, feeds, `sitemap.xml`,
`robots.txt`) give way to the site's own file of that name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from sitegen.config import CONFIG_FILE_NAME, SiteConfig
from sitegen.content.markup import output_ext
from sitegen.errors import Diagnostic, Level, OutputError
from sitegen.model import SourcePage, StaticFile
from sitegen.site.directory import category_directory
from sitegen.site.index import SiteIndex
from sitegen.site.layouts import DEFAULT_LAYOUTS, DocumentKind, layout_for
from sitegen.site.listings import archive_pages, category_listings, feeds, home_pages, paginate, post_pages
from sitegen.site.news_sitemap import NEWS_SITEMAP_URL, NewsEntry, NewsSitemap, news_entries
from sitegen.site.pagination import Pager
from sitegen.site.search_page import (
    INDEX_FOLDER,
    SEARCH_URL,
    search_enabled,
    search_page,
    statics_outside_index,
)
from sitegen.site.sections import section_names
from sitegen.site.sitemap import MAX_SITEMAP_BYTES, in_sitemap, sitemap_entries, split_sitemap
from sitegen.site.subjects import (
    Home,
    HomeSection,
    Listing,
    NotFound,
    PageSubject,
    PostPage,
    Redirect,
    Robots,
    SitemapIndex,
)
from sitegen.urls import (
    category_folder_url,
    category_url,
    check_url_is_safe,
    feed_url,
    last_segment,
    not_found_url,
    output_path,
    robots_url,
    sitemap_url,
    tag_url,
)

__all__ = [
    "CATEGORY_STUB_LAYOUT",
    "Home",
    "HomeSection",
    "Listing",
    "PageSubject",
    "PlannedPage",
    "Redirect",
    "SitePlan",
    "category_stubs",
    "plan_site",
]

NO_URL_WARNING = (
    "no 'url' in _config.yml: feeds, sitemap.xml and robots.txt need absolute URLs, so they are "
    "not published; set url (e.g. https://news.example.com) to publish them"
)


@dataclass(frozen=True, slots=True)
class PlannedPage:
    url: str
    output_path: PurePosixPath
    template: str
    subject: PageSubject
    source: str
    """What asked for this page, for collision messages."""
    source_path: Path | None = None
    """The file behind the page, where there is one, for error messages."""


@dataclass(frozen=True, slots=True)
class SitePlan:
    category_urls: Mapping[str, str]
    """Where each category's listing lives: what posts' 返回 links and the home page use."""
    pages: tuple[PlannedPage, ...]
    """Sorted by output path."""
    static_files: tuple[StaticFile, ...]
    errors: tuple[Diagnostic, ...]
    feed_url: str = ""
    """The whole site's Atom feed, or "" when none is published (every page links it)."""
    archive_url: str = ""
    """The date archive's index, or "" when there is none (every page links it)."""
    sections: tuple[str, ...] = ()
    """The categories of the top bar and the home page's blocks, in order."""
    directory_url: str = ""
    """The category directory, or "" when there is none (every page links it)."""


CATEGORY_STUB_LAYOUT = "category"


def category_stubs(pages: Iterable[SourcePage]) -> Mapping[str, SourcePage]:
    """Jekyll stub pages (`layout: category`, `category: name`) by the category they list."""
    stubs: dict[str, SourcePage] = {}
    for page in pages:
        if (
            page.layout == CATEGORY_STUB_LAYOUT
            and not page.uses_liquid
            and page.front_matter.get("category") is not None
        ):
            stubs.setdefault(str(page.front_matter["category"]).strip(), page)
    return stubs


class _Claims:
    """Output paths handed out so far: the first claimant of a path keeps it.

    Paths of generated files (feeds, 404 page, sitemap, robots.txt) are reserved before
    anything claims: the site's own file of that name replaces the generated one, but a
    post or page whose permalink merely points there is an error, never a silent swap."""

    def __init__(
        self,
        site_file_paths: set[str],
        reserved: Mapping[PurePosixPath, str],
        layouts: frozenset[str],
        config_file: Path,
    ) -> None:
        self.layouts = layouts
        self.config_file = config_file
        """Named by a diagnostic about a generated page: the settings asked for it."""
        self.planned: dict[PurePosixPath, PlannedPage] = {}
        self.errors: list[Diagnostic] = []
        self._site_file_paths = site_file_paths
        self._reserved = reserved
        self._reserved_text = frozenset(str(path) for path in reserved)

    def claim(
        self,
        url: str,
        template: str,
        subject: PageSubject,
        source: str,
        source_path: Path | None = None,
        *,
        optional: bool = False,
        own_file: bool = False,
        output_ext: str | None = None,
        document: bool = False,
    ) -> bool:
        """Plan a page; an `optional` one silently gives way to a page or site file of its path.

        `own_file`: the claimant is the site's own file at its natural path (`404.md` at
        `/404.html`), which may replace a generated file of that name."""
        where = source_path or self.config_file
        try:
            path = output_path(url, output_ext, document=document)
        except OutputError as error:
            self.errors.append(Diagnostic(f"{error.message}; not published", where, None, Level.ERROR))
            return False
        if optional and (path in self.planned or str(path) in self._site_file_paths):
            return False
        taken = None if optional or own_file else self._reserved_at_or_above(path)
        if taken is not None:
            who = "its URL" if source_path is not None else source
            message = f"{who} {url} would replace {self._reserved[taken]}; not published"
            self.errors.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        if path in self.planned:
            message = f"{source} and {self.planned[path].source} both write {path}; the second is skipped"
            self.errors.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        self.planned[path] = PlannedPage(url, path, template, subject, source, source_path)
        return True

    def _reserved_at_or_above(self, path: PurePosixPath) -> PurePosixPath | None:
        """The generated file at `path`, or at a folder `path` would need (string work:
        a site claims tens of thousands of paths)."""
        text = str(path)
        while text:
            if text in self._reserved_text:
                return PurePosixPath(text)
            text = text.rpartition("/")[0]
        return None

    def layout(self, layout: str, kind: DocumentKind, source_path: Path) -> str:
        """The template a post or page renders with (see `sitegen.site.layouts`)."""
        chosen, warning = layout_for(layout, kind, self.layouts)
        if warning is not None:
            self.errors.append(Diagnostic(warning, source_path))
        return chosen

    def listing(
        self, listing: Listing, template: str, per_page: int, source: str, source_path: Path | None = None
    ) -> None:
        """Plan every page of a listing."""
        for page in paginate(listing, per_page):
            self.claim(page.url, template, page, source + _page_suffix(page.pager), source_path)


def plan_site(
    config: SiteConfig,
    index: SiteIndex,
    pages: Iterable[SourcePage],
    static_files: Iterable[StaticFile],
    theme_files: Iterable[StaticFile] = (),
    layouts: frozenset[str] = DEFAULT_LAYOUTS,
    *,
    sitemap_max_bytes: int = MAX_SITEMAP_BYTES,
    config_file: Path = Path(CONFIG_FILE_NAME),
) -> SitePlan:
    """Plan every output; the first claimant of a path keeps it, later ones are errors.

    Order matters: posts, listings and the site's pages claim their paths first; the
    optional extras come after them and yield; the sitemap comes last, since it lists
    every HTML page planned before it."""
    source_pages = tuple(pages)
    site_files = tuple(static_files)
    stubs = category_stubs(source_pages)
    stub_pages = {id(page) for page in stubs.values()}
    category_urls = MappingProxyType(
        {name: stubs[name].url if name in stubs else category_url(name) for name in index.by_category}
    )
    absolute_urls = bool(config.url)
    site_feeds = feeds(config, index, category_urls) if absolute_urls and config.feed_entries else ()
    listing_feeds = {name: feed_url(name) for name in index.by_category} if site_feeds else {}
    reserved = {output_path(not_found_url()): "the generated 404 page", output_path("/"): "the home page"}
    reserved |= {output_path(feed.url): f"the generated feed {feed.url}" for feed in site_feeds}
    if absolute_urls and config.sitemap_max_urls:
        reserved[output_path(sitemap_url())] = "the generated sitemap"
        reserved[output_path(robots_url())] = "the generated robots.txt"
        if config.news.enabled:
            reserved[output_path(NEWS_SITEMAP_URL)] = "the generated news sitemap"
    if search_enabled(config):
        reserved[INDEX_FOLDER] = "the search index"
        reserved[output_path(SEARCH_URL)] = "the search page"
    theme = tuple(theme_files)
    reserved |= {PurePosixPath(asset.relative_path): f"the theme's {asset.relative_path}" for asset in theme}
    claims = _Claims({str(static.relative_path) for static in site_files}, reserved, layouts, config_file)
    claim = claims.claim
    if not absolute_urls and (config.feed_entries or config.sitemap_max_urls):
        claims.errors.append(Diagnostic(NO_URL_WARNING, config_file))

    for post_page in post_pages(index):
        post = post_page.post
        layout = claims.layout(post.layout, "post", post.source_path)
        claim(
            post.url,
            layout,
            post_page,
            str(post.source_path),
            post.source_path,
            output_ext=output_ext(post.source_path.suffix),
            document=True,
        )
    for listing in category_listings(index, stubs, category_urls, listing_feeds):
        claims.listing(listing, "category", config.paginate, f"category '{listing.name}'")
    sections, section_warnings = section_names(config, index, config_file)
    claims.errors.extend(section_warnings)
    for name, tag_posts in index.by_tag.items():
        tag_listing = Listing("tag", name, name, tag_url(name), tag_posts)
        claims.listing(tag_listing, "tag", config.paginate, f"tag '{name}'")
    for page in source_pages:
        stand_in = (
            _listing_for_liquid_page(page, index, category_urls, listing_feeds) if page.uses_liquid else None
        )
        if stand_in is not None:
            claims.errors.append(
                Diagnostic(
                    f"a Liquid listing page; sitegen's listing of category '{stand_in.name}' "
                    f"is published at its URL {page.url} instead",
                    page.source_path,
                )
            )
            claims.listing(stand_in, "category", config.paginate, str(page.source_path), page.source_path)
        elif id(page) not in stub_pages:
            # A page is the site's own: at the path of a generated file (its `404.html`,
            # its home page) it replaces that file, as in Jekyll; a post never does.
            layout = claims.layout(page.layout, "page", page.source_path)
            claim(
                page.url,
                layout,
                page,
                str(page.source_path),
                page.source_path,
                own_file=True,
                output_ext=output_ext(page.source_path.suffix),
            )
    # After the pages, so that a site's own home page (Jekyll's `index.html`) or category
    # directory replaces the generated one; later pages of the generated home stay.
    directory = category_directory(index, category_urls, listing_feeds)
    has_directory = bool(directory.entries) and claim(
        directory.url, "category_index", directory, "the category directory", optional=True
    )
    for home in home_pages(config, index, category_urls, sections):
        first = home.pager is None or home.pager.number == 1
        claim(home.url, "index", home, "the home page" + _page_suffix(home.pager), optional=first)
    if config.category_dirs:
        for name, url in category_urls.items():
            redirect = Redirect(category_folder_url(name), url)
            claim(redirect.url, "redirect", redirect, f"category '{name}' folder URL", optional=True)
    archive_index_url = ""
    if config.date_archives and index.posts:
        archive_index, months = archive_pages(index)
        for month in months:
            claims.listing(month, "archive", config.paginate, f"archive {month.name}")
        if claim(archive_index.url, "archive_index", archive_index, "the date archive"):
            archive_index_url = archive_index.url
    claim(not_found_url(), "404", NotFound(not_found_url()), "the 404 page", optional=True)
    site_feed_url = ""
    for feed in site_feeds:
        if claim(feed.url, "feed.xml", feed, f"feed {feed.url}", optional=True) and feed.url == feed_url():
            site_feed_url = feed.url
    if search_enabled(config):
        claim(SEARCH_URL, "search", search_page(), "the search page", optional=True)
    statics = _drop_files_in_the_way(claims, _statics(claims, site_files, theme))
    if search_enabled(config):
        statics, index_errors = statics_outside_index(statics)
        claims.errors.extend(index_errors)
    if absolute_urls and config.sitemap_max_urls:
        _plan_sitemaps(claims, config, statics, sitemap_max_bytes)
        statics = _drop_files_in_the_way(claims, statics)
    planned = claims.planned
    return SitePlan(
        category_urls=category_urls,
        pages=tuple(planned[path] for path in sorted(planned, key=str)),
        static_files=statics,
        errors=tuple(claims.errors),
        feed_url=site_feed_url,
        archive_url=archive_index_url,
        sections=sections,
        directory_url=directory.url if has_directory else "",
    )


def _statics(
    claims: _Claims, site_files: tuple[StaticFile, ...], theme_files: tuple[StaticFile, ...]
) -> tuple[StaticFile, ...]:
    """Files copied as they are; a site file on a planned page's path is an error."""
    taken = {str(path) for path in claims.planned}
    statics = []
    for static in (*site_files, *theme_files):
        try:
            check_url_is_safe(static.url)
        except OutputError as error:
            claims.errors.append(
                Diagnostic(f"{error.message}; not published", static.source_path, None, Level.ERROR)
            )
            continue
        if str(static.relative_path) in taken:
            if static in theme_files:
                continue  # the site's own file of that name wins over the theme's
            claimant = claims.planned[PurePosixPath(static.relative_path)].source
            message = f"{claimant} also writes {static.relative_path}; this file is not published"
            claims.errors.append(Diagnostic(message, static.source_path, None, Level.ERROR))
            continue
        taken.add(str(static.relative_path))
        statics.append(static)
    return tuple(sorted(statics, key=lambda s: str(s.relative_path)))


def _drop_files_in_the_way(claims: _Claims, statics: tuple[StaticFile, ...]) -> tuple[StaticFile, ...]:
    """Leave out outputs so that no output file stands where another needs a folder.

    `news` (a file) and `news/a.html` cannot both be written. Found here, before anything
    is written, each clash is one error naming both sources. A generated page (a listing,
    a feed) keeps its path and what would go below it is left out; between two files of
    the site, the one in the way is left out."""
    written_by: dict[str, Path | None] = {
        str(path): page.source_path for path, page in claims.planned.items()
    }
    written_by |= {str(static.relative_path): static.source_path for static in statics}
    below: dict[str, list[str]] = {}
    for path in sorted(written_by):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            below.setdefault("/".join(parts[:depth]), []).append(path)
    dropped: set[str] = set()
    for path in sorted(path for path in written_by if path in below):
        source = written_by[path]
        if source is None:  # generated: what needs its path as a folder goes
            victims = [
                (
                    deeper,
                    f"{_source_of(claims, deeper)} needs {path} as a folder, but sitegen generates that file",
                )
                for deeper in below[path]
            ]
        else:
            other = below[path][0]
            needer = written_by[other] or "a generated page"
            victims = [(path, f"writes the file {path}, but {needer} needs a folder there (for {other})")]
        for victim, reason in victims:
            if victim not in dropped:
                dropped.add(victim)
                claims.errors.append(
                    Diagnostic(
                        f"{reason}; not published",
                        written_by[victim] or claims.config_file,
                        None,
                        Level.ERROR,
                    )
                )
                claims.planned.pop(PurePosixPath(victim), None)
    return tuple(static for static in statics if str(static.relative_path) not in dropped)


def _source_of(claims: _Claims, path: str) -> str:
    """What asked for an output, for a message: its source, or the generated page's name."""
    planned = claims.planned.get(PurePosixPath(path))
    return planned.source if planned is not None else path


def _plan_sitemaps(
    claims: _Claims, config: SiteConfig, published_files: tuple[StaticFile, ...], max_bytes: int
) -> None:
    """The sitemap (or its index and parts) of every HTML page planned so far and of the
    static HTML files that are published, and robots.txt naming it."""
    entries = sitemap_entries(((page.url, page.subject) for page in claims.planned.values()), published_files)
    sitemaps = split_sitemap(
        entries,
        site_url=config.url,
        baseurl=config.baseurl,
        max_urls=config.sitemap_max_urls,
        max_bytes=max_bytes,
    )
    news_url = _plan_news_sitemap(claims) if config.news.enabled else ""
    for position, sitemap in enumerate(sitemaps):
        template = "sitemap_index.xml" if isinstance(sitemap, SitemapIndex) else "sitemap.xml"
        claimed = claims.claim(sitemap.url, template, sitemap, f"sitemap {sitemap.url}", optional=True)
        if position == 0 and claimed:
            robots = Robots(robots_url(), sitemap.url, news_url)
            claims.claim(robots.url, "robots.txt", robots, "robots.txt", optional=True)


def _plan_news_sitemap(claims: _Claims) -> str:
    """The Google News sitemap of the posts planned so far; its URL, or "" when none."""
    entries = news_entries(
        NewsEntry(page.url, page.subject.post.title, page.subject.post.date)
        for page in claims.planned.values()
        if isinstance(page.subject, PostPage) and in_sitemap(page.subject.post.front_matter)
    )
    news = NewsSitemap(NEWS_SITEMAP_URL, entries)
    if entries and claims.claim(news.url, "sitemap_news.xml", news, "the news sitemap", optional=True):
        return news.url
    return ""


def _page_suffix(pager: Pager | None) -> str:
    return f" page {pager.number}" if pager is not None and pager.number > 1 else ""


def _listing_for_liquid_page(
    page: SourcePage, index: SiteIndex, category_urls: Mapping[str, str], feed_urls: Mapping[str, str]
) -> Listing | None:
    """The category listing a Liquid listing page stood for, matched by URL or title.

    The user's `emnews.md` (permalink `/emnews/`, title 东财滚动新闻) listed the posts of
    category emnews; its URL keeps working with sitegen's listing of that category."""
    segment = last_segment(page.url)
    for name in index.by_category:
        if name.lower() == segment.lower() or index.category_titles[name] == page.title:
            return Listing(
                "category",
                name,
                index.category_titles[name],
                page.url,
                index.by_category[name],
                feed_url=feed_urls.get(name, ""),
                duplicate_of=category_urls[name],
            )
    return None
