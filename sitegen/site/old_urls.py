"""Redirects from the URLs Jekyll publishes posts at to where sitegen publishes them.

Where sitegen deliberately publishes a post at another URL than Jekyll (it reads front
matter Jekyll does not see: `sitegen.content.unseen_front_matter`), the old URL readers
and search engines know is kept: a redirect page there leads to the post. Anything else
at that path wins without a word (a post, page or file of the site, a generated page),
and so does a path reserved for a generated file a site may provide itself; a redirect
is no page of the sitemaps or feeds (`sitegen.site.sitemap`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.errors import OutputError
from sitegen.model import Post
from sitegen.site.claims import Claims
from sitegen.site.subjects import Redirect
from sitegen.urls import output_path


def claim_jekyll_urls(claims: Claims, posts: Iterable[Post]) -> None:
    """Plan a redirect at each post's `jekyll_url` to its URL, where nothing else is."""
    for post in posts:
        if not post.jekyll_url:
            continue
        try:
            path = output_path(post.jekyll_url)
        except OutputError:
            continue  # no path a browser reaches: nothing to keep
        if claims.reservation_at_or_above(path) is not None:
            continue
        redirect = Redirect(post.jekyll_url, post.url, post.title)
        claims.claim(
            post.jekyll_url, "redirect", redirect, f"Jekyll's URL of {post.relative_path}", optional=True
        )
