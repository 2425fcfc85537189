"""jekyll-paginate: the site's `index.html` published once per page of posts.

A site that lists `jekyll-paginate` in `plugins:` and sets `paginate:` gets its
`index.html` (the one in the folder `paginate_path` names, or the nearest above it)
published again for every further page of posts, at `paginate_path` with `:num` the page's
number (`/page2/`, `/page3/` …); each copy reads its own `paginator` (the page's posts,
newest first, and the paths of the pages beside it), and every other page reads none.
The rules are jekyll-paginate 1.1's (lib/jekyll-paginate/pagination.rb, pager.rb):

- enabled only where Jekyll loads the plugin: `plugins:` lists it (in `safe` mode,
  `whitelist:` too; `PluginManager#require_gems`) and `paginate` is set (`Pager.pagination_enabled?`);
- the template page is a page named exactly `index.html` whose folder is that of
  `paginate_path` or one above it, the longest path first (`Pagination#template_page`):
  `index.md` is never one;
- posts marked `hidden:` are left out; a page holds `paginate` posts, counted from the
  newest, so a new post moves every post one place on (sitegen's own listings count
  from the oldest instead: `sitegen.site.pagination`);
- `next_page_path` is `paginate_path` with `:num` filled in (`/page2`, as written, with
  no `/` added); the copy itself is published at that folder's `index.html`, so a
  static host serves it there (`Page#dir=`, `Page#url`).

Where Jekyll stops with an error (`paginate: 0`, a `paginate_path` that is no text) or
would write every page to one file (`:num` missing, or the template page's own
`permalink:`), sitegen warns once, naming the settings file or the page, and publishes
the first page alone, its `paginator` nil.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, OutputError
from sitegen.jekyll.plugins import plugin_runs
from sitegen.liquid.objects import liquid_url
from sitegen.liquid.ruby_range import string_to_i
from sitegen.liquid.variables import collection_of, ruby_truthy
from sitegen.model import Post, SourcePage
from sitegen.urls import check_url_is_safe, page_url, sanitize_url
from sitegen.urls.jekyll_forms import escape_path

PLUGIN = "jekyll-paginate"
DEFAULT_PATH = "/page:num"
"""Jekyll's own default (`Configuration::DEFAULTS`)."""


@dataclass(frozen=True, slots=True)
class Paginated:
    """The site's paginated `index.html`: its copies and every copy's `paginator`."""

    template: SourcePage
    copies: tuple[SourcePage, ...]
    """Pages 2 and on, in order: the template page at each further page's URL."""
    pagers: Mapping[int, dict[str, Any]]
    """By `id` of the template page or a copy: its `paginator` (`Pager#to_liquid`), its
    `posts` the posts themselves, for the stage to turn into its drops."""


def paginated_index(
    pages: Sequence[SourcePage],
    posts: Sequence[Post],
    config: SiteConfig,
    config_file: Path,
) -> tuple[Paginated | None, tuple[Diagnostic, ...]]:
    """jekyll-paginate's pages for this site, or None where it paginates nothing.

    `posts` are the site's posts in any order (they are listed newest first, by
    `sort_key`); `config_file` is named by a warning about a setting."""
    setting, warnings = _setting(config, config_file)
    if setting is None:
        return None, warnings
    per_page, path = setting
    template = _template_page(pages, path, config)
    if template is None:
        return None, ()
    listed = [
        post for post in sorted(posts, key=lambda post: post.sort_key, reverse=True) if not _hidden(post)
    ]
    total = math.ceil(len(listed) / per_page)
    if total == 0:  # no posts: Jekyll makes no pager, and `paginator` is nil
        return None, ()
    if total > 1 and (":num" not in path or ruby_truthy(template.front_matter.get("permalink"))):
        why = "its permalink" if ":num" in path else f"paginate_path {path!r}, which has no :num,"
        message = f"{PLUGIN}: {why} would put every page of posts at one URL; only the first is published"
        return None, (Diagnostic(message, template.source_path),)
    copies = []
    for number in range(2, total + 1):
        try:
            copies.append(_copy(template, _page_path(path, number), config))
        except OutputError as error:
            message = f"{PLUGIN}: page {number} cannot be published ({error.message}); only the first is"
            return None, (Diagnostic(message, config_file),)
    first_url = liquid_url(template.url, template.liquid_url)  # `page.url` in Liquid
    pagers: dict[int, dict[str, Any]] = {}
    for number, page in enumerate((template, *copies), start=1):
        start = (number - 1) * per_page
        pagers[id(page)] = {
            "page": number,
            "per_page": per_page,
            "posts": listed[start : start + per_page],
            "total_posts": len(listed),
            "total_pages": total,
            "previous_page": number - 1 if number > 1 else None,
            "previous_page_path": _previous_path(path, number, first_url),
            "next_page": number + 1 if number < total else None,
            "next_page_path": _page_path(path, number + 1) if number < total else None,
        }
    return Paginated(template, tuple(copies), pagers), ()


