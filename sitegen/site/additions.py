"""What adding posts to a planned site changes on post pages, made of the plan's own rules.

The dev server's fast lane (`sitegen.preview`) writes a new post's page before the full
rebuild, so that page must be the one a clean build of the edited site makes. A post
page shows the post, its neighbours and related posts in its primary category
(`listings.post_page`), and the parts every page shows: the categories' titles and links
and the sections of the top bar. Here the resident index is extended with the new posts
by the same rules the plan uses (`index.newest_first`, `index.category_title`,
`sections.section_names`, `listings.post_page`), and anything the addition would change
beyond post pages that are certain (a new category or tag, which has no page yet; a
category renamed by its most common first tag; the sections, when chosen by size; a
tag that starts or stops repeating a category, whose links move) declines: the full
rebuild does it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.config import CONFIG_FILE_NAME, SiteConfig
from sitegen.model import Post
from sitegen.site.index import SiteIndex, category_title, newest_first
from sitegen.site.listings import RELATED_POSTS, post_page
from sitegen.site.sections import section_names
from sitegen.site.subjects import PostPage
from sitegen.site.tag_listings import duplicate_tags
from sitegen.site.title_clashes import still_shown

#: Named by the sections' warnings, which nobody reads here (the plan has shown them).
_CONFIG_FILE = Path(CONFIG_FILE_NAME)


@dataclass(frozen=True, slots=True)
class Addition:
    """The post pages of a site after posts are added: each new post's page and every
    page of a resident post whose neighbours or related posts the new posts change."""

    pages: tuple[PostPage, ...] = ()
    """One per post: the new posts' pages in the order given, then the resident posts'."""
    declined: str = ""
    """Why these pages are not certain ("" when they are)."""


def post_pages_after_adding(
    config: SiteConfig,
    index: SiteIndex,
    sections: tuple[str, ...],
    stub_titles: Mapping[str, str],
    added: Sequence[Post],
    current: Callable[[Post], Post] = lambda post: post,
) -> Addition:
    """The pages `added` gives a site planned from `index` (whose sections were
    `sections`), or why they are not certain.

    `current` maps a resident post to its version in the edited site (a post edited in
    the same burst, which keeps its place); the pages hold those versions."""
    categories = sorted({name for post in added for name in post.categories})
    for name in categories:
        if name not in index.by_category:
            return Addition(declined=f"category '{name}' is new")
    for tag in sorted({tag for post in added for tag in post.tags}):
        if tag not in index.by_tag:
            return Addition(declined=f"tag '{tag}' is new")
    siblings = {
        name: newest_first(
            (
                *(current(post) for post in index.by_category[name]),
                *(p for p in added if name in p.categories),
            )
        )
        for name in categories
    }
    for name in categories:
        title = category_title(name, siblings[name], config.category_titles, stub_titles)
        if not still_shown(name, title, index.category_titles[name]):
            return Addition(declined=f"category '{name}' would be titled '{title}'")
    extended = {**index.by_category, **siblings}
    moved = _tag_listing_moves(index, siblings, added, current)
    if moved:
        return Addition(declined=f"tag '{moved}' would be listed elsewhere")
    if section_names(config, extended, _CONFIG_FILE)[0] != sections:
        return Addition(declined="the sections of the top bar would change")
    pages: dict[Path, PostPage] = {}
    for post in added:
        if post.primary_category is None:
            pages[post.source_path] = post_page(post, (), 0)
    new_paths = {post.source_path for post in added}
    for name in categories:
        posts = siblings[name]
        for position, post in enumerate(posts):
            if post.source_path not in new_paths:
                continue
            # A new post is the newer neighbour of the next older post, the older one of
            # the next newer post, and among the related posts of the RELATED_POSTS posts
            # newer than that one (related posts start after the older neighbour).
            for near in range(max(0, position - RELATED_POSTS - 1), min(len(posts), position + 2)):
                if posts[near].primary_category == name and posts[near].source_path not in pages:
                    pages[posts[near].source_path] = post_page(posts[near], posts, near)
    ordered = [pages.pop(post.source_path) for post in added if post.source_path in pages]
    return Addition((*ordered, *pages.values()))


def _tag_listing_moves(
    index: SiteIndex,
    siblings: Mapping[str, tuple[Post, ...]],
    added: Sequence[Post],
    current: Callable[[Post], Post],
) -> str:
    """A tag whose listing the addition moves to or from a category's
    (`tag_listings.duplicate_tags`), or "": post pages link a tag where it is listed.

    Both sides are worked out whole, as the plan does (a pass over the posts, ms at the
    user's size), with every post as `current` gives it, so identities match."""
    before = duplicate_tags(index.by_category, index.by_tag, index.category_titles)
    new_tags = {tag for post in added for tag in post.tags}
    after_by_category = {
        name: siblings[name] if name in siblings else tuple(map(current, posts))
        for name, posts in index.by_category.items()
    }
    after_by_tag = {
        tag: newest_first((*map(current, posts), *(p for p in added if tag in p.tags)))
        if tag in new_tags
        else tuple(map(current, posts))
        for tag, posts in index.by_tag.items()
    }
    after = duplicate_tags(after_by_category, after_by_tag, index.category_titles)
    moved = (tag for tag in sorted(before.keys() | after.keys()) if before.get(tag) != after.get(tag))
    return next(moved, "")
