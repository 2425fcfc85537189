"""Tags that only repeat a category: listed once, at the category's address.

The user's crawler tags every post with its source's display name (category xinjingbao,
tag 新京报新闻), so on such a site every tag listing holds exactly one category's posts.
Publishing both would write every listing twice (a tenth of the site) and show crawlers
two addresses with one content. A tag whose posts are exactly one category's posts
therefore has no listing of its own: each of its pages is a small redirect stub to the
category's page of the same number (the two split alike, being the same posts), and
links to the tag go straight to the category. A tag that differs from every category by
one post keeps its own listing.

The decision is a pure function of the site index, made once in the plan; Liquid's
`site.tags` is not touched (it is the index's, not the plan's).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sitegen.model import Post
from sitegen.site.pagination import paginate_stably
from sitegen.site.subjects import Redirect
from sitegen.urls import paged_url, tag_url


def duplicate_tags(
    by_category: Mapping[str, tuple[Post, ...]],
    by_tag: Mapping[str, tuple[Post, ...]],
    category_titles: Mapping[str, str],
) -> Mapping[str, str]:
    """Tag → the category whose posts are exactly the tag's, for every such tag; sorted.

    Both groupings list their posts newest first from one ordering (`index.build_index`),
    so equal sets are equal sequences and are compared by identity, never by value (a
    post's value is its whole body). When several categories hold the same posts, the one
    titled like the tag wins, else the first by name."""
    categories_by_posts: dict[tuple[int, ...], list[str]] = {}
    for name in sorted(by_category):
        categories_by_posts.setdefault(_identity(by_category[name]), []).append(name)
    duplicates: dict[str, str] = {}
    for tag in sorted(by_tag):
        names = categories_by_posts.get(_identity(by_tag[tag]))
        if names:
            duplicates[tag] = next((name for name in names if category_titles.get(name) == tag), names[0])
    return MappingProxyType(duplicates)


def tag_stubs(
    listing_url: str, posts: tuple[Post, ...], per_page: int, category_url: str, category_title: str
) -> tuple[Redirect, ...]:
    """Every page a duplicate tag's listing at `listing_url` would have, each sent to
    the category's page of the same number, and the forward above its newest numbered
    page sent to page 1: every address the tag's listing ever published keeps working."""
    pagination = paginate_stably(posts, per_page, listing_url)
    stubs = [
        Redirect(
            pager.url if pager is not None else listing_url,
            paged_url(category_url, pager.number) if pager is not None else category_url,
            category_title,
        )
        for _, pager in pagination.pages
    ]
    if pagination.forward_url is not None:
        stubs.append(Redirect(pagination.forward_url, category_url, category_title))
    return tuple(stubs)


def listed_tag_urls(
    tag_urls: Mapping[str, str], duplicates: Mapping[str, str], category_urls: Mapping[str, str]
) -> Mapping[str, str]:
    """Where each tag whose listing is not at its own `tag_url` is listed
    (`SitePlan.tag_urls`): the category's listing for a tag that repeats a category, the
    URL `tag_urls_for` gave for a tag whose slug another tag's name holds."""
    listed = {
        tag: category_urls[duplicates[tag]] if tag in duplicates else url
        for tag, url in tag_urls.items()
        if tag in duplicates or url != tag_url(tag)
    }
    return MappingProxyType(listed)


def _identity(posts: tuple[Post, ...]) -> tuple[int, ...]:
    return tuple(map(id, posts))
