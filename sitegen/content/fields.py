"""Typed values read from front matter, each problem naming the file and the line.

Front matter is YAML a person or a crawler wrote: a date may be a string, a list of
categories a single name, a layout `null`. These readers turn each into the one type the
loader needs, or into one `ContentError` (or a warning) that names the file and, where
the key can be found in the text, its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.markup import is_html_output
from sitegen.errors import ContentError, Diagnostic
from sitegen.jekyll.dates import DateParseError, parse_date
from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from sitegen.jekyll.ruby_split import ruby_split
from sitegen.model import NO_LAYOUT
from sitegen.urls import browser_reading_note, browser_url, listing_name_problem


def categories_from_path(relative_path: str, folder: str) -> tuple[str, ...]:
    """The categories Jekyll takes from the folders above a `_posts` (or `_drafts`)
    folder: `news/world/_posts/x.md` is in `news` and `world` (`Document#categories_from_path`,
    jekyll/lib/jekyll/document.rb). As in Jekyll, everything from the first occurrence of
    the folder's name on is cut, even inside a longer name (`my_posts/_posts/` gives `my`)."""
    if relative_path.startswith(folder):
        return ()
    start = relative_path.find(folder)
    above = relative_path[:start] if start != -1 else relative_path
    basename = PurePosixPath(relative_path).name
    return tuple(part for part in above.split("/") if part and part not in (folder, basename))


def post_categories(
    folder_categories: tuple[str, ...],
    defaults: Mapping[str, Any],
    own_front: Mapping[str, Any],
    front: Mapping[str, Any],
    path: Path,
    text: str,
) -> tuple[str, ...]:
    """Jekyll's categories of a post: those of its folders, then its defaults' and its
    own `categories` (each source adds to the ones before, `Document#merge_categories!`),
    then its `category` (`Document#populate_categories`). A `category` of `false` (or
    `off`, `no`) is none: `Utils.pluralized_array_from_hash` (utils.rb) takes the
    singular key's value with Ruby's `||=`, which passes over `false` as over `nil`."""
    names = list(folder_categories)
    for source in (defaults, own_front):
        if source.get("categories") is not None:
            names += name_list({"categories": source["categories"]}, "category", "categories", path, text)
    if front.get("category") is not None and front["category"] is not False:
        names += name_list({"category": front["category"]}, "category", "categories", path, text)
    return tuple(dict.fromkeys(names))


def unreadable_categories(
    defaults: Mapping[str, Any], own_front: Mapping[str, Any], path: Path, text: str
) -> list[Diagnostic]:
    """A warning for `categories` that are one value but not text (`categories: 2022`,
    `true`, `1.5`, a date `2024-1-4`): a document Jekyll 4.3 cannot read. Its
    `Document#merge_categories!` (document.rb) splits only a String, and unites anything
    else with the folders' list (`Array#|`), which raises; Jekyll logs "could not read
    file" and publishes it with none of its front matter, dated the day of the build.
    sitegen publishes it under the value's text (`post_categories`), and says so. The
    singular `category` is read by `Utils.pluralized_array_from_hash`, which takes any
    value, so it is readable. (A mapping or a time is refused by `name_list`, which
    skips the post with an error.)"""
    for source in (own_front, defaults):
        value = source.get("categories")
        if isinstance(value, (int, float, date)) and not isinstance(value, datetime):
            kind = _SCALAR_KINDS.get(type(value), "number")
            message = (
                f"'categories' is {kind}, not a list or text; Jekyll cannot read this file "
                f"(it publishes it without its front matter); read as {ruby_scalar_text(value)!r}"
            )
            return [Diagnostic(message, path, key_line(text, "categories"))]
    return []


_SCALAR_KINDS = {bool: "a boolean", date: "a date", int: "a number", float: "a number"}


def last_modified(
    front: Mapping[str, Any], config: SiteConfig, path: Path, text: str
) -> tuple[datetime | None, list[Diagnostic]]:
    """`last_modified_at` (jekyll-last-modified-at's key), or None with a warning when it
    cannot be read: Jekyll itself ignores the key, so it never costs a post."""
    try:
        return front_date(front, "last_modified_at", config, path, text), []
    except ContentError as error:
        return None, [Diagnostic(f"{error.message}; ignored", path, error.line)]


def page_modified(
    front: Mapping[str, Any], config: SiteConfig, path: Path, text: str, *, document: bool
) -> tuple[datetime | None, list[Diagnostic]]:
    """When a page or collection document last changed, for the sitemap's `lastmod`:
    its `last_modified_at`, else its `date`. A page's `date` Jekyll never parses (page.rb
    has no `merge_date!`; Liquid's `page.date` is the value as written), so one it cannot
    read is a warning and the page is published; a document's is an error, as Jekyll's
    "Invalid date" is fatal for one (`Document#merge_date!`, jekyll/lib/jekyll/document.rb)."""
    modified, warnings = last_modified(front, config, path, text)
    if modified is not None:
        return modified, warnings
    try:
        return front_date(front, "date", config, path, text), warnings
    except ContentError as error:
        if document:
            raise
        note = f"{error.message}; the page is published, with no date for the sitemap"
        return None, [*warnings, Diagnostic(note, path, error.line)]


def front_date(
    front: Mapping[str, Any], key: str, config: SiteConfig, path: Path, text: str
) -> datetime | None:
    """A front-matter date (`last_modified_at`, a page's `date`) in the site's zone, or None."""
    if front.get(key) is None:
        return None
    try:
        return parse_date(front[key], config.zone, config.offsetless_dates)
    except DateParseError as error:
        raise ContentError(f"'{key}': {error}", path=path, line=key_line(text, key)) from None


