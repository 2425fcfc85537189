"""What a source's load result is keyed by in the build cache, and what it is not.

A load result (`sitegen.incremental.loading`) is a pure function of the file's bytes
and paths, its kind, sitegen's version and formats, and the settings the loader reads.
Settings that only decide what the site's pages, listings, feeds and scan make of the
loaded posts are left out of the key (`NOT_READ_BY_THE_LOADER`): naming a new
category's title in `_config.yml`, which a crawler-fed site does as categories appear,
must not load every post again.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.scan import SourceFile

__all__ = ["NOT_READ_BY_THE_LOADER", "LoadKeys", "loader_settings"]

NOT_READ_BY_THE_LOADER = (
    "title",
    "description",
    "lang",
    "author",
    "category_titles",
    "home_posts",
    "home_per_category",
    "nav",
    "nav_size",
    "category_dirs",
    "paginate",
    "feed_entries",
    "feed_path",
    "sitemap_max_urls",
    "news",
    "search",
    "date_archives",
    "cache_dir",
    "exclude",
    "include",
    "future",
    "show_drafts",
    "written",
)
"""Settings of `SiteConfig` no `load_*` function reads. A setting not named here is in
the key, so a new one costs loads until it is shown not to change what the loader
returns (tests/test_load_keys.py checks every one named here)."""


def loader_settings(config: SiteConfig) -> SiteConfig:
    """`config` with every setting of `NOT_READ_BY_THE_LOADER` at its default."""
    return replace(config, **_defaults())


def _defaults() -> dict[str, Any]:
    default = SiteConfig()
    return {name: getattr(default, name) for name in NOT_READ_BY_THE_LOADER}


class LoadKeys:
    """A source's load-cache key: the digest of `version` (sitegen's version and load
    formats) and the loader's settings (`loader_settings`), the job's kind, the file's
    paths and content digest, and an extra part. The settings' part, several kilobytes
    of repr, is hashed once per build rather than once per source."""

    def __init__(self, version: str, config: SiteConfig) -> None:
        start = f"{version}\0{loader_settings(config)!r}\0"
        self._start = hashlib.blake2b(_encoded_key_text(start), digest_size=20)

    def __call__(self, kind: str, source: SourceFile, digest: str, extra: str) -> str:
        hasher = self._start.copy()
        hasher.update(_encoded_key_text(f"{kind}\0{source.path}\0{source.relative_path}\0{digest}\0{extra}"))
        return hasher.hexdigest()


def _encoded_key_text(text: str) -> bytes:
    # surrogateescape: a folder name that is not UTF-8 is still a stable key.
    return text.encode("utf-8", "surrogateescape")
