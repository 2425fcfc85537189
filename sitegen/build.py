"""`sitegen build`: the pipeline, read top to bottom.

config → source files → posts and pages → site index → page plan → rendered bytes → published
tree; each stage takes the previous one's output and returns new values (`sitegen.outcome`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sitegen.collector import collector_paused, freeze_alive
from sitegen.config import SiteConfig, config_notes, load_config
from sitegen.content.default_checks import checked_defaults
from sitegen.content.documents import LoadOptions
from sitegen.content.sass_imports import recording_reads
from sitegen.content.scan import (
    SourceTree,
    includes_dirs,
    jekyll_template_rules,
    require_site_folder,
    scan_sources,
    templates_are_theme,
    with_templates_hint,
)
from sitegen.content.site_data import data_dirs
from sitegen.content.source_folders import source_folder_names, source_top_names
from sitegen.errors import Diagnostic, DiagnosticReport, TemplateError
from sitegen.incremental.bodies import BodiesOnDemand, BodyFiller
from sitegen.incremental.body_reader import BodyReader
from sitegen.incremental.bytecode import checked_renderer
from sitegen.incremental.cache import BuildCache, opened_cache
from sitegen.incremental.cache_location import cache_dir_for, cache_dir_origin, check_cache_dir
from sitegen.incremental.code_identity import code_identity
from sitegen.incremental.directory_initials import with_directory_initials
from sitegen.incremental.fingerprint import document_tokens, fingerprint
from sitegen.incremental.loading import LoadedSite, load_site
from sitegen.incremental.lock import build_lock, destination_lock
from sitegen.incremental.manifest_file import forget_manifest
from sitegen.incremental.post_limit import newest_posts
from sitegen.incremental.relative_includes import followed_texts
from sitegen.incremental.rendering import PageChecks, RenderedSite, page_records, render_site
from sitegen.jekyll.collections import document_folders, published_pages, published_static_files
from sitegen.jekyll.config_file import config_file_of
from sitegen.jekyll.dates import OFFSETLESS_JEKYLL, offsetless_date_warning
from sitegen.jekyll.sass_settings import folders_outside
from sitegen.liquid.clock import liquid_texts, reads_the_clock
from sitegen.liquid.file_times import reads_file_times
from sitegen.liquid.stage import render_liquid_bodies
from sitegen.outcome import BuildOptions, BuildResult
from sitegen.parallel import Executor, executor_for
from sitegen.progress import StageClock
from sitegen.publish.destination import refuse_included_sources, refuse_sources_inside
from sitegen.publish.gate import BuildStopped, PublishGate
from sitegen.publish.staging import StagingTree, staged_tree
from sitegen.publish.tree_listing import ListedTree
from sitegen.publish.writer import (
    NOTHING_PUBLISHED,
    WriteSummary,
    check_destination,
    publish,
    recover_destination,
)
from sitegen.published_check import PUBLISHED_TREE, published_check
from sitegen.render.context import ContextBuilder
from sitegen.render.layout_needs import Layouts, layout_kinds
from sitegen.render.templates import Renderer
from sitegen.resident import ResidentSite, resident_site
from sitegen.search.pagefind import pagefind_executable, with_search_index
from sitegen.site.index import SiteIndex
from sitegen.site.plan import SitePlan, category_stubs
from sitegen.site.search_page import search_enabled
from sitegen.site.settled_plan import settled_plan
from sitegen.theme_files import theme_assets, theme_dirs
from sitegen.urls import OutputPath

__all__ = ["BuildOptions", "BuildResult", "BuildStopped", "PublishGate", "build_site"]


def build_site(
    options: BuildOptions,
    *,
    keep: Callable[[ResidentSite], None] | None = None,
    hold: list[object] | None = None,
) -> BuildResult:
    """Build the site `options.source` into `BuildOptions.destination_in`: the pipeline's table of
    contents, each stage a function of the ones before. `keep`: given what the build made
    (`sitegen.preview.ResidentSite`) once it has published, for the dev server's fast lane.
    `hold`: handed the build's large values (sources, posts, plan, listings) rather than their
    being freed as it returns, for a command that then ends without freeing anything
    (`os._exit`): about a second at 100,000 posts. Raises `SitegenError` (config, destination,
    templates, writing); a bad post or page is a diagnostic in the result instead."""
    site_dir = require_site_folder(options.source)
    config = checked_defaults(load_config(site_dir), site_dir)
    destination = options.destination_in(config.destination)
    check_destination(destination, site_dir, force=options.force, config=config)
    cache_dir = cache_dir_for(site_dir, options.cache_dir, config.cache_dir)
    unread = tuple(os.path.realpath(folder) for folder in (destination, cache_dir))  # never imported from
    config = replace(config, sass=replace(config.sass, unread=unread))
    origin = cache_dir_origin(site_dir, options.cache_dir, config.cache_dir)
    check_cache_dir(cache_dir, site_dir, destination, origin=origin)
    with build_lock(cache_dir, enabled=options.cache, advice=origin), destination_lock(destination):
        try:
            return _locked_build(options, site_dir, config, destination, cache_dir, keep, hold)
        except TemplateError as error:
            raise with_templates_hint(error, site_dir, config.include) from None


def _locked_build(
    options: BuildOptions,
    site_dir: Path,
    config: SiteConfig,
    destination: Path,
    cache_dir: Path,
    keep: Callable[[ResidentSite], None] | None,
    hold: list[object] | None,
) -> BuildResult:
    clock = StageClock()
    recover_destination(destination)  # a killed build's journal, before the tree is read
    pagefind = pagefind_executable(site_dir) if search_enabled(config) else None
    now = options.now or datetime.now(UTC)
    report = DiagnosticReport(config_notes(config, config_file_of(site_dir)))
    report.extend(forget_manifest(cache_dir))  # the command line records one after it publishes
    with (
        opened_cache(cache_dir, enabled=options.cache) as cache,
        collector_paused(),
        published_check(destination, cache, forked=options.jobs != 1) as checking,
    ):
        executor = executor_for(options.jobs)
        tree = report.take(_scan(site_dir, config, destination, cache_dir))
        clock.lap("scan")
        loaded = report.take(_load(tree, config, site_dir, options, now, executor, cache))
        clock.lap("load")
        liquid = tuple(liquid_texts(loaded.posts, loaded.pages, includes_dirs(site_dir)))
        loaded = report.take(_render_liquid(loaded, config, site_dir, options, now, cache))
        followed = followed_texts(loaded.relative_includes, site_dir, (destination, cache_dir))
        texts = (*liquid, *(followed or ()))  # None: an include_relative beyond the check
        reads_clock = followed is None or loaded.liquid_read_clock or reads_the_clock(texts)
        reads_mtimes = ((options.drafts or config.show_drafts) and bool(tree.drafts)) or (
            bool(loaded.static_files) and reads_file_times(texts)
        )
        clock.lap("liquid")
        planned = report.take(_plan(site_dir, config, loaded, cache, options.compiled_templates))
        freeze_alive()
        clock.lap("plan")
        listed = (checked := checking.result()).listed  # which pages are kept; what publishing compares
        # A first build's pages are written by their render workers (not with search on).
        with staged_tree(destination, enabled=pagefind is None) as staging:
            rendered = report.take(
                _render(planned, loaded, config, cache, executor, options, now, staging, checked.pages)
            )
            clock.lap("render")
            pages = ((page.output_path, page.subject) for page in planned.plan.pages)
            outputs = with_search_index(rendered.outputs, pages, destination, pagefind)
            clock.lap("search")
            withheld = options.strict and report.has_errors
            written = (
                NOTHING_PUBLISHED
                if withheld
                else _publish(destination, outputs, planned, options, staging, listed, tree.unread, config)
            )
        output_paths = {path for path, _ in rendered.outputs}
        published_paths = output_paths if written.published else set()
        if written.published:
            relinked = cache.pages() if written.kept_folders is None else {}  # a swap made new folders
            records = page_records(destination, rendered.records, relinked)
            cache.store_pages([*rendered.restamped.items(), *records], published_paths - rendered.unrecorded)
            cache.store_state(PUBLISHED_TREE, written.remembered)
            cache.reclaim_space()
        clock.lap("write")
        report.extend((*written.left_out, *cache.notes()))  # cache damage: found where read
        if hold is not None:
            hold.extend((tree, loaded, planned, listed, rendered, outputs, written, cache))
    if keep is not None and written.published:
        load_options = _load_options(options, config, now)
        keep(
            resident_site(
                config,
                load_options,
                destination,
                planned.plan,
                planned.renderer,
                tree.drafts,
                index=planned.index,
                stub_titles=planned.stub_titles,
                layouts=planned.layouts,
                posts=tree.posts,
                next_due=loaded.next_due,
            )
        )
    return BuildResult(
        posts=planned.plan.posts_published(output_paths),
        pages=len(rendered.outputs),
        files_written=written.files_written,
        files_unchanged=written.files_unchanged,
        files_removed=written.files_removed,
        seconds=clock.total(),
        destination=destination,
        diagnostics=report.diagnostics(),
        published=written.published,
        changed_paths=written.changed_paths,
        timings=clock.timings(),
        template_seconds=tuple(sorted(rendered.template_seconds.items(), key=lambda item: -item[1])),
        pages_rendered=rendered.rendered_count,
        pages_left_out=len(rendered.left_out),
        pages_fallen_back=len(rendered.fallen_back),
        sources_from_cache=loaded.cache_hits,
        baseurl=config.baseurl,
        valid_until=now if reads_clock else loaded.next_due,
        cache_dir=cache_dir if options.cache else None,
        exclude=config.exclude,
        include=config.include,
        import_folders=tuple(Path(folder) for folder in config.sass.load_paths),
        read_digests=loaded.read_digests,
        reads_mtimes=reads_mtimes,
        outside_inputs=folders_outside(config.sass, site_dir, loaded.sass_reads),
        linked_outside=tree.linked_outside,
        published_files=(
            *published_paths,
            *(str(static.relative_path) for static in planned.plan.static_files),
        )
        if written.published
        else (),
        kept_folders=written.kept_folders,
        unread_folders=tree.unread,
        source_top_names=source_top_names(tree, site_dir),
        source_folder_names=source_folder_names(tree, site_dir, loaded.sass_reads),
    )


def _scan(site_dir: Path, config: SiteConfig, destination: Path, cache_dir: Path) -> SourceTree:
    skipped, collections = (destination, cache_dir), document_folders(config.collections)
    tree = scan_sources(
        site_dir, config.exclude, skipped, collections, config.include, config.collections_dir, config.safe
    )
    refuse_sources_inside(destination, site_dir, tree, config.sass.load_paths)
    return tree


def _load(
    tree: SourceTree,
    config: SiteConfig,
    site_dir: Path,
    options: BuildOptions,
    now: datetime,
    executor: Executor,
    cache: BuildCache,
) -> LoadedSite:
    load_options = _load_options(options, config, now)
    reporter = options.reporter("loaded")
    loaded = load_site(tree, config, load_options, executor, cache, reporter, options.known_digests)
    loaded = newest_posts(loaded, config.limit_posts)  # Jekyll's `limit_posts`, before any rendering
    if config.offsetless_dates != OFFSETLESS_JEKYLL:
        return loaded
    dates = (post.front_matter.get("date") for post in loaded.posts)
    warning = offsetless_date_warning(dates, config.zone, config_file_of(site_dir))
    return replace(loaded, diagnostics=(*loaded.diagnostics, *warning))


def _load_options(options: BuildOptions, config: SiteConfig, now: datetime) -> LoadOptions:
    # `_config.yml`'s `future`/`show_drafts` are the defaults the command line can only turn on.
    return LoadOptions(
        now=now, future=options.future or config.future, drafts=options.drafts or config.show_drafts
    )


def _render_liquid(
    loaded: LoadedSite,
    config: SiteConfig,
    site_dir: Path,
    options: BuildOptions,
    now: datetime,
    cache: BuildCache,
) -> LoadedSite:
    bodies = BodiesOnDemand(loaded.stored_bodies, cache, config, _load_options(options, config, now))
    with recording_reads() as sass:  # what `scssify` imports: inputs, as a stylesheet's are
        liquid = render_liquid_bodies(
            loaded.posts,
            loaded.pages,
            loaded.static_files,
            loaded.source_keys,
            config,
            includes_dirs(site_dir),
            now,
            data_dirs(site_dir),
            with_body=bodies.post_with_body,
            config_file=config_file_of(site_dir),
        )
    bodies.finish()
    refuse_included_sources(options.destination_in(config.destination), liquid.written_targets)
    return replace(
        loaded,
        posts=liquid.posts,
        pages=published_pages(liquid.pages, config.collections),
        static_files=published_static_files(loaded.static_files, config.collections),
        source_keys=liquid.source_keys,
        diagnostics=liquid.diagnostics,
        relative_includes=liquid.relative_reads,
        liquid_read_clock=liquid.read_clock,
        sass_reads=(*loaded.sass_reads, *sass.paths),
    )


@dataclass(frozen=True, slots=True)
class _Planned:
    plan: SitePlan
    renderer: Renderer
    site_fingerprint: str
    index: SiteIndex
    """What the plan was made from: the dev server keeps it (`sitegen.resident`)."""
    stub_titles: Mapping[str, str]
    layouts: Layouts

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(self.plan.diagnostics)


def _plan(
    site_dir: Path, config: SiteConfig, loaded: LoadedSite, cache: BuildCache, known: dict[str, bytes] | None
) -> _Planned:
    stubs = category_stubs(loaded.pages)
    stub_titles = {name: page.title for name, page in stubs.items()}
    template_dirs = theme_dirs(site_dir, own_templates := templates_are_theme(site_dir, config.include))
    index, plan = settled_plan(
        config,
        tuple(loaded.posts),
        stub_titles,
        tuple(loaded.pages),
        tuple(static for static in loaded.static_files if static.published),
        theme_assets(template_dirs),
        layouts := layout_kinds(template_dirs),
        config_file_of(site_dir),
    )
    contexts = ContextBuilder(
        config,
        plan.category_urls,
        index.category_titles,
        plan.feed_url,
        plan.archive_url,
        plan.sections,
        plan.directory_url,
        plan.tag_urls,
    )
    theme_names, set_aside = jekyll_template_rules(site_dir, own_templates, config.include, config.exclude)
    renderer = checked_renderer(template_dirs, contexts, cache, known, theme_names, set_aside)  # before forks
    shared = fingerprint((code_identity(), contexts.shared()), {})
    return _Planned(plan, renderer, shared, index, stub_titles, layouts)


def _render(
    planned: _Planned,
    loaded: LoadedSite,
    config: SiteConfig,
    cache: BuildCache,
    executor: Executor,
    options: BuildOptions,
    now: datetime,
    staging: StagingTree | None,
    checks: PageChecks,
) -> RenderedSite:
    load_options = _load_options(options, config, now)
    with contextlib.closing(BodyReader(cache.cache_file())) as reader:
        rendered = render_site(
            planned.plan.pages,
            planned.renderer,
            planned.site_fingerprint,
            document_tokens((*loaded.posts, *loaded.pages), loaded.source_keys),
            cache.pages(),
            checks,
            executor,
            options.reporter("rendered"),
            staging,
            prepare=lambda pages: with_directory_initials(pages, cache, forked=options.jobs != 1),
            filler=BodyFiller(loaded.stored_bodies, reader, config, load_options),
        )
    cache.store_bodies(rendered.restored)  # so the next build finds them again
    return rendered


def _publish(
    destination: Path,
    outputs: Sequence[tuple[OutputPath, bytes | None]],
    planned: _Planned,
    options: BuildOptions,
    staging: StagingTree | None,
    listed: ListedTree | None,
    unread: tuple[Path, ...],  # source folders not read: remove nothing (`SourceTree.unread`)
    config: SiteConfig,
) -> WriteSummary:
    copied = [(str(static.relative_path), static.copy_source) for static in planned.plan.static_files]
    with options.publish_gate:  # closed: the dev server stopped (raises `BuildStopped`)
        return publish(
            destination, outputs, copied, atomic=options.atomic_publish, staging=staging, listed=listed,
            keep_unplanned=bool(unread), keep_files=config.keep_files,
        )  # fmt: skip
