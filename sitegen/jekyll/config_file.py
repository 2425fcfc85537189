"""Which file holds a site's settings: `_config.yml`, else `_config.yaml`, else
`_config.toml`, as Jekyll chooses (`Configuration#config_files`, configuration.rb,
Jekyll 4.3: the first of `yml`, `yaml`, `toml` that exists, else `_config.yml`). So with
both `_config.yml` and `_config.yaml` the `.yml` one is read and the other is not.

This module imports no YAML parser: the command line's no-change check uses it too.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_FILE_NAME = "_config.yml"
CONFIG_FILE_NAMES = ("_config.yml", "_config.yaml", "_config.toml")
TOML_SUFFIX = ".toml"


def config_file_of(site_dir: Path) -> Path:
    """The settings file Jekyll reads in `site_dir`; `_config.yml` when there is none.

    Jekyll asks `File.exist?`, so a folder or a broken link named `_config.yml` is still
    the one chosen (and then reported as unreadable)."""
    for name in CONFIG_FILE_NAMES:
        path = site_dir / name
        # `lexists`: a broken link counts, and a folder this user may not enter raises
        # nothing here (its refusal names the folder, not this file).
        if os.path.lexists(path):
            return path
    return site_dir / CONFIG_FILE_NAME
