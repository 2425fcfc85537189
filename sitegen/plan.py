"""The page plan: every page the site will have, decided before anything is rendered.

Planning first makes collisions (two sources wanting one output path) an error that
names both, and lets the build check at the end that every planned page was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, OutputError
from sitegen.index import SiteIndex
from sitegen.model import Post, SourcePage, StaticFile
from sitegen.urls import category_url, output_path, tag_url


@dataclass(frozen=True, slots=True)
class Listing:
    """A category or tag page: a titled list of posts, newest first."""

    kind: str
    """`category` or `tag`."""
    name: str
    title: str
    url: str
    posts: tuple[Post, ...]


@dataclass(frozen=True, slots=True)
class HomeSection:
    category: str
    title: str
    url: str
    posts: tuple[Post, ...]


@dataclass(frozen=True, slots=True)
class Home:
    url: str
    latest: tuple[Post, ...]
    sections: tuple[HomeSection, ...]


@dataclass(frozen=True, slots=True)
class Redirect:
    """A tiny page sending an old URL on to where its content lives now."""

    url: str
    target_url: str


PageSubject = Post | SourcePage | Listing | Home | Redirect


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


CATEGORY_STUB_LAYOUT = "category"


def category_stubs(pages: Iterable[SourcePage]) -> Mapping[str, SourcePage]:
    """Jekyll stub pages (`layout: category`, `category: name`) by the category they list."""
    stubs: dict[str, SourcePage] = {}
    for page in pages:
        if (page.layout == CATEGORY_STUB_LAYOUT and not page.uses_liquid
                and page.front_matter.get("category") is not None):
            stubs.setdefault(str(page.front_matter["category"]).strip(), page)
    return stubs


def plan_site(
    config: SiteConfig,
    index: SiteIndex,
    pages: Iterable[SourcePage],
    static_files: Iterable[StaticFile],
    theme_files: Iterable[StaticFile] = (),
) -> SitePlan:
    """Plan every output; the first claimant of a path keeps it, later ones are errors."""
    source_pages = tuple(pages)
    stubs = category_stubs(source_pages)
    stub_pages = {id(page) for page in stubs.values()}
    category_urls = MappingProxyType(
        {name: stubs[name].url if name in stubs else category_url(name) for name in index.by_category}
    )
    planned: dict[PurePosixPath, PlannedPage] = {}
    errors: list[Diagnostic] = []

    def claim(url: str, template: str, subject: PageSubject, source: str, source_path: Path | None = None) -> None:
        try:
            path = output_path(url)
        except OutputError as error:
            errors.append(Diagnostic(error.message, None, None, "error"))
            return
        if path in planned:
            errors.append(
                Diagnostic(
                    f"{source} and {planned[path].source} both write {path}; the second is skipped",
                    None, None, "error",
                )
            )
            return
        planned[path] = PlannedPage(url, path, template, subject, source, source_path)

    for post in index.posts:
        claim(post.url, post.layout, post, str(post.source_path), post.source_path)
    claim("/", "index", _home(config, index, category_urls), "the home page")
    for listing in _category_listings(index, stubs, category_urls):
        claim(listing.url, "category", listing, f"category '{listing.name}'")
    for name, tag_posts in index.by_tag.items():
        claim(tag_url(name), "tag", Listing("tag", name, name, tag_url(name), tag_posts), f"tag '{name}'")
    for page in source_pages:
        if page.uses_liquid:
            stand_in = _listing_for_liquid_page(page, index, category_urls)
            if stand_in is not None:
                claim(page.url, "category", stand_in, str(page.source_path), page.source_path)
        elif id(page) not in stub_pages:
            claim(page.url, page.layout, page, str(page.source_path), page.source_path)
    if config.category_dirs:
        for name, url in category_urls.items():
            redirect = Redirect(f"/{name}/", url)
            if output_path(redirect.url) not in planned:
                claim(redirect.url, "redirect", redirect, f"category '{name}' folder URL")
    taken = {str(path) for path in planned}
    statics = []
    for static in (*static_files, *theme_files):
        if str(static.relative_path) in taken:
            if static in theme_files:
                continue  # the site's own file of that name wins over the theme's
            errors.append(Diagnostic(f"{static.source_path} and {planned[static.relative_path].source} both write {static.relative_path}", None, None, "error"))
            continue
        taken.add(str(static.relative_path))
        statics.append(static)
    return SitePlan(
        category_urls=category_urls,
        pages=tuple(planned[path] for path in sorted(planned, key=str)),
        static_files=tuple(sorted(statics, key=lambda s: str(s.relative_path))),
        errors=tuple(errors),
    )


def _category_listings(
    index: SiteIndex, stubs: Mapping[str, SourcePage], category_urls: Mapping[str, str]
) -> list[Listing]:
    """One listing per category, at `/category/<name>.html` or at its stub page's URL.

    A stub whose `category` holds several words lists the posts whose categories are
    exactly those words: the crawler split a media name with spaces that way."""
    listings: list[Listing] = []
    for name, category_posts in index.by_category.items():
        listings.append(
            Listing("category", name, index.category_titles[name], category_urls[name], category_posts)
        )
    for name, stub in stubs.items():
        if name in index.by_category:
            continue
        words = tuple(name.split())
        matching = tuple(post for post in index.posts if set(post.categories) == set(words)) if len(words) > 1 else ()
        listings.append(Listing("category", name, index.category_titles.get(name, stub.title), stub.url, matching))
    return listings


def _home(config: SiteConfig, index: SiteIndex, category_urls: Mapping[str, str]) -> Home:
    sections = [
        HomeSection(name, index.category_titles[name], category_urls[name], posts[: config.home_per_category])
        for name, posts in index.by_category.items()
    ]
    # Busiest news first: sections ordered by their newest post, then by name.
    sections.sort(key=lambda section: (-section.posts[0].date.timestamp(), section.category))
    return Home("/", index.posts[: config.home_posts], tuple(sections) if config.home_per_category else ())


def _listing_for_liquid_page(
    page: SourcePage, index: SiteIndex, category_urls: Mapping[str, str]
) -> Listing | None:
    """The category listing a Liquid listing page stood for, matched by URL or title.

    The user's `emnews.md` (permalink `/emnews/`, title 东财滚动新闻) listed the posts of
    category emnews; its URL keeps working with sitegen's listing of that category."""
    last_segment = page.url.strip("/").rsplit("/", 1)[-1].removesuffix(".html")
    for name in index.by_category:
        if name == last_segment or name.lower() == last_segment.lower() or index.category_titles[name] == page.title:
            return Listing("category", name, index.category_titles[name], page.url, index.by_category[name])
    return None
