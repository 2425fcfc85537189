"""Front-matter defaults (`defaults:` in `_config.yml`) with Jekyll's semantics.

Most Jekyll sites set their layouts, permalinks and categories this way rather than in
each file, so a post's URL depends on them. The rules follow `Jekyll::FrontmatterDefaults`
(jekyll/lib/jekyll/frontmatter_defaults.rb, Jekyll 4.3):

- a set applies when its `type` (if any) is the document's type (`posts`, `pages`, or a
  collection's name; `post`, `page` and `draft` are Jekyll's old names) and its `path`
  (if any) is a prefix of the document's path relative to the site (a post's or
  collection document's relative to the `collections_dir`, a `collections_dir/` starting
  the scope path cut). The prefix is a plain string prefix, as in Jekyll, and a scope
  path starting with `/` therefore never matches. A path with `*` is a glob (`*` within
  one folder name, `**` across folders): it applies when it matches the document or one
  of its folders;
- sets are applied in the order written; a set with a longer scope path, or one of the
  same length that names a type, overrides what came before; otherwise the earlier values
  stay and the set only fills what is missing;
- the file's own front matter beats every default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any

from sitegen.jekyll.ruby_split import ruby_split

#: Jekyll's deprecated singular type names (`FrontmatterDefaults#update_deprecated_types`).
_OLD_TYPE_NAMES = {"page": "pages", "post": "posts", "draft": "drafts"}


@dataclass(frozen=True, slots=True)
class DefaultSet:
    """One entry of `defaults:`: where it applies, and the front matter it supplies."""

    path: str = ""
    """The scope path as written ("" = every path); may hold `*` globs."""
    type: str | None = None
    """`posts`, `pages`, `drafts` or a collection name; None = every type."""
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    entry: int = 0
    """Its place in the `defaults:` list (from 0), for notes naming the line of a value."""

    def applies_to(self, relative_path: str, document_type: str, collections_dir: str = "") -> bool:
        """Whether the set applies to the document at `relative_path` (a post's or
        collection document's relative to the `collections_dir`, a page's to the site).

        The scope path is read as from the site folder, and the `collections_dir/` that
        starts it goes (`FrontmatterDefaults#strip_collections_dir`), so with
        `collections_dir: cols` both `cols/_posts` and `_posts` apply to
        `cols/_posts/x.md`; a page `cols/a.md` is at `cols/a.md`, which `cols/a.md`
        (stripped to `a.md`) does not start, as in Jekyll."""
        if self.type is not None and self.type != document_type:
            return False
        if not self.path:
            return True
        if "*" in self.path:
            site_path = relative_path
            if collections_dir and document_type != "pages":
                site_path = f"{collections_dir.strip('/')}/{relative_path}"
            return any(
                relative_path.startswith(_strip_collections_dir(match, collections_dir))
                for match in _glob_matching_prefixes(self.path, site_path)
            )
        return relative_path.startswith(_strip_collections_dir(self.path, collections_dir))

    def outranks(self, earlier: DefaultSet) -> bool:
        """Jekyll's `has_precedence?`: longer paths win, then a set naming a type."""
        new_length, old_length = len(_sanitize(self.path)), len(_sanitize(earlier.path))
        if new_length != old_length:
            return new_length > old_length
        return self.type is not None or earlier.type is None


def parse_defaults(raw: Any) -> tuple[tuple[DefaultSet, ...], str]:
    """The `defaults:` setting as typed sets, and what is wrong with it ("" if nothing).

    As in Jekyll (`FrontmatterDefaults#valid?`), an entry without a `values` mapping is
    not used; one whose `scope` is not a mapping (where Jekyll stops) is not used either,
    and a `defaults:` that is not a list gives no sets: each costs that entry, never the
    site, and is named in the one message returned."""
    if raw is None:
        return (), ""
    if not isinstance(raw, list):
        return (), "setting 'defaults' must be a list of {scope, values}; sitegen uses none"
    sets = []
    skipped = []
    for number, entry in enumerate(raw, start=1):
        scope = entry.get("scope") or {} if isinstance(entry, Mapping) else None
        if not isinstance(entry, Mapping) or not isinstance(entry.get("values"), Mapping):
            skipped.append(f"{number} (no 'values' mapping)")
            continue
        if not isinstance(scope, Mapping):
            skipped.append(f"{number} ('scope' is not a mapping of path and type)")
            continue
        scope_path = scope.get("path")
        scope_type = scope.get("type")
        sets.append(
            DefaultSet(
                # Jekyll applies a set whose path is not text to every path.
                path=scope_path if isinstance(scope_path, str) else "",
                type=None if scope_type is None else _OLD_TYPE_NAMES.get(str(scope_type), str(scope_type)),
                values=MappingProxyType({str(key): value for key, value in entry["values"].items()}),
                entry=number - 1,
            )
        )
    if not skipped:
        return tuple(sets), ""
    return tuple(sets), f"setting 'defaults': entries not used: {', '.join(skipped)}"


