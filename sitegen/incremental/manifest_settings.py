"""What the no-change manifest compares besides files: everything else that decides the
output, as one string. Standard library only (see `sitegen.incremental.manifest`)."""

from __future__ import annotations

import os
import sys

import sitegen
from sitegen.file_modes import new_file_mode
from sitegen.incremental.input_roots import BuildRequest
from sitegen.incremental.manifest_file import MANIFEST_FORMAT

__all__ = ["settings_text"]

_ENVIRONMENT = ("JEKYLL_ENV", "TZ", "SOURCE_DATE_EPOCH", "LANG", "LC_ALL", "LC_TIME")
"""Environment variables that can change output: `jekyll.environment` in Liquid, and
what the clock and dates are read with."""

_METADATA_SUFFIXES = (".dist-info", ".egg-info", ".pth")


def settings_text(request: BuildRequest) -> str:
    """The manifest's format, sitegen's version, the Python, the installed
    distributions, the build's options, the environment variables of `_ENVIRONMENT`, the
    permission bits a written file gets (the umask: a build under another one publishes
    other modes) and the real paths of the site, destination and cache folders, as one
    string. Raises OSError when a folder of `sys.path` cannot be listed."""
    environment = tuple((name, os.environ.get(name)) for name in _ENVIRONMENT)
    folders = (request.site_dir, request.destination, request.cache_dir)
    places = tuple(os.path.realpath(folder) for folder in folders)
    options = (request.future, request.drafts, request.strict, new_file_mode())
    return repr(
        (MANIFEST_FORMAT, sitegen.__version__, sys.version, _distributions(), options, environment, places)
    )


def _distributions() -> tuple[str, ...]:
    """The installed distributions and their versions, by their metadata folders' names
    (`Jinja2-3.1.4.dist-info`): an upgrade of a library can change the output. Names,
    not stamps, so a fresh install of the same versions (CI) still matches."""
    names: list[str] = []
    for folder in sys.path:
        if os.path.basename(folder) in ("site-packages", "dist-packages") and os.path.isdir(folder):
            names += [name for name in os.listdir(folder) if name.endswith(_METADATA_SUFFIXES)]
    return tuple(sorted(names))
