"""Who writes which output path: the claims of a page plan, and their checks.

Every output sitegen generates wins over a post, page or static file of the site at its
path, so that every link sitegen writes (返回<分类>, 返回首页, a listing's feed, the
stylesheet) opens what it names. Two means keep that promise, whatever order things are
claimed in:

- the plan claims its listings, archives, directory, later home pages, category feeds,
  redirects and search page before any post or page, so the first claimant keeps a path;
- the outputs it claims last (the home page, 404 page, site feed, sitemaps, robots.txt,
  category folder redirects) and the theme's files are *reserved* before anything
  claims, each with who may stand in its place (`Reservation.replaceable_by`).

A post or page that loses its path to a generated output is one error naming that
file. Between two files of the site the one Jekyll writes last keeps the path (its
`Site#each_site_file` writes pages, then static files, then collections' documents and
posts), and the error names both and is attributed to the file left out: the plan
claims in the order that makes Jekyll's last writer the first claimant, and a page
gives way to a static file of its path, which is placed once every page has claimed
(the last of two static files in Jekyll's order). But a file of the site really at a
path keeps it against one only a browser reads there (`sitegen.site.rewritten`). No
output may stand where another needs a folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, Level, OutputError
from sitegen.model import StaticFile
from sitegen.site.layouts import DocumentKind, Layouts, layout_for
from sitegen.site.listings import paginate
from sitegen.site.news_sitemap import NEWS_SITEMAP_URL
from sitegen.site.pagination import Pager
from sitegen.site.rewritten import displaces, is_browser_read, page_gives_way, read_there, static_claim_order
from sitegen.site.search_page import INDEX_FOLDER, search_enabled
from sitegen.site.subjects import (
    Listing,
    PageSubject,
    Redirect,
)
from sitegen.urls import (
    OutputPath,
    category_folder_url,
    check_url_is_safe,
    not_found_url,
    output_path,
    robots_url,
    sitemap_url,
)

SITEMAP_PART = re.compile(r"sitemap-[0-9]+\.xml")
"""The parts of a split sitemap (`sitemap_url(n)`): how many there will be is known only
once every page is planned, so the name is reserved whatever the site's size."""


@dataclass(frozen=True, slots=True)
class Reservation:
    """A path sitegen claims late, held back from the site's files until then."""

    description: str
    """What sitegen writes there, for the error: "the generated feed /feed.xml"."""
    replaceable_by: Literal["site", "same_name", "nobody"] = "nobody"
    """Who may stand in its place: "site", any page or static file of the site (its
    `404.md`, its `robots.txt`: Jekyll's convention, and jekyll-feed's and
    jekyll-sitemap's); "same_name", a site file at that very path (the site's
    `assets/sitegen.css` over the theme's); "nobody" (a post never may)."""
    extra: bool = False
    """An extra the site lives without (the feed, the sitemaps, robots.txt, the 404
    page, a category's folder redirect): a post or page of the site that needs its path
    as a folder (category `sitemap.xml`, which Jekyll publishes at
    `/sitemap.xml/2024/12/01/p.html`) takes the path, and the extra is not published,
    with a warning, where the post was left out."""


def reservations(
    config: SiteConfig, category_urls: Mapping[str, str], theme: tuple[StaticFile, ...], *, sitemaps: bool
) -> dict[OutputPath, Reservation]:
    """The paths of the generated files claimed late, and who may replace each.

    A site may provide its own home page, 404 page, feed, sitemap and robots.txt (Jekyll's
    and its plugins' convention) and its own page at a category's folder URL (its listing
    page there); the theme's files only by a file at that very path."""
    site: Final = "site"
    reserved: dict[OutputPath, Reservation] = {
        output_path(not_found_url()): Reservation("the generated 404 page", site, extra=True),
        output_path("/"): Reservation("the home page", site),
    }
    if config.url and config.feed_entries:
        feed = config.feed_path
        reserved[output_path(feed)] = Reservation(f"the generated feed {feed}", site, extra=True)
    if sitemaps:
        reserved[output_path(sitemap_url())] = Reservation("the generated sitemap", site, extra=True)
        reserved[output_path(robots_url())] = Reservation("the generated robots.txt", site, extra=True)
        if config.news.enabled:
            news = Reservation("the generated news sitemap", site, extra=True)
            reserved[output_path(NEWS_SITEMAP_URL)] = news
    if search_enabled(config):
        reserved[INDEX_FOLDER] = Reservation(f"the search index /{INDEX_FOLDER}/")
    if config.category_dirs:
        for name, url in category_urls.items():
            if not is_folder_url(category_folder_url(name)):
                continue  # `categories: .`: no folder URL (`plan_site` says so)
            folder = output_path(category_folder_url(name))
            # An extra too: a post whose URL needs the path as a folder (categories
            # `[news, index.html]`: `/news/index.html/2024/…`) is published, the redirect not.
            redirect = Reservation(f"the redirect of category '{name}' to {url}", site, extra=True)
            reserved.setdefault(folder, redirect)
    for asset in theme:
        reserved[str(asset.relative_path)] = Reservation(f"the theme's {asset.relative_path}", "same_name")
    return reserved


