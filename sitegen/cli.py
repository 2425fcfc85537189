"""The command line: parse arguments, call one library function, map errors to exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitegen import __version__
from sitegen.collector import collector_paused
from sitegen.content.cache_tag import tag
from sitegen.errors import SitegenError, UsageError, message_lines
from sitegen.folder_refusals import Found, require_folder
from sitegen.incremental import manifest
from sitegen.interrupts import interrupts_deferred, raise_taken_stop, stopped_status, terminate_as_interrupt
from sitegen.jekyll.config_file import config_file_of
from sitegen.no_change_command import manifest_request, record_build
from sitegen.publish.destination_setting import destination_for
from sitegen.publish.gate import PublishGate
from sitegen.publish.trash import discard_trash_beside
from sitegen.publish_hold import HeldPublishGate

if TYPE_CHECKING:
    from sitegen.outcome import BuildResult

EXIT_OK = 0
EXIT_BUILD_ERRORS = 1
NO_CONFIG_NOTE = (
    "note: no _config.yml in {site_dir}, so links are checked as if the site had no url and "
    "no baseurl; name the site with -s SITE to check with its settings"
)


WORKING_FOLDER_GONE = (
    "the working folder no longer exists (deleted or replaced since the shell entered it): "
    "cd into the site folder again, or pass its full path with -s"
)


def _working_folder_gone() -> bool:
    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    return False


_TYPED = "_typed"
"""The suffix of the attribute holding a path argument as typed (`source_typed`)."""


class _PathArgument(argparse.Action):
    """Store a path argument as a `Path`, and its text as typed beside it (`source_typed`):
    `Path` writes `./out/` as `out`, and a refusal names the folder as the user typed it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, str):
            setattr(namespace, self.dest, Path(values))
            setattr(namespace, self.dest + _TYPED, values)
        else:  # an optional positional left out: its default
            setattr(namespace, self.dest, values)


def _typed_paths(arguments: argparse.Namespace) -> dict[Path, str]:
    """Each path argument given, as typed, by the `Path` the command passes on."""
    given = vars(arguments)
    return {
        given[name.removesuffix(_TYPED)]: text
        for name, text in given.items()
        if name.endswith(_TYPED) and isinstance(text, str)
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="A fast, Jekyll-compatible static news-site generator.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build",
        help="build the site into the destination folder",
        description="Build the site into the destination folder.",
    )
    _add_site_arguments(build)
    build.add_argument(
        "--strict", action="store_true", help="exit non-zero, publishing nothing, if any file cannot be built"
    )
    build.add_argument(
        "--force", action="store_true", help="replace a destination holding files sitegen did not write"
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="processes that load and render: this one and N-1 workers (default: one per core)",
    )
    build.add_argument(
        "--profile", action="store_true", help="print the time spent per stage and per template"
    )

    init = commands.add_parser(
        "init",
        help="create a new site that builds at once",
        description="Create a new site folder with a config, a post and a page.",
    )
    init.add_argument("directory", action=_PathArgument, help="folder to create (must be empty or absent)")

    check = commands.add_parser(
        "check",
        help="report internal links that do not resolve in a built tree",
        description="Report every internal link of a built site that does not resolve to a file.",
    )
    check.add_argument(
        "directory",
        action=_PathArgument,
        nargs="?",
        default=None,
        help="built site (default: where sitegen build -s SOURCE publishes: destination in "
        "_config.yml, else SOURCE/_site)",
    )
    check.add_argument(
        "-s",
        "--source",
        action=_PathArgument,
        default=None,
        help="site folder whose _config.yml gives url and baseurl "
        "(default: the built folder's parent, else .)",
    )

    serve = commands.add_parser(
        "serve",
        help="build, then serve the site over HTTP",
        description="Build the site, then serve it on localhost.",
    )
    _add_site_arguments(serve)
    serve.add_argument("--watch", action="store_true", help="rebuild when a source file changes")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=4000, help="port to listen on (default: 4000)")
    return parser


def _add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-s", "--source", action=_PathArgument, default=Path("."), help="site folder (default: .)"
    )
    parser.add_argument(
        "-d",
        "--destination",
        action=_PathArgument,
        default=None,
        help="output folder (default: destination in _config.yml, else SOURCE/_site)",
    )
    parser.add_argument("--future", action="store_true", help="publish posts dated in the future")
    parser.add_argument("--drafts", action="store_true", help="publish posts in _drafts/")
    parser.add_argument(
        "--cache-dir",
        action=_PathArgument,
        default=None,
        help="the build cache's folder (default: cache_dir in _config.yml, else SOURCE/.sitegen-cache)",
    )


