"""A post whose front matter Jekyll does not see: where Jekyll publishes it, and the warning.

Jekyll reads front matter only when the file's very first line is `---`
(`Utils#has_yaml_header?`, jekyll/lib/jekyll/utils.rb; `Document#read_content`,
jekyll/lib/jekyll/document.rb). A post with blank lines before it is still a post to
Jekyll, published at the URL its file name and the site's `defaults:` give, its front
matter shown as text. sitegen reads that front matter (`sitegen.content.front_matter`), so
it publishes the post where the front matter says; readers' links to Jekyll's URL are
kept by a redirect page there (`Post.jekyll_url`, planned by `sitegen.site.old_urls`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from sitegen.content.front_matter import JEKYLL_READS_NONE, decode_source, parse_source
from sitegen.errors import ContentError, Diagnostic
from sitegen.model import Post

_Loaded = TypeVar("_Loaded", bound=Any)
"""`sitegen.content.documents.Loaded` (which imports this module)."""


def blank_lines_warning(lines: int, path: Path, jekyll_url: str = "", url: str = "") -> Diagnostic:
    """The warning for `lines` blank lines before the front matter; with the URL Jekyll
    would publish the post at, when that is not sitegen's, it says a redirect is there."""
    message = (
        f"{lines} blank line(s) before the front matter; Jekyll would publish it as text, sitegen reads it"
    )
    return Diagnostic(message + _redirect_note(jekyll_url, url), path, 1)


def _redirect_note(jekyll_url: str, url: str) -> str:
    return f"; Jekyll's URL {jekyll_url} is a redirect to its URL {url}" if jekyll_url else ""


def unpublished_warning(lines: int, path: Path, as_jekyll_reads: Callable[[], object]) -> Diagnostic:
    """The warning for a post with `lines` blank lines before front matter that marks it
    `published: false`: sitegen leaves it out, while Jekyll, seeing no front matter,
    publishes it as text (at the URL `as_jekyll_reads()` gives it, when it gives one)."""
    jekyll_url = _jekyll_url(as_jekyll_reads)
    where = f" at {jekyll_url}" if jekyll_url else ""
    message = (
        f"{lines} blank line(s) before the front matter; sitegen reads it, and its 'published' "
        f"keeps the post out, where Jekyll, seeing no front matter, publishes it as text{where}"
    )
    return Diagnostic(message, path, 1)


def held_back(warnings: tuple[Diagnostic, ...], post: object) -> tuple[Diagnostic, ...]:
    """`warnings` of a post left out as dated after the build: its blank-line warning no
    longer says a redirect is at Jekyll's URL (there is none until the post is due) but
    when it will be (Jekyll publishes the file as text there now). Anything but
    a `Post` with a `jekyll_url` leaves them as they are."""
    if not isinstance(post, Post) or not post.jekyll_url:
        return warnings
    note = _redirect_note(post.jekyll_url, post.url)
    when = f"{post.date:%Y-%m-%d %H:%M:%S %z}"
    later = (
        f"; dated {when}, it is published at {post.url} from then on, with a redirect at Jekyll's "
        f"URL {post.jekyll_url}"
    )
    return tuple(
        replace(warning, message=warning.message.removesuffix(note) + later)
        if warning.path == post.source_path and warning.message.endswith(note)
        else warning
        for warning in warnings
    )


def with_jekyll_url(
    post: Post,
    warnings: list[Diagnostic],
    at: int,
    lines: int,
    as_jekyll_reads: Callable[[], object],
) -> Post:
    """`post` with the URL Jekyll publishes it at (`as_jekyll_reads()`: the post loaded
    with no front matter of its own) where that differs from its own, and the blank-line
    warning (`warnings[at]`) saying so. Jekyll leaving it out or failing on it means no URL."""
    jekyll_url = _jekyll_url(as_jekyll_reads)
    if not jekyll_url or jekyll_url == post.url:
        return post
    warnings[at] = blank_lines_warning(lines, post.source_path, jekyll_url, post.url)
    return replace(post, jekyll_url=jekyll_url)


def _jekyll_url(as_jekyll_reads: Callable[[], object]) -> str:
    """The URL of the post `as_jekyll_reads()` loads, or "" when it fails or loads none."""
    try:
        loaded = as_jekyll_reads()
    except ContentError:
        return ""
    unseen = getattr(loaded, "document", None)
    return unseen.url if isinstance(unseen, Post) else ""


def as_jekyll_on_failure(read: Callable[[bool], _Loaded], data: bytes, path: Path) -> _Loaded:
    """`read(True)`, the file read with the front matter sitegen sees; when that fails on
    front matter after blank lines (a date no calendar has, `categories: {a: 1}`),
    `read(False)`, the file as Jekyll reads it: no front matter, all of it the body, at
    the URL its name gives, with one warning at the fault's line. A file whose front
    matter Jekyll reads too fails as before. Raises `ContentError`."""
    try:
        return read(True)
    except ContentError as error:
        try:
            leading = parse_source(decode_source(data, path), path).leading_blank_lines
        except ContentError:
            leading = 0
        if not leading:
            raise
        loaded = read(False)
        message = f"{error.message}; {JEKYLL_READS_NONE}"
        return replace(loaded, warnings=(Diagnostic(message, path, error.line), *loaded.warnings))
