"""The plan of the posts that keep their pages: a post left out is listed nowhere.

A post the plan leaves out (its URL would replace a page sitegen generates, another post
writes there, or no file can have it) was still in the index the listings, feeds,
sitemaps, home page and its neighbours' links were made from: each listed it, and its
link opened whatever held the path (a category's listing under the post's title). So
the site is planned once more without those posts, keeping the errors that named them.
Removing posts only frees paths (a category, a month may go), so a second plan leaves
out no other post, and the cost is paid only by a site that has such a post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.model import Post, SourcePage, StaticFile
from sitegen.site.index import SiteIndex, build_index
from sitegen.site.layouts import Layouts
from sitegen.site.plan import SitePlan, plan_site
from sitegen.site.subjects import JekyllRedirect, PostPage


def settled_plan(
    config: SiteConfig,
    posts: tuple[Post, ...],
    stub_titles: Mapping[str, str],
    pages: tuple[SourcePage, ...],
    static_files: tuple[StaticFile, ...],
    theme_files: Iterable[StaticFile],
    layouts: Layouts,
    config_file: Path,
) -> tuple[SiteIndex, SitePlan]:
    """The index of the posts that have a page, and the plan made from it (see the
    module); arguments as `build_index` and `plan_site` take them."""
    theme = tuple(theme_files)

    def planned(kept: tuple[Post, ...]) -> tuple[SiteIndex, SitePlan]:
        index = build_index(kept, config.category_titles, stub_titles)
        plan = plan_site(config, index, pages, static_files, theme, layouts, config_file=config_file)
        return index, plan

    index, plan = planned(posts)
    with_pages = {id(page.subject.post) for page in plan.pages if isinstance(page.subject, PostPage)}
    with_pages |= {id(page.subject.post) for page in plan.pages if isinstance(page.subject, JekyllRedirect)}
    left_out = {post.source_path for post in index.posts if id(post) not in with_pages}
    if not left_out:
        return index, plan
    index, again = planned(tuple(post for post in posts if post.source_path not in left_out))
    why = tuple(diagnostic for diagnostic in plan.diagnostics if diagnostic.path in left_out)
    return index, replace(again, diagnostics=(*why, *again.diagnostics))
