"""The Liquid stage: render the Liquid in post and page bodies, then convert them.

Runs between loading and indexing. Liquid can read the whole site (`site.posts`,
`{% post_url %}`, `{% link %}`, `_includes/`), so a body that uses it cannot be finished
by the per-file loader, whose result must depend on the file alone (the load cache keys
on that). Instead such bodies are rendered here on every build, in one pass over the
Liquid documents, against site variables built once (linear in the site). Each rendered
document's cache key is then extended with a digest of what it rendered to, so a page is
re-rendered exactly when its Liquid output changed: an incremental build stays
byte-identical to a clean one whatever the Liquid read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitegen.config import SiteConfig
from sitegen.content.bodies import first_image_src
from sitegen.content.closed_bodies import closed_markup
from sitegen.content.documents import page_body_html, post_body_html
from sitegen.content.markup import document_output_ext
from sitegen.content.site_data import read_site_data
from sitegen.content.summary_text import excerpt_of
from sitegen.errors import ContentError, Diagnostic, Level, shorten
from sitegen.jekyll.collections import POSTS, Collection
from sitegen.jekyll.config_defaults import jekyll_defaults, with_default_excludes
from sitegen.jekyll.defaults import deep_merge
from sitegen.jekyll.page_order import page_write_key
from sitegen.liquid.clock import ClockReads
from sitegen.liquid.objects import (
    DocumentDrop,
    jekyll_variables,
    ruby_time,
    set_neighbours,
)
from sitegen.liquid.own_xml_pages import xml_page_problems as _xml_problems
from sitegen.liquid.paginate import paginated_index, paginator
from sitegen.liquid.post_drops import post_drop
from sitegen.liquid.problem_lines import ProblemLines
from sitegen.liquid.site_links import site_links
from sitegen.liquid.variables import (
    collection_metadata,
    collection_of,
    collection_values,
    html_pages,
    link_neighbours,
    names_to_posts,
    page_values,
    related_posts,
    static_files_values,
)
from sitegen.model import Post, SourcePage, StaticFile

if TYPE_CHECKING:  # the engine is imported only by a build that has Liquid to render
    from sitegen.liquid.engine import LiquidEngine


@dataclass(frozen=True, slots=True)
class LiquidResult:
    posts: tuple[Post, ...]
    pages: tuple[SourcePage, ...]
    source_keys: dict[Path, str]
    diagnostics: tuple[Diagnostic, ...]
    written_targets: tuple[Path, ...] = ()
    """Files includes led to in the destination or cache, not read (`LiquidEngine`)."""
    relative_reads: tuple[tuple[Path, str | None], ...] = ()
    """Every file `{% include_relative %}` looked for, and the text it read there (None:
    none), in the order met (`LiquidEngine.relative_reads`)."""
    read_clock: bool = False
    """Whether the Liquid read the clock as it ran (`ClockReads`), or was handed the
    build's moment as a value (an undated collection document's `date` is `site.time`)."""


def render_liquid_bodies(
    posts: tuple[Post, ...],
    pages: tuple[SourcePage, ...],
    static_files: tuple[StaticFile, ...],
    source_keys: Mapping[Path, str],
    config: SiteConfig,
    includes_dirs: tuple[Path, ...],
    now: datetime,
    data_dirs: tuple[Path, ...] = (),
    with_body: Callable[[Post], Post] = lambda post: post,
    config_file: Path = Path("_config.yml"),
) -> LiquidResult:
    """Every post and page with its Liquid rendered; the others returned as they are,
    and jekyll-paginate's copies of the site's `index.html` among the pages
    (`sitegen.liquid.paginate`; `config_file` is named by a warning about its settings).

    `with_body` gives a post that came without its body (`LoadedSite.stored_bodies`)
    with it; it is asked only when a template reads that post's `content` or excerpt,
    and what it gives stays with the drop (the posts returned are those given)."""
    keys = dict(source_keys)
    paginated, paginate_warnings = paginated_index(pages, posts, config, config_file)
    if paginated is not None:
        # Jekyll adds the copies to `site.pages` after the pages it read (`Pagination#paginate`).
        # A copy shares its file's cache key, which each render extends in turn below: a
        # change on any page of posts renders them all again.
        pages = (*pages, *paginated.copies)
    if all(post.liquid is None for post in posts) and all(page.liquid is None for page in pages):
        # Nothing reads `site.data`, but Jekyll reads every data file and stops on a broken one.
        _, data_notes = read_site_data(data_dirs, safe=config.safe)
        return LiquidResult(
            posts, pages, keys, (*paginate_warnings, *data_notes, *_xml_problems(pages, config))
        )
    # Imported here: python-liquid takes a sixth of a second to import, which a site
    # without Liquid (and every no-change rebuild of one) should not pay.
    from sitegen.liquid.engine import LiquidEngine
    from sitegen.liquid.filters import FilterSettings
    from sitegen.liquid.ruby_values import liquid_value

    newest_first = sorted(posts, key=lambda post: post.sort_key, reverse=True)
    site_data, data_diagnostics = read_site_data(data_dirs, safe=config.safe)
    clock = ClockReads()
    engine = LiquidEngine(
        FilterSettings(config.url, config.baseurl, config.zone, config.markdown, config.sass, clock),
        includes_dirs,
        site_links(posts, pages, static_files, config.collections),
        includes_dirs[0].parent if includes_dirs else None,
        safe=config.safe,
        unread=config.sass.unread,  # the destination and cache, which the build sets
    )
    jekyll = jekyll_variables(os.environ.get("JEKYLL_ENV", ""))
    # A drop renders its excerpt against `site`, and `site` lists the drops: the drops
    # get the mapping first, and it is filled once they exist.
    site: dict[str, Any] = {}
    post_drops = {id(post): post_drop(post, engine, site, jekyll, config, with_body) for post in newest_first}
    listed = [post_drops[id(post)] for post in newest_first]
    link_neighbours(listed[::-1], set_neighbours)
    page_objects = _page_objects(pages, config, now)
    site.update(_site_variables(config, newest_first, post_drops, now))
    copies = paginated.copies if paginated is not None else ()
    site.update(_site_lists(config, listed, (pages, copies), page_objects, static_files, site))
    site["data"] = liquid_value(site_data, config.zone, config.offsetless_dates)
    diagnostics: list[Diagnostic] = [*paginate_warnings, *data_diagnostics]
    problems = ProblemLines(diagnostics)
    finished_posts: dict[int, Post] = {}
    # Jekyll renders posts oldest first and then pages (`Site#render_docs`): a rendered
    # post's `content` is its converted body from then on, while a post still to render
    # shows the text as written, so Liquid reading `site.posts` sees what it would in Jekyll.
    for post in reversed(newest_first):
        if post.liquid is None:
            continue
        drop = post_drops[id(post)]
        own_site = {**site, "related_posts": related_posts(listed, drop)}
        variables = {"site": own_site, "page": drop, "content": "", "jekyll": jekyll}
        text = _render_one(engine, post, variables, diagnostics, problems)
        if text is None:
            continue
        suffix = post.liquid.suffix
        body_html, warnings = closed_markup(
            post_body_html(text, suffix, config),
            suffix,
            _output_ext(post, config),
            config,
            text,
            post.liquid.line,
            post.source_path,
        )
        diagnostics.extend(warnings)
        finished = replace(
            post,
            body_html=body_html,
            excerpt=excerpt_of(
                post.front_matter,
                body_html,
                config,
                None if post.excerpt_source is None else _excerpt_html(drop),
            ),
            image=first_image_src(body_html),
            liquid=None,
        )
        drop.fields["content"] = body_html
        finished_posts[id(post)] = finished
        keys[post.source_path] = _rendered_key(keys[post.source_path], finished.body_html, finished.excerpt)
    rendered_posts = [
        finished_posts.get(id(post), post)
        for post in posts
        if post.liquid is None or id(post) in finished_posts
    ]
    finished_pages: dict[int, SourcePage] = {}
    # Jekyll renders every collection's documents before the pages (`Site#render_docs`,
    # then `render_pages`): a page reading `site.team` sees each one's converted content.
    for page in sorted(pages, key=lambda page: collection_of(page, config.collections) is None):
        if page.liquid is None:
            continue
        drop = page_objects[id(page)]
        # A collection's document is a `Jekyll::Document`, which `site.related_posts` answers.
        document = collection_of(page, config.collections) is not None
        own = {**site, "related_posts": related_posts(listed, drop)} if document else site
        variables = {"site": own, "page": drop, "content": "", "jekyll": jekyll}
        if paginated is not None and id(page) in paginated.pagers:
            variables["paginator"] = paginator(paginated.pagers[id(page)], post_drops)
        text = _render_one(engine, page, variables, diagnostics, problems)
        if text is None:
            continue
        try:  # converting can fail too (an SCSS syntax error): that page alone is left out
            body_html = page_body_html(text, page.liquid.suffix, config)
        except ContentError as error:
            diagnostics.append(Diagnostic(error.message, page.source_path, None, Level.ERROR))
            continue
        # (The rendered text keeps most of its source's lines: Liquid tags rarely span any.)
        body_html, warnings = closed_markup(
            body_html,
            page.liquid.suffix,
            _output_ext(page, config),
            config,
            text,
            page.liquid.line,
            page.source_path,
        )
        diagnostics.extend(warnings)
        finished_page = replace(
            page, body_html=body_html, excerpt=excerpt_of(page.front_matter, body_html, config), liquid=None
        )
        finished_pages[id(page)] = finished_page
        if document:  # what the pages rendered after it read of it (`Document#content`, `#output`)
            drop.fields.update(content=body_html, output=body_html)
        keys[page.source_path] = _rendered_key(keys[page.source_path], body_html, finished_page.excerpt)
    kept = (page for page in pages if page.liquid is None or id(page) in finished_pages)
    rendered_pages = [finished_pages.get(id(page), page) for page in kept]
    problems.finish()
    for path, problem in engine.lenient_in_includes():
        diagnostics.append(Diagnostic(f"Liquid: {shorten(problem.message)}", path, problem.line))
    diagnostics.extend(_xml_problems(rendered_pages, config))  # every build: a kept page says it again
    rendered = (tuple(rendered_posts), tuple(rendered_pages), keys, tuple(diagnostics))
    engine.release()  # a stage that raised is let go by the next build's release (one cache)
    undated = any(page.date is None and collection_of(page, config.collections) for page in pages)
    return LiquidResult(*rendered, engine.written_targets(), engine.relative_reads(), clock.read or undated)


def _render_one(
    engine: LiquidEngine,
    document: Post | SourcePage,
    variables: Mapping[str, Any],
    diagnostics: list[Diagnostic],
    problems: ProblemLines,
) -> str | None:
    """One document's Liquid rendered: its error boundary (a failure skips it, named)."""
    liquid = document.liquid
    assert liquid is not None
    try:
        outcome = engine.render(liquid.text, variables)
    except Exception as error:  # the per-file boundary: whatever a library raises
        reason = shorten(f"{type(error).__name__}: {error}")
        diagnostics.append(
            Diagnostic(f"Liquid cannot be rendered ({reason})", document.source_path, None, Level.ERROR)
        )
        return None
    # One line per problem and place: an include used twice on a line is one problem.
    for problem in dict.fromkeys(outcome.problems):
        problems.add(document.source_path, liquid.line, problem)
    return outcome.text