def name_list(front: Mapping[str, Any], singular: str, plural: str, path: Path, text: str) -> tuple[str, ...]:
    """Jekyll's rule: the singular key is one name; the plural is a list or a string
    split on whitespace as Ruby splits it (`Utils.pluralized_array_from_hash`). A name is
    kept as written, as Jekyll keeps it (` news` is not `news`); an empty one is left out,
    which changes no URL (`:categories` joins with `/`, which the URL then squeezes)."""
    if front.get(singular) is not None and front[singular] is not False:  # Ruby's `||=`
        value = front[singular]
        key = singular
        names = value if isinstance(value, list) else [value]
    elif front.get(plural) is not None:
        value = front[plural]
        key = plural
        names = ruby_split(value) if isinstance(value, str) else value if isinstance(value, list) else [value]
    else:
        return ()
    result: list[str] = []
    for name in names:
        if name is None:
            continue
        if isinstance(name, (dict, list, datetime)) or not isinstance(name, (str, int, float, date)):
            message = f"'{key}' must be names (text), not {type(name).__name__}"
            raise ContentError(message, path=path, line=key_line(text, key))
        text_name = ruby_scalar_text(name)
        if text_name:
            result.append(text_name)
    return tuple(dict.fromkeys(result))


def listing_name_warnings(
    names: tuple[str, ...],
    kind: str,
    listing_url: Callable[[str], str],
    path: Path,
    text: str,
    name_problem: Callable[[str], str | None] = listing_name_problem,
) -> list[Diagnostic]:
    """A warning for each name whose listing needs a slug: the post is still published."""
    warnings = []
    for name in names:
        problem = name_problem(name)
        if problem is not None:
            message = f"{kind} {name[:80]!r} {problem}; its listing is published at {listing_url(name)}"
            warnings.append(Diagnostic(message, path, key_line(text, kind) or key_line(text, kind + "s")))
    return warnings


def layout_or_theme(front: Mapping[str, Any], path: Path, text: str, theme: str, output_ext: str) -> str:
    """The front matter's layout (own or from `defaults`), else the theme's `theme`
    template for an HTML output, else none: Jekyll lays out only a file whose `layout`
    names one (`Renderer#place_in_layouts`, jekyll/lib/jekyll/renderer.rb), so an
    `rss.html` written `/rss.xml` or a `search.html` written `/search.json` is published
    as its rendered content alone, never inside an HTML page."""
    return layout_of(front, path, text) or (theme if is_html_output(output_ext) else NO_LAYOUT)


def layout_of(front: Mapping[str, Any], path: Path, text: str) -> str:
    """The front matter's layout; `layout: null` (or `none`) asks for none at all."""
    if "layout" in front and front["layout"] is None:
        return NO_LAYOUT
    layout = text_value(front.get("layout"), path, text, "layout")
    return NO_LAYOUT if layout.lower() in ("none", "null") else layout


def text_value(value: Any, path: Path, text: str, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        message = f"'{key}' must be text, not a {type(value).__name__}"
        raise ContentError(message, path=path, line=key_line(text, key))
    return ruby_scalar_text(value).strip()


def permalink_value(front: Mapping[str, Any], path: Path, text: str) -> str:
    """A document's own `permalink` (its front matter's or its defaults'), "" for none.

    Null and false are none, as Jekyll's `if @permalink` reads them (jekyll/lib/jekyll/
    url.rb); any other value that is not text stops Jekyll (`gsub` on a post's number,
    boolean or date, url.rb `generate_url_from_drop`; `end_with?` on a page's,
    renderer.rb `permalink_ext`), so it is one error naming the file and the line, and
    the rest of the site builds. Raises `ContentError`."""
    value = front.get("permalink")
    if value is None or value is False:
        return ""
    if not isinstance(value, str):
        message = f"'permalink' must be text (a path or a pattern such as /:title/), not {_kind_of(value)}"
        raise ContentError(f"{message}; Jekyll stops on it", path=path, line=key_line(text, "permalink"))
    return value.strip()


def _kind_of(value: object) -> str:
    """A value that is not text, as its author would recognise it: `the number 12`."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (date, datetime)):
        return f"the date {value}"
    if isinstance(value, bool):
        return f"{ruby_scalar_text(value)}"
    if isinstance(value, (int, float)):
        return f"the number {ruby_scalar_text(value)}"
    # Never the value's text: quoted, it would read as text, which it is refused for being.
    return f"a {type(value).__name__}"


def key_line(text: str, key: str) -> int | None:
    """The 1-based line where `key:` is written in the front matter, for messages."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


_URL_KEYS = ("permalink", "categories", "category", "slug")
_UNREADABLE_IN_LINE = re.compile(r"[\\\x00-\x08\x0b-\x1f\x7f]")


def as_browsers_read(url: str, path: Path, text: str) -> tuple[str, list[Diagnostic]]:
    """`url` as a browser reads it (`sitegen.urls.browser_url`), with one warning naming
    the file, and the line of the front-matter key whose text holds a backslash or a
    control character where there is one, when that is not the URL as written."""
    read = browser_url(url)
    note = browser_reading_note(url, read)
    if note is None:
        return url, []
    line = None
    for key in _URL_KEYS:
        found = key_line(text, key)
        if found is not None and _UNREADABLE_IN_LINE.search(text.split("\n")[found - 1]):
            line = found
            break
    return read, [Diagnostic(note, path, line)]
