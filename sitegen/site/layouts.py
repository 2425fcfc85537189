"""Which template a post's or page's `layout` renders with.

Each theme template expects the context of one kind of page: `post.html` a post,
`page.html` a page, `category.html` a listing. A layout naming another kind's template
(a page with `layout: post`, a post with `layout: default`, common in Jekyll trees) would
fail with an undefined name, so it is taken as the nearest template of the page's own
kind instead. Any other layout (a site's own template) is used as written, and a layout
with no template at all falls back to the kind's own, with a warning.

The theme's templates are HTML pages, so that fallback is only for an output served as
HTML (`.html`, `.htm`). Jekyll places a file in a layout only when its `layout` (own or
from `defaults`) names one that exists, whatever the output (`Renderer#place_in_layouts`
and `#render_layout` in jekyll/lib/jekyll/renderer.rb warn "Layout '…' requested in … does
not exist." and publish the content alone), so an `rss.html` written `/rss.xml` or a
`search.json` whose layout has no template is published as its content alone, as Jekyll
publishes it, and stays well-formed XML or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from sitegen.content.markup import is_html_output
from sitegen.model import NO_LAYOUT

DocumentKind = Literal["post", "page"]

BOTH_KINDS: frozenset[DocumentKind] = frozenset({"post", "page"})

Layouts = Mapping[str, frozenset[DocumentKind]]
"""Each layout the template folders provide, by name, with the kinds of document its
template can render (`sitegen.render.layout_needs`)."""


#: Jekyll's common layout names mapped onto the theme's templates.
LAYOUT_ALIASES = {"default": "page", "home": "index", "posts": "post", "single": "post"}

#: The layouts the default theme provides, for callers that do not list a theme's own.
DEFAULT_LAYOUTS: Layouts = MappingProxyType(
    dict.fromkeys(("post", "page", "category", "tag", "index", "archive", "archive_index", "404"), BOTH_KINDS)
)

#: The theme's templates by the kind of page whose context they expect.
_THEME_TEMPLATE_KINDS = {
    "post": "post",
    "page": "page",
    "category": "listing",
    "tag": "listing",
    "index": "listing",
    "archive": "listing",
    "archive_index": "listing",
    "category_index": "listing",
    "404": "not found",
    "redirect": "redirect",
}


def layout_for(
    layout: str, kind: DocumentKind, available: Layouts, output_ext: str = ".html"
) -> tuple[str, str | None]:
    """The layout to render a post or page with, and a warning when it is not `layout`.

    `layout` itself when a template of that name (or alias) exists and can render this
    kind of page; else `kind`'s own template: Jekyll publishes a post whose layout does
    not exist (with a warning), so sitegen renders it with the theme's nearest template.
    A partial (`_headlines.html`, included by templates) is never a layout. An output
    that is not HTML (`output_ext`) whose layout has no template is published as its
    content alone, as Jekyll does, with the warning."""
    if layout == NO_LAYOUT:
        return layout, None
    if not is_html_output(output_ext):
        chosen, warning = layout_for(layout, kind, available)
        if warning is None:
            return chosen, None
        return NO_LAYOUT, f"no template for layout '{layout[:80]}'; published without one, as Jekyll does"
    resolved = LAYOUT_ALIASES.get(layout, layout)
    theme_kind = _THEME_TEMPLATE_KINDS.get(resolved)
    if theme_kind is not None:
        # A theme template's name: its own kind's (`post` on a post) is that kind's
        # template, the fallback itself; another kind's falls back to this kind's.
        return (layout if theme_kind == kind else kind), None
    shown = layout[:80]
    if layout.startswith("_"):
        return kind, f"layout '{shown}' is a partial, not a layout; rendered with {kind}.html"
    name = layout if layout in available else resolved
    kinds = available.get(name)
    if kinds is None:
        return kind, f"no template for layout '{shown}'; rendered with {kind}.html"
    if kind not in kinds:
        meant = " or ".join(f"a {other}" for other in sorted(kinds)) or "another kind of page"
        return kind, f"layout '{shown}' ({name}.html) is for {meant}, not a {kind}; rendered with {kind}.html"
    return layout, None