def defaults_for(
    sets: tuple[DefaultSet, ...], relative_path: str, document_type: str, collections_dir: str = ""
) -> dict[str, Any]:
    """The default front matter of one document (Jekyll's `FrontmatterDefaults#all`);
    `relative_path` and `collections_dir` as `DefaultSet.applies_to` reads them."""
    merged: dict[str, Any] = {}
    winner: DefaultSet | None = None
    for default_set in sets:
        if not default_set.applies_to(relative_path, document_type, collections_dir):
            continue
        if winner is None or default_set.outranks(winner):
            merged = deep_merge(merged, default_set.values)
            winner = default_set
        else:
            merged = deep_merge(default_set.values, merged)
    return merged


def merge_front_matter(
    defaults: Mapping[str, Any], front: Mapping[str, Any], document_type: str
) -> dict[str, Any]:
    """A document's front matter over its defaults.

    Posts and collection documents merge deeply and a key left empty (`layout:`) keeps its
    default (`Document#merge_data!` via `Utils.deep_merge_hashes`); a page takes a default
    only for a key its front matter does not have at all (`Page`'s `default_proc`).

    A document's `categories` add up instead (`Document#merge_categories!`): the
    defaults' names, then the front matter's not among them (Ruby's `Array#|`), text
    split as Ruby splits it, so `page.categories` lists `[defcat, mine]` in the order
    of the URL's `/defcat/mine/`."""
    if not defaults:
        return dict(front)
    if document_type == "pages":
        return {**defaults, **front}
    merged = deep_merge(defaults, front)
    categories = _united(defaults.get("categories"), front.get("categories"))
    if categories is not None:
        merged["categories"] = categories
    return merged


def _united(base: Any, added: Any) -> list[Any] | None:
    """`base | added` of two `categories` values (text split on whitespace), or None
    where either is missing or is neither a list nor text (own value wins then)."""
    if base is None or added is None:
        return None
    lists = [ruby_split(value) if isinstance(value, str) else value for value in (base, added)]
    if not all(isinstance(value, list) for value in lists):
        return None
    return ruby_uniq((*lists[0], *lists[1]))


def ruby_uniq(items: Iterable[Any]) -> list[Any]:
    """Ruby's `uniq`: each item once, the first kept, told apart as `eql?` tells them
    (`1`, `1.0`, `true` and `"1"` are four items, as are `[1]` and `[true]`)."""
    kept: dict[str, Any] = {}
    for item in items:
        kept.setdefault(f"{type(item).__name__}:{item!r}", item)
    return list(kept.values())


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Jekyll's `Utils.deep_merge_hashes`: mappings merge key by key, an empty (null)
    override keeps the base value, anything else replaces it."""
    merged = dict(base)
    for key, value in overrides.items():
        old = merged.get(key)
        if value is None and key in merged:
            continue
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = deep_merge(old, value)
        else:
            merged[key] = value
    return merged


def _sanitize(path: str) -> str:
    """Jekyll's `sanitize_path`, used to rank scopes: a leading `/` does not count."""
    return path[1:] if path.startswith("/") else path


def _strip_collections_dir(scope_path: str, collections_dir: str) -> str:
    """Jekyll's `strip_collections_dir`: the scope path without the `collections_dir/`
    that starts it, the setting read as written (`cols/` would need `cols//`)."""
    prefix = f"{collections_dir}/"
    return scope_path.removeprefix(prefix) if collections_dir else scope_path


def _glob_matching_prefixes(pattern: str, site_path: str) -> list[str]:
    """The document's path from the site folder and its folders that the glob matches.

    Jekyll globs the site folder and asks whether a match, its `collections_dir/` cut,
    starts the document's path; every folder of a document exists, so matching its
    path's own prefixes gives the same answer without touching the disk (a match
    elsewhere that starts the document's path once cut, a top-level `_posts/` beside
    `collections_dir: cols`, is not looked for)."""
    regex = _glob_regex(pattern.rstrip("/"))
    parts = PurePosixPath(site_path).parts
    prefixes = ("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    return [prefix for prefix in prefixes if regex.fullmatch(prefix)]


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Ruby's `Dir.glob` pattern as a regex: `**/` any folders, `*` any name part
    (never a leading dot, never `/`), `?` one character."""
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append(r"(?:[^/.][^/]*/)*")
            index += 3
        elif pattern[index] == "*":
            at_start = index == 0 or pattern[index - 1] == "/"
            out.append(r"(?:[^/.][^/]*)?" if at_start else r"[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append(r"[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out))
