"""The context of a post's page: its body, source, tags, neighbours and related posts.

The `<head>` gets the post's Open Graph values and a NewsArticle JSON-LD (`seo`); the
top bar marks the post's category.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from sitegen.content.source_link import split_source_line
from sitegen.render.page_contexts import PostContext
from sitegen.render.seo import absolute_image_url, author_name, iso, news_article, script_json
from sitegen.render.summaries import DATE_FORMAT
from sitegen.render.views import Link, PostView
from sitegen.site.subjects import PostPage
from sitegen.urls import archive_url, tag_url

if TYPE_CHECKING:
    from sitegen.render.context import ContextBuilder


def post_context(builder: ContextBuilder, page: PostPage) -> PostContext:
    post = page.post
    month = archive_url(post.date.year, post.date.month)
    body, original = split_source_line(post.body_html)
    primary = post.primary_category
    source = builder.category_link(primary) if primary is not None else None
    categories = tuple(builder.category_link(name) for name in post.categories if name != primary)
    shown = {link.href for link in (source, *categories) if link is not None}  # not again as tags
    tag_links = (Link(tag, builder.link(builder.entries.tag_url(tag) or tag_url(tag))) for tag in post.tags)
    view = PostView(
        title=post.title,
        date=post.date.strftime(DATE_FORMAT),
        date_iso=iso(post.date),
        body=Markup(body),
        categories=categories,
        tags=tuple(tag for tag in tag_links if tag.href not in shown),
        older=Link(page.older.title, builder.link(page.older.url)) if page.older else None,
        newer=Link(page.newer.title, builder.link(page.newer.url)) if page.newer else None,
        archive=Link(post.date.strftime("%Y-%m"), builder.link(month)) if builder.archive_url else None,
        source=source,
        original_href=original,
        # Related posts share the post's source, which their heading names once.
        related=tuple(map(builder.summary_without_category, page.related)),
    )
    canonical = builder.absolute(post.url)
    image = absolute_image_url(post.image, canonical)
    section = builder.entries.category_title(primary) if primary is not None else ""
    section_url = builder.entries.category_url(primary) if primary is not None else None
    author = author_name(post.front_matter.get("author"), builder.config.author)
    article = news_article(
        post,
        image=image,
        section=section,
        author=author,
        publisher=builder.config.title,
    )
    context = builder.common(
        post.url,
        post.title,
        post.excerpt,
        og_type="article",
        og_image=image,
        published_time=iso(post.date),
        modified_time=iso(post.updated),
        json_ld=script_json(article),
        section=builder.current(section_url, post.url) if section_url is not None else None,
    )
    return {**context, "post": view, "back_links": builder.back_links(post)}
