"""What Liquid's `{% link %}` and `{% post_url %}` find: every file Jekyll writes, by its
path in the source tree (`Site#each_site_file`, site.rb; jekyll/tags/link.rb), and every
post by its `post_url` name.

Only written files: a document or file of a collection Jekyll does not write (no truthy
`output`) is found by neither: a link to it would lead to no page, so it is an error
at the file's line (the page is published without the broken tag) where Jekyll stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitegen.content.scan import POSTS_DIR_NAME
from sitegen.jekyll.collections import Collection, published_pages, published_static_files
from sitegen.model import Post, SourcePage, StaticFile

if TYPE_CHECKING:
    from sitegen.liquid.engine import SiteLinks


def site_links(
    posts: tuple[Post, ...],
    pages: tuple[SourcePage, ...],
    static_files: tuple[StaticFile, ...],
    collections: Sequence[Collection],
) -> SiteLinks:
    """The written posts, pages, documents and static files by source path, and the
    posts by `post_url` name (the first of two with one name, in path order)."""
    by_path: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for static in published_static_files(static_files, collections):
        # `{% link %}` names a file by its source path (`item.relative_path`, link.rb);
        # a file written elsewhere (`a%41.txt`, `a\\b.png`) is found by that too.
        by_path[str(static.relative_path)] = static.url
        if static.source_relative is not None:
            by_path[str(static.source_relative)] = static.url
    for page in published_pages(pages, collections):
        by_path[str(page.relative_path)] = page.url
    for post in sorted(posts, key=lambda post: str(post.relative_path)):
        relative = str(post.relative_path)
        by_path[relative] = post.url
        name = post.relative_path.stem
        by_name.setdefault(name, post.url)
        parts = post.relative_path.parts
        if POSTS_DIR_NAME in parts:
            inside = parts[parts.index(POSTS_DIR_NAME) + 1 :]
            by_name.setdefault("/".join((*inside[:-1], name)), post.url)
    # Imported here: python-liquid takes a sixth of a second to import, which a site
    # without Liquid should not pay (`render_liquid_bodies`).
    from sitegen.liquid.engine import SiteLinks

    return SiteLinks(by_path, by_name)
