"""Jekyll's `include` and `exclude`: which names of the site folder are read.

The rule is `Jekyll::EntryFilter#filter` (jekyll/lib/jekyll/entry_filter.rb), applied to
each entry of each folder as the folder is read:

- an entry that is excluded and not included is left out, with everything below it;
- an included entry is read, whatever its name (`.htaccess`, `_redirects`, `.well-known`);
- else a name starting with `.`, `_`, `#` or `~`, or ending with `~`, is left out.

An entry is excluded when a pattern of `exclude` that is not also in `include` matches its
path from the site folder (`assets/old`), and included when a pattern of `include` matches
its name alone. A pattern matches as Jekyll's `glob_include?` matches it: Ruby's
`File.fnmatch?` without flags (so `*` also matches `/`), or as a plain prefix of the path
(`exclude: [foo]` also leaves out `foobar.md`, as in Jekyll), or as the entry's folder
with a trailing `/` (`docs/`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

#: `Jekyll::EntryFilter::SPECIAL_LEADING_CHAR_REGEX`, and backups (`post.md~`).
SPECIAL_LEADING = (".", "_", "#", "~")


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """The site's `include` and `exclude`, the defaults of both already applied."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]

    def is_included(self, name: str, *, is_dir: bool = False) -> bool:
        """True when `include` names this entry (matched by its name alone)."""
        return _glob_include(self.include, name, is_dir)

    def is_excluded(self, relative_path: str, *, is_dir: bool = False) -> bool:
        """True when `exclude` (less what `include` also lists) names this path."""
        return _glob_include(_only_excluded(self.exclude, self.include), relative_path, is_dir)

    def rejects(self, relative_path: PurePosixPath, *, is_dir: bool = False) -> bool:
        """True when Jekyll leaves this one entry out (its folders are checked apart)."""
        return self._rejects(str(relative_path), relative_path.name, is_dir)

    def rejects_path(self, relative_path: PurePosixPath, *, is_dir: bool = False) -> bool:
        """True when Jekyll leaves out this entry or any folder above it."""
        return any(
            self._rejects(path, name, is_dir or folder) for path, name, folder in _path_steps(relative_path)
        )

    def excludes_path(self, relative_path: PurePosixPath) -> bool:
        """True when `exclude`, and not `include`, names this entry or a folder above it
        (`vendor/bundle` excludes `vendor/bundle/x.html`, not `vendor/x.html`)."""
        return any(self._excludes(path, name, folder) for path, name, folder in _path_steps(relative_path))

    def excludes_folder(self, relative_path: PurePosixPath) -> bool:
        """True when `exclude`, and not `include`, names this folder or one above it."""
        return any(self._excludes(path, name, True) for path, name, _ in _path_steps(relative_path))

    def _rejects(self, path: str, name: str, is_dir: bool) -> bool:
        return self._excludes(path, name, is_dir) or (
            is_special_name(name) and not self.is_included(name, is_dir=is_dir)
        )

    def _excludes(self, path: str, name: str, is_dir: bool) -> bool:
        return self.is_excluded(path, is_dir=is_dir) and not self.is_included(name, is_dir=is_dir)


def _path_steps(relative_path: PurePosixPath) -> Iterator[tuple[str, str, bool]]:
    """Each folder above a relative path, then the path itself: its path below the root
    (parts joined with `/`: string work, as a scan asks this of every page and static
    file of a site), its name, and whether it is a folder (all but the last)."""
    parts = relative_path.parts
    prefix = ""
    for depth, name in enumerate(parts, start=1):
        prefix = f"{prefix}/{name}" if prefix else name
        yield prefix, name, depth < len(parts)


def is_special_name(name: str) -> bool:
    """A name Jekyll never reads unless `include` names it: hidden, underscored, editor
    lock files (`.#post.md`, `#post.md#`) and backups (`post.md~`)."""
    return name.startswith(SPECIAL_LEADING) or name.endswith("~")


@cache
def _only_excluded(exclude: tuple[str, ...], include: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(pattern for pattern in exclude if pattern not in include)


def _glob_include(patterns: tuple[str, ...], entry: str, is_dir: bool) -> bool:
    """`EntryFilter#glob_include?`: both sides are joined to the site folder there, which
    only matters through a pattern's leading `/` (dropped, as `File.join` drops it). A
    pattern matches as a glob, as a prefix, or (for a folder) as the folder's name and a
    `/`; each is asked of all patterns at once (a scan asks it of every file)."""
    if not patterns:
        return False
    as_glob, prefixes = _matcher(patterns)
    entry = entry.lstrip("/")
    return bool(
        entry.startswith(prefixes) or as_glob.fullmatch(entry) or (is_dir and f"{entry}/" in prefixes)
    )


@cache
def _matcher(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One expression matching any pattern as a glob, and the patterns as prefixes."""
    stripped = tuple(pattern.lstrip("/") for pattern in patterns)
    any_glob = "|".join(f"(?:{_fnmatch(pattern).pattern})" for pattern in stripped)
    return re.compile(any_glob, re.DOTALL), stripped


@cache
def _fnmatch(pattern: str) -> re.Pattern[str]:
    """Ruby's `File.fnmatch?(pattern, path)` without flags as a regular expression: `*`
    any run of characters (`/` too), `?` one character, `[…]` a class (`[!…]`, `[^…]`
    negated), `\\` escapes the next character; case-sensitive; no `{a,b}` and no `**`."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "\\" and index < len(pattern):
            out.append(re.escape(pattern[index]))
            index += 1
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
                continue
            body = pattern[index:end]
            negated = body[:1] in ("!", "^")
            body = body[1:] if negated else body
            out.append("[" + ("^" if negated else "") + body.replace("\\", "\\\\").replace("[", "\\[") + "]")
            index = end + 1
        else:
            out.append(re.escape(char))
    return re.compile("".join(out), re.DOTALL)
