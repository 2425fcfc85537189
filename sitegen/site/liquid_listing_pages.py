"""Liquid listing pages: a Jekyll page that looped over the site's posts to list one
category, and the category listing that now stands at its URL (`sitegen.site.plan`).

The user's `emnews.md` (permalink `/emnews/`, title 东财滚动新闻) loops over `site.tags`,
picks the tag 东财滚动新闻 (`{% if tag[0] == "东财滚动新闻" %}`), the tag of the posts of
category emnews, and lists them. Jekyll's Markdown shows its indented lines as a code
block of HTML; sitegen serves its URL with its listing of category emnews. Only such a
page is replaced, so that no page loses what it shows:

- it has nothing of its own: no words, image, frame or include anywhere, and no output
  outside its loops (`has_text_of_its_own`);
- its loops list one category or one tag, named in the loop (`site.categories.emnews`) or
  picked by comparing the name (`tag[0] == "…"`, not `unless`), each post by its link; a
  loop over every post (`site.posts`), over two categories or over anything else is no
  one category's listing;
- the category is the one its URL names, where that is the one listed or most of its
  posts carry the tag listed; where the URL names none, the one category both holding
  most of the tag's posts and carrying it on most of its own, whose title (or tag) is
  the page's title. Anything else (a misfiled post making the tag another category's) is
  rendered as Jekyll renders it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from sitegen.model import SourcePage
from sitegen.site.index import SiteIndex
from sitegen.site.subjects import Listing
from sitegen.urls import last_segment

_LIQUID = re.compile(r"\{%-?\s*(\w+)([\s\S]*?)-?%\}|\{\{[\s\S]*?\}\}")
_WORDS = re.compile(r"<!--[\s\S]*?-->|<[^>]*>|&[#\w]+;|[\s#*_>|`~=+\-\[\]()!:.,]+")
#: Markup that shows something without words (a banner, an ad frame, a search form).
_CONTENT_TAG = re.compile(
    r"<(?:img|iframe|form|input|select|textarea|button|video|audio|object|embed|canvas|svg|script)\b", re.I
)
_LOOP_START = frozenset({"for", "tablerow"})
_LOOP_END = frozenset({"endfor", "endtablerow"})
_TEXT_TAGS = frozenset({"include", "include_relative", "render"})
_IN = re.compile(r"^\s*\w+\s+in\s+(\S+)")
_NAMED = re.compile(r"""^site\.(categories|tags)(?:\.([^\s.\[\]]+)|\[\s*(?:"([^"]*)"|'([^']*)')\s*\])$""")
#: The posts of a pair looped over: `tag[1]`, `category.last`.
_PAIR_POSTS = re.compile(r"\w+(?:\[1\]|\.last)")
_COMPARED = re.compile(r"""==\s*(?:"([^"]*)"|'([^']*)')""")


def listing_for_liquid_page(
    page: SourcePage, index: SiteIndex, category_urls: Mapping[str, str], feed_urls: Mapping[str, str]
) -> Listing | None:
    """The category listing a Liquid listing page stood for (see the module doc), or None."""
    if has_text_of_its_own(page.listing_loop):
        return None
    listed = _listed(page.listing_loop)
    if listed is None:
        return None
    kind, name = listed
    segment = last_segment(page.url).lower()
    if any(category.lower() == segment for category in index.by_category):
        chosen = _by_url(kind, name, segment, index)  # the URL names a category: it decides
    else:
        chosen = _by_title(kind, name, page.title, index)
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


def _listed(body: str) -> tuple[str, str] | None:
    """The one category or tag the loops list, as ("categories" | "tags", name); None
    for a loop over every post or over anything but one category's, one tag's or the
    pairs of `site.categories`/`site.tags` at the top, for none or two named, and where a
    name is picked by `unless` (every one but it)."""
    found: set[tuple[str, str]] = set()
    pairs: set[str] = set()  # `site.categories` or `site.tags` looped over as pairs
    depth = 0
    for match in _LIQUID.finditer(body):
        name = match.group(1)
        if name == "unless":
            return None
        if name in _LOOP_END:
            depth = max(0, depth - 1)
        if name not in _LOOP_START:
            continue
        depth += 1
        head = _IN.match(match.group(2))
        source = head.group(1) if head is not None else ""
        if source in ("site.categories", "site.tags") and depth == 1:
            pairs.add(source.removeprefix("site."))
        elif named := _NAMED.match(source):
            found.add((named.group(1), next(part for part in named.groups()[1:] if part is not None)))
        elif not _PAIR_POSTS.fullmatch(source):
            return None  # every post, a nested `site.tags`, data: no one category's listing
    for kind in pairs:
        found |= {(kind, a or b) for a, b in _COMPARED.findall(body)}
    return found.pop() if len(found) == 1 else None


def _carries(tag: str, category: str, index: SiteIndex) -> bool:
    """Whether most posts of the category carry the tag."""
    posts = index.by_category.get(category, ())
    return sum(tag in post.tags for post in posts) * 2 > len(posts) > 0


def _by_url(kind: str, name: str, segment: str, index: SiteIndex) -> str | None:
    """The category the URL names, where it is the one listed or carries the tag listed."""
    named = next((category for category in index.by_category if category.lower() == segment.lower()), None)
    if named is None:
        return None
    listed = named == name if kind == "categories" else _carries(name, named, index)
    return named if listed else None


def _by_title(kind: str, name: str, title: str, index: SiteIndex) -> str | None:
    """Where the URL names no category: the one listed (for a tag, the one holding most
    of its posts and carrying it on most of its own) whose title or tag is the page's."""
    if kind == "categories":
        chosen = name if name in index.by_category else None
        answers = {index.category_titles.get(name)}
    else:
        tagged = index.by_tag.get(name, ())
        held = Counter(category for post in tagged for category in set(post.categories))
        most = [category for category, count in held.items() if count * 2 > len(tagged)]
        chosen = most[0] if most and _carries(name, most[0], index) else None
        answers = {name, index.category_titles.get(chosen or "")}
    return chosen if chosen is not None and title in answers else None


def has_text_of_its_own(body: str) -> bool:
    """Whether a listing page's body shows anything of its own: words, or markup that
    shows something without them (an image, a frame, a form), anywhere in it, in its
    loops too (a disclaimer per item is no part of sitegen's listing); an include; or,
    outside every loop, an output (`{{ page.intro }}`). The heading the user's page
    repeats per tag (`<h2>{{ tag[0] }}</h2>`) and each post's link are the listing's."""
    depth = 0
    parts: list[str] = []
    position = 0
    for match in _LIQUID.finditer(body):
        parts.append(body[position : match.start()])
        position = match.end()
        name = match.group(1)
        if (name is None and depth == 0) or name in _TEXT_TAGS:
            return True
        if name in _LOOP_START:
            depth += 1
        elif name in _LOOP_END:
            depth = max(0, depth - 1)
    parts.append(body[position:])
    return shows_something("".join(parts))


def shows_something(text: str) -> bool:
    """Whether HTML shows anything: words (not only comments and markup), or an image,
    frame, form or other element that shows without them."""
    return bool(_CONTENT_TAG.search(text)) or bool(_WORDS.sub("", text))