def main(
    argv: Sequence[str] | None = None,
    *,
    hold: list[object] | None = None,
    compiled_templates: dict[str, bytes] | None = None,
) -> int:
    """Run one command; its exit status. `hold`: see `sitegen.build.build_site`;
    `compiled_templates` (`sitegen build`, for a caller that runs it again and again in
    one process): see `BuildOptions.compiled_templates`."""
    with interrupts_deferred():  # argparse imports modules as it goes (see `sitegen.interrupts`)
        arguments = build_parser().parse_args(argv)
    try:
        if arguments.command == "build":
            # The whole command: its no-change check, build and manifest pass over every
            # input and page (see `sitegen.collector`); the process ends when it is done.
            with collector_paused():
                return _build(arguments, hold, compiled_templates)
        if arguments.command == "init":
            return _init(arguments)
        if arguments.command == "check":
            return _check(arguments)
        if arguments.command == "serve":
            return _serve(arguments)
    except SitegenError as error:
        # A folder the command line named is named as typed (`-d ./out/`, not `out`).
        typed = _typed_paths(arguments).get(error.path) if error.path is not None else None
        for line in message_lines(error.located(typed)):
            print(f"error: {line}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        name = error.filename
        relative = not isinstance(name, (str, bytes)) or not os.path.isabs(name)
        if relative and _working_folder_gone():
            # Every relative path (`-s .`, the default) is read from it: a shell left in a
            # folder a deploy or `git` replaced. Absolute paths build as ever.
            print(f"error: {WORKING_FOLDER_GONE}", file=sys.stderr)
            return UsageError.exit_code
        if error.filename is None:
            raise  # not a file's: the report's own output (see `sitegen.__main__`)
        # A file or folder the system refused where no stage expected it (a theme folder
        # without permission): one line naming it, never a traceback.
        print(f"error: {error.filename}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BUILD_ERRORS
    except KeyboardInterrupt as stop:
        print("stopped", file=sys.stderr)
        # Ctrl-C is how the dev server is meant to end; anything else was cut short.
        return EXIT_OK if arguments.command == "serve" else stopped_status(stop)
    raise AssertionError(f"unhandled command {arguments.command}")  # pragma: no cover


def _build(
    arguments: argparse.Namespace,
    hold: list[object] | None = None,
    compiled_templates: dict[str, bytes] | None = None,
) -> int:
    """The no-change check first (standard library only), then, if anything differs,
    the pipeline, imported only then; a build that published records the manifest."""
    started = time.perf_counter()
    if arguments.jobs is not None and arguments.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    request = manifest_request(arguments)
    probe = manifest.probe(request, forked=arguments.jobs != 1) if request is not None else None
    if request is not None and probe is not None and probe.unchanged is not None:
        raise_taken_stop()  # a stop lost on its way (`sitegen.interrupts`): not "nothing changed"
        tag(request.cache_dir)  # as a build does: a cache that lost its tag could be published
        discard_trash_beside(request.destination)  # as a build does: an earlier build's trash
        for line in probe.unchanged.diagnostics:
            print(line, file=sys.stderr)
        print(probe.unchanged.line(time.perf_counter() - started))
        return EXIT_OK

    gate = HeldPublishGate()  # Ctrl-C waits from the publish until the build is recorded
    try:
        result = _build_and_record(arguments, request, probe, gate, hold, compiled_templates)
    finally:
        signal_number = gate.let_in()
    if signal_number is not None:  # 130 for Ctrl-C, 143 for SIGTERM, as a shell reports them
        print(f"stopped after publishing: {result.destination} holds this build's site", file=sys.stderr)
        return 128 + signal_number
    return EXIT_BUILD_ERRORS if arguments.strict and result.errors else EXIT_OK


def _build_and_record(
    arguments: argparse.Namespace,
    request: manifest.BuildRequest | None,
    probe: manifest.Probe | None,
    gate: PublishGate,
    hold: list[object] | None,
    compiled_templates: dict[str, bytes] | None,
) -> BuildResult:
    """The build, its manifest recorded once it published, and what it printed."""
    with interrupts_deferred():  # the pipeline's modules (see `sitegen.interrupts`)
        from sitegen.build import BuildOptions, build_site
        from sitegen.progress import ProgressPrinter, format_profile

    result = build_site(
        BuildOptions(
            source=arguments.source,
            destination=arguments.destination,
            future=arguments.future,
            drafts=arguments.drafts,
            strict=arguments.strict,
            force=arguments.force,
            jobs=arguments.jobs,
            progress=ProgressPrinter(sys.stderr),
            cache_dir=arguments.cache_dir,
            known_digests=probe.snapshot.content_digests() if probe and probe.snapshot else {},
            compiled_templates=compiled_templates,
            publish_gate=gate,
        ),
        hold=hold,
    )
    # Recorded before anything is printed: output nobody reads any more (a closed pipe)
    # must not cost the next build its no-change check.
    # A build that could not read a source folder kept the pages it did not plan: no
    # state for the check to take as the site's (it must build again once it can read).
    complete = result.published and not result.unread_folders
    if request is not None and probe is not None and probe.snapshot is not None and complete:
        record_build(request, probe.snapshot, result)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if arguments.profile:
        print(format_profile(result), file=sys.stderr)
    print(result.summary_line())
    return result


def _init(arguments: argparse.Namespace) -> int:
    from sitegen.scaffold import create_site

    created = create_site(arguments.directory)
    print(
        f"created a new site in {arguments.directory} ({len(created)} files); "
        f"build it with: sitegen build -s {arguments.directory}"
    )
    return EXIT_OK


def _check(arguments: argparse.Namespace) -> int:
    from sitegen.check.links import check_site, format_report
    from sitegen.config import load_config
    from sitegen.content.scan import SOURCE_REFUSALS
    from sitegen.publish.destination import refuse_source_folders, refuse_system_folders

    built: Path | None = arguments.directory
    # The parent of the folder as named from here (`.` inside the built site is `..`).
    parent = Path(os.path.abspath(built)).parent if built is not None else Path(".")
    site_dir = arguments.source if arguments.source is not None else parent
    if arguments.source is not None:  # named: a fault of its own is said as its own
        require_folder(site_dir, "the source folder", SOURCE_REFUSALS)
    if built is not None:  # before its parent's settings are read: the folder named is the fault
        require_folder(built, "the built site", _NOT_BUILT)
    config = load_config(site_dir)
    if built is None:  # where `sitegen build -s SOURCE` publishes
        built = destination_for(site_dir, None, config.destination)
        require_folder(built, "the built site", _NOT_BUILT)
    refuse_system_folders(built)  # `destination: /` would have it walk the whole disk
    # A site's own folder, or one it reads: its templates' links are no built site's.
    if config_file_of(built).is_file() or (built / "_posts").is_dir():
        message = "this is a site's folder, not a built site: check the folder it is built into"
        raise UsageError(message, path=built)
    refuse_source_folders(built, site_dir, config, "the folder to check")
    report = check_site(built, site_url=config.url or None, baseurl=config.baseurl)
    if report.pages_checked == 0:  # a build that published nothing must not pass a CI check
        raise UsageError("no built site here (no pages in it); run sitegen build first", path=built)
    if not config_file_of(site_dir).is_file():
        # Without the site's url and baseurl every link of a baseurl site looks broken:
        # say which settings the check assumed rather than report a wall of false breaks.
        print(NO_CONFIG_NOTE.format(site_dir=site_dir), file=sys.stderr)
    print(format_report(report))
    return EXIT_OK if report.ok else EXIT_BUILD_ERRORS


_NOT_BUILT = {
    Found.MISSING: "no built site here; run sitegen build first",
    Found.OTHER: "no built site here (not a folder); run sitegen build first",
}
"""The line refusing a folder to check that is not there or not a folder."""


def _serve(arguments: argparse.Namespace) -> int:
    with interrupts_deferred():
        from sitegen.build import BuildOptions
        from sitegen.serve.command import ServeOptions, serve_site

    build = BuildOptions(
        source=arguments.source,
        destination=arguments.destination,
        future=arguments.future,
        drafts=arguments.drafts,
        atomic_publish=False,
        cache_dir=arguments.cache_dir,
        compiled_templates={},
    )
    with terminate_as_interrupt():  # SIGTERM stops the server as Ctrl-C does, exit 0
        return serve_site(
            ServeOptions(build, host=arguments.host, port=arguments.port, watch=arguments.watch)
        )
