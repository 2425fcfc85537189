"""The folder names the no-change check never walks, and where it walks them after all.

Only the standard library (and `sitegen.own_folders`): the check runs before the
pipeline is imported, and the Sass settings ask too (`jekyll.sass_settings`), to tell a
folder an import read that the walk of the site passes over. See
`sitegen.incremental.input_files` for why these are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitegen.own_folders import is_own_folder

__all__ = ["READ_WHOLE", "SKIPPED_FOLDERS", "is_skipped_folder", "walked_apart", "walked_below", "walked_in"]

SKIPPED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        ".jj",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".tox",
        ".nox",
        ".venv",
        ".jekyll-cache",
        ".sass-cache",
    }
)
"""Folder names never walked, wherever they are, but below a folder of `READ_WHOLE`."""
READ_WHOLE = frozenset({"_includes", "_data", "_layouts", "_sass", "templates"})
"""Folders the build reads files from by whatever path asks for them (`{% include %}`,
`site.data`, a layout, a Jinja template, a Sass `@import`), whatever their folders are
named: below one of these no name is skipped (`_includes/.venv/x.html`, included, was
never walked, so its edits were "nothing changed")."""


def is_skipped_folder(name: str, entered: frozenset[str] = frozenset()) -> bool:
    """True for a folder name the check never enters (see the module's docstring), but
    for the names in `entered` (`entered_folders`)."""
    if name in SKIPPED_FOLDERS:
        return name not in entered
    return name not in entered and is_own_folder(name)


def walked_below(folders: Sequence[str]) -> bool:
    """Whether the walk of a root enters the folder at `folders` (its names below the
    root, in order): through no name it leaves out, but below a `READ_WHOLE` folder,
    where it leaves none out. The names a site's `include` brings in (`entered`) are
    taken as left out: a folder judged so is walked by a way of its own."""
    for name in folders:
        if name in READ_WHOLE:
            return True
        if is_skipped_folder(name):
            return False
    return True


def walked_in(real: Path, site: Path) -> bool:
    """Whether the walk of the site folder `site` (a real path) enters the folder `real`
    (a real path): inside it, through no name it leaves out (`.git/sass`, reached
    through a link from outside, is walked by a way of its own)."""
    return real.is_relative_to(site) and walked_below(real.relative_to(site).parts)


def walked_apart(spelled: Path, real: Path, site_spelled: Path, site_real: Path) -> bool:
    """Whether a folder (an absolute path as `spelled`, and its `real` path) must be
    walked by a way of its own, the site folder being `site_spelled` (absolute) and
    `site_real`: unless the site's walk enters it both as spelled and as it really is.
    Spelled outside the site (`../lnk`, a link into it), the link could be pointed
    elsewhere unseen; really outside, or below a name the walk skips, its files are
    never listed."""
    return not (walked_in(spelled, site_spelled) and walked_in(real, site_real))
