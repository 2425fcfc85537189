"""Where a build publishes: `-d`, else `destination:` in `_config.yml`, else `_site/` in
the site folder.

Jekyll reads its `destination` with `File.expand_path` (`Site#initialize`,
jekyll/lib/jekyll/site.rb): a relative one from the working folder, not from the source
(`jekyll build -s site` with `destination: public` writes `./public`), and `~` as the
home folder. sitegen reads the setting the same way; without it the default stays
`_site/` in the site folder (Jekyll's is `./_site`, the same folder when run from the site).
A destination inside the site folder is never read as a source, whatever its name
(`sitegen.content.scan` skips it, as Jekyll's reader skips `site.dest`).

Only the standard library is imported: the no-change check runs before anything heavy.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DESTINATION_NAME = "_site"
CONFIG_KEY = "destination"


def destination_for(site_dir: Path, option: Path | None, configured: str) -> Path:
    """The destination folder: the command line's over the config's (`configured`, ""
    when unset; relative to the working folder, `~` expanded) over `site_dir/_site`."""
    if option is not None:
        return option
    if configured:
        return Path(os.path.expanduser(configured))
    return site_dir / DEFAULT_DESTINATION_NAME
