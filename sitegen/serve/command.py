"""`sitegen serve`: build, serve, and with `--watch` rebuild and live-reload on change.

A file that cannot be built never holds the rest of the site back, here as in `sitegen
build`: every rebuild publishes what builds. When a rebuild reports errors, they show in
the terminal and as an overlay over every open page, and open pages are not reloaded,
so the page an author is editing stays on screen, overlaid by the error, instead of
vanishing. A rebuild that fails as a whole (a broken `_config.yml` or template) leaves
the last good site served.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.build import BuildOptions, BuildResult, build_site
from sitegen.collector import collect_garbage
from sitegen.content.scan import TEMPLATES_DIR_NAME, includes_dirs
from sitegen.content.site_data import data_dirs
from sitegen.content.unread import ReadRules, read_rules
from sitegen.errors import Diagnostic, SitegenError
from sitegen.preview import ResidentSite, fast_lane
from sitegen.serve.http_server import check_address
from sitegen.serve.server import DEFAULT_HOST, DEFAULT_PORT, DevServer, RebuildResult, run_server
from sitegen.urls import url_of_output


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What `sitegen serve` is asked for: the build to serve, where, and whether to watch."""

    build: BuildOptions
    """Published in place (`atomic_publish=False`): a rebuild replaces only what changed."""
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    """0 picks a free port."""
    watch: bool = False
    """Rebuild on every change below the site folder and reload open pages."""


def serve_site(options: ServeOptions, on_ready: Callable[[DevServer], None] | None = None) -> int:
    """Build, then serve until interrupted; returns the exit code. `on_ready` runs once
    the server listens (see `run_server`).

    Raises `SitegenError` when the first build fails as a whole (config, templates,
    destination) or the address cannot be bound."""
    build = _as_it_is_now(options.build)
    if options.watch:
        # watchdog warns with its whole internal state each time a folder made below the
        # site is watched by an event it had already handled (`mkdir -p a/b/c`): a
        # condition of its own, with nothing for the user to do.
        warnings.filterwarnings("ignore", r"Callback with id .* already exists", RuntimeWarning)
    check_address(options.host, options.port)  # before a build that can take a while
    builds = ServedBuilds(build, keeps_site=options.watch, given_source=options.build.source)
    try:
        first = builds.first()
    except SitegenError as error:
        raise _as_given(error, options.build, build) from None
    return run_server(
        first.destination,
        host=options.host,
        port=options.port,
        baseurl=first.baseurl,
        rebuild=builds.rebuild if options.watch else None,
        fast_lane=builds.update_at_once if options.watch else None,
        watch_paths=watched_paths(build.source, first.outside_inputs, first.linked_outside)
        if options.watch
        else (),
        ignore_paths=(first.destination,),
        cache_dir=first.cache_dir,
        read_rules=_read_rules(build, first),
        on_ready=on_ready,
        publish_gate=build.publish_gate if options.watch else None,
        # The first build's errors reach the overlay as a rebuild's do.
        first_error="\n".join(builds.shown(error) for error in first.errors) or None,
    )


