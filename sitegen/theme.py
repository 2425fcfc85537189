"""Where the default theme lives.

In a checkout the theme is the top-level `templates/` folder; in an installed wheel it is
shipped as `sitegen/theme/`, so `sitegen init` and `sitegen build` work from either. The
no-change check asks for the theme's folder before anything else is imported, so this
module imports nothing of sitegen's (which folders and assets a build takes is
`sitegen.theme_files`).
"""

from __future__ import annotations

from pathlib import Path


def default_theme_dir() -> Path:
    packaged = Path(__file__).parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"
