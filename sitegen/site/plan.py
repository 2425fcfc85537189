"""The page plan: every page the site will have, decided before anything is rendered.

Planning first makes collisions (two sources wanting one output path) an error that
names both, and lets the build check at the end that every planned page was written.
Every generated page keeps its path against the site's files (`sitegen.site.claims`),
but for the extras a site may provide itself (`404.html`, its home page, `feed.xml`,
`sitemap.xml`, `robots.txt`), which give way to the site's own file of that name.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from sitegen.config import CONFIG_FILE_NAME, SiteConfig
from sitegen.content.markup import document_output_ext
from sitegen.errors import Diagnostic
from sitegen.jekyll.collections import POSTS
from sitegen.model import SourcePage, StaticFile
from sitegen.site.claims import (
    Claims,
    PlannedPage,
    claim_static_files,
    is_folder_url,
    page_suffix,
    reservations,
)
from sitegen.site.directory import category_directory
from sitegen.site.folder_clashes import drop_files_in_the_way
from sitegen.site.index import SiteIndex
from sitegen.site.jekyll_redirects import plugin_redirects
from sitegen.site.layouts import DEFAULT_LAYOUTS, Layouts
from sitegen.site.liquid_listing_pages import listing_for_liquid_page, shows_something
from sitegen.site.listings import archive_pages, category_listings, feeds, home_pages, post_pages
from sitegen.site.old_urls import claim_jekyll_urls
from sitegen.site.own_listing_pages import pages_at_listing_urls
from sitegen.site.rewritten import static_claimants
from sitegen.site.search_page import (
    SEARCH_URL,
    search_enabled,
    search_page,
)
from sitegen.site.sections import section_names
from sitegen.site.sitemap import MAX_SITEMAP_BYTES
from sitegen.site.sitemap_plan import plan_sitemaps
from sitegen.site.subjects import (
    Home,
    HomeSection,
    JekyllRedirect,
    Listing,
    NotFound,
    PageSubject,
    PostPage,
    Redirect,
)
from sitegen.site.tag_listings import duplicate_tags, listed_tag_urls, tag_stubs
from sitegen.site.write_order import claim_order
from sitegen.urls import (
    category_folder_url,
    category_url,
    category_urls_for,
    feed_urls_for,
    not_found_url,
    output_path,
    tag_url,
    tag_urls_for,
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
    "no 'url' in {config}: feeds, sitemap.xml and robots.txt need absolute URLs, so they are "
    "not published; set url (e.g. https://news.example.com) to publish them"
)


@dataclass(frozen=True, slots=True)
class SitePlan:
    category_urls: Mapping[str, str]
    """Where each category's listing lives: what posts' 返回 links and the home page use."""
    pages: tuple[PlannedPage, ...]
    """Sorted by output path."""
    static_files: tuple[StaticFile, ...]
    diagnostics: tuple[Diagnostic, ...]
    """Every error and warning the plan found, each naming its file."""
    feed_url: str = ""
    """The whole site's Atom feed, or "" when none is published (every page links it)."""
    archive_url: str = ""
    """The date archive's index, or "" when there is none (every page links it)."""
    sections: tuple[str, ...] = ()
    """The categories of the top bar and the home page's blocks, in order."""
    directory_url: str = ""
    """The category directory, or "" when there is none (every page links it)."""
    tag_urls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Where a tag that only repeats a category is listed: that category's listing, by
    tag (`sitegen.site.tag_listings`); a tag not here has its own listing at `tag_url`.
    Only the duplicates, so that a new tag of its own changes no other page's links."""

    def posts_published(self, output_paths: Container[str]) -> int:
        """Posts that reach the site (`output_paths`: every page rendered or kept): a
        post left out by the plan or the render stage (its URL clashed, its page failed)
        is counted among the errors, not as built."""
        return sum(
            isinstance(page.subject, PostPage | JekyllRedirect) and page.output_path in output_paths
            for page in self.pages
            if not isinstance(page.subject, JekyllRedirect) or page.subject.post is not None
        )


CATEGORY_STUB_LAYOUT = "category"


