"""Where the build cache lives: `--cache-dir`, else `cache_dir:` in `_config.yml`, else
`.sitegen-cache/` in the site folder.

CI keeps the cache outside the checkout (restored between runs), so the folder is a
setting; Jekyll 4 names the same setting `cache_dir` (`Jekyll::Configuration::DEFAULTS`,
`.jekyll-cache`), and a Jekyll tree's value means the same thing here. The cache folder
is never read as a source (the scan skips it, as it skips the destination), and it is
refused where publishing or reading sources would trample it, or it them.

Only the standard library is imported: the no-change check runs before anything heavy.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.content.cache_tag import CACHE_FILE_NAMES, DATABASE_NAME, LOCK_NAME, is_tagged
from sitegen.content.jekyll_layouts import LAYOUTS_DIR_NAME
from sitegen.content.layout import DRAFTS_DIR_NAME, POSTS_DIR_NAME, TEMPLATES_DIR_NAME
from sitegen.content.scan import CACHE_DIR_NAME, INCLUDES_DIR_NAME, content_dir_of
from sitegen.errors import UsageError
from sitegen.folder_refusals import refusing_os_errors
from sitegen.folder_ways import blocked_way, refusing_folder
from sitegen.jekyll.config_file import config_file_of
from sitegen.jekyll.plain_setting import plain_setting_hint

CONFIG_KEY = "cache_dir"


def cache_dir_for(site_dir: Path, option: Path | None, configured: str) -> Path:
    """The cache folder: the command line's (relative to the working folder) over the
    config's (relative to the site folder) over the default."""
    if option is not None:
        return option
    if configured:
        return site_dir / configured
    return site_dir / CACHE_DIR_NAME


def configured_cache_dir_hint(config_text: str) -> str | None:
    """`cache_dir:` read from the config's text without a YAML parser, for the no-change
    check (`sitegen.jekyll.plain_setting`).

    Being wrong here costs speed, never correctness: the manifest found at the hinted
    place records the config file it was made with, so it only matches that same file,
    whose real `cache_dir` is that place."""
    return plain_setting_hint(config_text, CONFIG_KEY)


def cache_dir_origin(site_dir: Path, option: Path | None, configured: str) -> str:
    """Where the cache folder `cache_dir_for` gives was set, as an error's advice names
    it: a folder set in `_config.yml` is not changed with `--cache-dir`."""
    if option is not None:
        return "choose another --cache-dir"
    config_file = config_file_of(site_dir)
    if configured:
        return f"it is {CONFIG_KEY}: in {config_file}; choose another there (or pass --cache-dir)"
    return f"it is the default; set {CONFIG_KEY}: in {config_file} or pass --cache-dir"


def check_cache_dir(cache_dir: Path, site_dir: Path, destination: Path, *, origin: str) -> None:
    """Refuse a cache folder that publishing would replace (the destination or a folder
    inside it), that would hold the destination (a folder above it), or the destination's
    contents mixed with its own, that
    would make the site itself a cache (the site folder or a folder containing it), or
    that cannot be made (a link leading nowhere, a file in the way, a folder this user
    may not write in). Each is one line
    saying what is wrong with the folder, then `origin` (`cache_dir_origin`); so is any
    error the system gives while looking (a folder this user may not list)."""
    with refusing_os_errors(cache_dir, "the cache folder", origin):
        _check(cache_dir, site_dir, destination, origin=origin)


def _check(cache_dir: Path, site_dir: Path, destination: Path, *, origin: str) -> None:
    cache = Path(os.path.realpath(cache_dir))
    site = Path(os.path.realpath(site_dir))
    output = Path(os.path.realpath(destination))
    problem = None
    if cache.is_relative_to(output) and not site.is_relative_to(output):  # else the destination is refused
        problem = "the cache folder is the destination or inside it, where publishing would delete it"
    elif site.is_relative_to(cache):
        problem = "the cache folder is the site folder or contains it"
    elif output.is_relative_to(cache):
        # Published there, the site would be among the cache's files, which the next
        # build refuses as not the cache's: refused before anything is written.
        problem = f"the destination {destination} is inside the cache folder; publish elsewhere"
    elif (read := _read_folder_holding(cache, site_dir)) is not None:
        # Its files would be taken for the cache's (`lock`, `manifest` includes) and replaced.
        problem = f"the cache folder is {read}, or inside it, a folder the build reads"
    elif cache.is_dir():
        # The scan never reads inside the cache folder, so a folder of sources (or any
        # folder of someone's files) given as the cache would silently vanish from the site.
        names = sorted(os.listdir(cache))
        strangers = [name for name in names if not CACHE_FILE_NAMES.fullmatch(name)]
        if not strangers and names and not _holds_a_cache(cache, names):
            strangers = names  # sitegen's names, but not its files: a user's `manifest`
        if strangers:
            problem = (
                f"the cache folder holds files that are not sitegen's cache (such as {strangers[0]}); "
                "it must be new, empty or a cache"
            )
    else:
        problem = blocked_way(cache_dir, "the cache folder")
        if problem is None and (refusing := refusing_folder(cache_dir)) is not None:
            # Said of the folder to fix, not of the build lock made first inside it.
            problem = f"the cache folder cannot be made: this user may not write in {refusing}"
    if problem is not None:
        raise UsageError(f"{problem}; {origin}", path=cache_dir)


_READ_FOLDER_NAMES = (
    POSTS_DIR_NAME,
    DRAFTS_DIR_NAME,
    "_data",  # `site_data.DATA_DIR_NAME`: that module reads YAML, which this one never imports
    INCLUDES_DIR_NAME,
    LAYOUTS_DIR_NAME,
    "_sass",  # the default `sass_dir`
    TEMPLATES_DIR_NAME,
)
"""Folders of the site (and of `content/`) whose every file a build may read."""


def _read_folder_holding(cache: Path, site_dir: Path) -> Path | None:
    """The site's read folder that is, or holds, the real folder `cache`, if any."""
    bases = dict.fromkeys((site_dir, content_dir_of(site_dir)))
    for folder in (base / name for base in bases for name in _READ_FOLDER_NAMES):
        if cache.is_relative_to(os.path.realpath(folder)):
            return folder
    return None


def _holds_a_cache(folder: Path, names: list[str]) -> bool:
    """Whether files named as sitegen names its cache's are one: the folder is tagged
    (every build tags its cache first), or holds the SQLite file or the lock (a cache
    being made, or damaged: the build rebuilds it). A user's own `manifest` alone would
    otherwise be overwritten."""
    return is_tagged(folder) or DATABASE_NAME in names or LOCK_NAME in names
