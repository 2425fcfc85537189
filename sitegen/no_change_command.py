"""The command line's side of the no-change check: what it compares, read from the
arguments before anything heavy is imported, and the record of a build that published.

Only the standard library and light modules: `sitegen build` runs this first.
"""

from __future__ import annotations

import argparse
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.content.scan import require_site_folder
from sitegen.errors import Diagnostic
from sitegen.incremental import manifest, manifest_file
from sitegen.incremental.cache_location import (
    cache_dir_for,
    cache_dir_origin,
    check_cache_dir,
    configured_cache_dir_hint,
)
from sitegen.incremental.input_files import entered_folders
from sitegen.jekyll.config_file import TOML_SUFFIX, config_file_of
from sitegen.jekyll.plain_setting import plain_setting_hint
from sitegen.publish.destination_setting import CONFIG_KEY as DESTINATION_KEY
from sitegen.publish.destination_setting import destination_for
from sitegen.regular_files import read_regular_text

if TYPE_CHECKING:
    from datetime import datetime

    from sitegen.outcome import BuildResult

__all__ = ["manifest_request", "record_build"]


def manifest_request(arguments: argparse.Namespace) -> manifest.BuildRequest | None:
    """What the no-change check compares, or None when the cache folder cannot be told
    without parsing YAML (an unusual `cache_dir:` line): then the build is a full one.

    Raises `UsageError` for a site folder the build would refuse, before the cache
    folder is looked at: an error met in a site folder this user may not read is the
    site folder's, not the cache folder's (whose check looks for the site's folders)."""
    site_dir: Path = require_site_folder(arguments.source)
    hint: str | None = ""
    destination_hint: str | None = ""
    if arguments.cache_dir is None or arguments.destination is None:
        config_file = config_file_of(site_dir)
        if config_file.suffix == TOML_SUFFIX:
            return None
        try:
            # Never open anything but a regular file here: a FIFO would block the check.
            if not stat.S_ISREG(config_file.stat().st_mode):
                return None
            text = read_regular_text(config_file, "utf-8-sig")
            hint = configured_cache_dir_hint(text)
            destination_hint = plain_setting_hint(text, DESTINATION_KEY)
        except FileNotFoundError:
            pass
        except (OSError, UnicodeDecodeError):
            return None  # the full build names the problem
    if hint is None or destination_hint is None:
        return None
    destination = destination_for(site_dir, arguments.destination, destination_hint)
    cache_dir = cache_dir_for(site_dir, arguments.cache_dir, hint)
    check_cache_dir(
        cache_dir, site_dir, destination, origin=cache_dir_origin(site_dir, arguments.cache_dir, hint)
    )
    return manifest.BuildRequest(
        site_dir, destination, cache_dir, arguments.future, arguments.drafts, arguments.strict
    )


def record_build(request: manifest.BuildRequest, snapshot: manifest.Snapshot, result: BuildResult) -> None:
    """Record the manifest where the build kept its cache: the build read the config
    properly, and the check's one-line readings of `cache_dir` and `destination` must agree with it."""
    if result.cache_dir != request.cache_dir or result.destination != request.destination:
        return
    summary = manifest_file.Summary(
        result.posts,
        result.pages,
        result.files_written + result.files_unchanged,
        tuple(
            str(diagnostic) for diagnostic in result.diagnostics if not _about_the_cache(diagnostic, result)
        ),
    )
    manifest.record(
        request,
        snapshot,
        _nanoseconds(result.valid_until),
        summary,
        result.read_digests,
        reads_mtimes=result.reads_mtimes,
        outside_inputs=result.outside_inputs,
        published_files=result.published_files,
        kept_folders=result.kept_folders,
        entered=entered_folders(result.include, result.source_folder_names),
        read_top_names=result.source_top_names,
    )


def _about_the_cache(diagnostic: Diagnostic, result: BuildResult) -> bool:
    """A note on the build cache itself (found damaged and rebuilt): true of the build
    that found it, not of the site, so a no-change run does not print it again."""
    path = diagnostic.path
    return result.cache_dir is not None and path is not None and result.cache_dir in (path, path.parent)


def _nanoseconds(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    return int(moment.timestamp()) * 1_000_000_000 + moment.microsecond * 1000
