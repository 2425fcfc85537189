"""`sitegen serve`: build, serve, and with `--watch` rebuild and live-reload on change.

Serve-mode builds are strict: a post that fails to load fails the rebuild, so the last
good site stays served and the error shows in the terminal and as an overlay in the page,
instead of a page silently vanishing while the author edits it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sitegen.build import BuildOptions, BuildResult, build_site
from sitegen.config import CONFIG_FILE_NAME, load_config
from sitegen.errors import SitegenError
from sitegen.serve import RebuildResult, run_server
from sitegen.sources import CACHE_DIR_NAME, TEMPLATES_DIR_NAME, content_dir_of


def serve_site(arguments: argparse.Namespace) -> int:
    options = BuildOptions(
        source=arguments.source,
        destination=arguments.destination,
        future=arguments.future,
        drafts=arguments.drafts,
        strict=True,
        atomic_publish=False,
    )
    first = build_site(options)
    _raise_on_errors(first)
    print(first.summary_line(), flush=True)
    config = load_config(options.source)

    def rebuild(_changed: frozenset[Path]) -> RebuildResult:
        result = build_site(options)
        _raise_on_errors(result)
        return RebuildResult(result.destination, result.changed_urls)

    return run_server(
        first.destination,
        host=arguments.host,
        port=arguments.port,
        baseurl=config.baseurl,
        rebuild=rebuild if arguments.watch else None,
        watch_paths=watched_paths(options.source) if arguments.watch else (),
        ignore_paths=(options.destination_dir, options.source / CACHE_DIR_NAME, options.source / ".git"),
    )


def watched_paths(site_dir: Path) -> tuple[Path, ...]:
    """What can change the site: config, content and the site's templates.

    In sitegen's layout only those are watched, so a virtual environment or test folder
    beside them never triggers a rebuild; a Jekyll tree is watched whole."""
    content_dir = content_dir_of(site_dir)
    if content_dir == site_dir:
        return (site_dir,)
    paths = [site_dir / CONFIG_FILE_NAME, content_dir]
    if (site_dir / TEMPLATES_DIR_NAME).is_dir():
        paths.append(site_dir / TEMPLATES_DIR_NAME)
    return tuple(paths)


def _raise_on_errors(result: BuildResult) -> None:
    if result.errors:
        raise SitegenError("; ".join(str(error) for error in result.errors))
