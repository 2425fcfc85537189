"""The subjects of generated pages, built from the site index: post pages with their
neighbours, home pages, category, tag and month listings split into pages, and feeds.

Pure functions of the index and the configuration; the plan decides where each goes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from sitegen.config import SiteConfig
from sitegen.model import Post, SourcePage
from sitegen.site.index import SiteIndex
from sitegen.site.liquid_listing_pages import has_text_of_its_own
from sitegen.site.pagination import paginate_stably
from sitegen.site.subjects import ArchiveIndex, ArchiveMonth, Feed, Home, HomeSection, Listing, PostPage
from sitegen.urls import archive_index_url, archive_url, feed_urls_for, home_url

#: How a month listing is titled; the theme speaks Chinese.
MONTH_TITLE = "{year}年{month}月"
#: Related posts under a post: the nearest older posts of its category after its older
#: neighbour (linked as 上一篇 already), as a portal's "more from this source".
RELATED_POSTS = 6


def post_pages(index: SiteIndex) -> Iterator[PostPage]:
    """Every post with its older and newer neighbour in its primary category, and the
    posts of that category published just before it.

    Related posts look back from the post, not from the category's newest: a new post then
    enters the related lists of no existing page (it is the newest) and changes only the
    previous newest's "newer" link, where "the category's newest" would re-render every post
    page of the category. The subject holds exactly what the page shows, so its
    fingerprint follows the same rule."""
    positions = {
        name: {id(post): position for position, post in enumerate(posts)}
        for name, posts in index.by_category.items()
    }
    for post in index.posts:
        category = post.primary_category
        if category is None:
            yield post_page(post, (), 0)
        else:
            yield post_page(post, index.by_category[category], positions[category][id(post)])


def post_page(post: Post, siblings: tuple[Post, ...], position: int) -> PostPage:
    """`post`'s page, where `siblings` are the posts of its primary category, newest first,
    `post` at `position` among them (`()` for a post without a category: a page alone).

    One rule for the plan (`post_pages`) and for the dev server's fast lane, which places
    a new post among the resident site's posts (`sitegen.site.additions`)."""
    older = siblings[position + 1] if position + 1 < len(siblings) else None
    newer = siblings[position - 1] if position > 0 else None
    # The older neighbour is the 上一篇 link already: related posts start after it.
    related = siblings[position + 2 : position + 2 + RELATED_POSTS]
    return PostPage(post, older, newer, related)


def paginate(listing: Listing, per_page: int) -> tuple[tuple[Listing, ...], str | None]:
    """A listing of all its posts as the pages it is published on (one when it fits), in
    reading order, and the URL that forwards to its first page (see
    `sitegen.site.pagination`), None when it has one page.

    Only page 1 carries the listing's post count: a numbered page shows nothing that a new
    post changes."""
    pagination = paginate_stably(listing.posts, per_page, listing.url)
    total = len(listing.posts)
    pages = tuple(
        replace(listing, posts=chunk, total_posts=total, pager=pager)
        if pager is None or pager.number == 1
        else replace(listing, url=pager.url, posts=chunk, pager=pager)
        for chunk, pager in pagination.pages
    )
    return pages, pagination.forward_url


def home_pages(
    config: SiteConfig, index: SiteIndex, category_urls: Mapping[str, str], sections: tuple[str, ...]
) -> tuple[tuple[Home, ...], str | None]:
    """Page 1: the `home_posts` newest posts, then a block per section; the numbered pages
    hold the older posts, `paginate` a page counted from the oldest, so every post is
    reachable from home and a new post changes page 1 and the newest numbered page only.
    Also the URL that forwards to page 1, None when home has one page."""
    pagination = paginate_stably(index.posts, config.paginate, home_url(), head=config.home_posts)
    latest, first_pager = pagination.pages[0]
    blocks = _section_blocks(config, index, category_urls, sections, latest)
    first = Home(home_url(), latest, blocks, first_pager)
    later = (Home(pager.url, chunk, (), pager) for chunk, pager in pagination.pages[1:] if pager is not None)
    return (first, *later), pagination.forward_url


