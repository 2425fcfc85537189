"""A Jekyll tree's `_layouts/`: said once, since sitegen does not run them.

Jekyll wraps each page in the layout its front matter names, from `_layouts/`
(`Site#layouts`, `LayoutReader`, Jekyll 4.3). sitegen renders every page with its Jinja
theme (the default theme, or the site's `templates/`), so a site moved off Jekyll would
otherwise change its look without a word on the command line. One warning names the
folder and a few of its layouts, and says where sitegen's templates go.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.content.layout import TEMPLATES_DIR_NAME
from sitegen.errors import Diagnostic, first_few

LAYOUTS_DIR_NAME = "_layouts"


def unrun_layouts(site_dir: Path) -> tuple[Diagnostic, ...]:
    """One warning when the site folder's `_layouts/` holds files; else none (nor when
    it cannot be listed: the layouts are not read either way)."""
    folder = site_dir / LAYOUTS_DIR_NAME
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.is_file() and entry.name[:1] != ".")
    except OSError:
        return ()
    if not names:
        return ()
    return (
        Diagnostic(
            f"Jekyll layouts are not run ({first_few(names)}): every page is rendered by sitegen's theme; "
            f"to change its design put Jinja templates of the theme's names (post.html, "
            f"base.html, …) in {TEMPLATES_DIR_NAME}/",
            folder,
        ),
    )
