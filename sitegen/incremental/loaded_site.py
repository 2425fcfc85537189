"""What the load stage hands on (`sitegen.incremental.loading.load_site`): the site's
posts, pages and static files, and what the later stages and the next build need to
know of how each was loaded. Apart from the stage so its value can be named cheaply."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic
from sitegen.model import Post, SourcePage, StaticFile

__all__ = ["LoadedSite", "StoredBody"]


@dataclass(frozen=True, slots=True)
class LoadedSite:
    posts: tuple[Post, ...]
    pages: tuple[SourcePage, ...]
    static_files: tuple[StaticFile, ...]
    source_keys: dict[Path, str]
    """Each loaded post's and page's cache key: what its page fingerprints are made of."""
    diagnostics: tuple[Diagnostic, ...]
    cache_hits: int
    next_due: datetime | None = None
    """The date of the earliest post left out as future-dated: when the build's output
    would change with no file changed (None with `--future`, or when there is none)."""
    read_digests: Mapping[tuple[int, int, int, int], str] = field(default_factory=dict)
    """Each source's content digest by (device, inode, size, mtime_ns) as it was read:
    the no-change manifest takes these rather than reading every file again."""
    stored_bodies: Mapping[Path, StoredBody] = field(default_factory=dict)
    """Posts loaded without their body (`body_html`, `excerpt_source` empty), by source
    path: filled in for the pages rendered, so a rebuild reads only bodies it publishes."""
    sass_reads: tuple[str, ...] = ()
    """Every path the stylesheets' imports looked at (`sitegen.content.sass_imports`):
    the no-change check walks the folders of those outside the site."""
    relative_includes: tuple[tuple[Path, str | None], ...] = ()
    """Every file the Liquid stage's `{% include_relative %}` looked for, with the text it
    read there (None: none), for the no-change check (`sitegen.incremental.relative_includes`)."""
    liquid_read_clock: bool = False
    """The Liquid stage's `read_clock`: its output holds the build's moment."""


@dataclass(frozen=True, slots=True)
class StoredBody:
    key: str
    """The post's load-cache key: where its body is stored."""
    source: SourceFile
    kind: str
    digest: str  # of the bytes `key` was made from
