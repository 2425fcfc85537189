"""What Liquid sees of each document and of the site's lists, as Jekyll 4.3 builds them.

Posts and collection documents are Jekyll's `Drops::DocumentDrop` (name, ext, draft,
collection, relative_path, previous/next within their collection), pages are `Page`'s
`to_liquid` (`dir`, `name`, `path`: jekyll/lib/jekyll/page.rb), and the site's lists
(`site.<label>`, `site.collections`, `site.static_files`, `site.html_pages`,
`site.documents`) follow `Drops::SiteDrop` and `Site#documents` (site.rb). Front-matter
values pass through `liquid_value`, so they hold Ruby's types and print as Ruby prints.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.fields import categories_from_path, post_categories
from sitegen.content.markup import HTML_OUTPUT_SUFFIXES, document_output_ext
from sitegen.content.scan import DRAFTS_DIR_NAME
from sitegen.jekyll.collections import POSTS, Collection, collection_folder_of
from sitegen.jekyll.post_names import draft_name_parts, titleized_slug
from sitegen.jekyll.ruby_split import ruby_split
from sitegen.liquid.objects import RubyTime, jekyll_url, liquid_url, ruby_time
from sitegen.liquid.ruby_values import liquid_value, ruby_to_s
from sitegen.model import Post, SourcePage, StaticFile
from sitegen.urls import PERMALINK_STYLES, document_id

RELATED_POSTS = 10
"""`RelatedPosts::MAX_POSTS` (related_posts.rb): without LSI, the newest ten others."""


def front_values(front: Mapping[str, Any], config: SiteConfig) -> dict[str, Any]:
    """Front matter as Liquid holds it: times as Ruby's, in the site's zone."""
    converted: dict[str, Any] = liquid_value(dict(front), config.zone, config.offsetless_dates)
    return converted


def liquid_tags(front: Mapping[str, Any], fallback: Sequence[str]) -> list[Any]:
    """`page.tags` (document.rb `populate_tags`, utils.rb `pluralized_array_from_hash`):
    `tag:` as one value, else `tags:` split on spaces when text; YAML types kept, so
    `tags: [1, true]` stays numbers and booleans (URLs use their text forms)."""
    if front.get("tag") not in (None, False):
        value: Any = front["tag"]
    elif "tags" in front:
        value = front["tags"]
        value = ruby_split(value) if isinstance(value, str) else value if isinstance(value, list) else None
    else:
        return list(fallback)
    return [item for item in _flat([value]) if item is not None]


def liquid_categories(
    front: Mapping[str, Any], relative_path: PurePosixPath, names: Sequence[str], *, post: bool = True
) -> list[Any]:
    """`page.categories` of a post as Jekyll leaves it (document.rb): `populate_categories`
    makes the names (`to_s` of each, `names` here) and merges them with `merge_data!`,
    whose `merge_categories!` unites them (`|`, Ruby's `eql?`) with the list already
    there: the folders' names, then the front matter's items with their YAML types. So
    `categories: [37800]` lists 37800 and "37800" (`join` prints `37800,37800`), `[~]`
    nil and "" (`,`), and a date the Date and its text. `post`: false for a document of
    another collection, whose folders are no categories."""
    own = front.get("categories")
    draft = DRAFTS_DIR_NAME in relative_path.parts
    # A collection's document gets none of its folders' (`categories_from_path`: its
    # path starts with the collection's folder).
    folders = categories_from_path(str(relative_path), DRAFTS_DIR_NAME if draft else "_posts") if post else []
    items = ruby_split(own) if isinstance(own, str) else own if isinstance(own, list) else []
    kept: dict[tuple[str, Any], Any] = {}
    scalars = [item for item in items if not isinstance(item, (list, dict))]
    for item in (*folders, *scalars, *(ruby_to_s(item) for item in scalars), *names):
        key = (type(item).__name__, item if not isinstance(item, float) else repr(item))
        kept.setdefault(key, item)
    return list(kept.values())


def names_to_posts(
    newest_first: Sequence[Post], drops: Sequence[Any], names: Callable[[Post], Sequence[str]]
) -> dict[str, list[Any]]:
    """`site.categories` or `site.tags` (`Site#post_attr_hash`, site.rb): each name's
    posts (`drops`, in the order of `newest_first`), newest first. Jekyll fills the hash
    walking the posts oldest first, so the names iterate in the order they first appear
    from the oldest post on (`{% for c in site.categories %}`)."""
    found: dict[str, list[Any]] = {name: [] for post in reversed(newest_first) for name in names(post)}
    for post, drop in zip(newest_first, drops, strict=True):
        for name in names(post):
            found[name].append(drop)
    return found


def _flat(values: list[Any]) -> Iterator[Any]:
    for value in values:
        if isinstance(value, list):
            yield from _flat(value)
        else:
            yield value


def document_extras(
    relative_path: PurePosixPath, collection: str, values: Mapping[str, Any]
) -> dict[str, Any]:
    """The `DocumentDrop` keys every post and collection document has, given its front
    matter's `values`: `name` is theirs where true in Ruby, else the file's name
    (`DocumentDrop#name`, document_drop.rb: a team member's `name: Ann` is `Ann`)."""
    own_name = values.get("name")
    return {
        "name": own_name if ruby_truthy(own_name) else relative_path.name,
        "ext": relative_path.suffix,
        "draft": collection == POSTS and DRAFTS_DIR_NAME in relative_path.parts,
        "collection": collection,
        "relative_path": str(relative_path),
        "path": str(relative_path),
    }


def page_dir(url: str) -> str:
    """`Page#dir`: the URL itself when it ends in `/`, else its folder with a final `/`."""
    if url.endswith("/"):
        return url
    folder = posixpath.dirname(url)
    return folder if folder.endswith("/") else folder + "/"


def collection_of(page: SourcePage, collections: Sequence[Collection]) -> Collection | None:
    """The collection a source page is a document of (`_docs/…`, published or not), or
    None for a page."""
    return collection_folder_of(page.relative_path, collections)


def page_values(
    page: SourcePage, config: SiteConfig, collection: Collection | None, now: datetime
) -> dict[str, Any]:
    """A page (`Page#to_liquid`) or a collection document (`DocumentDrop`).

    A page's `title` and `layout` are its front matter's (defaults applied), nil when it
    has none: Jekyll's `Page` adds neither (page.rb), so `{% if p.title %}` over
    `site.pages` skips an untitled page. A document gets `Document#populate_title`'s
    title, slug and date (`document_name_values`). `now` is the build's moment, an
    undated document's date (`Document#date`: `site.time`)."""
    variables = front_values(page.front_matter, config)
    front = dict(variables)
    url = liquid_url(page.url, page.liquid_url)
    variables.update(
        url=url,
        path=str(page.relative_path),
        name=page.relative_path.name,
        excerpt=page.excerpt,
        content=page.liquid.text if page.liquid is not None else page.body_html,
    )
    if collection is None:
        # A page's `date` is its front matter's value as Psych made it, never converted
        # (page.rb has no `merge_date!`): `2022-05-27 16:48:36 +0000` keeps its offset.
        variables["dir"] = page_dir(url)
    else:
        variables.update(document_extras(page.relative_path, collection.label, front))
        # `Document#read_post_data` runs for every document: `populate_categories` and
        # `populate_tags` make lists of them (`[]` where the front matter has none).
        names = post_categories((), {}, page.front_matter, page.front_matter, page.source_path, "")
        variables["categories"] = liquid_categories(variables, page.relative_path, names, post=False)
        variables["tags"] = liquid_tags(variables, ())
        # `Document#output`: the document rendered (here without a layout, as sitegen runs
        # none of Jekyll's); one whose Liquid is still to render has none yet.
        variables["output"] = None if page.liquid is not None else page.body_html
        variables.update(document_name_values(variables, page.relative_path.name))
        # `Document#id`: the URL's folder and the slug (`populate_title` made it).
        variables["id"] = document_id(url, str(variables["slug"]))
        # A document's date is `Utils.parse_date(date.to_s)`, `.localtime` (document.rb),
        # else its file name's (`modify_date`), else the build's moment.
        variables["date"] = ruby_time(page.date if page.date is not None else now.astimezone(config.zone))
    return variables


def document_name_values(values: Mapping[str, Any], file_name: str) -> dict[str, Any]:
    """`title` and `slug` as `Document#populate_title` (jekyll/lib/jekyll/document.rb)
    sets them on a post or collection document over its front matter `values`: the
    name's slug is what follows a `YYYY-MM-DD-` date (else the whole stem), trailing
    periods cut; `data["title"] ||= Utils.titleize_slug(slug)` and `data["slug"] ||=
    slug`, so a front-matter value other than nil or false stays as YAML gave it, and
    the title is made from the name even where the front matter gives a slug."""
    slug = draft_name_parts(file_name).slug
    own_title, own_slug = values.get("title"), values.get("slug")
    return {
        "title": titleized_slug(slug) if own_title is None or own_title is False else own_title,
        "slug": slug if own_slug is None or own_slug is False else own_slug,
    }


def link_neighbours(ordered: Sequence[Mapping[str, Any]], set_pair: Any) -> None:
    """Give each document of a collection, oldest first, its `previous` and `next`."""
    for position, document in enumerate(ordered):
        previous = ordered[position - 1] if position > 0 else None
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        set_pair(document, previous, following)


def related_posts(newest_first: Sequence[Any], own: Any) -> list[Any]:
    """`site.related_posts` while rendering the post or collection document `own`: the
    newest ten posts but `own`, and none on a site of one post (related_posts.rb `build`,
    `most_recent_posts`)."""
    if len(newest_first) <= 1:
        return []
    return [post for post in newest_first[: RELATED_POSTS + 1] if post is not own][:RELATED_POSTS]


def static_file_values(static: StaticFile, zone: Any, collection: str | None = None) -> dict[str, Any]:
    """`Drops::StaticFileDrop`: path (from the site's root), name, basename, extname,
    modified_time (the file's mtime in the site's zone), collection (the label of the
    collection it is a file of, else nil): the source file's path and name, the URL
    where it is written."""
    relative = static.source_relative or static.relative_path
    try:
        modified: RubyTime | None = ruby_time(
            datetime.fromtimestamp(static.source_path.stat().st_mtime, zone)
        )
    except OSError:
        modified = None
    return {
        "path": "/" + str(relative),
        "name": relative.name,
        "basename": relative.stem,
        "extname": relative.suffix,
        "modified_time": modified,
        "collection": collection,
        "url": jekyll_url(static.url),
    }


def static_files_values(
    static_files: Sequence[StaticFile], config: SiteConfig
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """`site.static_files`, every file without front matter (a collection's too, as
    `Collection#read` adds them, collection.rb), and each collection's `files` by label."""
    every: list[dict[str, Any]] = []
    by_label: dict[str, list[dict[str, Any]]] = {}
    for static in static_files:
        held = collection_folder_of(static.source_relative or static.relative_path, config.collections)
        values = static_file_values(static, config.zone, None if held is None else held.label)
        every.append(values)
        if held is not None:
            by_label.setdefault(held.label, []).append(values)
    return every, by_label


def collection_values(
    collection: Collection, documents: list[Any], files: list[Any], metadata: Mapping[str, Any]
) -> dict[str, Any]:
    """`Drops::CollectionDrop` (collection_drop.rb): the collection's settings as written
    (`metadata`, see `collection_metadata`), which the drop answers for any key it has no
    method for (`sort_by`, a `title`); then label, `output` (`Collection#write?`: the
    truthiness of its `output` setting), relative_directory, docs and files (its files
    without front matter). `directory`, Jekyll's absolute path, is nil, as `site.source`
    is (`sitegen.jekyll.config_defaults`)."""
    return {
        **metadata,
        "label": collection.label,
        "output": ruby_truthy(metadata.get("output")),
        "relative_directory": collection.folder,
        "directory": None,
        "docs": documents,
        "files": files,
    }


def collection_metadata(collections: Any, label: str, site_permalink: Any) -> dict[str, Any]:
    """A collection's settings as Jekyll keeps them (`Collection#extract_metadata`): its
    entry of the merged `collections` setting where that is a mapping (of Liquid values,
    `liquid_value`), else none; for `posts`, `output` true and, unless its own is set,
    the site's `permalink` with a style name expanded
    (`Configuration#add_default_collections`, `#style_to_permalink`)."""
    own = collections.get(label) if isinstance(collections, Mapping) else None
    metadata = dict(own) if isinstance(own, Mapping) else {}
    if label == POSTS:
        metadata["output"] = True
        if not ruby_truthy(metadata.get("permalink")) and ruby_truthy(site_permalink):
            text = site_permalink if isinstance(site_permalink, str) else ruby_to_s(site_permalink)
            metadata["permalink"] = PERMALINK_STYLES.get(text, text)
    return metadata


def ruby_truthy(value: Any) -> bool:
    """Ruby's truthiness: all but nil and false (`0` and `""` are true)."""
    return value is not None and value is not False


def html_pages(
    pages: Sequence[tuple[SourcePage, Mapping[str, Any]]], markdown_suffixes: frozenset[str]
) -> list[Mapping[str, Any]]:
    """`site.html_pages` from each page and its Liquid object: the pages whose output
    extension is HTML's, as written (`Page#html?`, so a Markdown page at `/about` is one
    and one at `/data.json` or `/q.HTML` is not) or whose URL is a folder's (`SiteDrop#html_pages`,
    jekyll/lib/jekyll/drops/site_drop.rb)."""
    return [
        values
        for page, values in pages
        if document_output_ext(page.front_matter, page.source_path.suffix, markdown_suffixes)
        in HTML_OUTPUT_SUFFIXES
        or page.url.endswith("/")
        or page.folder_url
    ]
