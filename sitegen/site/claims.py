"""Who writes which output path: the claims of a page plan, and their checks.

The first claimant of a path keeps it; a later one is an error naming both sources.
Paths of generated files (feeds, 404 page, sitemap, robots.txt) are reserved before
anything claims, so a site's own file of that name replaces the generated one while a
post whose permalink merely points there is an error, never a silent swap. Once every
page has claimed, the site's static files are placed, and no output may stand where
another needs a folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Diagnostic, Level, OutputError
from sitegen.model import StaticFile
from sitegen.site.layouts import DocumentKind, layout_for
from sitegen.site.listings import paginate
from sitegen.site.pagination import Pager
from sitegen.site.subjects import (
    Listing,
    PageSubject,
    Redirect,
)
from sitegen.urls import (
    OutputPath,
    check_url_is_safe,
    output_folders,
    output_path,
)


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
    """Output paths handed out so far: the first claimant of a path keeps it.

    Paths of generated files (feeds, 404 page, sitemap, robots.txt) are reserved before
    anything claims: the site's own file of that name replaces the generated one, but a
    post or page whose permalink merely points there is an error, never a silent swap."""

    def __init__(
        self,
        site_file_paths: set[str],
        reserved: Mapping[OutputPath, str],
        layouts: frozenset[str],
        config_file: Path,
    ) -> None:
        self.layouts = layouts
        self.config_file = config_file
        """Named by a diagnostic about a generated page: the settings asked for it."""
        self.planned: dict[OutputPath, PlannedPage] = {}
        self.diagnostics: list[Diagnostic] = []
        self._site_file_paths = site_file_paths
        self._reserved = reserved

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
            self.diagnostics.append(Diagnostic(f"{error.message}; not published", where, None, Level.ERROR))
            return False
        if optional and (path in self.planned or path in self._site_file_paths):
            return False
        taken = None if optional or own_file else self._reserved_at_or_above(path)
        if taken is not None:
            who = "its URL" if source_path is not None else source
            message = f"{who} {url} would replace {self._reserved[taken]}; not published"
            self.diagnostics.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        if path in self.planned:
            message = f"{source} and {self.planned[path].source} both write {path}; the second is skipped"
            self.diagnostics.append(Diagnostic(message, where, None, Level.ERROR))
            return False
        self.planned[path] = PlannedPage(url, path, template, subject, source, source_path)
        return True

    def _reserved_at_or_above(self, path: OutputPath) -> OutputPath | None:
        """The generated file at `path`, or at a folder `path` would need (string work:
        a site claims tens of thousands of paths)."""
        while path:
            if path in self._reserved:
                return path
            path = path.rpartition("/")[0]
        return None

    def layout(self, layout: str, kind: DocumentKind, source_path: Path) -> str:
        """The template a post or page renders with (see `sitegen.site.layouts`)."""
        chosen, warning = layout_for(layout, kind, self.layouts)
        if warning is not None:
            self.diagnostics.append(Diagnostic(warning, source_path))
        return chosen

    def listing(
        self, listing: Listing, template: str, per_page: int, source: str, source_path: Path | None = None
    ) -> None:
        """Plan every page of a listing, and the forward above its newest numbered page."""
        pages, forward_url = paginate(listing, per_page)
        for page in pages:
            self.claim(page.url, template, page, source + page_suffix(page.pager), source_path)
        self.forward(forward_url, listing.url, source, source_path)

    def forward(self, url: str | None, target_url: str, source: str, source_path: Path | None = None) -> None:
        """Plan the page that sends the newest numbered page's "newer" link on to page 1."""
        if url is not None:
            redirect = Redirect(url, target_url)
            self.claim(url, "redirect", redirect, f"{source} page after the last", source_path)


def claim_static_files(
    claims: Claims, site_files: tuple[StaticFile, ...], theme_files: tuple[StaticFile, ...]
) -> tuple[StaticFile, ...]:
    """Files copied as they are; a site file on a planned page's path is an error."""
    taken = set(claims.planned)
    statics = []
    for static in (*site_files, *theme_files):
        try:
            check_url_is_safe(static.url)
        except OutputError as error:
            claims.diagnostics.append(
                Diagnostic(f"{error.message}; not published", static.source_path, None, Level.ERROR)
            )
            continue
        if str(static.relative_path) in taken:
            if static in theme_files:
                continue  # the site's own file of that name wins over the theme's
            claimant = claims.planned[str(static.relative_path)].source
            message = f"{claimant} also writes {static.relative_path}; this file is not published"
            claims.diagnostics.append(Diagnostic(message, static.source_path, None, Level.ERROR))
            continue
        taken.add(str(static.relative_path))
        statics.append(static)
    return tuple(sorted(statics, key=lambda s: str(s.relative_path)))


def drop_files_in_the_way(claims: Claims, statics: tuple[StaticFile, ...]) -> tuple[StaticFile, ...]:
    """Leave out outputs so that no output file stands where another needs a folder.

    `news` (a file) and `news/a.html` cannot both be written. Found here, before anything
    is written, each clash is one error naming both sources. A generated page (a listing,
    a feed) keeps its path and what would go below it is left out; between two files of
    the site, the one in the way is left out."""
    written_by: dict[str, Path | None] = {path: page.source_path for path, page in claims.planned.items()}
    written_by |= {str(static.relative_path): static.source_path for static in statics}
    # First only whether any file's folder is itself a file (rare), then what lies below
    # each such file: a site writes tens of thousands of paths.
    in_the_way = set(output_folders(written_by)) & written_by.keys()
    below: dict[str, list[str]] = {}
    for path in sorted(written_by) if in_the_way else ():
        for folder in _folders_of(path):
            if folder in in_the_way:
                below.setdefault(folder, []).append(path)
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
                claims.diagnostics.append(
                    Diagnostic(
                        f"{reason}; not published",
                        written_by[victim] or claims.config_file,
                        None,
                        Level.ERROR,
                    )
                )
                claims.planned.pop(victim, None)
    return tuple(static for static in statics if str(static.relative_path) not in dropped)


def _folders_of(path: str) -> list[str]:
    """`a/b/c.html` → `a`, `a/b`."""
    folders = []
    end = path.find("/")
    while end != -1:
        folders.append(path[:end])
        end = path.find("/", end + 1)
    return folders


def _source_of(claims: Claims, path: str) -> str:
    """What asked for an output, for a message: its source, or the generated page's name."""
    planned = claims.planned.get(path)
    return planned.source if planned is not None else path


def page_suffix(pager: Pager | None) -> str:
    """` page N` for a listing's later pages in messages; "" for its first."""
    return f" page {pager.number}" if pager is not None and pager.number > 1 else ""
