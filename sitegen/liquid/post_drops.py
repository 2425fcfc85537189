"""A post as the Liquid stage shows it to templates (Jekyll's `Drops::DocumentDrop`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sitegen.config import SiteConfig
from sitegen.content.liquid_marks import uses_liquid
from sitegen.content.markup import render_body
from sitegen.jekyll.collections import POSTS
from sitegen.liquid.objects import DocumentDrop, liquid_url, ruby_time
from sitegen.liquid.variables import (
    document_extras,
    document_name_values,
    front_values,
    liquid_categories,
    liquid_tags,
)
from sitegen.model import Post
from sitegen.open_markup import close_open_markup
from sitegen.urls import document_id

if TYPE_CHECKING:  # the engine is imported only by a build that has Liquid to render
    from sitegen.liquid.engine import LiquidEngine


def post_drop(
    post: Post,
    engine: LiquidEngine,
    site: Mapping[str, Any],
    jekyll: Mapping[str, str],
    config: SiteConfig,
    with_body: Callable[[Post], Post],
) -> DocumentDrop:
    """A post as Liquid sees it (Jekyll's `Drops::DocumentDrop`): front matter plus the
    computed values. `content` is the converted body (asked of `with_body` on its first
    read), or for a body still to render its text as written (Jekyll's
    `document.content` before rendering). `layout` is the front matter's (defaults
    applied), nil without one, whatever sitegen renders it in."""

    @functools.cache
    def full() -> Post:
        """The post with its body, asked for once, whichever of `content` and the
        excerpt is read first."""
        return with_body(post)

    values = front_values(post.front_matter, config)
    values.update(document_name_values(values, post.relative_path.name))
    values.update(
        document_extras(post.relative_path, POSTS, values),
        url=(url := liquid_url(post.url, post.liquid_url)),
        date=ruby_time(post.date),
        categories=liquid_categories(values, post.relative_path, post.categories),
        tags=liquid_tags(values, post.tags),
        excerpt="",
        id=document_id(url, post.slug),
        content=post.liquid.text if post.liquid is not None else "",
    )
    make_content = None if post.liquid is not None else (lambda: full().body_html)
    own_excerpt = post.front_matter.get("excerpt")
    if own_excerpt is not None:
        values["excerpt"] = str(own_excerpt)
        return DocumentDrop(values, None, make_content=make_content)
    suffix = post.liquid.suffix if post.liquid is not None else post.source_path.suffix.lower()
    drop: DocumentDrop

    def make_excerpt() -> str:
        # `Jekyll::Excerpt`: the first paragraph, its Liquid rendered, then converted.
        source = post if post.liquid is not None else full()
        cut = source.excerpt_source
        if cut is None and post.liquid is None:
            return source.body_html
        text = post.liquid.text if cut is None and post.liquid else cut or ""
        if post.front_matter.get("render_with_liquid") is not False and uses_liquid(text):
            text = engine.render(text, {"site": site, "page": drop, "content": "", "jekyll": jekyll}).text
        # An excerpt cut inside a `<script>` or comment would hide the listing after it.
        return close_open_markup(render_body(text, suffix, config.markdown, config.markdown_suffixes)).html

    drop = DocumentDrop(values, make_excerpt, make_content=make_content)
    return drop
