"""Find a site's source files and sort them into posts, drafts and other files.

Two layouts are accepted: sitegen's own (`_config.yml` beside `content/`, which holds
`_posts/`) and a plain Jekyll tree (`_posts/` beside `_config.yml`). As in Jekyll, names
starting with `_` or `.` are never published.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CONTENT_DIR_NAME = "content"
POSTS_DIR_NAME = "_posts"
DRAFTS_DIR_NAME = "_drafts"
TEMPLATES_DIR_NAME = "templates"
CACHE_DIR_NAME = ".sitegen-cache"

#: Files of a Jekyll or Python project that are never part of the published site.
_NEVER_PUBLISHED = frozenset(
    {
        "Gemfile",
        "Gemfile.lock",
        "node_modules",
        "vendor",
        "Makefile",
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "CNAME.example",
        "package.json",
        "package-lock.json",
    }
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to load, with its path relative to the content root for messages and URLs."""

    path: Path
    relative_path: PurePosixPath


@dataclass(frozen=True, slots=True)
class SourceTree:
    """Every source file of a site, each list sorted by relative path."""

    content_dir: Path
    posts: tuple[SourceFile, ...]
    drafts: tuple[SourceFile, ...]
    others: tuple[SourceFile, ...]
    """Pages (files with front matter) and static files, told apart by the loader."""


def content_dir_of(site_dir: Path) -> Path:
    """`site/content` in sitegen's layout, else the site folder itself (a Jekyll tree)."""
    if (site_dir / POSTS_DIR_NAME).is_dir():
        return site_dir
    candidate = site_dir / CONTENT_DIR_NAME
    return candidate if candidate.is_dir() else site_dir


def scan_sources(site_dir: Path, exclude: tuple[str, ...], skip_dirs: tuple[Path, ...]) -> SourceTree:
    """Walk the content folder once; `skip_dirs` (destination, caches) are never entered."""
    content_dir = content_dir_of(site_dir)
    excluded_names = _NEVER_PUBLISHED | frozenset(exclude)
    if content_dir == site_dir:
        excluded_names |= {TEMPLATES_DIR_NAME, "_site", "tests", "bench", "sitegen"}
    skipped = {path.resolve() for path in skip_dirs}
    posts = _walk(content_dir / POSTS_DIR_NAME, content_dir, skipped, allow_underscore=False)
    drafts = _walk(content_dir / DRAFTS_DIR_NAME, content_dir, skipped, allow_underscore=False)
    others = tuple(
        source
        for source in _walk(content_dir, content_dir, skipped, allow_underscore=False)
        if not _is_hidden(source.relative_path) and not _is_excluded(source.relative_path, excluded_names)
    )
    return SourceTree(content_dir, posts, drafts, others)


def _walk(top: Path, root: Path, skipped: set[Path], *, allow_underscore: bool) -> tuple[SourceFile, ...]:
    if not top.is_dir():
        return ()
    found: list[SourceFile] = []
    for directory, dir_names, file_names in os.walk(top):
        here = Path(directory)
        # Prune in place so os.walk never enters skipped, hidden or special folders.
        dir_names[:] = sorted(
            name
            for name in dir_names
            if (here / name).resolve() not in skipped
            and not name.startswith(".")
            and (allow_underscore or here != root or not name.startswith("_"))
        )
        for name in sorted(file_names):
            path = here / name
            if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
                continue  # a link out of the site is never published
            found.append(SourceFile(path, PurePosixPath(path.relative_to(root).as_posix())))
    return tuple(sorted(found, key=lambda source: str(source.relative_path)))


def _is_hidden(relative_path: PurePosixPath) -> bool:
    return any(part.startswith(("_", ".")) for part in relative_path.parts) or relative_path.name.endswith(
        "~"
    )


def _is_excluded(relative_path: PurePosixPath, excluded_names: frozenset[str]) -> bool:
    return (
        any(part in excluded_names for part in relative_path.parts[:1])
        or str(relative_path) in excluded_names
    )
