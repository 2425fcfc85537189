"""A post's plain-text excerpt: what its feed `<summary>`, `<meta name="description">`
and `og:description` say, taken from its Jekyll excerpt as the plugins take it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.excerpt import make_excerpt, plain_text
from sitegen.content.markup import render_body
from sitegen.jekyll.ruby_scalars import ruby_scalar_text


def excerpt_of(
    front: Mapping[str, Any],
    body_html: str,
    config: SiteConfig,
    cut_html: Callable[[], str] | None = None,
) -> str:
    """The front matter's `excerpt` (or `description`) as written, else the opening of
    the post's excerpt: `cut_html` makes the converted text up to its excerpt separator
    (None: the excerpt is the whole body). jekyll-feed's `<summary>` is `post.description
    | default: post.excerpt` (jekyll-feed/lib/jekyll-feed/feed.xml) and jekyll-seo-tag's
    description `page["description"] || page["excerpt"]` (jekyll-seo-tag/lib/jekyll-seo-tag/
    drop.rb), so neither reads text behind the cut."""
    for key in ("excerpt", "description"):
        value = front.get(key)
        if value is not None and not isinstance(value, (dict, list)) and ruby_scalar_text(value).strip():
            return plain_text(ruby_scalar_text(value), keep_spaces=True)
    if config.excerpt_length <= 0:
        return ""
    return make_excerpt(body_html if cut_html is None else cut_html(), config.excerpt_length)


def cut_html(cut: str | None, suffix: str, config: SiteConfig) -> Callable[[], str] | None:
    """How to convert a post's excerpt text (`cut`, None when it is the whole body)."""
    if cut is None:
        return None
    return lambda: render_body(cut, suffix, config.markdown, config.markdown_suffixes)
