"""Which folders the no-change check walks and what it lists in them.

Only the standard library, as `sitegen.incremental.manifest`: the check runs before
the pipeline is imported. The roots are the site folder, the default theme (packaged
beside the code, or `templates/` beside a checkout), sitegen's own code, and the folders
outside the site a build read (Sass `load_paths`); the destination and the cache folder
are never inputs (`sitegen.incremental.input_files` says what else is left out).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sitegen
from sitegen.incremental.input_files import Listed, top_names, walk
from sitegen.skipped_folders import walked_apart
from sitegen.theme import default_theme_dir

SITE_LABEL = "site"
"""How the site folder's files are keyed (`site/_posts/a.md`)."""


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What the command line knows before anything is read: enough to name the inputs."""

    site_dir: Path
    destination: Path
    cache_dir: Path
    future: bool
    drafts: bool
    strict: bool


def input_roots(request: BuildRequest) -> list[tuple[str, Path]]:
    """Folders whose files are inputs: the site, the default theme (packaged beside the
    code, or `templates/` beside a checkout) and sitegen's own code."""
    package = Path(sitegen.__file__).resolve().parent
    theme = Path(os.path.realpath(default_theme_dir()))
    site = Path(os.path.realpath(request.site_dir))
    roots = [(SITE_LABEL, site), ("code", package)]
    if theme.is_dir() and not theme.is_relative_to(site) and not theme.is_relative_to(package):
        roots.append(("theme", theme))
    return roots


def outside_roots_of(request: BuildRequest, folders: tuple[Path, ...]) -> tuple[str, ...]:
    """The absolute paths of `folders` the site's walk does not cover (`walked_apart`),
    sorted, once each, as spelled (`jekyll.sass_settings.folders_outside`)."""
    site, site_spelled = Path(os.path.realpath(request.site_dir)), Path(os.path.abspath(request.site_dir))
    given = {os.path.abspath(folder) for folder in folders}
    return tuple(
        sorted(
            folder
            for folder in given
            if walked_apart(Path(folder), Path(os.path.realpath(folder)), site_spelled, site)
        )
    )


def outside_label(root: str) -> str:
    """How the files below the outside folder `root` are keyed (`outside:/abs/path/a.scss`)."""
    return f"outside:{root}"


def outside_listing(roots: tuple[str, ...], skipped: frozenset[tuple[int, int]]) -> Iterator[Listed]:
    """The files below each outside folder; one that does not exist has none (a folder
    made later then shows up as new files). Left out, as from the site's walk, the
    folders whose (device, inode) is in `skipped` (`never_inputs`: the destination and
    the cache, which a load path holding the site holds too, and which change at
    every build)."""
    for root in roots:
        if os.path.isdir(root):
            # Sass imports read any path below it: no name is left out (`.git/_x.scss`).
            yield from walk(outside_label(root), Path(root), skipped, read_whole=True)


def input_listing(
    request: BuildRequest, outside_roots: tuple[str, ...], entered: tuple[str, ...]
) -> Iterator[Listed]:
    """(key, path, stat, special) for every input file, in a fixed order (see `Listed`);
    `entered`: the folder names the site's `include` brings in (`entered_folders`)."""
    skipped = never_inputs(request)
    for label, root in input_roots(request):
        yield from walk(label, root, skipped, frozenset(entered) if label == SITE_LABEL else frozenset())
    yield from outside_listing(outside_roots, skipped)


def top_levels(
    request: BuildRequest, outside_roots: tuple[str, ...], entered: tuple[str, ...]
) -> tuple[frozenset[str], ...]:
    """The names at the top level of every root `input_listing` walks, as `top_names` reads them.

    Taken by the check before its walk and again by `record`: a name that came or went between them
    means no record. A file added inside a folder moves that folder's stamp, which the
    record compares; a root's own stamp is no such witness, as publishing a new tree
    renames folders beside the destination, so without this a file added at the top
    level while a build ran (and published by it) and deleted after it was never found:
    the next check saw the same files as the record and said "nothing changed"."""
    skipped = never_inputs(request)
    roots = [
        (root, frozenset(entered) if label == SITE_LABEL else frozenset())
        for label, root in input_roots(request)
    ]
    roots += [(Path(root), frozenset()) for root in outside_roots if os.path.isdir(root)]
    return tuple(top_names(root, skipped, names) for root, names in roots)


def never_inputs(request: BuildRequest) -> frozenset[tuple[int, int]]:
    """The (device, inode) of the destination and the cache folder, where they exist: never inputs."""
    skipped = set()
    for folder in (request.destination, request.cache_dir):
        try:
            info = os.stat(folder)
            skipped.add((info.st_dev, info.st_ino))
        except FileNotFoundError:
            pass
    return frozenset(skipped)