def _rendered_key(key: str, body_html: str, excerpt: str) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in (key, body_html, excerpt):
        hasher.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return hasher.hexdigest()


def _output_ext(document: Post | SourcePage, config: SiteConfig) -> str:
    """The extension a rendered body is written with: only an HTML page's is closed."""
    return document_output_ext(document.front_matter, document.source_path.suffix, config.markdown_suffixes)


def _excerpt_html(drop: DocumentDrop) -> Callable[[], str]:
    """The post's Liquid excerpt, rendered and converted as `page.excerpt` is."""
    return lambda: str(drop["excerpt"])


def _page_objects(pages: tuple[SourcePage, ...], config: SiteConfig, now: datetime) -> dict[int, Any]:
    """Each page's `page` object by identity: a dict for a page, a drop for a collection
    document (linked to its neighbours by `_site_lists`, in its collection's order)."""
    objects: dict[int, Any] = {}
    for page in sorted(pages, key=lambda page: str(page.relative_path)):
        collection = collection_of(page, config.collections)
        values = page_values(page, config, collection, now)
        objects[id(page)] = values if collection is None else DocumentDrop(values, None)
    return objects


def _site_lists(
    config: SiteConfig,
    posts_listed: list[DocumentDrop],
    pages_and_copies: tuple[tuple[SourcePage, ...], tuple[SourcePage, ...]],
    page_objects: Mapping[int, Any],
    static_files: tuple[StaticFile, ...],
    settings: Mapping[str, Any],
) -> dict[str, Any]:
    """`site.pages`, `site.html_pages`, `site.<label>` per collection, `site.collections`,
    `site.documents` and `site.static_files` (Jekyll's `SiteDrop`); `settings`: the
    settings as Liquid reads them (`_site_variables`), whose `collections` and
    `permalink` the collections answer."""
    from sitegen.liquid.collection_order import ordered_documents  # python-liquid: see render_liquid_bodies

    pages, copies = pages_and_copies  # jekyll-paginate's copies come last, as it adds them
    copied = {id(page) for page in copies}
    # In Jekyll's order (`Reader#sort_files!`: `sitegen.site.write_order`).
    ordered = sorted(pages, key=lambda page: (id(page) in copied, page_write_key(page.relative_path.parts)))
    plain = [(page, page_objects[id(page)]) for page in ordered if isinstance(page_objects[id(page)], dict)]
    plain_pages = [values for _, values in plain]
    documents: dict[str, list[Any]] = {POSTS: posts_listed[::-1]}
    read: dict[str, list[tuple[SourcePage, DocumentDrop]]] = {}
    for page in ordered:
        collection = collection_of(page, config.collections)
        if collection is not None:
            read.setdefault(collection.label, []).append((page, page_objects[id(page)]))
    metadata = {
        label: collection_metadata(settings.get("collections"), label, settings.get("permalink"))
        for label in {POSTS, *(collection.label for collection in config.collections)}
    }
    lists: dict[str, Any] = {}
    collections = []
    for collection in config.collections:
        if collection.label != POSTS:
            docs = ordered_documents(
                read.get(collection.label, []), metadata[collection.label], collection.folder
            )
            documents[collection.label] = docs
            link_neighbours(docs, set_neighbours)
            for name in collection.names or (collection.label,):  # `site[name]`, as written
                lists[name] = docs
    static_values, files = static_files_values(static_files, config)
    labels = sorted({POSTS, *(collection.label for collection in config.collections)})
    declared = {collection.label: collection for collection in config.collections}
    labels_in_order = [POSTS, *(label for label in labels if label != POSTS)]
    for label in labels:
        collection = declared.get(label) or Collection(POSTS, output=True)
        collections.append(
            collection_values(collection, documents.get(label, []), files.get(label, []), metadata[label])
        )
    return {
        **lists,
        "pages": plain_pages,
        "html_pages": html_pages(plain, config.markdown_suffixes),
        "collections": collections,
        # Posts first, then the other collections, each its documents and then its files
        # (`Site#documents`).
        "documents": [
            document
            for label in labels_in_order
            for document in (*documents.get(label, []), *files.get(label, []))
        ],
        "static_files": static_values,
    }