def is_folder_url(url: str) -> bool:
    """Whether `url` can be a folder of the output (`check_url_is_safe`): a category's
    folder URL `/./` cannot."""
    try:
        check_url_is_safe(url)
    except OutputError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class PlannedPage:
    url: str
    output_path: OutputPath
    """Where the page is written, relative to the destination (`a/index.html`)."""
    template: str
    subject: PageSubject
    source: str
    """What asked for this page, for collision messages."""
    source_path: Path | None = None
    """The file behind the page, where there is one, for error messages."""


class Claims:
    """Output paths handed out so far: the first claimant of a path keeps it, and no
    file of the site takes a path reserved for a generated one (see the module)."""

    def __init__(
        self,
        site_file_paths: Mapping[str, StaticFile],
        reserved: Mapping[OutputPath, Reservation],
        layouts: Layouts,
        config_file: Path,
        *,
        sitemap_parts: bool = False,
    ) -> None:
        self.layouts = layouts
        self.config_file = config_file
        """Named by a diagnostic about a generated page: the settings asked for it."""
        self.planned: dict[OutputPath, PlannedPage] = {}
        self.diagnostics: list[Diagnostic] = []
        self._site_file_paths = site_file_paths
        """Where the site's static files are written, each with the one that keeps the
        path (`sitegen.site.rewritten.static_claimants`)."""
        self.reserved = reserved
        self._sitemap_parts = sitemap_parts
        self.taken_as_folders: dict[OutputPath, tuple[str, Path]] = {}
        """Reserved extras a file of the site needs as a folder (`Reservation.extra`),
        with the first such file's URL and source: the extra is not published."""

    def claim(
        self,
        url: str,
        template: str,
        subject: PageSubject,
        source: str,
        source_path: Path | None = None,
        *,
        optional: bool = False,
        own_file: str | None = None,
        output_ext: str | None = None,
        document: bool = False,
    ) -> bool:
        """Plan a page; an `optional` one silently gives way to a page or site file of its path.

        A claim with a `source_path` is the site's file; without, a page sitegen generates.
        `own_file`: the claimant is a page of the site, at this path in the site's
        folder, which may stand in for a reserved file that allows it (`Reservation`).
        A page of the site (not a `document`) gives way to a static file of its path,
        which Jekyll writes after it."""
        where = source_path or self.config_file
        try:
            path = output_path(url, output_ext, document=document)
        except OutputError as error:
            self.diagnostics.append(Diagnostic(f"{error.message}; not published", where, None, Level.ERROR))
            return False
        if optional and (path in self.planned or path in self._site_file_paths):
            return False
        if optional and (path in self.taken_as_folders or self._static_below_extra(path)):
            needer_url, needer = self.taken_as_folders[path]
            extra = self.reserved[path].description
            message = f"its URL {needer_url} needs {path} as a folder, so {extra} is not published"
            self.diagnostics.append(Diagnostic(message, needer))
            return False
        reserved = self._reserved_at_or_above(path) if source_path is not None else None
        if reserved is not None and reserved[0] != path and reserved[1].extra:
            for extra in self._extras_at_or_above(reserved[0]):  # `feed.xml/index.html/…`: both go
                self.taken_as_folders.setdefault(extra, (url, where))
        elif reserved is not None and not _may_replace(reserved[1], path, own_file):
            who = "its URL" if source_path is not None else source
            at, description = reserved[0], reserved[1].description
            if at == path:
                message = f"{who} {url} would replace {description}; not published"
            else:  # `/index.html/x.html`: the path as a folder
                message = f"{who} {url} needs {at} as a folder, where {description} is; not published"
            self.diagnostics.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        holder = self.planned.get(path)
        if holder is not None and not (source_path is not None and displaces(holder.subject, subject)):
            if holder.source_path is None and source_path is not None:
                message = (
                    f"its URL {url} would replace sitegen's page for {holder.source} ({path}); not published"
                )
            elif displaces(subject, holder.subject):
                message = read_there(url, holder.source)
            else:
                message = f"{source} and {holder.source} both write {path}; {source} is not published"
            self.diagnostics.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        static = self._site_file_paths.get(path) if source_path is not None else None
        if static is not None and page_gives_way(is_browser_read(subject), document, static):
            if is_browser_read(subject) and not static.browser_read:
                message = read_there(url, static.source_path)
            else:
                message = f"{source} and {static.source_path} both write {path}; {source} is not published"
            self.diagnostics.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        if holder is not None:  # rewritten to this path: the file really here takes it
            message = read_there(holder.url, source)
            self.diagnostics.append(Diagnostic(message, holder.source_path or where, None, Level.ERROR))
        self.planned[path] = PlannedPage(url, path, template, subject, source, source_path)
        return True

    def _static_below_extra(self, path: OutputPath) -> bool:
        """Whether a static file of the site needs the reserved extra at `path` as a
        folder (`feed.xml/logo.png`): then it takes the path as a post would."""
        reservation = self.reserved.get(path)
        if reservation is None or not reservation.extra:
            return False
        below = min((p for p in self._site_file_paths if p.startswith(f"{path}/")), default=None)
        if below is None:
            return False
        self.taken_as_folders[path] = ("/" + below, self._site_file_paths[below].source_path)
        return True

    def reservation_at_or_above(self, path: OutputPath) -> Reservation | None:
        """What is reserved at `path` or at a folder `path` would need (string work: a
        site claims tens of thousands of paths)."""
        reserved = self._reserved_at_or_above(path)
        return reserved[1] if reserved is not None else None

    def _reserved_at_or_above(self, path: OutputPath) -> tuple[OutputPath, Reservation] | None:
        """`reservation_at_or_above`, with the path reserved."""
        if self._sitemap_parts and SITEMAP_PART.fullmatch(path):
            return path, Reservation("the generated sitemap's parts (sitemap-N.xml)")
        for at in _at_or_above(path):
            reservation = self.reserved.get(at)
            if reservation is not None:
                return at, reservation
        return None

    def _extras_at_or_above(self, path: OutputPath) -> list[OutputPath]:
        """The reserved extras at `path` and at each folder above it."""
        return [at for at in _at_or_above(path) if (held := self.reserved.get(at)) is not None and held.extra]

    def layout(self, layout: str, kind: DocumentKind, source_path: Path, output_ext: str) -> str:
        """The template a post or page written with `output_ext` renders with (see
        `sitegen.site.layouts`)."""
        chosen, warning = layout_for(layout, kind, self.layouts, output_ext)
        if warning is not None:
            self.diagnostics.append(Diagnostic(warning, source_path))
        return chosen

    def listing(
        self,
        listing: Listing,
        template: str,
        per_page: int,
        source: str,
        source_path: Path | None = None,
        own_file: str | None = None,
    ) -> None:
        """Plan every page of a listing, and the forward above its newest numbered page.
        `own_file`: the listing stands in for that page of the site (a Liquid listing
        page), which may take what a page of the site may (`Reservation`)."""
        pages, forward_url = paginate(listing, per_page)
        for page in pages:
            self.claim(
                page.url, template, page, source + page_suffix(page.pager), source_path, own_file=own_file
            )
        self.forward(forward_url, listing.url, source, source_path)

    def forward(self, url: str | None, target_url: str, source: str, source_path: Path | None = None) -> None:
        """Plan the page that sends the newest numbered page's "newer" link on to page 1."""
        if url is not None:
            redirect = Redirect(url, target_url)
            self.claim(url, "redirect", redirect, f"{source} page after the last", source_path)


