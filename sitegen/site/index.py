"""The site index: posts grouped by category and tag, newest first, and display titles.

Built once from the loaded posts; every listing page is planned from it. Orderings are
explicit `sorted(...)` calls so the result never depends on file-system order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sitegen.display_text import is_blank
from sitegen.model import Post
from sitegen.site.title_clashes import TitleClash, distinct_titles, lookalike_tags


@dataclass(frozen=True, slots=True)
class SiteIndex:
    posts: tuple[Post, ...]
    """All published posts, newest first."""
    by_category: Mapping[str, tuple[Post, ...]]
    """Category name as written → its posts, newest first; keys sorted."""
    by_tag: Mapping[str, tuple[Post, ...]]
    category_titles: Mapping[str, str]
    """Category name → display title (config, then stub page, then most common first tag,
    then name), no title shown by two categories (`sitegen.site.title_clashes`)."""
    by_month: Mapping[tuple[int, int], tuple[Post, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """(year, month) in the site's zone → its posts, newest first; keys newest first."""
    title_clashes: tuple[TitleClash, ...] = ()
    """Categories that would have shown the same title (`sitegen.site.title_clashes`)."""
    lookalike_tags: tuple[TitleClash, ...] = ()
    """Tags readers see alike, each group kept apart as Jekyll keeps them."""


def newest_first(posts: Iterable[Post]) -> tuple[Post, ...]:
    return tuple(sorted(posts, key=lambda post: post.sort_key, reverse=True))


def build_index(
    posts: Iterable[Post],
    configured_titles: Mapping[str, str],
    stub_titles: Mapping[str, str] | None = None,
) -> SiteIndex:
    ordered = newest_first(posts)
    by_category: dict[str, list[Post]] = {}
    by_tag: dict[str, list[Post]] = {}
    by_month: dict[tuple[int, int], list[Post]] = {}
    for post in ordered:
        by_month.setdefault((post.date.year, post.date.month), []).append(post)
        for category in post.categories:
            by_category.setdefault(category, []).append(post)
        for tag in post.tags:
            by_tag.setdefault(tag, []).append(post)
    titles, clashes = distinct_titles(
        {
            name: category_title(name, category_posts, configured_titles, stub_titles or {})
            for name, category_posts in by_category.items()
        },
        configured_titles,
    )
    return SiteIndex(
        posts=ordered,
        by_category=_frozen(by_category),
        by_tag=_frozen(by_tag),
        category_titles=MappingProxyType(dict(sorted(titles.items()))),
        by_month=MappingProxyType({key: tuple(by_month[key]) for key in sorted(by_month, reverse=True)}),
        title_clashes=clashes,
        lookalike_tags=lookalike_tags({tag: posts[-1].source_path for tag, posts in by_tag.items()}),
    )


def category_title(
    name: str,
    posts_newest_first: tuple[Post, ...] | list[Post],
    configured_titles: Mapping[str, str],
    stub_titles: Mapping[str, str],
) -> str:
    """The user's crawler tags every post with its source's name (xinjingbao → 新京报新闻),
    so without a configured or stub title the posts' first tags name the category.

    The title must not follow the newest post: it is printed on every page (top bar,
    breadcrumbs, feeds), so a new post with an odd first tag would rename the category and
    rewrite the whole site. The most common first tag is what the source calls itself;
    among equally common ones the tag of the oldest post wins, which a new post never
    changes."""
    if name in configured_titles and not is_blank(configured_titles[name]):
        return configured_titles[name]
    # A stub titled with just its own name (emnews → "Emnews") says nothing the tag does not
    # say better, so it only wins when it is a real title.
    stub_title = stub_titles.get(name, "")
    if not is_blank(stub_title) and stub_title.strip().lower() != name.lower():
        return stub_title
    return most_common_first_tag(posts_newest_first) or name


def most_common_first_tag(posts_newest_first: tuple[Post, ...] | list[Post]) -> str:
    """The first tag most of the posts carry; ties go to the tag seen first from the oldest
    post on; "" when no post has a tag. A tag that shows nothing (`sitegen.display_text`)
    is no title: a post's first tag is its first tag that shows something."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for position, post in enumerate(reversed(posts_newest_first)):
        tag = next((tag for tag in post.tags if not is_blank(tag)), "")
        if tag:
            counts[tag] += 1
            first_seen.setdefault(tag, position)
    if not counts:
        return ""
    return min(counts, key=lambda tag: (-counts[tag], first_seen[tag]))


def _frozen(groups: dict[str, list[Post]]) -> Mapping[str, tuple[Post, ...]]:
    return MappingProxyType({name: tuple(groups[name]) for name in sorted(groups)})