def paginator(pager: Mapping[str, Any], drops: Mapping[int, Any]) -> dict[str, Any]:
    """`Pager#to_liquid` of one page, its posts as their drops (`drops`, by `id` of the post)."""
    return {**pager, "posts": [drops[id(post)] for post in pager["posts"]]}


def _setting(config: SiteConfig, config_file: Path) -> tuple[tuple[int, str] | None, tuple[Diagnostic, ...]]:
    """(posts per page, `paginate_path`) where Jekyll paginates, else None (with a
    warning where Jekyll would stop on the value)."""
    written = config.written
    if not plugin_runs(written, PLUGIN, safe=config.safe):
        return None, ()
    value = written.get("paginate")
    if value is None:
        return None, ()
    path = written.get("paginate_path", DEFAULT_PATH)
    per_page = _to_i(value)
    if per_page is None or per_page <= 0:
        wrong = f"paginate: {_written(value)} is not a number of posts above 0"
    elif not isinstance(path, str):
        wrong = f"paginate_path: {_written(path)} is not a path"
    else:
        return (per_page, path), ()
    return None, (Diagnostic(f"{PLUGIN}: {wrong}; no pages of posts published", config_file),)


def _written(value: object) -> str:
    """A setting's value as YAML writes it (`true`, `[a]`), for a warning."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _to_i(value: object) -> int | None:
    """`value.to_i` as the pager takes it (`@per_page = site.config['paginate'].to_i`);
    None where Ruby has no `to_i` (`true`, a list) or it fails (an infinite float)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return string_to_i(value)
    return None


def _template_page(pages: Sequence[SourcePage], path: str, config: SiteConfig) -> SourcePage | None:
    """`Pagination#template_page`: an `index.html` in `path`'s folder or one above it
    (`Pager.pagination_candidate?`, `in_hierarchy`), the one with the longest path."""
    folder = PurePosixPath("/" + path.lstrip("/")).parent
    above = {folder, *folder.parents}
    candidates = [
        page
        for page in pages
        if page.relative_path.name == "index.html"
        and collection_of(page, config.collections) is None  # a document is no page
        and PurePosixPath("/", page.relative_path).parent in above
    ]
    return max(candidates, key=lambda page: len(str(page.relative_path)), default=None)


def _previous_path(path: str, number: int, first_url: str) -> str | None:
    """`previous_page_path`: none on the first page; the first page's own URL on the
    second (`Pagination.first_page_url`)."""
    if number == 1:
        return None
    return first_url if number == 2 else _page_path(path, number - 1)


def _page_path(path: str, number: int) -> str:
    """`Pager.paginate_path` of a page after the first: `:num` (its first) filled in,
    with a leading `/`."""
    filled = path.replace(":num", str(number), 1)
    return filled if filled.startswith("/") else "/" + filled


def _copy(template: SourcePage, folder: str, config: SiteConfig) -> SourcePage:
    """The template page at `folder`: `Page.new` over the same file, `dir` set (its URL is
    `/:path/`, and its `path` and `name` are the template's). Raises `OutputError` for a
    URL no file can be published at."""
    where = PurePosixPath(folder.strip("/") or ".", template.relative_path.name)
    url = sanitize_url(page_url(where, style=config.permalink))
    check_url_is_safe(url)
    liquid_url = sanitize_url(page_url(where, style=config.permalink, escape=escape_path))
    return replace(template, url=url, liquid_url=liquid_url, listing_loop="")


def _hidden(post: Post) -> bool:
    """`post['hidden']` as Ruby reads it: anything but nil and false hides the post."""
    return ruby_truthy(post.front_matter.get("hidden"))
