"""`sitegen serve`: build, serve, and with `--watch` rebuild and live-reload on change.

A file that cannot be built never holds the rest of the site back, here as in `sitegen
build`: every rebuild publishes what builds. When a rebuild reports errors, they show in
the terminal and as an overlay over every open page, and open pages are not reloaded,
so the page an author is editing stays on screen, overlaid by the error, instead of
vanishing. A rebuild that fails as a whole (a broken `_config.yml` or template) leaves
the last good site served.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.build import BuildOptions, build_site
from sitegen.config import load_config
from sitegen.incremental.cache_location import cache_dir_for
from sitegen.serve.server import RebuildResult, run_server


def serve_site(arguments: argparse.Namespace) -> int:
    options = BuildOptions(
        source=arguments.source,
        destination=arguments.destination,
        future=arguments.future,
        drafts=arguments.drafts,
        atomic_publish=False,
        cache_dir=arguments.cache_dir,
    )
    first = build_site(options)
    for error in first.errors:
        print(error, file=sys.stderr, flush=True)
    print(first.summary_line(), flush=True)
    config = load_config(options.source)
    cache_dir = cache_dir_for(options.source, options.cache_dir, config.cache_dir)

    def rebuild(_changed: frozenset[Path]) -> RebuildResult:
        result = build_site(options)
        errors = "; ".join(str(error) for error in result.errors) or None
        return RebuildResult(result.destination, result.changed_urls, error=errors, published=True)

    return run_server(
        first.destination,
        host=arguments.host,
        port=arguments.port,
        baseurl=config.baseurl,
        rebuild=rebuild if arguments.watch else None,
        watch_paths=watched_paths(options.source) if arguments.watch else (),
        ignore_paths=(options.destination_dir, cache_dir, options.source / ".git"),
    )


def watched_paths(site_dir: Path) -> tuple[Path, ...]:
    """What can change the site: the whole site folder.

    Not only `content/` and `templates/`: a `templates/` folder made after the server
    started, a symlinked `templates/` pointed elsewhere, or a symlink's target elsewhere in
    the site must all be noticed. The destination, the cache and tool folders (`.git`,
    virtual environments, caches) are ignored by the watcher."""
    return (site_dir,)
