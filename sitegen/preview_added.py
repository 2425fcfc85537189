"""The fast lane's new posts (`sitegen.preview`): a file saved among the last build's
posts, loaded as the build loads it, and its page placed as the plan would place it.

Only what is certain is written: the new post's page, and the pages of resident posts
the new post becomes a neighbour or related post of (`sitegen.site.additions`). Any doubt
(an output path that meets another output, a layout the theme lacks, a draft dated by
its file's time, a file the scan would skip) declines, and the full rebuild does it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from sitegen.content.documents import load_post
from sitegen.content.markup import document_output_ext
from sitegen.content.scan import POSTS_DIR_NAME, SourceFile, is_ignored_name
from sitegen.jekyll.post_names import dated_name_parts
from sitegen.model import Post
from sitegen.regular_files import read_regular
from sitegen.resident import RealPaths, ResidentSite, load_again
from sitegen.site.additions import post_pages_after_adding
from sitegen.site.layouts import layout_for
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import PostPage
from sitegen.urls import output_path

__all__ = ["load_new_post", "pages_with_new_posts"]


def load_new_post(site: ResidentSite, real_path: Path) -> tuple[Post | None, str]:
    """The post a file new to the site is, loaded as the load stage loads it, or why it
    is not certainly one."""
    folder = (site.post_folders or {}).get(real_path.parent)
    if folder is None or site.index is None:
        return None, f"{real_path} is not a post of the last build"
    name = real_path.name
    if is_ignored_name(name) or real_path.is_symlink():
        return None, f"{real_path} is a file the scan skips or a link"
    if folder.drafts and not site.load_options.drafts:
        return None, f"{real_path} is a draft, and drafts are not shown"
    nested = not str(folder.relative_path).startswith(POSTS_DIR_NAME)
    if nested and not folder.drafts and site.config.exclude:
        return None, f"{real_path} is in a folder the site's exclude may apply to"
    source = SourceFile(folder.path / name, folder.relative_path / name)
    try:
        loaded = load_post(
            source, read_regular(real_path), site.config, site.load_options, draft=folder.drafts
        )
    except Exception:  # the load stage's error boundary: the full rebuild reports it
        return None, f"{real_path} does not load as a post"
    post = loaded.document
    if not isinstance(post, Post):
        return None, f"{real_path} is not published (its name, date or `published`)"
    if post.liquid is not None:
        return None, f"{real_path} uses Liquid"
    if folder.drafts and post.front_matter.get("date") is None and dated_name_parts(name) is None:
        return None, f"{real_path} is a draft dated by its file's time"
    return post, ""


def pages_with_new_posts(
    site: ResidentSite, added: Sequence[Post], edited: Mapping[Path, Post]
) -> tuple[list[PlannedPage], str]:
    """The pages of the `added` posts and of the resident posts beside them, in the site
    with `added` and `edited` (resident posts' new versions, by source path), or why not."""
    index = site.index
    if index is None:
        return [], "the last build left no site index"

    def current(post: Post) -> Post:
        return edited.get(post.source_path, post)

    addition = post_pages_after_adding(
        site.config, index, site.sections, site.stub_titles or {}, added, current
    )
    if addition.declined:
        return [], addition.declined
    new_paths: list[str] = []
    planned: list[PlannedPage] = []
    real = RealPaths()
    new_sources = {post.source_path for post in added}
    for subject in addition.pages:
        post = subject.post
        if post.source_path in new_sources:
            page, reason = _new_page(site, subject, new_paths)
            if page is None:
                return [], reason
            planned.append(page)
            continue
        resident = site.post_pages.get(real.of(post.source_path))
        if resident is None or resident.subject == subject:
            continue
        whole = post if post.source_path in edited else _as_last_read(site, post)
        if whole is not None:  # else its file changed since: the full rebuild renders it
            planned.append(replace(resident, subject=replace(subject, post=whole)))
    return planned, ""


def _new_page(site: ResidentSite, subject: PostPage, taken: list[str]) -> tuple[PlannedPage | None, str]:
    """A new post's planned page as the plan claims it, or why its place is not certain."""
    post = subject.post
    extension = document_output_ext(post.front_matter, post.source_path.suffix, site.config.markdown_suffixes)
    template, warning = layout_for(post.layout, "post", site.layouts, extension)
    if warning is not None:
        return None, f"{post.source_path}: {warning}"
    try:
        path = output_path(post.url, extension, document=True)
    except Exception:  # an unsafe URL: the full rebuild reports it
        return None, f"{post.source_path} has no safe output path"
    if _meets(site.outputs, path) or any(_related(path, other) for other in taken):
        return None, f"{post.source_path} writes {path}, where another output is or needs a folder"
    taken.append(path)
    return PlannedPage(post.url, path, template, subject, str(post.source_path), post.source_path), ""


def _meets(outputs: Sequence[str], path: str) -> bool:
    """True when `path` is in the sorted `outputs`, lies below one of them, or has one
    below it: the plan would not publish it there as it is (`folder_clashes.drop_files_in_the_way`)."""
    below = path + "/"
    at = bisect_left(outputs, below)
    if at < len(outputs) and outputs[at].startswith(below):
        return True
    end = len(path)
    while end > 0:
        candidate = path[:end]
        at = bisect_left(outputs, candidate)
        if at < len(outputs) and outputs[at] == candidate:
            return True
        end = path.rfind("/", 0, end)
    return False


def _related(path: str, other: str) -> bool:
    """True when two output paths are one, or one lies below the other."""
    return path == other or path.startswith(other + "/") or other.startswith(path + "/")


def _as_last_read(site: ResidentSite, post: Post) -> Post | None:
    """A resident post with its body (which the build may have left in its cache), loaded
    again from its file; None when the file no longer holds what the build read."""
    loaded = load_again(site, post)
    if loaded is None or loaded.liquid is not None:
        return None
    if _bodiless(loaded) != _bodiless(post):
        return None
    return loaded


def _bodiless(post: Post) -> Post:
    return replace(post, body_html="", excerpt_source=None)
