"""Front-matter defaults whose values no document could be built with are dropped once,
with one line naming `_config.yml` and the line of the value.

A value in `defaults:` that a document's field readers refuse (`slug: [a, b]`, a `date`
that is no date) made every post it applies to an error naming the post, which has no
such key, and every post was dropped. Jekyll stops the whole build on such a value
(`Document#populate_title` calls `Utils.slugify` on the list; `Document#read` turns a
bad default `date` into "An invalid date format was found in a front-matter default
set": jekyll/lib/jekyll/document.rb). One setting must not cost the site: each value is
tried once, alone, on an empty document of the type its set applies to, by the same
loader the documents go through; a value it refuses is left out of its set, and the
documents are built without it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.blank_permalink import blank_default_permalinks
from sitegen.content.documents import LoadOptions, load_page, load_post
from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic, Level, SitegenError
from sitegen.jekyll.config_file import TOML_SUFFIX, config_file_of
from sitegen.jekyll.config_lines import key_lines, value_line
from sitegen.jekyll.defaults import DefaultSet

#: Every date is past: a value is tried for whether it can be read, not when it shows.
_TRIAL = LoadOptions(now=datetime(9999, 12, 31, tzinfo=UTC), future=True, drafts=True)
_EMPTY = b"---\n---\n"


def checked_defaults(config: SiteConfig, site_dir: Path) -> SiteConfig:
    """`config` with each default value no document could be built with left out, and
    one error line for each, naming the settings file and the value's line; a blank
    `permalink` is kept (read as none), and one with white space around its text is
    read without it, each with one warning (`sitegen.content.blank_permalink`)."""
    if not config.defaults:
        return config
    sets: list[DefaultSet] = []
    notes = blank_default_permalinks(config.defaults, config_file_of(site_dir))
    for default_set in config.defaults:
        kept: dict[str, Any] = {}
        for key, value in default_set.values.items():
            problem = _refused(default_set, key, value, config, site_dir)
            if problem is None:
                kept[key] = value
            else:
                notes.append(_note(site_dir, default_set.entry, key, problem))
        changed = len(kept) != len(default_set.values)
        sets.append(replace(default_set, values=MappingProxyType(kept)) if changed else default_set)
    if not notes:
        return config
    # The odd permalinks' notes are warnings: their values stay (blank read as none).
    return replace(config, defaults=tuple(sets), diagnostics=(*config.diagnostics, *notes))


def _refused(default_set: DefaultSet, key: str, value: Any, config: SiteConfig, site_dir: Path) -> str | None:
    """Why an empty document of the set's type cannot be built with `key: value` as its
    only default, or None. A set of no type applies to posts and pages alike, and a
    permalink's placeholders differ by kind: its permalink is refused only when neither
    can be built with it (`/:basename/`, a page's placeholder, is a page's default in a
    `path: pages` scope)."""
    problem = _refused_for(default_set.type, key, value, config, site_dir)
    if problem is not None and default_set.type is None and key == "permalink":
        # Placeholders differ by kind (`:basename` is a page's): one kind's is enough.
        return problem if _refused_for("pages", key, value, config, site_dir) is not None else None
    return problem


def _refused_for(kind: str | None, key: str, value: Any, config: SiteConfig, site_dir: Path) -> str | None:
    alone = replace(config, defaults=(DefaultSet(values=MappingProxyType({key: value})),))
    try:
        if kind in (None, "posts", "drafts"):
            relative = PurePosixPath("_posts/2000-01-01-default.md")
            load_post(SourceFile(site_dir / relative, relative), _EMPTY, alone, _TRIAL)
        else:
            collection = next((found for found in config.collections if found.label == kind), None)
            folder = "" if collection is None else f"_{collection.label}/"
            relative = PurePosixPath(f"{folder}2000-01-01-default.md")
            load_page(SourceFile(site_dir / relative, relative), _EMPTY, alone, collection=collection)
    except SitegenError as error:
        return error.message
    except (OSError, ValueError, TypeError):
        return None  # a question about the disk or the file, not about the value
    return None


def _note(site_dir: Path, entry: int, key: str, problem: str) -> Diagnostic:
    path = config_file_of(site_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if path.suffix == TOML_SUFFIX:
        line = key_lines(text, toml=True).get("defaults")
    else:
        line = value_line(text, ("defaults", entry, "values", key))
    message = f"setting 'defaults' (entry {entry + 1}): {problem}; this default is not used"
    return Diagnostic(message, path, line, Level.ERROR)
