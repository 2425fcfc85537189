"""What search engines and link previews read: JSON-LD, absolute image URLs, descriptions.

JSON-LD goes inside `<script type="application/ld+json">`, where HTML escaping does not
apply and a title holding `</script>` would end the script early. `script_json` escapes
`<`, `>` and `&` as JSON `\\u` escapes, which any JSON parser reads back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from markupsafe import Markup

from sitegen.content.excerpt import truncate
from sitegen.display_text import is_blank, shown
from sitegen.jekyll.xmlschema import xmlschema
from sitegen.model import Post
from sitegen.urls import URL_SAFE

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# Characters a URL may already hold; everything else (spaces, Chinese) is percent-encoded.
_LIST_SEPARATOR = "；"


def script_json(data: Mapping[str, Any]) -> Markup:
    """`data` as JSON that cannot break out of a `<script>` element, without the
    characters no page may carry (`display_text.shown`), as every other value printed:
    JSON escapes the controls, but writes U+FFFE and U+FFFF as they are."""
    text = shown(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    for unsafe, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(unsafe, escaped)
    return Markup(text)


def iso(moment: datetime) -> str:
    """RFC 3339 with the offset, to the second: what Atom, sitemaps and schema.org want,
    printed as Jekyll prints it (`sitegen.jekyll.xmlschema`)."""
    return xmlschema(moment)


def absolute_image_url(src: str, page_url: str) -> str:
    """`src` as an absolute http(s) URL, resolved against the page's absolute URL.

    "" when it cannot be made absolute (no site `url` and a relative `src`), since a
    relative `og:image` is ignored by every consumer."""
    if not src:
        return ""
    if src.startswith("//"):
        src = "https:" + src
    try:
        resolved = urljoin(page_url, src) if page_url else src
        if urlsplit(resolved).scheme not in ("http", "https"):
            return ""
    except ValueError:  # crawled HTML can carry an address no parser accepts (`http://[bad`)
        return ""
    return quote(resolved, safe=URL_SAFE)


def news_article(
    post: Post,
    *,
    image: str,
    section: str,
    author: str,
    publisher: str,
) -> dict[str, Any]:
    """schema.org `NewsArticle` for one post; keys with no value are left out.

    It stays because Google reads articles (Top stories, Google News) from it: it carries
    what Google's Article structured data reads (headline, both dates, image, author,
    publisher) and what files the post (section, keywords), and nothing the head already
    says: the excerpt is the page's one `description`/`og:description` element, and the
    page's address is its canonical link and `og:url`, so neither `url` nor
    `mainEntityOfPage` repeats it a third time (structured data describes the page it is
    on; Google's Article documentation reads no `url`). Every byte here is on every post
    page, so a field that would repeat another's value is left out: `dateModified` when
    the post was never modified after it was published (both are only "recommended" in
    Google's Article structured data, and an absent modification date means none), and
    `keywords` when they are just the section's name (the crawler's tag is its source's
    display name, which `articleSection` already says)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "datePublished": iso(post.date),
    }
    if post.updated != post.date:
        data["dateModified"] = iso(post.updated)
    if image:
        data["image"] = [image]
    if section:
        data["articleSection"] = section
    if post.tags and list(post.tags) != [section]:
        data["keywords"] = list(post.tags)
    if author:
        data["author"] = {"@type": "Person", "name": author}
    data["publisher"] = {"@type": "Organization", "name": publisher}
    return data


def listing_description(title: str, post_titles: Iterable[str], length: int) -> str:
    """A listing described by its newest headlines: `新京报新闻：标题一；标题二…`."""
    text = f"{title}：" + _LIST_SEPARATOR.join(post_titles)
    return truncate(text, length) if length > 0 else title


def author_name(value: Any, fallback: str) -> str:
    """A front-matter `author` (text, or jekyll-seo-tag's mapping with `name`), else `fallback`."""
    if isinstance(value, Mapping):
        value = value.get("name")
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value if item)
    text = str(value).strip() if value is not None else ""
    return fallback if is_blank(text) else text
