"""`sass:` in `_config.yml`: where SCSS partials live and how CSS is written.

jekyll-sass-converter (2.2, the one Jekyll 4.3 ships with) reads `sass_dir` (default
`_sass`, below the site folder), `load_paths` (more folders to import from) and `style`
(`compact`, its default with the sassc engine, `expanded`, `compressed` or `nested`); its other keys (source
maps, `quiet_deps`, …) are accepted and not acted on. The conversion itself is
`sitegen.content.sass`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.errors import ConfigError
from sitegen.jekyll.sanitized_path import sanitized_below
from sitegen.skipped_folders import walked_apart

SASS_STYLES = ("expanded", "compressed", "nested", "compact")


@dataclass(frozen=True, slots=True)
class SassSettings:
    """What the SCSS converter needs: its output style and its import folders."""

    style: str = "compact"
    load_paths: tuple[str, ...] = field(default=(), compare=False)
    """Absolute folders `@import` looks in: `load_paths`, then the site's `sass_dir`
    (the converter's order). Where the site lies is not a setting, so two sites with the
    same `sass:` compare equal."""
    site_dir: str = field(default="", compare=False)
    """The site folder: where a stylesheet's own imports are looked for first."""
    unread: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """Real folders never imported from: the build's destination and cache, which a load
    path such as `.` holds, so a rebuild never reads what the last build wrote (and a
    clean build, which has none, the same). Not in the repr the load cache keys on."""
    safe: bool = False
    """Jekyll's safe mode: the load paths are kept inside the site, as the converter's
    `sass_load_paths` sanitizes them there, and no `@import` reads a file outside it
    (`sitegen.content.sass_imports`): a hostile `@import "/etc/passwd"` neither
    publishes nor prints what it reads."""


def parse_sass(value: Any, path: Path, *, safe: bool = False) -> SassSettings:
    """Read the `sass` setting of the `_config.yml` at `path`; a wrong shape or style is a
    `ConfigError` naming it. `sass_dir` is looked for beside `_config.yml` (a Jekyll tree)
    and in `content/` (sitegen's layout). `safe`: Jekyll's safe mode (`SassSettings.safe`),
    each load path taken inside the site (`Jekyll.sanitized_path`: `/srv/x` is `<site>/srv/x`)."""
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise ConfigError("setting 'sass' must be a mapping (sass_dir, style, load_paths)", path=path)
    style = str(value.get("style") or "compact").lower().lstrip(":")
    if style not in SASS_STYLES:
        raise ConfigError(f"setting 'sass: style' must be one of {', '.join(SASS_STYLES)}", path=path)
    sass_dir = value.get("sass_dir") or "_sass"
    extra = value.get("load_paths") or []
    if isinstance(extra, str):
        extra = [extra]  # the converter's `Array(load_paths)` (jekyll-sass-converter 2.2, scss.rb)
    if not isinstance(sass_dir, str):
        raise ConfigError("setting 'sass: sass_dir' must be a folder", path=path)
    if not isinstance(extra, list) or not all(isinstance(p, str) for p in extra):
        raise ConfigError("setting 'sass: load_paths' must be a list of folders", path=path)
    site_dir = Path(os.path.abspath(path.parent))
    # In the site whatever it says, as the converter's `sass_dir_relative_to_site_source`
    # (`Jekyll.sanitized_path`) keeps it: `../sass` is `<site>/sass`.
    own = sanitized_below(sass_dir, str(site_dir))
    content = sanitized_below(sass_dir, str(site_dir / "content"))
    if safe:
        extra = [sanitized_below(folder, str(site_dir)).as_posix() for folder in extra]
    folders = (*(site_dir / folder for folder in extra), site_dir / own, site_dir / "content" / content)
    folders_text = tuple(str(folder) for folder in folders)
    return SassSettings(style=style, load_paths=folders_text, site_dir=str(site_dir), safe=safe)


def folders_outside(settings: SassSettings, site_dir: Path, reads: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """The import folders that lie outside `site_dir` (`load_paths: [/shared/sass]`), and
    those of the paths imports looked at (`reads`: a partial imported by
    `../theme/_vars.scss`): inputs of the site that a walk of its folder does not see, so
    the no-change check is told of them. Each as it is spelled (absolute), judged outside
    by its real path: a load path that is a link is walked through the link, so the link
    pointed elsewhere is a change (by its real path the check kept walking the old
    folder and said "nothing changed")."""
    site, spelled_site = Path(os.path.realpath(site_dir)), Path(os.path.abspath(site_dir))
    # `realpath`, not `resolve`: a link loop in place of a folder is a warning elsewhere,
    # never an error here. A folder looked in that is not there (yet) is one too: the check
    # lists no file of it, so one made there later is a new input (a load path's own is
    # `folder/`).
    looked_in = {os.path.dirname(path) for path in reads}
    folders = (*settings.load_paths, *looked_in)
    spelled = {Path(os.path.abspath(folder)): Path(os.path.realpath(folder)) for folder in folders}
    # Or inside it where the walk of the site passes over it (`.git/sass`), or reached
    # through a link from outside (`../lnk`, pointed elsewhere later): walked apart.
    outside = {given for given, real in spelled.items() if walked_apart(given, real, spelled_site, site)}
    # A folder below another one listed, as spelled, is walked with it. Not as judged by
    # real paths: the check walks a folder by its spelling, so with the outer one a link
    # (removed, or pointed elsewhere later) the inner one was watched by no walk at all.
    return tuple(
        sorted(
            given
            for given in outside
            if not any(given != other and given.is_relative_to(other) for other in outside)
        )
    )
