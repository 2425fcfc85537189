"""The theme a build takes: its folders (the site's own `templates/` over the default
theme) and its static assets, published at `/assets/…`."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from sitegen.errors import TemplateError
from sitegen.model import StaticFile
from sitegen.theme import default_theme_dir

ASSETS_DIR_NAME = "assets"


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