THEME_HOME_WARNING = (
    "a home page with nothing of its own, laid out by a Jekyll theme's '{layout}' layout, which "
    "sitegen does not run: not published (it would be an empty page); the home page is "
    "sitegen's own, listing the newest posts, unless another page of the site is at its URL"
)


def _theme_home(page: SourcePage, home_url: str) -> bool:
    """A `jekyll new` site's `index.markdown`: `layout: home` (minima's, which lists the
    posts) and no body. Published, it would be an empty page over sitegen's home page."""
    blank = not shows_something(page.body_html) and page.liquid is None
    return page.url == home_url and page.layout == "home" and blank


def _own_home(
    pages: Iterable[SourcePage], stub_pages: Container[int], site_files: Container[str], home_url: str
) -> bool:
    """Whether a page or file of the site is published as the home page, in place of
    sitegen's (a stub never is, nor a `jekyll new` home that gives way: `_theme_home`)."""
    homes = (home_url, home_url + "index.html")
    if output_path(home_url) in site_files:
        return True
    return any(
        page.url in homes and id(page) not in stub_pages and not _theme_home(page, home_url) for page in pages
    )


def category_stubs(pages: Iterable[SourcePage]) -> Mapping[str, SourcePage]:
    """Jekyll stub pages (`layout: category`, `category: name`) by the category they list,
    with Liquid in their body or not (it is rendered by then: `_intro` shows it)."""
    stubs: dict[str, SourcePage] = {}
    for page in pages:
        if page.layout == CATEGORY_STUB_LAYOUT and page.front_matter.get("category") is not None:
            stubs.setdefault(str(page.front_matter["category"]).strip(), page)
    return stubs


