"""`sitegen build`: the pipeline, read top to bottom.

config → source files → posts and pages → site index → page plan → rendered bytes →
published tree. Each stage takes the previous one's output and returns new values.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sitegen import __version__
from sitegen.cache import BuildCache, PageRecord
from sitegen.config import CONFIG_FILE_NAME, SiteConfig, load_config
from sitegen.context import ContextBuilder
from sitegen.dates import OFFSETLESS_JEKYLL, day_moved_by_utc_reading
from sitegen.errors import Diagnostic, OutputError, SitegenError, UsageError
from sitegen.executor import executor_for
from sitegen.fingerprint import document_tokens, fingerprint
from sitegen.index import build_index
from sitegen.jekyll_collections import POSTS
from sitegen.liquid_stage import includes_dirs, render_liquid_bodies
from sitegen.loader import LoadOptions
from sitegen.loading import load_site
from sitegen.model import Post
from sitegen.plan import category_stubs, plan_site
from sitegen.render import Renderer
from sitegen.rendering import render_site
from sitegen.search_index import build_search_index, pagefind_executable, post_outputs, search_enabled
from sitegen.site_data import data_dirs
from sitegen.sources import CACHE_DIR_NAME, POSTS_DIR_NAME, content_dir_of, scan_sources
from sitegen.subjects import PostPage
from sitegen.theme import available_layouts, theme_assets, theme_dirs
from sitegen.urls import url_of_output
from sitegen.writer import check_destination, publish

DEFAULT_DESTINATION_NAME = "_site"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    source: Path
    destination: Path | None = None
    """Defaults to `<source>/_site`."""
    future: bool = False
    drafts: bool = False
    strict: bool = False
    force: bool = False
    now: datetime | None = None
    """The build's moment (future posts are after it); defaults to the wall clock."""
    jobs: int | None = None
    """Worker processes; None means one per core, 1 means none."""
    cache: bool = True
    """Use and update `.sitegen-cache/` (the output is the same either way)."""
    progress: Callable[[str, int, int], None] | None = None
    """Called as work completes: (verb, done, total)."""
    atomic_publish: bool = True
    """Swap in a whole new tree (builds), or replace changed files one by one (the dev
    server, where a rebuild must cost what the edit costs, not what the site costs)."""

    @property
    def destination_dir(self) -> Path:
        return self.destination if self.destination is not None else self.source / DEFAULT_DESTINATION_NAME


@dataclass(frozen=True, slots=True)
class BuildResult:
    posts: int
    pages: int
    files_written: int
    files_unchanged: int
    seconds: float
    destination: Path
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    published: bool = True
    changed_paths: tuple[PurePosixPath, ...] = ()
    """Output files that are new, changed or removed by this build."""
    timings: tuple[tuple[str, float], ...] = ()
    """Seconds per stage, in pipeline order."""
    template_seconds: tuple[tuple[str, float], ...] = ()
    """Seconds spent rendering per template, slowest first."""
    pages_rendered: int = 0
    """Pages actually rendered (the rest were unchanged and kept)."""
    posts_from_cache: int = 0

    @property
    def changed_urls(self) -> tuple[str, ...]:
        """The site URLs of `changed_paths` (`a/index.html` → `/a/`), for live reload."""
        return tuple(url_of_output(path) for path in self.changed_paths)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level != "error")

    def summary_line(self) -> str:
        problems = f", {len(self.errors)} error(s)" if self.errors else ""
        state = "" if self.published else " (nothing published)"
        if not self.published:
            return f"built {self.posts} posts, {self.pages} pages{problems} in {self.seconds:.2f} s{state}"
        total = self.files_written + self.files_unchanged
        return (
            f"built {self.posts} posts, {self.pages} pages; all {total} planned files published "
            f"({self.files_written} written, {self.files_unchanged} unchanged){problems} "
            f"in {self.seconds:.2f} s"
        )


