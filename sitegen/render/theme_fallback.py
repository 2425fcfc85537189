"""A page whose template fails on its data is published with the theme's template.

A template's code can fail on one page's values (`{{ 100 // (post.title|length - 5) }}`
for the one post whose title has five characters, a partial reading a field one crawled
post lacks). Leaving that page out broke every link to it: its listings, its neighbours'
上一篇/下一篇, the feeds and the sitemap still named it, and a listing left out broke
the 返回 link of every post in it. So the page is rendered again with the bundled
theme's template of the same kind, in an environment that sees the theme's folder only
(so an override of `base.html` or of a partial the page shared cannot fail it again),
and published with one error line that says so. The theme's templates are written for
any page of their kind. Only when the theme's template fails too is the page left out.

The fallback is never recorded in the build cache: a page published this way renders
again on every build that renders anything, so the site's own template takes over as
soon as it works, and an incremental build still equals a clean one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sitegen.model import SourcePage
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import PostPage

if TYPE_CHECKING:
    from sitegen.render.templates import RenderedPage, Renderer


def kind_layout(page: PlannedPage) -> str | None:
    """The theme's layout for the page's kind, when the page named another one (a
    post's or a page's own `layout: special`): `post` for posts, `page` for pages."""
    if isinstance(page.subject, PostPage):
        return "post"
    if isinstance(page.subject, SourcePage):
        return "page"
    return None


class ThemeFallback:
    """Renders pages with the theme's templates alone (the last template folder)."""

    def __init__(self, make_renderer: Callable[[], Renderer]) -> None:
        self._make_renderer = make_renderer
        self._renderer: Renderer | None = None

    def render(self, page: PlannedPage) -> tuple[RenderedPage, str] | None:
        """The page as the theme renders it, and the theme's template name; None when
        the theme has no template for it or its template fails as well."""
        if self._renderer is None:
            self._renderer = self._make_renderer()
        layouts = [page.template]
        kind = kind_layout(page)
        if kind is not None and kind != page.template:
            layouts.append(kind)
        for layout in layouts:
            try:
                name = self._renderer.template_for(layout)
                return self._renderer.render(replace(page, template=layout)), name
            except Exception:  # the theme's own failure too (any kind): the next, or none
                continue
        return None