def _section_blocks(
    config: SiteConfig,
    index: SiteIndex,
    category_urls: Mapping[str, str],
    sections: tuple[str, ...],
    latest: tuple[Post, ...],
) -> tuple[HomeSection, ...]:
    """One block per section, in the sections' order, of its newest posts not already on
    the page: a headline the latest list (or an earlier block) shows is not repeated. A
    section with nothing left to show is left out."""
    if not config.home_per_category:
        return ()
    shown = {id(post) for post in latest}
    blocks = []
    for name in sections:
        fresh: list[Post] = []
        for post in index.by_category[name]:
            if len(fresh) == config.home_per_category:
                break
            if id(post) not in shown:
                fresh.append(post)
                shown.add(id(post))
        if fresh:
            blocks.append(HomeSection(name, index.category_titles[name], category_urls[name], tuple(fresh)))
    return tuple(blocks)


def category_listings(
    index: SiteIndex,
    stubs: Mapping[str, SourcePage],
    category_urls: Mapping[str, str],
    feed_urls: Mapping[str, str],
) -> list[Listing]:
    """One listing per category, at `/category/<name>.html` or at its stub page's URL.

    A stub whose `category` holds several words lists the posts whose categories are
    exactly those words: the crawler split a media name with spaces that way."""
    listings: list[Listing] = []
    for name, category_posts in index.by_category.items():
        listings.append(
            Listing(
                "category",
                name,
                index.category_titles[name],
                category_urls[name],
                category_posts,
                feed_url=feed_urls.get(name, ""),
                intro_html=_intro(stubs.get(name)),
            )
        )
    for name, stub in stubs.items():
        if name in index.by_category:
            continue
        words = tuple(name.split())
        matching: tuple[Post, ...] = ()
        if len(words) > 1:
            matching = tuple(post for post in index.posts if set(post.categories) == set(words))
        title = index.category_titles.get(name, stub.title)
        listings.append(Listing("category", name, title, stub.url, matching, intro_html=_intro(stub)))
    return listings


def archive_pages(index: SiteIndex) -> tuple[ArchiveIndex, tuple[Listing, ...]]:
    """The archive's index and one listing (all its posts) per month, newest first."""
    months = tuple(
        Listing(
            "archive",
            f"{year:04d}-{month:02d}",
            MONTH_TITLE.format(year=year, month=month),
            archive_url(year, month),
            posts,
        )
        for (year, month), posts in index.by_month.items()
    )
    summary = tuple(
        ArchiveMonth(year, month, archive_url(year, month), len(posts))
        for (year, month), posts in index.by_month.items()
    )
    updated = max((post.updated for post in index.posts), default=None)
    return ArchiveIndex(archive_index_url(), summary, updated), months


def feeds(config: SiteConfig, index: SiteIndex, category_urls: Mapping[str, str]) -> tuple[Feed, ...]:
    """The site's feed (at `feed_path`) and one per category, each of its `feed_entries`
    newest posts.

    A site without posts has no feed: Atom's `updated` must come from its entries, and the
    build time would make every build differ. Only the site's feed carries each post's
    whole body, as jekyll-feed's `<content>` does (jekyll-feed/lib/jekyll-feed/feed.xml):
    jekyll-feed writes a category's feed only for the categories its `feed: categories:`
    names, while sitegen writes one for every category (2,000 on a large news site), and
    the body in each would repeat every post's text in as many feeds as it has
    categories, on top of its page and the site's feed; a category's feed keeps the
    summary and the link to the page."""
    if not index.posts:
        return ()
    newest = index.posts[: config.feed_entries]
    site_feed = replace(_feed(config.feed_path, config.title, home_url(), newest, index), full_content=True)
    feed_urls = feed_urls_for(index.by_category)  # no two alike: `listing_segments`
    per_category = (
        _feed(
            feed_urls[name],
            f"{index.category_titles[name]} - {config.title}",
            category_urls[name],
            posts[: config.feed_entries],
            index,
        )
        for name, posts in index.by_category.items()
    )
    return (site_feed, *per_category)


def _feed(url: str, title: str, alternate_url: str, posts: tuple[Post, ...], index: SiteIndex) -> Feed:
    names = sorted({name for post in posts for name in post.categories})
    titles = tuple((name, index.category_titles[name]) for name in names)
    return Feed(url, title, alternate_url, posts, titles)


def _intro(stub: SourcePage | None) -> str:
    """A stub page's body, shown above its category's list: a body of white space only
    (the crawler's stubs have none) shows nothing, nor does one that is only a Liquid
    loop over the posts (the list below shows them)."""
    if stub is None or not stub.body_html.strip():
        return ""
    if stub.listing_loop and not has_text_of_its_own(stub.listing_loop):
        return ""
    return stub.body_html