def plan_site(
    config: SiteConfig,
    index: SiteIndex,
    pages: Iterable[SourcePage],
    static_files: Iterable[StaticFile],
    theme_files: Iterable[StaticFile] = (),
    layouts: Layouts = DEFAULT_LAYOUTS,
    *,
    sitemap_max_bytes: int = MAX_SITEMAP_BYTES,
    config_file: Path = Path(CONFIG_FILE_NAME),
) -> SitePlan:
    """Plan every output; the first claimant of a path keeps it, later ones are errors.

    Order matters: the generated pages no file of the site may replace claim first, then
    posts and the site's pages; the extras a site may provide itself come after them and
    yield to its own file (reserved, so that a post never takes them); the sitemap comes
    last, since it lists every HTML page planned before it."""
    source_pages = tuple(pages)
    site_files = tuple(static_files)
    slugged = category_urls_for(index.by_category)  # no two alike: `listing_segments`
    # Between two files of the site, the first claimant keeps a path: the one Jekyll
    # writes last (`sitegen.site.write_order`), so that it publishes what Jekyll does:
    # collections' documents, posts newest first, pages (a static file beats a page).
    collection_folders = tuple(
        collection.folder for collection in config.collections if collection.label != POSTS
    )
    documents, own_pages = claim_order(source_pages, collection_folders)
    document_ids = frozenset(id(page) for page in documents)
    own_stubs = pages_at_listing_urls(source_pages, slugged, index, document_ids)
    stubs = {**own_stubs, **category_stubs(source_pages)}  # a stub the site made keeps its category
    stub_pages = {id(page) for page in stubs.values()}
    moved = _moved_slugs("category", slugged, category_url, config_file)
    category_urls = MappingProxyType(
        {name: stubs[name].url if name in stubs else url for name, url in slugged.items()}
    )
    absolute_urls = bool(config.url)
    site_feeds = feeds(config, index, category_urls) if absolute_urls and config.feed_entries else ()
    listing_feeds = feed_urls_for(index.by_category) if site_feeds else {}
    theme = tuple(theme_files)
    sitemaps = absolute_urls and bool(config.sitemap_max_urls)
    reserved = reservations(config, category_urls, theme, sitemaps=sitemaps)
    # Of two site files at one path, the one that keeps it (`rewritten.static_claimants`).
    site_file_paths = static_claimants(site_files)
    claims = Claims(site_file_paths, reserved, layouts, config_file, sitemap_parts=sitemaps)
    claim = claims.claim
    if not absolute_urls and (config.feed_entries or config.sitemap_max_urls):
        claims.diagnostics.append(Diagnostic(NO_URL_WARNING.format(config=config_file.name), config_file))

    # First every generated page no file of the site may replace, so that each keeps its
    # path against any post or page (the first claimant keeps a path): every link sitegen
    # writes to one (返回<分类>, a listing's feed) opens it.
    for listing in category_listings(index, stubs, category_urls, listing_feeds):
        claims.listing(listing, "category", config.paginate, f"category '{listing.name}'")
    sections, section_warnings = section_names(config, index.by_category, config_file)
    claims.diagnostics.extend(section_warnings)
    # Titles the settings give twice are noted at their line by the settings' own check.
    clashes = [clash for clash in (*index.title_clashes, *index.lookalike_tags) if not clash.configured]
    claims.diagnostics.extend(Diagnostic(clash.message, clash.where or config_file) for clash in clashes)
    duplicates = duplicate_tags(index.by_category, index.by_tag, index.category_titles)
    tag_urls = tag_urls_for(index.by_tag)
    claims.diagnostics.extend((*moved, *_moved_slugs("tag", tag_urls, tag_url, config_file)))
    for name, tag_posts in index.by_tag.items():
        category = duplicates.get(name)
        if category is None:
            tag_listing = Listing("tag", name, name, tag_urls[name], tag_posts)
            claims.listing(tag_listing, "tag", config.paginate, f"tag '{name}'")
            continue
        title = index.category_titles[category]
        for stub in tag_stubs(tag_urls[name], tag_posts, config.paginate, category_urls[category], title):
            claim(stub.url, "redirect", stub, f"tag '{name}' (listed as category '{category}')")
    directory = category_directory(index, category_urls, listing_feeds)
    has_directory = bool(directory.entries) and claim(
        directory.url, "category_index", directory, "the category directory"
    )
    homes, home_forward_url = home_pages(config, index, category_urls, sections)
    if not _own_home(source_pages, stub_pages, site_file_paths, homes[0].url):
        # Its older pages continue sitegen's home page: beside a site's own, nothing
        # leads to them, and they would take `/page/2/` from its jekyll-paginate pages.
        for home in homes[1:]:
            claim(home.url, "index", home, "the home page" + page_suffix(home.pager))
        claims.forward(home_forward_url, homes[0].url, "the home page")
    archive_index_url = ""
    if config.date_archives and index.posts:
        archive_index, months = archive_pages(index)
        for month in months:
            claims.listing(month, "archive", config.paginate, f"archive {month.name}")
        if claim(archive_index.url, "archive_index", archive_index, "the date archive"):
            archive_index_url = archive_index.url
    for feed in site_feeds[1:]:  # the categories' (`feeds`: the site's comes first)
        claim(feed.url, "feed.xml", feed, f"feed {feed.url}")
    if search_enabled(config):
        claim(SEARCH_URL, "search", search_page(), "the search page")

    markdown_suffixes = config.markdown_suffixes

    def claim_source_page(page: SourcePage, *, document: bool) -> None:
        # Never the home page (a site's own is its own) nor a stub (its category's listing).
        home = page.url in (homes[0].url, homes[0].url + "index.html")
        replaceable = page.listing_loop and not home and id(page) not in stub_pages
        stand_in = listing_for_liquid_page(page, index, category_urls, listing_feeds) if replaceable else None
        if stand_in is not None:
            claims.diagnostics.append(
                Diagnostic(
                    f"a Liquid listing page; sitegen's listing of category '{stand_in.name}' "
                    f"is published at its URL {page.url} instead",
                    page.source_path,
                )
            )
            claims.listing(
                stand_in,
                "category",
                config.paginate,
                str(page.source_path),
                page.source_path,
                own_file=str(page.relative_path),
            )
        elif _theme_home(page, homes[0].url):
            claims.diagnostics.append(
                Diagnostic(THEME_HOME_WARNING.format(layout=page.layout), page.source_path)
            )
        elif id(page) not in stub_pages:
            # A page is the site's own: at the path of a generated file a site may provide
            # (its `404.html`, its home page) it replaces that file, as in Jekyll.
            extension = document_output_ext(page.front_matter, page.source_path.suffix, markdown_suffixes)
            layout = claims.layout(page.layout, "page", page.source_path, extension)
            template, subject = redirects.instead(page, layout, page)
            claim(
                page.url,
                template,
                subject,
                str(page.source_path),
                page.source_path,
                own_file=str(page.relative_path),
                output_ext=extension,
                document=document,
            )

    # jekyll-redirect-from's pages go between the documents and the pages, as Jekyll
    # writes them (`sitegen.site.jekyll_redirects`).
    redirects = plugin_redirects(config, index.posts, documents, own_pages, site_files)
    claims.diagnostics.extend(redirects.diagnostics)
    for page in documents:
        claim_source_page(page, document=True)
    for post_page in post_pages(index):
        post = post_page.post
        extension = document_output_ext(post.front_matter, post.source_path.suffix, markdown_suffixes)
        layout = claims.layout(post.layout, "post", post.source_path, extension)
        source = str(post.source_path)
        template, subject = redirects.instead(post, layout, post_page)
        claim(post.url, template, subject, source, post.source_path, output_ext=extension, document=True)
    redirects.claim_from_pages(claims, site_file_paths)
    for page in redirects.pages_kept(claims, own_pages, markdown_suffixes):
        claim_source_page(page, document=False)
    redirects.claim_json(claims)
    # Last, the generated files a site may provide itself: its own page or file of that
    # path replaces them (reserved above, so that no post can).
    claim(homes[0].url, "index", homes[0], "the home page", optional=True)
    if config.category_dirs:
        for name, url in category_urls.items():
            redirect = Redirect(category_folder_url(name), url)
            if not is_folder_url(redirect.url):
                # `categories: .` or a name no folder can have: there is no old link to
                # keep, and the listing itself is at its slug (it was an error on the
                # settings, so `--strict` failed on a post's category).
                message = f"category '{name}' has no folder URL to redirect; its listing is at {url}"
                claims.diagnostics.append(Diagnostic(message, claims.config_file))
                continue
            if not claim(redirect.url, "redirect", redirect, f"category '{name}' folder URL", optional=True):
                _warn_folder_taken(claims, name, redirect.url)
    claim(not_found_url(), "404", NotFound(not_found_url()), "the 404 page", optional=True)
    site_feed_url = ""
    for feed in site_feeds[:1]:
        if claim(feed.url, "feed.xml", feed, f"feed {feed.url}", optional=True):
            site_feed_url = feed.url
    claim_jekyll_urls(claims, index.posts)  # after all else: anything at such a path wins
    settled = drop_files_in_the_way(claims, claim_static_files(claims, site_files, theme))
    if sitemaps:
        plan_sitemaps(claims, config, index.posts, settled.statics, sitemap_max_bytes)
        settled = drop_files_in_the_way(claims, settled.statics, settled)
    planned = claims.planned
    return SitePlan(
        category_urls=category_urls,
        pages=tuple(planned[path] for path in sorted(planned)),
        static_files=settled.statics,
        diagnostics=tuple(claims.diagnostics),
        feed_url=site_feed_url,
        archive_url=archive_index_url,
        sections=sections,
        directory_url=directory.url if has_directory else "",
        tag_urls=listed_tag_urls(tag_urls, duplicates, category_urls),
    )


def _moved_slugs(
    kind: str, urls: Mapping[str, str], own_url: Callable[[str], str], config_file: Path
) -> list[Diagnostic]:
    """A warning for each name whose slug (`listing_segments`) is another name's listing
    and so was made longer: the post's own warning named the shorter URL."""
    return [
        Diagnostic(
            f"{kind} {name[:80]!r}: {own_url(name)} is the listing of the {kind} of that name, "
            f"so its listing is published at {url}",
            config_file,
        )
        for name, url in urls.items()
        if url != own_url(name)
    ]


def _warn_folder_taken(claims: Claims, name: str, url: str) -> None:
    """A category's folder URL kept by another generated page (a category named
    `archive`, `search`, `category`): one warning, since old links there open that page."""
    holder = claims.planned.get(output_path(url))
    if holder is not None and holder.source_path is None:
        message = f"category '{name}': its folder URL {url} is {holder.source}, so it is not redirected"
        claims.diagnostics.append(Diagnostic(message, claims.config_file))