class ServedBuilds:
    """The builds of one `sitegen serve`: the first, then one per change while watching,
    each after the fast lane (`sitegen.preview`) has rewritten the pages it can.

    Between builds the server holds one build's resident site (`sitegen.resident`), and
    only while watching. A build leaves its cyclic garbage (the Jinja and Liquid
    environments it rendered with, which the next build's replace) out of the collector's
    sight until it ends (`sitegen.collector`), and Python's own thresholds rarely run a
    full collection in a process that allocates mostly while collection is paused: each
    rebuild left ~0.5 MB more behind, for as long as the server ran. So every rebuild
    starts with a full collection, once the last model is let go of: its cost (55 ms at
    10,000 posts) comes after the fast lane has shown the change, and the build that
    follows never has two models in memory."""

    def __init__(self, build: BuildOptions, keeps_site: bool, given_source: Path | None = None) -> None:
        """`given_source`: the site folder as the command line named it (`build.source`
        is its real path), which every printed path starts with, as `sitegen build`'s do."""
        self._build = build
        self._given_source = build.source if given_source is None else given_source
        self._keeps_site = keeps_site
        self._resident: ResidentSite | None = None
        """What the last build that published made, for the fast lane; None after a
        build that failed as a whole, whose sources the served site no longer follows."""
        self._shown: set[str] = set()
        """Warnings printed already: a rebuild prints only new ones, not every rebuild
        the same settings note again (its errors the server prints, see
        `RebuildResult.error`)."""

    def first(self) -> BuildResult:
        """The first build, its diagnostics and summary printed as `sitegen build` prints them."""
        first = build_site(self._build, keep=self._keep if self._keeps_site else None)
        for diagnostic in first.diagnostics:
            print(self.shown(diagnostic), file=sys.stderr, flush=True)
        print(first.summary_line(), flush=True)
        self._shown = {self.shown(warning) for warning in first.warnings}
        return first

    def update_at_once(self, changed: frozenset[Path]) -> tuple[str, ...]:
        """The fast lane for `changed` (real paths): the site URLs it rewrote."""
        # Let go of the model before the rebuild makes the next one: never two at once.
        site, self._resident = self._resident, None
        if site is None:
            return ()
        lane = fast_lane(site, changed)
        if lane.urls:
            print(f"updated {' '.join(lane.urls)} in {lane.seconds:.3f} s; rebuilding the rest", flush=True)
        return lane.urls

    def rebuild(self, _changed: frozenset[Path]) -> RebuildResult:
        """Build again, published in place; the new warnings printed."""
        self._resident = None
        collect_garbage()
        result = build_site(self._build, keep=self._keep)
        warnings_shown = [self.shown(warning) for warning in result.warnings]
        for warning in warnings_shown:
            if warning not in self._shown:
                print(warning, file=sys.stderr, flush=True)
        self._shown = set(warnings_shown)
        errors = "\n".join(self.shown(error) for error in result.errors) or None
        changed = result.changed_urls
        if errors is not None:
            # The pages it rewrote reload; one its errors took out of the site (a post
            # left out) keeps its last good version open under the overlay, not a 404.
            written = (path for path in result.changed_paths if (result.destination / path).is_file())
            changed = tuple(url_of_output(path) for path in written)
        return RebuildResult(
            result.destination,
            changed,
            error=errors,
            published=True,
            cache_dir=result.cache_dir,
            read_rules=_read_rules(self._build, result),
            summary=result.summary_line(),
            watch_paths=watched_paths(self._build.source, result.outside_inputs, result.linked_outside),
        )

    def shown(self, diagnostic: Diagnostic) -> str:
        """`diagnostic`'s line with the site folder named as the command line named it
        (`content/_posts/a.md`, not the real path the server builds from)."""
        real = str(self._build.source)
        given = str(self._given_source)
        if given == real:
            return str(diagnostic)
        path = diagnostic.path
        if path.is_relative_to(self._build.source):
            path = self._given_source / path.relative_to(self._build.source)
        prefix = "" if self._given_source == Path() else given.rstrip(os.sep) + os.sep
        message = diagnostic.message.replace(real + os.sep, prefix)
        return str(replace(diagnostic, path=path, message=message))

    def _keep(self, site: ResidentSite) -> None:
        self._resident = site


def _as_it_is_now(build: BuildOptions) -> BuildOptions:
    """`build` with the links on the way to the site, its destination and its cache
    followed now: the server stays on the tree it started with. (`-s releases/current`
    with `current` switched while serving left the watcher on the old release while the
    next rebuild read the new one, and its default destination vanished from under the
    server.) Serving another release takes a restart."""

    def real(path: Path | None) -> Path | None:
        return None if path is None else Path(os.path.realpath(path.absolute().parent)) / path.name

    source = Path(os.path.realpath(build.source))
    return replace(build, source=source, destination=real(build.destination), cache_dir=real(build.cache_dir))


