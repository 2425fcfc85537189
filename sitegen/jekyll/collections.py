"""Jekyll's `collections:` setting: which collections exist, and which are published where.

The `posts` collection always exists and is always published; its `permalink` (Jekyll's
documentation site sets `/news/:year/:month/:day/:title/` there) beats the site-wide
`permalink` (`Configuration#add_default_collections`, jekyll/lib/jekyll/configuration.rb).
Any other collection is published only with `output: true`, each document at the
collection's `permalink`, by default `/:collection/:path:output_ext`
(`Collection#url_template`, jekyll/lib/jekyll/collection.rb), and each of its files
without front matter copied below that URL (`StaticFile#url`, static_file.rb).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.errors import ConfigError
from sitegen.urls import sanitize_url

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


def static_file_output(collection: Collection, relative_path: PurePosixPath) -> PurePosixPath:
    """Where Jekyll copies a file without front matter of an `output: true` collection,
    relative to the destination (`StaticFile#url` and `#destination`, static_file.rb):
    the collection's permalink filled with `collection`, `path` (below the collection's
    folder, no extension), `name` and empty `output_ext` and `title`, any other
    placeholder left as written; then the file's own name in that URL's folder.

    `_docs/img/a.png` with the default permalink is `docs/img/a.png`."""
    inside = relative_path.relative_to(collection.folder)
    suffix = relative_path.suffix
    stem = str(inside)[: len(str(inside)) - len(suffix)] if suffix else str(inside)
    placeholders = (
        ("collection", collection.label),
        ("path", "/" + stem.rstrip(".")),
        ("output_ext", ""),
        ("name", PurePosixPath(stem).name),
        ("title", ""),
    )
    url = collection.permalink or DEFAULT_DOCUMENT_PERMALINK
    for key, value in placeholders:
        url = url.replace(f":{key}", value)
    url = sanitize_url(url).rstrip("/") + suffix
    folder = PurePosixPath(url).parent
    return (folder / relative_path.name).relative_to("/")
