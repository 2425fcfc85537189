"""Liquid listing pages: a Jekyll page that looped over the site's posts to list one
category, and the category listing that now stands at its URL (`sitegen.site.plan`)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sitegen.model import SourcePage
from sitegen.site.index import SiteIndex
from sitegen.site.subjects import Listing
from sitegen.urls import last_segment

# One Liquid tag or output, an HTML comment or tag, or Markdown's marks: what a listing
# page's body may hold outside its loops without text of its own.
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)[\s\S]*?-?%\}")
_NOT_TEXT = re.compile(r"\{\{[\s\S]*?\}\}|<!--[\s\S]*?-->|<[^>]*>|&[#\w]+;|[\s#*_>|`~=+\-\[\]()!:.,]+")
_LOOP_START = frozenset({"for", "tablerow"})
_LOOP_END = frozenset({"endfor", "endtablerow"})


def listing_for_liquid_page(
    page: SourcePage, index: SiteIndex, category_urls: Mapping[str, str], feed_urls: Mapping[str, str]
) -> Listing | None:
    """The category listing a Liquid listing page stood for: a page whose Liquid loops
    over the site's posts (`SourcePage.listing_loop`) with no text of its own outside
    its loops (`has_text_of_its_own`), matched to a category by its URL, else by its
    title where one category alone answers to it (`_by_title`), and naming that category
    in its Liquid: its name, its title or a tag its posts carry.

    The user's `emnews.md` (permalink `/emnews/`, title 东财滚动新闻, a loop over
    `site.tags` picking 东财滚动新闻) listed the posts of category emnews; its URL keeps
    working with sitegen's listing of that category, whichever other category a
    misfiled post gives the same title. A page with real content (Jekyll's docs'
    `community.md`, a channel page with its editor's address above the loop) is never
    replaced: it is rendered as Jekyll renders it."""
    if has_text_of_its_own(page.listing_loop):
        return None
    segment = last_segment(page.url).lower()
    by_url = [name for name in index.by_category if name.lower() == segment]
    chosen = next((name for name in by_url if _named(page.listing_loop, name, index)), None)
    if chosen is None:
        chosen = _by_title(page, index)
    if chosen is None:
        return None
    return Listing(
        "category",
        chosen,
        index.category_titles[chosen],
        page.url,
        index.by_category[chosen],
        feed_url=feed_urls.get(chosen, ""),
        duplicate_of=category_urls[chosen],
    )


def _by_title(page: SourcePage, index: SiteIndex) -> str | None:
    """The one category whose title is the page's or whose posts carry it as a tag (the
    title a category's tag gives it, before two categories' titles are told apart:
    `sitegen.site.title_clashes`), named in the page's Liquid; None where none or more
    than one answer, as a misfiled post's category does."""
    answering = {name for name, title in index.category_titles.items() if title == page.title}
    answering |= {name for post in index.by_tag.get(page.title, ()) for name in post.categories}
    answering &= index.by_category.keys()
    if len(answering) != 1:
        return None
    (name,) = answering
    return name if _named(page.listing_loop, name, index) else None


def _named(loop: str, name: str, index: SiteIndex) -> bool:
    """Whether a listing page's Liquid names the category: its name, title or a tag of its posts."""
    if name in loop or index.category_titles[name] in loop:
        return True
    return any(tag in loop for tag in {tag for post in index.by_category[name] for tag in post.tags})


def has_text_of_its_own(body: str) -> bool:
    """Whether a page's body as written shows text outside its Liquid loops: what is left
    there once Liquid outputs and tags, HTML tags, comments and character references,
    and Markdown's marks are taken out. What a loop shows per post is the listing's;
    text around it (a heading, an editor's note, a copyright line) is the page's own."""
    outside: list[str] = []
    depth = 0
    position = 0
    for tag in _LIQUID_TAG.finditer(body):
        if depth == 0:
            outside.append(body[position : tag.start()])
        name = tag.group(1)
        if name in _LOOP_START:
            depth += 1
        elif name in _LOOP_END and depth:
            depth -= 1
        position = tag.end()
    if depth == 0:
        outside.append(body[position:])
    return bool(_NOT_TEXT.sub("", "".join(outside)))