def _as_given(error: SitegenError, given: BuildOptions, real: BuildOptions) -> SitegenError:
    """`error`, which the first build (run on the real paths, `_as_it_is_now`) raised,
    naming the folder as the command line named it: a refusal reads as `sitegen
    build`'s (`-d ./out/`, not `/srv/site/out`). The innermost folder first: the
    default destination and cache folder lie in the site folder."""
    folders = ((real.destination, given.destination), (real.cache_dir, given.cache_dir))
    for real_folder, given_folder in (*folders, (real.source, given.source)):
        if error.path is None or real_folder is None or given_folder is None:
            continue
        if error.path.is_relative_to(real_folder):
            error.path = given_folder / error.path.relative_to(real_folder)
            break
    for real_folder, given_folder in folders:  # a folder on their way, named in the text
        if real_folder is not None and given_folder is not None:
            error.message = _ways_as_given(error.message, real_folder, given_folder)
    return error


def _ways_as_given(message: str, real: Path, given: Path) -> str:
    """`message` with each folder on `real`'s way that `given` names too (`/srv/a` of
    `/srv/a/out`, given as `a/out`) written as `given` writes it (`a`): a refusal names
    the folder this user may not write in as `sitegen build` would."""
    while given.parent != given and real.parent != real:
        real, given = real.parent, given.parent
        if given.name:  # not `.`: a message names the working folder's path as it is
            message = message.replace(f" {real}", f" {given}")
    return message


def _read_rules(build: BuildOptions, result: BuildResult) -> ReadRules:
    """What a build with the settings `result`'s build read reads (see
    `sitegen.content.unread`): never its destination (`-d` or `destination:`) nor its cache."""
    unread = (result.destination, *((result.cache_dir,) if result.cache_dir else ()))
    return read_rules(build.source, result.exclude, result.include, result.import_folders, unread)


def watched_paths(
    site_dir: Path, outside_inputs: tuple[Path, ...] = (), linked_outside: tuple[Path, ...] = ()
) -> tuple[Path, ...]:
    """What can change the site: the whole site folder (first: its rules apply below
    it), the folders outside it the last build read (`outside_inputs`: Sass
    `load_paths`), and what links lead to outside it: the files and folders the scan
    read through them (`linked_outside`: outside safe mode a post, page or folder
    `uploads -> /srv/shared/uploads` is read as its target, as in Jekyll), and those the
    theme, `_data/` and `_includes/` lead to (`templates/base.html -> ~/themes/x/base.html`:
    the theme is read wherever its links lead). An edit there raises no event in the
    site folder, so each is watched itself, a folder whole. All are looked for after
    every build (`sitegen.serve.server` moves the watcher when they change).

    Not only `content/` and `templates/`: a `templates/` folder made after the server
    started, a symlinked `templates/` pointed elsewhere, or a symlink's target elsewhere in
    the site must all be noticed. The destination, the cache and the folders the build
    never reads (`.git`, `.venv`, the top-level `node_modules`: `sitegen.content.unread`)
    are left out by the watcher."""
    site = Path(os.path.realpath(site_dir))
    outside: set[Path] = set()
    outside_folders: set[Path] = set()
    for target in linked_outside:
        (outside_folders if target.is_dir() else outside).add(target)
    seen: set[str] = set()
    for top in (site / TEMPLATES_DIR_NAME, *data_dirs(site), *includes_dirs(site)):
        for folder, folders, names in os.walk(top, followlinks=True):
            real = Path(os.path.realpath(folder))
            if str(real) in seen:
                folders[:] = []
                continue
            seen.add(str(real))
            if not real.is_relative_to(site):
                # A folder linked from elsewhere is watched whole: a file added there
                # later (watched file by file, it went unseen) is read by the next build.
                outside_folders.add(real)
                folders[:] = []
                continue
            folders[:] = [
                name for name in folders if os.path.realpath(Path(folder, name)) not in seen
            ]  # loops
            for name in names:
                target = Path(os.path.realpath(Path(folder, name)))
                if not target.is_relative_to(site) and target.is_file():
                    outside.add(target)
    folders_out = _outermost(outside_folders)
    files = (target for target in outside if not any(target.is_relative_to(f) for f in folders_out))
    return (site_dir, *outside_inputs, *folders_out, *sorted(files))


def _outermost(folders: set[Path]) -> list[Path]:
    """`folders` without those inside another of them, sorted (one watch covers both)."""
    return sorted(
        folder
        for folder in folders
        if not any(folder != other and folder.is_relative_to(other) for other in folders)
    )
