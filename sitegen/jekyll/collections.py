"""Jekyll's `collections:` setting: which collections exist, and which are published where.

The `posts` collection always exists and is always published; its `permalink` (Jekyll's
documentation site sets `/news/:year/:month/:day/:title/` there) beats the site-wide
`permalink` (`Configuration#add_default_collections`, jekyll/lib/jekyll/configuration.rb).
Any other collection is published only with `output: true`, each document at the
collection's `permalink`, by default `/:collection/:path:output_ext`
(`Collection#url_template`, jekyll/lib/jekyll/collection.rb).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import ConfigError

POSTS = "posts"
DEFAULT_DOCUMENT_PERMALINK = "/:collection/:path:output_ext"


@dataclass(frozen=True, slots=True)
class Collection:
    """One collection as `_config.yml` declares it (other keys, e.g. `sort_by`, are not read)."""

    label: str
    output: bool = False
    """Whether Jekyll writes the collection's documents; `posts` always is."""
    permalink: str | None = None
    """The URL pattern of its documents, or None for Jekyll's default."""

    @property
    def folder(self) -> str:
        return f"_{self.label}"


def parse_collections(raw: Any, config_path: Path) -> tuple[Collection, ...]:
    """`collections:` as a list of names or a mapping of name to settings, sorted by name."""
    if raw is None:
        return ()
    if isinstance(raw, list):
        raw = {name: {} for name in raw}
    if not isinstance(raw, Mapping):
        raise ConfigError("setting 'collections' must be a mapping of collection names", path=config_path)
    found = []
    for label, settings in sorted(raw.items(), key=lambda item: str(item[0])):
        where = f"setting 'collections', '{label}'"
        settings = settings or {}
        if not isinstance(settings, Mapping):
            raise ConfigError(f"{where} must be a mapping (output, permalink, …)", path=config_path)
        output = settings.get("output", False)
        if not isinstance(output, bool):
            raise ConfigError(f"{where}: 'output' must be true or false", path=config_path)
        permalink = settings.get("permalink")
        if permalink is not None and not isinstance(permalink, str):
            raise ConfigError(f"{where}: 'permalink' must be text", path=config_path)
        found.append(Collection(str(label), output or str(label) == POSTS, permalink or None))
    return tuple(found)
