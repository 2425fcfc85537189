"""`sitegen build`: the pipeline, read top to bottom.

config → source files → posts and pages → site index → page plan → rendered bytes →
published tree. Each stage takes the previous one's output and returns new values.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sitegen.config import load_config
from sitegen.context import ContextBuilder
from sitegen.errors import ContentError, Diagnostic, OutputError, SitegenError
from sitegen.frontmatter import has_front_matter
from sitegen.index import build_index
from sitegen.loader import LoadOptions, load_page, load_post
from sitegen.model import Post, SourcePage, StaticFile
from sitegen.plan import category_stubs, plan_site
from sitegen.render import Renderer
from sitegen.sources import CACHE_DIR_NAME, SourceFile, scan_sources
from sitegen.theme import theme_assets, theme_dirs
from sitegen.urls import url_of_output
from sitegen.writer import check_destination, publish

DEFAULT_DESTINATION_NAME = "_site"
_FRONT_MATTER_PROBE_BYTES = 64


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


class BuildFailed(SitegenError):
    """`--strict` and at least one file could not be built."""


def build_site(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    site_dir = options.source
    if not site_dir.is_dir():
        raise SitegenError("source folder does not exist", path=site_dir)
    config = load_config(site_dir)
    destination = options.destination_dir
    check_destination(destination, site_dir, force=options.force)
    diagnostics: list[Diagnostic] = []
    if config.ignored_keys:
        diagnostics.append(
            Diagnostic(
                f"Jekyll settings sitegen ignores: {', '.join(config.ignored_keys)}", site_dir / "_config.yml"
            )
        )

    tree = scan_sources(site_dir, config.exclude, (destination, site_dir / CACHE_DIR_NAME))
    load_options = LoadOptions(
        now=options.now or datetime.now(UTC), future=options.future, drafts=options.drafts
    )
    post_sources = tree.posts + (tree.drafts if options.drafts else ())
    posts: list[Post] = []
    for source in post_sources:
        draft = source in tree.drafts
        document = _load(
            lambda s=source, d=draft: load_post(s, s.path.read_bytes(), config, load_options, draft=d),
            source,
            diagnostics,
        )
        if isinstance(document, Post):
            posts.append(document)
    pages: list[SourcePage] = []
    static_files: list[StaticFile] = []
    for source in tree.others:
        if _starts_with_front_matter(source.path):
            document = _load(lambda s=source: load_page(s, s.path.read_bytes(), config), source, diagnostics)
            if isinstance(document, SourcePage):
                pages.append(document)
        else:
            static_files.append(StaticFile(source.path, source.relative_path))

    stubs = category_stubs(pages)
    index = build_index(posts, config.category_titles, {name: page.title for name, page in stubs.items()})
    template_dirs = theme_dirs(site_dir)
    plan = plan_site(config, index, pages, static_files, theme_assets(template_dirs))
    diagnostics.extend(plan.errors)
    contexts = ContextBuilder(
        config, plan.category_urls, index.category_titles, plan.feed_url, plan.archive_url
    )
    renderer = Renderer(template_dirs, contexts)
    renderer.check_templates()

    rendered = []
    for page in plan.pages:
        try:
            rendered.append((page.output_path, renderer.render(page)))
        except ContentError as error:
            diagnostics.append(Diagnostic(error.message, page.source_path, error.line, "error"))

    errors = [d for d in diagnostics if d.level == "error"]
    if options.strict and errors:
        return BuildResult(
            len(posts),
            len(pages),
            0,
            0,
            time.perf_counter() - started,
            destination,
            tuple(diagnostics),
            published=False,
        )
    copied = [(static.relative_path, static.source_path) for static in plan.static_files]
    written = publish(destination, rendered, copied)
    expected = len(rendered) + len(copied)
    if written.files_written + written.files_unchanged != expected:
        raise OutputError(
            f"planned {expected} files but wrote {written.files_written + written.files_unchanged}",
            path=destination,
        )
    return BuildResult(
        posts=len(posts),
        pages=len(rendered),
        files_written=written.files_written,
        files_unchanged=written.files_unchanged,
        seconds=time.perf_counter() - started,
        destination=destination,
        diagnostics=tuple(diagnostics),
        changed_paths=written.changed_paths,
    )


def _load(load: object, source: SourceFile, diagnostics: list[Diagnostic]) -> Post | SourcePage | None:
    """Run one loader call, turning a `ContentError` into a reported, skipped file."""
    assert callable(load)
    try:
        loaded = load()
    except ContentError as error:
        diagnostics.append(Diagnostic(error.message, error.path or source.path, error.line, "error"))
        return None
    except OSError as error:
        diagnostics.append(Diagnostic(f"cannot read: {error.strerror}", source.path, None, "error"))
        return None
    diagnostics.extend(loaded.warnings)
    return loaded.document


def _starts_with_front_matter(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(_FRONT_MATTER_PROBE_BYTES)
    try:
        text = head.decode("utf-8-sig", errors="ignore").replace("\r\n", "\n")
    except UnicodeDecodeError:  # pragma: no cover - errors are ignored above
        return False
    return has_front_matter(text)
