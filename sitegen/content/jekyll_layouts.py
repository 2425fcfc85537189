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


_WHERE_DESIGN_GOES = (
    f"every page is rendered by sitegen's theme; to change its design put Jinja templates "
    f"of the theme's names (post.html, base.html, …) in {TEMPLATES_DIR_NAME}/"
)


def unrun_layouts(site_dir: Path) -> tuple[Diagnostic, ...]:
    """One warning when the site folder's `_layouts/` holds files, or is there but
    cannot be listed (no permission: its layouts would not be run either way, but the
    site's look still changes, so it is said, with the reason); else none."""
    folder = site_dir / LAYOUTS_DIR_NAME
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.is_file() and entry.name[:1] != ".")
    except (FileNotFoundError, NotADirectoryError):
        return ()
    except OSError as error:
        reason = error.strerror or str(error)
        return (
            Diagnostic(
                f"cannot be listed ({reason}); Jekyll layouts are not run: {_WHERE_DESIGN_GOES}", folder
            ),
        )
    if not names:
        return ()
    return (Diagnostic(f"Jekyll layouts are not run ({first_few(names)}): {_WHERE_DESIGN_GOES}", folder),)
