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
their own) or in the theme folder `templates/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.content.entry_filter import EntryFilter
from sitegen.content.scan import TEMPLATES_DIR_NAME, content_dir_of, is_ignored_name, site_entry_filter

__all__ = ["ReadRules", "read_rules"]


@dataclass(frozen=True, slots=True)
class ReadRules:
    """What one build of a site reads, as far as folders go."""

    entries: EntryFilter
    content: PurePosixPath
    """The content folder below the site folder: `.` (a Jekyll tree) or `content`."""

    def never_read(self, relative: PurePosixPath) -> bool:
        """True when the build reads nothing at or below `relative` (a path below the
        site folder, each part a folder but perhaps the last)."""
        parts = relative.parts
        if parts[:1] == (TEMPLATES_DIR_NAME,):  # the theme: read by the renderer, whatever its name
            return False
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


def read_rules(site_dir: Path, exclude: tuple[str, ...] = (), include: tuple[str, ...] = ()) -> ReadRules:
    """The rules of a build of `site_dir` with these settings (none: Jekyll's defaults)."""
    content = content_dir_of(site_dir).relative_to(site_dir).as_posix()
    return ReadRules(site_entry_filter(site_dir, exclude, include), PurePosixPath(content))
