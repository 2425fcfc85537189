"""Jekyll's `limit_posts`: only the newest posts are published.

`Site#read` ends with `limit_posts!` (jekyll/lib/jekyll/site.rb), which keeps the last
`limit_posts` of the posts as `Reader#sort_files!` sorted them (`Document#<=>`: by date,
then path), drafts shown among them. That runs before anything is rendered, so Liquid's
`site.posts`, the listings, the feeds and the sitemap all hold the same posts; here it
runs where loading ends, before the Liquid stage, for the same reason. Future-dated and
unpublished posts were never read, so they are not counted.
"""

from __future__ import annotations

from dataclasses import replace

from sitegen.incremental.loading import LoadedSite


def newest_posts(loaded: LoadedSite, limit: int) -> LoadedSite:
    """`loaded` with only its `limit` newest posts (all when `limit` is 0), in their order."""
    if not limit or len(loaded.posts) <= limit:
        return loaded
    # Ruby compares paths byte by byte, as Python compares their code points in UTF-8.
    ordered = sorted(loaded.posts, key=lambda post: (post.date, str(post.source_path)))
    dropped = {post.source_path for post in ordered[: len(ordered) - limit]}
    return replace(
        loaded,
        posts=tuple(post for post in loaded.posts if post.source_path not in dropped),
        source_keys={path: key for path, key in loaded.source_keys.items() if path not in dropped},
        stored_bodies={path: body for path, body in loaded.stored_bodies.items() if path not in dropped},
    )
