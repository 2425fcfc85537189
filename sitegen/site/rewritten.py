"""Which of two files of the site keeps a path when a browser reads one's URL there.

sitegen publishes a post, page, document or static file whose URL holds a backslash or
a control character where a browser reads that URL (`sitegen.urls.browser_reading`):
`a\\b.png` at `a/b.png`. Jekyll writes it at the literal path `a\\b.png` instead, so a
file of the site really at `a/b.png` is published by Jekyll too, where every browser
finds it. So between two files of the site at one path, a file really there keeps it
against one rewritten there, whatever their order; only between two of the same kind
(both real, or both rewritten) does the one Jekyll writes last keep it
(`Site#each_site_file`, jekyll/lib/jekyll/site.rb: pages, then static files, then
collections' documents and posts). The rewritten file left out is one error naming it
and why: browsers read its URL as the other file's path.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.model import Post, SourcePage, StaticFile


def is_browser_read(subject: object) -> bool:
    """Whether a planned page's subject is a post or page of the site published where a
    browser reads its URL rather than at the URL as written."""
    if isinstance(subject, SourcePage):
        return subject.browser_read
    post = getattr(subject, "post", None)
    return isinstance(post, Post) and post.browser_read


def static_claimants(site_files: Iterable[StaticFile]) -> dict[str, StaticFile]:
    """Each path the site's static files are written at, with the one that keeps it:
    of `site_files` (in Jekyll's order) the last really at that path, else the last
    rewritten there."""
    kept: dict[str, StaticFile] = {}
    for static in site_files:
        path = str(static.relative_path)
        held = kept.get(path)
        if held is None or held.browser_read or not static.browser_read:
            kept[path] = static
    return kept


def static_claim_order(site_files: tuple[StaticFile, ...]) -> list[StaticFile]:
    """The site's static files in the order they claim their paths (the first keeps a
    path): those really at their path, then those rewritten, each the reverse of
    Jekyll's order (its last writer first)."""
    return sorted(reversed(site_files), key=lambda static: static.browser_read)


def displaces(held: object, claimant: object) -> bool:
    """Whether a post or page of the site (`claimant`, a planned page's subject) takes
    its path from the one planned there (`held`): it is really there, `held` is not."""
    return is_browser_read(held) and not is_browser_read(claimant)


def page_gives_way(rewritten: bool, document: bool, static: StaticFile) -> bool:
    """Whether a post, page or document of the site gives way to the static file that
    keeps its path: a file really there beats one rewritten there; else the one Jekyll
    writes last (a static file after a page, before a document or post)."""
    if rewritten != static.browser_read:
        return rewritten
    return not document


def read_there(url: str, other: object) -> str:
    """The error on a rewritten file that gives way to `other`, really at its path."""
    return (
        f"browsers read its URL as {url[:80]}, the path of {other}, which is published there; not published"
    )
