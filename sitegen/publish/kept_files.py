"""Jekyll's `keep_files`: paths in the destination that publishing never removes.

A site deployed from a checkout inside its destination (`_site/.git` of a `gh-pages`
branch) or carrying a file made by hand there (`CNAME`) keeps them across builds:
Jekyll's cleaner leaves out of the files it removes every path below the destination
that starts with one of the setting's entries (`Cleaner#keep_file_regex`,
jekyll/lib/jekyll/cleaner.rb: `\\A<dest>/(<entries, escaped, joined by |>)`, so `.git`
keeps `.git/HEAD` and `.gitignore` too), and the setting's default is `[.git, .svn]`.
A planned file at such a path is still published (Jekyll writes it), and a kept path
makes publishing work in place (`sitegen.publish.journaled`), never by swapping the
whole tree for a new one that would not hold it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["is_kept", "kept_paths"]


def is_kept(path: str, keep_files: tuple[str, ...], *, folder: bool = False) -> bool:
    """Whether `path` (below the destination, `/`-separated) starts with an entry of
    `keep_files`; a `folder`'s path is taken with its `/` (`keep/` keeps the folder `keep`
    too, which Jekyll's cleaner removes whole while it keeps the files below it). An
    empty entry, which would keep every file (and so every stale page), keeps none."""
    entries = _entries(keep_files)
    return bool(entries) and (path + "/" if folder else path).startswith(entries)


def kept_paths(paths: Iterable[str], keep_files: tuple[str, ...]) -> set[str]:
    """Those of `paths` (files, and strays without a trailing `/`) that `keep_files`
    keeps: one `startswith` of all the entries a path, for the 200,000 files of a large
    site's listing."""
    entries = _entries(keep_files)
    return {path for path in paths if path.startswith(entries)} if entries else set()


def _entries(keep_files: tuple[str, ...]) -> tuple[str, ...]:
    """The entries that keep anything: an empty one would keep every file."""
    return tuple(entry for entry in keep_files if entry)
