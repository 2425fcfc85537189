"""The data that flows through a build: plain, frozen values, never mutated by a stage.

source files → `Post` / `SourcePage` / `StaticFile` → `SiteIndex` → `PlannedPage` →
rendered bytes → written tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.urls import static_file_url

NO_LAYOUT = "none"
"""`layout: null` or `none`: Jekyll publishes the converted content alone, without any
layout around it (`Jekyll::Renderer#place_in_layouts`)."""


@dataclass(frozen=True, slots=True)
class LiquidBody:
    """A body that uses Liquid, kept as written until the Liquid stage renders it.

    Jekyll renders Liquid before converting Markdown, and Liquid can read the whole site
    (`site.posts`), so such a body is converted only once every post is loaded."""

    text: str
    line: int
    """1-based line of the body's first line in its file, for messages."""
    suffix: str
    """The file's extension, lower-cased: it chooses the converter."""


@dataclass(frozen=True, slots=True)
class Post:
    """One published post, its body already converted to HTML."""

    source_path: Path
    relative_path: PurePosixPath
    """Path inside the content folder, used in messages and as a stable sort key."""
    title: str
    date: datetime
    """Aware, in the site's time zone."""
    slug: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    layout: str
    url: str
    """Unencoded, root-relative, without baseurl."""
    body_html: str
    front_matter: Mapping[str, Any]
    modified: datetime | None = None
    """`last_modified_at` from the front matter, in the site's zone, if given."""
    excerpt: str = ""
    """Plain-text summary: the `excerpt` front matter, else the body's opening, cut."""
    image: str = ""
    """The `src` of the body's first image, as written (entities decoded), or ""."""
    liquid: LiquidBody | None = None
    """Set between loading and the Liquid stage for a body that uses Liquid (its
    `body_html`, `excerpt` and `image` are then still empty)."""
    excerpt_source: str | None = None
    """What Jekyll makes the Liquid `excerpt` from (`sitegen.content.excerpt.excerpt_source`):
    the body's text up to the excerpt separator, or None when that is the whole body
    (then the excerpt is the converted body, so the body is not stored twice)."""
    liquid_url: str = ""
    """Its URL as Jekyll's Liquid `url` gives it (`sitegen.urls.jekyll_forms`: placeholders
    escaped, the permalink's own text as written), or "" where that is `url` escaped."""
    browser_read: bool = False
    """Its URL as written holds a backslash or a control character, and it is published
    where a browser reads that URL (`sitegen.urls.browser_reading`): a file of the site
    really at that path keeps it (`sitegen.site.rewritten`)."""
    jekyll_url: str = ""
    """Where Jekyll publishes it, when not at `url` (it does not see the front matter
    sitegen reads: `sitegen.content.unseen_front_matter`), or "": a redirect goes there."""

    @property
    def updated(self) -> datetime:
        """When the post last changed: `last_modified_at`, never earlier than its date."""
        return max(self.date, self.modified) if self.modified is not None else self.date

    @property
    def primary_category(self) -> str | None:
        """The category the post's 返回 link leads to: its first one."""
        return self.categories[0] if self.categories else None

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """Newest-first listings sort by this, reversed; the path breaks ties stably."""
        return (self.date, str(self.relative_path))


@dataclass(frozen=True, slots=True)
class SourcePage:
    """A file with front matter outside `_posts`, rendered through its layout."""

    source_path: Path
    relative_path: PurePosixPath
    title: str
    layout: str
    url: str
    body_html: str
    front_matter: Mapping[str, Any]
    uses_liquid: bool = False
    """The page's body uses Liquid (so it is never a `layout: category` stub)."""
    listing_loop: str = ""
    """The body as written when this is a page (never a collection document) whose Liquid
    loops over the site's posts (`{% for tag in site.tags %}`): if it also names a
    category it stands for (matched by URL or title), the plan serves sitegen's listing of
    that category at its URL instead. "" for every other page."""
    modified: datetime | None = None
    """`last_modified_at` (else `date`) from the front matter, if given: the sitemap's lastmod."""
    excerpt: str = ""
    """Plain-text summary, as for posts."""
    liquid: LiquidBody | None = None
    """As for posts: the body as written, until the Liquid stage renders it."""
    date: datetime | None = None
    """A collection document's date (its front matter's, else its file name's): like a
    post, it is not published while that is after the build's moment unless `future`
    is set (Jekyll's `Publisher#hidden_in_the_future?`, publisher.rb, which
    `Document#write?` asks for every document). None for a page."""
    liquid_url: str = ""
    """Its URL as Jekyll's Liquid `url` gives it (`sitegen.urls.jekyll_forms`: placeholders
    escaped, the permalink's own text as written), or "" where that is `url` escaped."""
    browser_read: bool = False
    """Its URL as written holds a backslash or a control character, and it is published
    where a browser reads that URL (`sitegen.urls.browser_reading`): a file of the site
    really at that path keeps it (`sitegen.site.rewritten`)."""
    folder_url: bool = False
    """Jekyll's URL of this page is a folder's (`/feed/`), whose file is `index` and an
    output extension other than `.html` (`feed/index.xml`): sitegen's `url` names that
    file (`sitegen.urls.permalinks.served_url`), and Liquid's `site.html_pages` still
    lists the page, as Jekyll's lists every page at a folder's URL."""


@dataclass(frozen=True, slots=True)
class StaticFile:
    """A file copied as it is."""

    source_path: Path
    relative_path: PurePosixPath
    """Where it is written, below the destination: its path in the content folder as
    Jekyll writes it (`sitegen.urls.static_output_path`: `a%41.txt` is `aA.txt`), or for
    a file of a published collection, below the collection's URL."""
    source_relative: PurePosixPath | None = None
    """Its path in the content folder where that differs from `relative_path` (Liquid's
    `path` and `name` are the source's)."""
    browser_read: bool = False
    """Its URL as written holds a backslash or a control character, and it is published
    where a browser reads that URL (`sitegen.urls.browser_reading`): a file of the site
    really at that path keeps it (`sitegen.site.rewritten`)."""
    link_target: Path | None = None
    """For a link, the real file the scan decided it leads to: what is copied
    (`SourceFile.link_target`)."""
    published: bool = True
    """False where `published: false` in `defaults:` holds it back, as Jekyll's
    `StaticFile#write?` does (jekyll/lib/jekyll/static_file.rb): still listed in
    Liquid's `site.static_files`, as in Jekyll, but never written."""

    @property
    def copy_source(self) -> Path:
        """The file to copy, opened without following a link (`publish.tree_io.copy_new`):
        a link swapped in since the scan is refused, not followed out of the site."""
        return self.link_target or self.source_path

    @property
    def url(self) -> str:
        return static_file_url(self.relative_path)
