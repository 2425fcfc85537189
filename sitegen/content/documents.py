"""Load posts and pages with Jekyll's semantics.

Each `load_*` function is pure: the same file bytes, config and options give the same
value, which is what lets the cache and parallel loading drop in without a rewrite.
A file that cannot be loaded raises `ContentError` naming the file (and line); the build
reports it and goes on with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.blank_permalink import blank_permalink, spaced_permalink
from sitegen.content.bodies import (
    add_image_attributes,
    first_image_src,
    relativise_own_links,
    strip_trailing_back_links,
)
from sitegen.content.closed_bodies import closed_markup
from sitegen.content.excerpt_cut import post_excerpt_source
from sitegen.content.fields import (
    as_browsers_read,
    categories_from_path,
    front_date,
    key_line,
    last_modified,
    layout_or_theme,
    listing_name_warnings,
    page_modified,
    permalink_value,
    post_categories,
    text_value,
    unreadable_categories,
)
from sitegen.content.front_matter import SourceDocument, decode_source, parse_source
from sitegen.content.liquid_marks import uses_liquid
from sitegen.content.loose_fields import post_title, tag_names, title_text
from sitegen.content.markup import document_output_ext, render_body
from sitegen.content.sass import SASS_SUFFIXES, compile_sass
from sitegen.content.scan import DRAFTS_DIR_NAME, POSTS_DIR_NAME, SourceFile
from sitegen.content.summary_text import cut_html, excerpt_of
from sitegen.content.unseen_front_matter import (
    as_jekyll_on_failure,
    blank_lines_warning,
    unpublished_warning,
    with_jekyll_url,
)
from sitegen.content.unseen_page import unseen_page_warnings
from sitegen.display_text import is_blank
from sitegen.errors import ContentError, Diagnostic, OutputError
from sitegen.jekyll.collections import Collection
from sitegen.jekyll.dates import DateParseError, date_from_filename, ignored_zone_name, parse_date
from sitegen.jekyll.defaults import defaults_for, merge_front_matter
from sitegen.jekyll.post_names import dated_name_parts, draft_name_parts, titleized_slug, unread_post_name
from sitegen.jekyll.published import marked_unpublished
from sitegen.model import NO_LAYOUT, LiquidBody, Post, SourcePage
from sitegen.urls import (
    HTML_SUFFIXES,
    category_name_problem,
    category_url,
    check_url_is_safe,
    collection_permalink,
    destination_url,
    document_url,
    escape_path,
    expand_permalink,
    linkable_url,
    page_permalink_url,
    page_url,
    path_below_posts_folder,
    post_url_placeholders,
    reaches,
    sanitize_url,
    served_url,
    tag_url,
)

#: A Liquid loop over the site's posts, as a hand-written category listing page has
#: (`{% for tag in site.tags %}`, `{% for post in site.categories.emnews %}`).
_POSTS_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+(?:site\.(?:posts|categories|tags)\b|paginator\.posts\b)")


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """What the command line decides about which posts are published."""

    now: datetime
    """The build's moment: posts dated after it are future posts."""
    future: bool = False
    drafts: bool = False


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loaded document (or None when it is deliberately not published) and its warnings."""

    document: Post | SourcePage | None
    warnings: tuple[Diagnostic, ...] = ()


def load_post(
    source: SourceFile, data: bytes, config: SiteConfig, options: LoadOptions, *, draft: bool = False
) -> Loaded:
    """Read one file of `_posts` (or `_drafts`) into a `Post`: a draft's name gives its
    slug and date by the posts' rule when it is dated (`sitegen.jekyll.post_names`).
    Front matter after blank lines that cannot be used is read as Jekyll reads the file
    (`unseen_front_matter.as_jekyll_on_failure`). Raises `ContentError`."""
    read = partial(_read_post, source, data, config, options, draft)
    return as_jekyll_on_failure(read, data, source.path)


def _read_post(
    source: SourceFile, data: bytes, config: SiteConfig, options: LoadOptions, draft: bool, seen: bool
) -> Loaded:
    """`load_post`, reading the front matter only when `seen`."""
    path = source.path
    suffix = path.suffix.lower()
    name = draft_name_parts(path.name) if draft else dated_name_parts(path.name)
    why = unread_post_name(path.name, draft)
    if name is None or why is not None:
        return Loaded(None, (Diagnostic(f"{why} (as in Jekyll)", path),))
    # An empty file, or one whose front matter is never closed, is published as Jekyll
    # publishes it: a post with that text as its body (`front_matter.parse_source`).
    text = decode_source(data, path)
    document = parse_source(text, path) if seen else SourceDocument(None, text, 1)
    warnings: list[Diagnostic] = list(document.warnings)
    if document.leading_blank_lines:
        warnings.append(blank_lines_warning(document.leading_blank_lines, path))
    own_front = document.front_matter or {}
    relative = str(source.relative_path)
    defaults = defaults_for(config.defaults, relative, "posts", config.collections_dir)
    front = merge_front_matter(defaults, own_front, "posts")
    if marked_unpublished(front) and not config.unpublished:
        if document.leading_blank_lines:  # Jekyll, not seeing the front matter, publishes it
            unseen = partial(_read_post, source, b"", config, options, draft, True)
            warnings[len(document.warnings)] = unpublished_warning(document.leading_blank_lines, path, unseen)
        return Loaded(None, tuple(warnings))
    zone = config.zone
    if front.get("date") is not None:
        try:
            date = parse_date(front["date"], zone, config.offsetless_dates)
        except DateParseError as error:
            raise ContentError(str(error), path=path, line=key_line(text, "date")) from None
        ignored = ignored_zone_name(front["date"], zone)
        if ignored is not None:  # published where Jekyll publishes it, but not as written
            message = (
                f"date: Jekyll does not know the time zone {ignored!r} and reads the time in "
                f"{zone}; write an offset like +0800"
            )
            warnings.append(Diagnostic(message, path, key_line(text, "date")))
    elif name.date is not None:  # read only without a front-matter date (`Document#modify_date`)
        try:
            date = date_from_filename(*name.date, zone)
        except DateParseError as error:
            raise ContentError(str(error), path=path) from None
    else:  # an undated draft's name: Jekyll dates it by its modification time
        date = datetime.fromtimestamp(path.stat().st_mtime, zone)
    if date > options.now and not options.future:
        return Loaded(None, tuple(warnings))
    # Jekyll's `data["slug"] ||= slug` (`Document#populate_title`): the file name's slug
    # only where none is given (None, false); an empty one gives empty `:slug`/`:title`.
    own_slug = front.get("slug")
    slug = name.slug if own_slug is None or own_slug is False else text_value(own_slug, path, text, "slug")
    folder_categories = categories_from_path(relative, DRAFTS_DIR_NAME if draft else POSTS_DIR_NAME)
    categories = post_categories(folder_categories, defaults, own_front, front, path, text)
    tags, tag_warnings = tag_names(front, path, text)
    warnings += unreadable_categories(defaults, own_front, path, text) + tag_warnings
    warnings += listing_name_warnings(categories, "category", category_url, path, text, category_name_problem)
    warnings += listing_name_warnings(tags, "tag", tag_url, path, text)
    title, title_warnings = post_title(front, slug, name.slug, path, text)
    warnings += title_warnings + blank_permalink(own_front, path, text, "post")
    warnings += spaced_permalink(own_front, path, text)
    own_permalink = permalink_value(front, path, text)
    permalink = own_permalink or config.post_url_template  # a pattern, never a style name
    extension = document_output_ext(front, path.suffix, config.markdown_suffixes)
    layout = layout_or_theme(front, path, text, "post", extension)
    placeholders = post_url_placeholders(
        date=date,
        slug=slug,
        categories=categories,
        output_ext=extension,
        basename=path.stem,
        path=path_below_posts_folder(source.relative_path),
    )
    try:
        expanded = expand_permalink(permalink, placeholders, styles=False)
        resolved = destination_url(expanded, extension)
        written = linkable_url(resolved, extension)
        url, read_warnings = as_browsers_read(written, path, text)
        check_url_is_safe(url)
        # Jekyll's Liquid `url` (`sitegen.urls.jekyll_forms`) where sitegen keeps its file
        # there ("" where a browser reads it elsewhere or the output extension is appended).
        kept = url == written == resolved and linkable_url(expanded, extension) == expanded
        liquid_url = expand_permalink(permalink, placeholders, styles=False, escape=escape_path)
        liquid_url = liquid_url if kept and reaches(liquid_url, url) else ""
    except OutputError as error:
        raise ContentError(error.message, path=path, line=key_line(text, "permalink")) from None
    body_html, liquid = _converted_or_kept_for_liquid(document, front, suffix, config, post_body_html)
    body_html, open_warnings = closed_markup(
        body_html, suffix, extension, config, document.body, document.body_line, path
    )
    modified, warning = last_modified(front, config, path, text)
    cut, cut_warnings = post_excerpt_source(document.body, front, config, path, text)
    warnings += [*read_warnings, *warning, *open_warnings, *cut_warnings]
    post = Post(
        source_path=path,
        relative_path=source.relative_path,
        title=title,
        date=date,
        slug=slug,
        categories=categories,
        tags=tags,
        layout=layout,
        url=url,
        body_html=body_html,
        front_matter=front,
        modified=modified,
        excerpt=excerpt_of(
            front, body_html, config, cut_html(cut, suffix, config) if liquid is None else None
        ),
        image=first_image_src(body_html),
        liquid=liquid,
        excerpt_source=cut,
        liquid_url=liquid_url,
        browser_read=bool(read_warnings),
    )
    if document.leading_blank_lines:  # where Jekyll, not seeing the front matter, publishes it
        unseen = partial(_read_post, source, b"", config, options, draft, True)
        post = with_jekyll_url(post, warnings, len(document.warnings), document.leading_blank_lines, unseen)
    return Loaded(post, tuple(warnings))


def load_page(
    source: SourceFile, data: bytes, config: SiteConfig, *, collection: Collection | None = None
) -> Loaded:
    """Read a file with front matter outside `_posts` into a `SourcePage`: a page, or a
    document of a published `collection` (`_docs/…`), published at the collection's
    permalink.

    A body that uses Liquid is kept as written for the Liquid stage, as for posts."""
    path = source.path
    text = decode_source(data, path)
    document = parse_source(text, path, as_page=collection is None)  # YAML Jekyll cannot read
    document_type = collection.label if collection is not None else "pages"
    defaults = defaults_for(config.defaults, str(source.relative_path), document_type, config.collections_dir)
    own_front = document.front_matter or {}
    front = merge_front_matter(defaults, own_front, document_type)
    # Blank lines before the front matter: Jekyll copies the file as it is (`unseen_page`).
    unseen = partial(
        unseen_page_warnings, document.leading_blank_lines, path, source.relative_path, collection
    )
    # A page's defaults never unpublish it: Jekyll's publisher reads only its own front
    # matter (`sitegen.jekyll.published`).
    if marked_unpublished(own_front if collection is None else front) and not config.unpublished:
        return Loaded(None, unseen(left_out=True))
    suffix = path.suffix.lower()
    permalink = permalink_value(front, path, text)
    extension = document_output_ext(front, path.suffix, config.markdown_suffixes)
    date: datetime | None = None
    try:
        if collection is not None:
            # `Document#populate_title` runs for every document: the name's slug (after a
            # date, trailing dots cut) unless the front matter gives one.
            own_slug = front.get("slug")
            slug = (
                draft_name_parts(path.name).slug if own_slug is None or own_slug is False else str(own_slug)
            )
            pattern = permalink or collection.permalink or collection_permalink(config.permalink)
            date = _document_date(front, path, text, config)
            categories = post_categories((), defaults, own_front, front, path, text)
            fill = partial(
                document_url, collection.label, pattern, source.relative_path, slug, extension, date=date
            )
            url, jekyll_form = fill(categories=categories), fill(categories=categories, escape=escape_path)
        elif permalink:
            url = page_permalink_url(permalink, source.relative_path, extension)
            jekyll_form = page_permalink_url(permalink, source.relative_path, extension, escape_path)
        else:
            fill_page = partial(page_url, source.relative_path, extension, style=config.permalink)
            url, jekyll_form = sanitize_url(fill_page()), sanitize_url(fill_page(escape=escape_path))
        written = served_url(url, extension, page=collection is None)
        folder_url = url.endswith("/") and not written.endswith("/")
        linked = written == url
        url, read_warnings = as_browsers_read(written, path, text)
        check_url_is_safe(url)
        liquid_url = jekyll_form if url == written and linked and reaches(jekyll_form, url) else ""
    except OutputError as error:
        raise ContentError(error.message, path=path, line=key_line(text, "permalink")) from None
    # A page neither Markdown nor HTML (`feed.xml`, `robots.txt`, `style.css`) is written as Jekyll
    # writes it: Liquid rendered, its own extension, no layout; never a category's stand-in listing.
    markup_page = suffix in config.markdown_suffixes or suffix in HTML_SUFFIXES
    own_title = front.get("title")
    title, title_warnings = title_text(own_title, path, text)
    title_warnings += blank_permalink(own_front, path, text, "page" if collection is None else "document")
    title_warnings += spaced_permalink(own_front, path, text)
    if collection is not None and (own_title is None or own_title is False):
        # `Document#populate_title`: `2024-05-06-doc-dated.md` is "Doc Dated".
        title = titleized_slug(draft_name_parts(path.name).slug)
    # A page has no title in Jekyll (Liquid's `page.title` is nil); sitegen's own theme
    # still heads it with its file name, as it does one that shows nothing.
    title = path.stem if is_blank(title) else title
    layout = layout_or_theme(front, path, text, "page", extension) if markup_page else NO_LAYOUT
    body_html, liquid = _converted_or_kept_for_liquid(document, front, suffix, config, page_body_html)
    body_html, open_warnings = closed_markup(
        body_html, suffix, extension, config, document.body, document.body_line, path
    )
    modified, date_warnings = page_modified(front, config, path, text, document=collection is not None)
    page = SourcePage(
        source_path=path,
        relative_path=source.relative_path,
        title=title,
        layout=layout,
        url=url,
        body_html=body_html,
        front_matter=front,
        modified=modified,
        excerpt=excerpt_of(front, body_html, config) if markup_page else "",
        uses_liquid=liquid is not None and markup_page,
        listing_loop=(
            document.body
            if collection is None and markup_page and liquid is not None and _POSTS_LOOP.search(document.body)
            else ""
        ),
        liquid=liquid,
        date=date if collection is not None else None,
        liquid_url=liquid_url,
        browser_read=bool(read_warnings),
        folder_url=folder_url,
    )
    warnings = (*document.warnings, *title_warnings, *read_warnings, *open_warnings, *date_warnings)
    if collection is not None:  # Jekyll cannot read a document with `categories: 5` either
        warnings += tuple(unreadable_categories(defaults, own_front, path, text))
    return Loaded(page, (*warnings, *unseen(left_out=False)))


def _document_date(front: Mapping[str, Any], path: Path, text: str, config: SiteConfig) -> datetime | None:
    """A collection document's date as Jekyll's `Document` gives it: the front matter's,
    else a `YYYY-MM-DD-` file name's (`populate_title`, document.rb), else none (Jekyll's
    build moment, never in the future)."""
    date = front_date(front, "date", config, path, text)
    if date is not None:
        return date
    name = dated_name_parts(path.name)
    if name is None or name.date is None:
        return None
    try:
        return date_from_filename(*name.date, config.zone)
    except DateParseError as error:
        raise ContentError(str(error), path=path) from None


def _converted_or_kept_for_liquid(
    document: SourceDocument,
    front: Mapping[str, Any],
    suffix: str,
    config: SiteConfig,
    convert: Callable[[str, str, SiteConfig], str],
) -> tuple[str, LiquidBody | None]:
    """The body converted to HTML, or kept as written when it uses Liquid: the Liquid
    stage renders it once every file is loaded (it may read `site.posts`), then converts.
    `render_with_liquid: false` in its front matter (or its defaults) keeps Liquid's
    marks as text, as Jekyll 4 does (`Document#render_with_liquid?`, document.rb; a
    crawled post quoting `{{ … }}` is published as written)."""
    if front.get("render_with_liquid") is not False and uses_liquid(document.body):
        return "", LiquidBody(document.body, document.body_line, suffix)
    return convert(document.body, suffix, config), None


def post_body_html(body: str, suffix: str, config: SiteConfig) -> str:
    """A post's body as published: own back links stripped, converted, images lazy."""
    if config.back_links:
        body, _ = strip_trailing_back_links(body, config.url)
    html = relativise_own_links(
        render_body(body, suffix, config.markdown, config.markdown_suffixes), config.url, config.baseurl
    )
    return add_image_attributes(html) if config.lazy_images else html


def page_body_html(body: str, suffix: str, config: SiteConfig) -> str:
    """A page's body as published: converted, links to the own host made root-relative;
    a page that is neither Markdown nor HTML (a feed's absolute links) as written."""
    if suffix in SASS_SUFFIXES:
        return compile_sass(body, suffix, config.sass)
    if suffix not in config.markdown_suffixes and suffix not in HTML_SUFFIXES:
        return body
    return relativise_own_links(
        render_body(body, suffix, config.markdown, config.markdown_suffixes), config.url, config.baseurl
    )
