"""Where the default theme lives, and its static assets.

In a checkout the theme is the top-level `templates/` folder; in an installed wheel it is
shipped as `sitegen/theme/`, so `sitegen init` and `sitegen build` work from either.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from sitegen.errors import TemplateError
from sitegen.model import StaticFile

ASSETS_DIR_NAME = "assets"


def default_theme_dir() -> Path:
    packaged = Path(__file__).parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def theme_dirs(site_dir: Path, own_templates: bool = True) -> tuple[Path, ...]:
    """The site's own `templates/` first (template by template override), then the theme;
    only the theme where `own_templates` is false (a Jekyll tree whose `templates/` is
    content, `sitegen.content.templates_folder.templates_are_theme`)."""
    own = site_dir / "templates"
    default = default_theme_dir()
    if own_templates and own.is_dir() and Path(os.path.realpath(own)) != Path(os.path.realpath(default)):
        return (own, default)
    return (default,)


def theme_assets(directories: tuple[Path, ...]) -> tuple[StaticFile, ...]:
    """Files under each theme folder's `assets/`, published at `/assets/…`; first folder wins."""
    found: dict[PurePosixPath, StaticFile] = {}
    for directory in directories:
        assets = directory / ASSETS_DIR_NAME
        try:
            if not assets.is_dir():
                continue
            for path in sorted(assets.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    relative = PurePosixPath(path.relative_to(directory).as_posix())
                    found.setdefault(relative, StaticFile(path, relative))
        except OSError as error:  # the theme folder itself, unreadable: named, not its `assets/`
            reason = error.strerror or str(error)
            raise TemplateError(f"cannot read this folder ({reason})", path=directory) from None
    return tuple(found[key] for key in sorted(found, key=str))