def claim_static_files(
    claims: Claims, site_files: tuple[StaticFile, ...], theme_files: tuple[StaticFile, ...]
) -> tuple[StaticFile, ...]:
    """Files copied as they are; a site file on a planned page's path, or on a path
    reserved for a generated file nothing of the site may replace, is an error.

    `site_files` are in the order Jekyll writes them (by path, then collections' files):
    of two at one path the later is published, as Jekyll copies it over the other."""
    taken: dict[str, str | None] = dict.fromkeys(claims.planned)
    """Each path placed, with the site file there (None: a planned page)."""
    statics = []
    for static in (*static_claim_order(site_files), *theme_files):
        is_site_file = static not in theme_files
        try:
            check_url_is_safe(static.url)
        except OutputError as error:
            claims.diagnostics.append(
                Diagnostic(f"{error.message}; not published", static.source_path, None, Level.ERROR)
            )
            continue
        path = str(static.relative_path)
        if path in taken:
            if not is_site_file:
                continue  # the site's own file of that name wins over the theme's
            claimant = taken[path] or claims.planned[path].source
            message = f"{claimant} also writes {path}; this file is not published"
            if static.browser_read:
                message = read_there(static.url, claimant)
            claims.diagnostics.append(Diagnostic(message, static.source_path, None, Level.ERROR))
            continue
        reservation = claims.reservation_at_or_above(path)
        if is_site_file and reservation is not None and reservation.replaceable_by == "nobody":
            message = f"it would replace {reservation.description}; not published"
            claims.diagnostics.append(Diagnostic(message, static.source_path, None, Level.ERROR))
            continue
        taken[path] = str(static.source_path)
        statics.append(static)
    return tuple(sorted(statics, key=lambda s: str(s.relative_path)))


def _may_replace(reservation: Reservation, path: OutputPath, own_file: str | None) -> bool:
    """Whether a page of the site (at `own_file` in the site's folder) may take `path`."""
    if own_file is None or reservation.replaceable_by == "nobody":
        return False
    return reservation.replaceable_by == "site" or own_file == path


def page_suffix(pager: Pager | None) -> str:
    """` page N` for a listing's later pages in messages; "" for its first."""
    return f" page {pager.number}" if pager is not None and pager.number > 1 else ""


def _at_or_above(path: OutputPath) -> Iterator[OutputPath]:
    """`path`, then each folder above it: `a/b/c.html`, `a/b`, `a` (string work)."""
    while path:
        yield path
        path = path.rpartition("/")[0]
