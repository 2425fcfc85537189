"""Which template a post's or page's `layout` renders with.

Each theme template expects the context of one kind of page: `post.html` a post,
`page.html` a page, `category.html` a listing. A layout naming another kind's template
(a page with `layout: post`, a post with `layout: default`, common in Jekyll trees) would
fail with an undefined name, so it is taken as the nearest template of the page's own
kind instead. Any other layout (a site's own template) is used as written.
"""

from __future__ import annotations

from typing import Literal

DocumentKind = Literal["post", "page"]

#: Jekyll's common layout names mapped onto the theme's templates.
LAYOUT_ALIASES = {"default": "page", "home": "index", "posts": "post", "single": "post"}

#: The theme's templates by the kind of page whose context they expect.
_THEME_TEMPLATE_KINDS = {
    "post": "post",
    "page": "page",
    "category": "listing",
    "tag": "listing",
    "index": "listing",
    "archive": "listing",
    "archive_index": "listing",
    "404": "not found",
    "redirect": "redirect",
}


def layout_for(layout: str, kind: DocumentKind) -> str:
    """`layout` itself, or `kind`'s own template when `layout` names another kind's."""
    theme_kind = _THEME_TEMPLATE_KINDS.get(LAYOUT_ALIASES.get(layout, layout))
    return kind if theme_kind is not None and theme_kind != kind else layout
