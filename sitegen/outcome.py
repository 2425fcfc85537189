"""What a build is asked to do (`BuildOptions`) and what it reports (`BuildResult`).

Apart from the pipeline (`sitegen.build`) so that the command line, the dev server and
the progress lines can name them without importing the pipeline's libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sitegen.errors import Diagnostic, Level
from sitegen.publish.destination_setting import DEFAULT_DESTINATION_NAME as DEFAULT_DESTINATION_NAME
from sitegen.publish.destination_setting import destination_for
from sitegen.publish.gate import PublishGate
from sitegen.urls import OutputPath, url_of_output


@dataclass(frozen=True, slots=True)
class BuildOptions:
    source: Path
    destination: Path | None = None
    """`-d`; None means the config's `destination`, else `<source>/_site` (`destination_in`)."""
    future: bool = False
    drafts: bool = False
    strict: bool = False
    force: bool = False
    now: datetime | None = None
    """The build's moment (future posts are after it); defaults to the wall clock."""
    jobs: int | None = None
    """Worker processes; None means one per core, 1 means none."""
    cache: bool = True
    """Use and update the cache folder (the output is the same either way)."""
    known_digests: Mapping[tuple[int, int, int, int, int], str] = field(default_factory=dict)
    """Content digests of files as the no-change check found them, by (size, mtime_ns,
    ctime_ns, inode, device) (`sitegen.incremental.manifest.Snapshot.content_digests`):
    the load takes a source's digest from here when the file still has that stamp,
    rather than reading it again."""
    cache_dir: Path | None = None
    """The cache folder; None means the config's `cache_dir`, else `<source>/.sitegen-cache`."""
    progress: Callable[[str, int, int], None] | None = None
    """Called as work completes: (verb, done, total)."""
    compiled_templates: dict[str, bytes] | None = None
    """Compiled template code a process that builds again and again keeps between its
    builds (the dev server, a test run), by key (`sitegen.incremental.bytecode`): read
    before the cache's, and every template a build compiles or reads is added. A key
    holds everything the code depends on, so code kept for one site serves another only
    where it is the same. None: the cache's code only."""
    atomic_publish: bool = True
    """Swap in a whole new tree (builds), or replace changed files one by one (the dev
    server, where a rebuild must cost what the edit costs, not what the site costs)."""
    publish_gate: PublishGate = field(default_factory=PublishGate)
    """Held while publishing: the dev server closes it as it stops, so a rebuild it
    leaves behind publishes nothing and one publishing ends first (`sitegen.publish.gate`)."""

    def destination_in(self, configured: str) -> Path:
        """Where the build publishes, given the config's `destination` ("" when unset):
        `sitegen.publish.destination_setting.destination_for`."""
        return destination_for(self.source, self.destination, configured)

    def reporter(self, verb: str) -> Callable[[int, int], None] | None:
        """`progress` for one stage's (done, total) counts, or None without one."""
        progress = self.progress
        if progress is None:
            return None
        return lambda done, total: progress(verb, done, total)


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
    files_removed: int = 0
    """Published files this build removed (a post deleted, a listing page gone)."""
    changed_paths: tuple[OutputPath, ...] = ()
    """Output files that are new, changed or removed by this build, as their paths below
    the destination (`a/index.html`), sorted as strings."""
    timings: tuple[tuple[str, float], ...] = ()
    """Seconds per stage, in pipeline order."""
    template_seconds: tuple[tuple[str, float], ...] = ()
    """Seconds spent rendering per template, slowest first."""
    pages_rendered: int = 0
    """Pages actually rendered (the rest were unchanged and kept)."""
    pages_left_out: int = 0
    """Planned pages not published: the site's template and the theme's failed on them."""
    pages_fallen_back: int = 0
    """Pages published with the theme's template, the site's having failed on them."""
    sources_from_cache: int = 0
    """Posts and pages taken from the build cache rather than read and converted again."""
    baseurl: str = ""
    """The prefix the site is served under (`baseurl` of its config), for the dev server."""
    valid_until: datetime | None = None
    """When this output stops being what a build of the same files makes: a future post
    falls due, or (Liquid reading the clock) at once; None means never."""
    read_digests: Mapping[tuple[int, int, int, int], str] = field(default_factory=dict)
    """The content digest of each source the build read, by (device, inode, size,
    mtime_ns): the no-change manifest records these instead of hashing the files again."""
    cache_dir: Path | None = None
    """The cache folder this build used (None when it used none)."""
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    """The site's `exclude` and `include` as this build applied them: the dev server
    watches what they let the build read (`sitegen.content.unread`)."""
    import_folders: tuple[Path, ...] = ()
    """The absolute folders Sass imports from (`load_paths`, `sass_dir`), which the
    dev server watches whatever `exclude` says."""
    reads_mtimes: bool = False
    """The output may hold a value read from a source file's mtime (an undated draft's
    date, Liquid's `modified_time` of a static file): the no-change check then counts a
    moved mtime as a change even when the bytes are the same."""
    outside_inputs: tuple[Path, ...] = ()
    """Folders outside the site whose files the build may have read (Sass `load_paths`):
    the no-change check walks them too."""
    linked_outside: tuple[Path, ...] = ()
    """The files and folders outside the site that links in it lead to and the scan read
    through (`SourceTree.linked_outside`): the dev server watches them. (The no-change
    check needs no list: it follows every link of the site folder.)"""
    published_files: tuple[str, ...] = ()
    """Every file published, as its path below the destination: the no-change check
    compares each of their folders."""
    kept_folders: Mapping[str, tuple[int, int, int]] | None = None
    """The published folders publishing left alone → their (mtime_ns, ctime_ns, inode)
    as listed before it; None when it made a new tree (`WriteSummary.kept_folders`)."""
    unread_folders: tuple[Path, ...] = ()
    """Source folders that could not be read (each an error line): the build lacks their
    files and removed nothing, so it is no state for the no-change check to record."""
    source_top_names: frozenset[str] = frozenset()
    """The names at the site folder's top level under which the scan found the sources
    it read (`content.source_folders.source_top_names`): the no-change record is refused
    where one is a name its check did not see."""
    source_folder_names: frozenset[str] = frozenset()
    """Every folder name on the way to a source or Sass import the build read
    (`content.source_folders.source_folder_names`): the next check walks those it
    leaves out by name (`incremental.input_files.entered_folders`)."""

    @property
    def changed_urls(self) -> tuple[str, ...]:
        """The site URLs of `changed_paths` (`a/index.html` → `/a/`), for live reload."""
        return tuple(url_of_output(path) for path in self.changed_paths)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level is Level.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level is not Level.ERROR)

    def summary_line(self) -> str:
        problems = f", {len(self.errors)} error(s)" if self.errors else ""
        state = "" if self.published else " (nothing published)"
        if not self.published:
            return f"built {self.posts} posts, {self.pages} pages{problems} in {self.seconds:.2f} s{state}"
        total = self.files_written + self.files_unchanged
        removed = f", {self.files_removed} removed" if self.files_removed else ""
        published = (
            f"{total} of {total + self.pages_left_out} planned files published"
            if self.pages_left_out
            else f"all {total} planned files published"
        )
        fallen_back = (
            f", {self.pages_fallen_back} with the theme's template" if self.pages_fallen_back else ""
        )
        return (
            f"built {self.posts} posts, {self.pages} pages; {published} "
            f"({self.files_written} written, {self.files_unchanged} unchanged{removed}{fallen_back})"
            f"{problems} in {self.seconds:.2f} s"
        )
