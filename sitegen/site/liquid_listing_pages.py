"""Liquid listing pages: a Jekyll page that looped over the site's posts to list one
category, and the category listing that now stands at its URL (`sitegen.site.plan`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from sitegen.model import SourcePage
from sitegen.site.index import SiteIndex
from sitegen.site.subjects import Listing
from sitegen.urls import last_segment

# One Liquid tag, an HTML comment or tag, a character reference, or Markdown's marks:
# what a listing page's body may hold outside its loops without text of its own.
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)[\s\S]*?-?%\}")
_NOT_TEXT = re.compile(r"<!--[\s\S]*?-->|<[^>]*>|&[#\w]+;|[\s#*_>|`~=+\-\[\]()!:.,]+")
_LOOP_START = frozenset({"for", "tablerow"})
_LOOP_END = frozenset({"endfor", "endtablerow"})
#: Tags that bring text of their own wherever they stand outside a loop.
_TEXT_TAGS = frozenset({"include", "include_relative", "render"})


def listing_for_liquid_page(
    page: SourcePage, index: SiteIndex, category_urls: Mapping[str, str], feed_urls: Mapping[str, str]
) -> Listing | None:
    """The category listing a Liquid listing page stood for: a page whose Liquid loops
    over the site's posts (`SourcePage.listing_loop`) with no text of its own outside
    its loops (`has_text_of_its_own`), listing exactly one category's posts
    (`listed_categories`): the one its URL names, else the one whose title is the page's.

    The user's `emnews.md` (permalink `/emnews/`, title 东财滚动新闻, a loop over
    `site.tags` picking 东财滚动新闻, the tag of the posts of category emnews) listed the
    posts of category emnews; its URL keeps working with sitegen's listing of that
    category. A page with real content (Jekyll's docs' `community.md`, a channel page
    with its editor's address above the loop) is never replaced: it is rendered as
    Jekyll renders it."""
    if has_text_of_its_own(page.listing_loop):
        return None
    listed = listed_categories(page.listing_loop, index)
    segment = last_segment(page.url).lower()
    by_url = [name for name in listed if name.lower() == segment]
    by_title = [name for name, titles in listed.items() if page.title in titles]
    chosen = by_url[:1] or (by_title if len(by_title) == 1 else [])
    if not chosen:
        return None
    name = chosen[0]
    return Listing(
        "category",
        name,
        index.category_titles[name],
        page.url,
        index.by_category[name],
        feed_url=feed_urls.get(name, ""),
        duplicate_of=category_urls[name],
    )


def listed_categories(loop: str, index: SiteIndex) -> dict[str, set[str]]:
    """The categories a listing page's Liquid lists, each with the titles it answers to:
    one it names (`site.categories.emnews`, `"emnews"`), with its title; the one holding
    most of the posts of a tag it names as text (`"东财滚动新闻"`, `site.tags.东财滚动新闻`),
    with its title and that tag. A misfiled post of another category with that tag
    does not move the page off its category (Jekyll's `emnews.md` is a code block of its
    own HTML, indented as Markdown code, where sitegen's listing shows the posts); a tag
    no category holds most of stands for none."""
    listed: dict[str, set[str]] = {}
    for name in index.by_category:
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", loop):
            listed.setdefault(name, set()).add(index.category_titles[name])
    for tag, tagged in index.by_tag.items():
        if not _names_tag(loop, tag):
            continue
        held = Counter(name for post in tagged for name in set(post.categories))
        for name, count in held.items():
            if count * 2 > len(tagged) and name in index.by_category:
                listed.setdefault(name, set()).update((index.category_titles[name], tag))
    return listed


def _names_tag(loop: str, tag: str) -> bool:
    return f'"{tag}"' in loop or f"'{tag}'" in loop or f"site.tags.{tag}" in loop


def has_text_of_its_own(body: str) -> bool:
    """Whether a page's body as written shows text outside its Liquid loops: an output
    (`{{ page.intro }}`) or an include there, or what is left once Liquid tags, HTML tags,
    comments and character references, and Markdown's marks are taken out. What a loop
    shows per post is the listing's; text around it (a heading, an editor's note, a
    copyright line) is the page's own."""
    outside: list[str] = []
    depth = 0
    position = 0
    for tag in _LIQUID_TAG.finditer(body):
        if depth == 0:
            outside.append(body[position : tag.start()])
        name = tag.group(1)
        if depth == 0 and name in _TEXT_TAGS:
            return True
        if name in _LOOP_START:
            depth += 1
        elif name in _LOOP_END and depth:
            depth -= 1
        position = tag.end()
    if depth == 0:
        outside.append(body[position:])
    return bool(_NOT_TEXT.sub("", "".join(outside)))
