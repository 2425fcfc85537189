"""No output file where another needs a folder: the plan's last check of its paths.

`news` (a file) and `news/a.html` cannot both be written; found before anything is
written, each clash is one error naming both sources (`sitegen.site.claims` hands out
the paths, this leaves out what stands in the way).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Diagnostic, Level
from sitegen.model import StaticFile
from sitegen.site.claims import Claims
from sitegen.urls import output_folders


@dataclass(frozen=True, slots=True)
class ClashFree:
    """What `drop_files_in_the_way` left: the static files kept, every output path, and
    every folder those paths need, none of which is an output path (with, perhaps, the
    folders of paths it left out: harmless to a later call, which only looks below
    them for paths that are there)."""

    statics: tuple[StaticFile, ...]
    paths: frozenset[str]
    folders: frozenset[str]


def drop_files_in_the_way(
    claims: Claims, statics: tuple[StaticFile, ...], settled: ClashFree | None = None
) -> ClashFree:
    """Leave out outputs so that no output file stands where another needs a folder.

    `news` (a file) and `news/a.html` cannot both be written. Found here, before anything
    is written, each clash is one error naming both sources. A generated page (a listing,
    a feed) keeps its path and what would go below it is left out; between two files of
    the site, the one in the way is left out. Where what is left out is generated too (a
    category's folder redirect, `category_dirs`, below `sitemap.xml/`), no file of the
    site is lost, and the line is a warning, as for a folder URL another generated page
    holds (`sitegen.site.plan`).

    `settled`: what an earlier call left, when only pages were planned since (the
    sitemaps): a clash then involves a new path, so only the new paths' folders are
    worked out, not again those of every path (0.2 s at 100,000 posts)."""
    written_by: dict[str, Path | None] = {path: page.source_path for path, page in claims.planned.items()}
    written_by |= {str(static.relative_path): static.source_path for static in statics}
    # First only whether any file's folder is itself a file (rare), then what lies below
    # each such file: a site writes tens of thousands of paths.
    in_the_way: AbstractSet[str]
    if settled is None:
        folders = frozenset(output_folders(written_by))
        in_the_way = folders & written_by.keys()
    else:
        new = written_by.keys() - settled.paths
        new_folders = frozenset(output_folders(new))
        folders = settled.folders | new_folders
        in_the_way = (new & settled.folders) | (new_folders & written_by.keys())
    below: dict[str, list[str]] = {}
    for path in sorted(written_by) if in_the_way else ():
        for folder in _folders_of(path):
            if folder in in_the_way:
                below.setdefault(folder, []).append(path)
    dropped: set[str] = set()
    for path in sorted(path for path in written_by if path in below):
        source = written_by[path]
        if source is None:  # generated: what needs its path as a folder goes
            victims = [
                (
                    deeper,
                    f"{_source_of(claims, deeper)} needs {path} as a folder, but sitegen generates that file",
                )
                for deeper in below[path]
            ]
        else:
            other = below[path][0]
            needer = written_by[other] or "a generated page"
            victims = [(path, f"writes the file {path}, but {needer} needs a folder there (for {other})")]
        for victim, reason in victims:
            if victim not in dropped:
                dropped.add(victim)
                own = written_by[victim]
                level = Level.ERROR if own is not None else Level.WARNING
                claims.diagnostics.append(
                    Diagnostic(f"{reason}; not published", own or claims.config_file, None, level)
                )
                claims.planned.pop(victim, None)
    kept = tuple(static for static in statics if str(static.relative_path) not in dropped)
    return ClashFree(kept, frozenset(written_by.keys() - dropped), folders)


def _folders_of(path: str) -> list[str]:
    """`a/b/c.html` → `a`, `a/b`."""
    folders = []
    end = path.find("/")
    while end != -1:
        folders.append(path[:end])
        end = path.find("/", end + 1)
    return folders


def _source_of(claims: Claims, path: str) -> str:
    """What asked for an output, for a message: its source, or the generated page's name."""
    planned = claims.planned.get(path)
    return planned.source if planned is not None else path