def _site_variables(
    config: SiteConfig,
    newest_first: list[Post],
    post_drops: Mapping[int, DocumentDrop],
    now: datetime,
) -> dict[str, Any]:
    """`site` (Jekyll's `Drops::SiteDrop`), built once per build. `time` is the build's
    moment, so the output depends on the command's `now`, never the clock mid-build."""
    from sitegen.liquid.ruby_values import liquid_value  # see render_liquid_bodies

    listed = [post_drops[id(post)] for post in newest_first]
    categories = names_to_posts(newest_first, listed, lambda post: post.categories)
    tags = names_to_posts(newest_first, listed, lambda post: post.tags)
    settings = deep_merge(
        jekyll_defaults(), liquid_value(dict(config.written), config.zone, config.offsetless_dates)
    )
    exclude = settings["exclude"]
    if not isinstance(exclude, list):
        exclude = config.exclude  # a value Jekyll stops on (`check_include_exclude`): sitegen's reading
    return {
        **settings,
        "exclude": with_default_excludes(exclude),
        "source": None,  # absolute paths in Jekyll (`sitegen.jekyll.config_defaults`)
        "destination": None,
        "time": ruby_time(now.astimezone(config.zone)),
        "posts": listed,
        "related_posts": None,  # a page's: only a document has any (`related_posts`)
        "serving": False,  # `jekyll build` sets it, over the settings file (commands/build.rb)
        "categories": categories,
        "tags": tags,
        "data": {},
    }