def _offsetless_date_warning(
    posts: Sequence[Post], config: SiteConfig, site_dir: Path
) -> tuple[Diagnostic, ...]:
    """One line counting the posts whose day, and so URL, Jekyll's reading of an unquoted
    date without an offset (UTC) moves away from a reading in the site's zone."""
    if config.offsetless_dates != OFFSETLESS_JEKYLL:
        return ()
    zone = config.zone
    moved = sum(day_moved_by_utc_reading(post.front_matter.get("date"), zone) for post in posts)
    if not moved:
        return ()
    message = (
        f"{moved} post(s) have an unquoted date without an offset that Jekyll reads as UTC, "
        f"which puts them on another day in {config.timezone} than written; they are published "
        "where Jekyll publishes them (set offsetless_dates: site_zone to read such dates in the "
        "site's zone instead)"
    )
    return (Diagnostic(message, site_dir / CONFIG_FILE_NAME),)


class BuildFailed(SitegenError):
    """`--strict` and at least one file could not be built."""


def build_site(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = _StageClock(timings)
    site_dir = options.source
    if not site_dir.is_dir():
        raise SitegenError("source folder does not exist", path=site_dir)
    if (
        not (site_dir / CONFIG_FILE_NAME).is_file()
        and not (content_dir_of(site_dir) / POSTS_DIR_NAME).exists()
    ):
        raise UsageError(
            f"no {CONFIG_FILE_NAME} and no {POSTS_DIR_NAME}/ here, so this is not a site folder; "
            "pass -s SITE, or create a site with sitegen init",
            path=site_dir,
        )
    config = load_config(site_dir)
    destination = options.destination_dir
    check_destination(destination, site_dir, force=options.force)
    pagefind = pagefind_executable(site_dir) if search_enabled(config) else None
    diagnostics: list[Diagnostic] = []
    if config.ignored_keys:
        ignored = ", ".join(config.ignored_keys)
        diagnostics.append(
            Diagnostic(
                f"settings sitegen ignores (Liquid reads them as site.<key>): {ignored}",
                site_dir / "_config.yml",
            )
        )
    cache = BuildCache.open(site_dir / CACHE_DIR_NAME) if options.cache else BuildCache.disabled()
    if cache.recovered:
        diagnostics.append(
            Diagnostic("the build cache could not be read; it was rebuilt", site_dir / CACHE_DIR_NAME)
        )
    executor = executor_for(options.jobs)
    # Scanning, loading and planning build hundreds of thousands of long-lived, acyclic
    # objects (paths, posts, pages); the cyclic collector would re-walk them again and
    # again as they pile up (a third of a no-change rebuild at 100,000 posts). It rests
    # until the plan stands, then they are frozen out of its sight: later collections
    # stop re-walking them and forked workers do not copy the memory it would touch.
    collector_was_enabled = gc.isenabled()
    gc.disable()
    try:
        tree = scan_sources(
            site_dir,
            config.exclude,
            (destination, site_dir / CACHE_DIR_NAME),
            tuple(c.folder for c in config.collections if c.output and c.label != POSTS),
        )
        diagnostics.extend(tree.diagnostics)
        clock.lap("scan")

        load_options = LoadOptions(
            now=options.now or datetime.now(UTC), future=options.future, drafts=options.drafts
        )
        loaded = load_site(tree, config, load_options, executor, cache, _reporter(options, "loaded"))
        diagnostics.extend(loaded.diagnostics)
        diagnostics.extend(_offsetless_date_warning(loaded.posts, config, site_dir))
        clock.lap("load")

        liquid = render_liquid_bodies(
            loaded.posts,
            loaded.pages,
            loaded.static_files,
            loaded.source_keys,
            config,
            includes_dirs(site_dir),
            load_options.now,
            data_dirs(site_dir),
        )
        loaded = replace(loaded, posts=liquid.posts, pages=liquid.pages, source_keys=liquid.source_keys)
        diagnostics.extend(liquid.diagnostics)
        clock.lap("liquid")

        stubs = category_stubs(loaded.pages)
        stub_titles = {name: page.title for name, page in stubs.items()}
        index = build_index(loaded.posts, config.category_titles, stub_titles)
        template_dirs = theme_dirs(site_dir)
        plan = plan_site(
            config,
            index,
            loaded.pages,
            loaded.static_files,
            theme_assets(template_dirs),
            available_layouts(template_dirs),
        )
        diagnostics.extend(plan.errors)
        contexts = ContextBuilder(
            config, plan.category_urls, index.category_titles, plan.feed_url, plan.archive_url
        )
        renderer = Renderer(template_dirs, contexts)
        renderer.check_templates()
        gc.freeze()
        if collector_was_enabled:
            gc.enable()
        clock.lap("plan")

        site_fingerprint = fingerprint((__version__, contexts), {})
        rendered = render_site(
            plan.pages,
            renderer,
            site_fingerprint,
            document_tokens((*loaded.posts, *loaded.pages), loaded.source_keys),
            cache.pages(),
            destination,
            executor,
            _reporter(options, "rendered"),
        )
        diagnostics.extend(rendered.diagnostics)
        clock.lap("render")

        errors = [d for d in diagnostics if d.level == "error"]
        output_paths = {path for path, _ in rendered.outputs}
        # Posts that reach the site: a post left out by the plan or the render stage (its
        # URL clashed, its page failed) is counted among the errors, not as built.
        posts_built = sum(
            isinstance(page.subject, PostPage) and page.output_path in output_paths for page in plan.pages
        )
        if options.strict and errors:
            return BuildResult(
                posts_built,
                len(loaded.pages),
                0,
                0,
                time.perf_counter() - started,
                destination,
                tuple(diagnostics),
                published=False,
                timings=tuple(timings.items()),
            )
        outputs = rendered.outputs
        if pagefind is not None:
            # Indexed before publishing, so the index goes live in the same swap as its pages.
            posts_html = post_outputs(
                ((page.output_path, page.subject) for page in plan.pages), outputs, destination
            )
            outputs = (*outputs, *build_search_index(posts_html, pagefind))
            clock.lap("search")
        copied = [(static.relative_path, static.source_path) for static in plan.static_files]
        written = publish(destination, outputs, copied, atomic=options.atomic_publish)
        expected = len(outputs) + len(copied)
        if written.files_written + written.files_unchanged != expected:
            raise OutputError(
                f"planned {expected} files but wrote {written.files_written + written.files_unchanged}",
                path=destination,
            )
        planned_paths = {str(path) for path, _ in rendered.outputs}
        cache.store_pages(_page_records(destination, rendered.records), planned_paths)
        clock.lap("write")
    finally:
        gc.unfreeze()
        if collector_was_enabled:
            gc.enable()
        cache.close()
    return BuildResult(
        posts=posts_built,
        pages=len(rendered.outputs),
        files_written=written.files_written,
        files_unchanged=written.files_unchanged,
        seconds=time.perf_counter() - started,
        destination=destination,
        diagnostics=tuple(diagnostics),
        changed_paths=written.changed_paths,
        timings=tuple(timings.items()),
        template_seconds=tuple(sorted(rendered.template_seconds.items(), key=lambda item: -item[1])),
        pages_rendered=rendered.rendered_count,
        posts_from_cache=loaded.cache_hits,
    )


class _StageClock:
    """Records how long each stage took, for `--profile`."""

    def __init__(self, timings: dict[str, float]) -> None:
        self._timings = timings
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self._timings[stage] = now - self._last
        self._last = now


def _reporter(options: BuildOptions, verb: str) -> Callable[[int, int], None] | None:
    progress = options.progress
    if progress is None:
        return None
    return lambda done, total: progress(verb, done, total)


def _page_records(
    destination: Path, records: dict[PurePosixPath, tuple[str, tuple[str, ...]]]
) -> list[tuple[str, PageRecord]]:
    stored = []
    for relative, (page_fingerprint, templates) in records.items():
        try:
            stat = (destination / relative).stat()
        except OSError:
            continue
        stored.append(
            (str(relative), PageRecord(page_fingerprint, stat.st_size, stat.st_mtime_ns, templates))
        )
    return stored
