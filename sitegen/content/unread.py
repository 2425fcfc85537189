"""Which folders of a site the build never reads, so that the dev server need not watch them.

Derived from the scan's own rule (`sitegen.content.scan`, `EntryFilter`), so the two
cannot drift: a folder the build may read from is always watched, and an edit there
always rebuilds. Left out are only

- a folder whose name Jekyll never reads unless `include` names it (`.git`, `.venv`,
  `.jekyll-cache`: a name starting with `.` or `#` or ending with `~`), and
- a folder of the content tree that `exclude` (Jekyll's default one included) leaves
  out with all below it: the top-level `node_modules`, `vendor/bundle`; not a nested
  `lib/node_modules`, which Jekyll publishes,

each only where the scan is the only reader: never at or below a folder whose name
starts with `_` (posts, drafts, collections, data, includes and layouts have readers of
their own) or in the theme folder `templates/`; and

- in sitegen's layout (a `content/` folder), every top-level folder but `content/`,
  `templates/` and those starting with `_`: the build reads nothing else there (a
  `node_modules/` or `scripts/` beside `content/` is the site owner's tooling),

except the folders Sass imports from and those holding files a link in the content or
theme leads to (`also_read`), and the way to them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from sitegen.content.entry_filter import EntryFilter
from sitegen.content.scan import TEMPLATES_DIR_NAME, content_dir_of, is_ignored_name, site_entry_filter
from sitegen.jekyll.sanitized_path import sanitized_below

__all__ = ["ReadRules", "read_rules"]


@dataclass(frozen=True, slots=True)
class ReadRules:
    """What one build of a site reads, as far as folders go."""

    entries: EntryFilter
    content: PurePosixPath
    """The content folder below the site folder: `.` (a Jekyll tree) or `content`."""
    also_read: tuple[PurePosixPath, ...] = ()
    """Folders below the site folder read whatever the rules above say (Sass's
    `load_paths` and `sass_dir`, the folders of files that links lead to)."""
    included_files: tuple[PurePosixPath, ...] = ()
    """Files below the site folder that `include` names by their path, read wherever
    they lie (`node_modules/x/a.js`): they and the folders on the way to them are read,
    nothing else in those folders for their sake."""

    def never_read(self, relative: PurePosixPath) -> bool:
        """True when the build reads nothing at or below `relative` (a path below the
        site folder, each part a folder but perhaps the last)."""
        parts = relative.parts
        if parts[:1] == (TEMPLATES_DIR_NAME,):  # the theme: read by the renderer, whatever its name
            return False
        if any(
            relative.is_relative_to(folder) or folder.is_relative_to(relative) for folder in self.also_read
        ):
            return False
        if any(file.is_relative_to(relative) for file in self.included_files):
            return False
        top = parts[:1]
        if self.content != PurePosixPath(".") and top and top != self.content.parts[:1]:
            return not top[0].startswith("_")
        for depth, name in enumerate(parts):
            if name.startswith("_"):  # read by a reader of its own, below it too
                return False
            if is_ignored_name(name) and not self.entries.is_included(name, is_dir=True):
                return True
            step = PurePosixPath(*parts[: depth + 1])
            if (
                step != self.content
                and step.is_relative_to(self.content)
                and self.entries.excludes_folder(step.relative_to(self.content))
            ):
                return True
        return False


def read_rules(
    site_dir: Path,
    exclude: tuple[str, ...] = (),
    include: tuple[str, ...] = (),
    also_read: tuple[Path, ...] = (),
    unread: tuple[Path, ...] = (),
) -> ReadRules:
    """The rules of a build of `site_dir` with these settings (none: Jekyll's defaults);
    `also_read`: absolute folders the build reads besides (those outside the site are
    left out: no path below the site folder is in them). The folders of files that links
    in the content and theme lead to are read too: the build reads through them; they
    are looked for in every folder read but those in `unread` (the destination, the
    cache)."""
    content_dir = content_dir_of(site_dir)
    content = PurePosixPath(content_dir.relative_to(site_dir).as_posix())
    site = Path(os.path.realpath(site_dir))
    rules = ReadRules(
        site_entry_filter(site_dir, exclude, include),
        content,
        included_files=_named_files(content_dir, content, include),
    )
    inside = {_below(site, Path(os.path.realpath(folder))) for folder in also_read}
    inside |= _linked_folders(site, rules, {os.path.realpath(folder) for folder in unread})
    return replace(rules, also_read=tuple(sorted(folder for folder in inside if folder is not None)))


def _named_files(
    content_dir: Path, content: PurePosixPath, include: tuple[str, ...]
) -> tuple[PurePosixPath, ...]:
    """The paths below the site folder of the `include` entries that name a file by its
    path from the content folder, as the scan takes them (`content.scan`, after Jekyll's
    `Reader#read_included_excludes`): present or not, so one made later is seen."""
    root = os.path.abspath(content_dir)
    named = (sanitized_below(entry, root) for entry in include)
    return tuple(sorted({content / path for path in named if len(path.parts) > 1}))


def _below(site: Path, real: Path) -> PurePosixPath | None:
    return PurePosixPath(real.relative_to(site).as_posix()) if real.is_relative_to(site) else None


def _linked_folders(site: Path, rules: ReadRules, unread: set[str]) -> set[PurePosixPath | None]:
    """The folders of the site holding files that links in the folders `rules` read
    lead to (`templates/base.html -> ../shared/base.html`: `shared`). One listing of
    each folder read: about 10 ms for 10,000 posts, once per rebuild of the server."""
    found: set[PurePosixPath | None] = set()
    pending = list(dict.fromkeys([site / rules.content, site / TEMPLATES_DIR_NAME]))
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # not there, or not a folder
            continue
        for entry in entries:
            try:
                if entry.is_symlink():
                    real = Path(os.path.realpath(entry.path))
                    if not real.is_dir():  # a linked folder is watched through the link
                        found.add(_below(site, real.parent))
                elif entry.is_dir(follow_symlinks=False) and entry.path not in unread:
                    path = Path(entry.path)
                    if not rules.never_read(PurePosixPath(path.relative_to(site).as_posix())):
                        pending.append(path)
            except OSError:  # gone meanwhile
                continue
    return found
