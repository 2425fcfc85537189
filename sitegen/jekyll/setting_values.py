"""One setting's value, read leniently: a wrong type costs that setting, not the site.

Jekyll reads `_config.yml` without checking types: a value it does not use is ignored,
one it uses is taken as Ruby would (`future: 5` is true, `baseurl: news` is prefixed
with `/` by `relative_url`, jekyll/lib/jekyll/filters/url_filters.rb), and only a value
it cannot use at all stops it (`permalink: 5`: `style_to_permalink` calls `to_sym`,
jekyll/lib/jekyll/configuration.rb). So a value of the wrong type or out of range is one
`SettingNote` here, saying what was expected and what is used instead: Jekyll's reading
where it has one, else the default, and the build goes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sitegen.errors import ConfigError, Level
from sitegen.jekyll.ruby_scalars import ruby_scalar_text

JEKYLL_TRUTHY_KEYS = frozenset({"future", "unpublished", "show_drafts", "safe"})
"""Jekyll's own switches, which it reads by Ruby's truth: all but `nil` and `false` are true."""
POST_LIMIT = "limit_posts"
"""Jekyll's `limit_posts`: how many of the newest posts are published (0: all)."""
NAME_LIST_KEYS = frozenset({"exclude", "include", "keep_files"})
"""Jekyll's name lists: an entry that is not text is ignored (`EntryFilter#glob_include?`,
jekyll/lib/jekyll/entry_filter.rb, matches only strings and regexps; `keep_files` is
read by `Cleaner#keep_file_regex`, `Regexp.union`, which stops on a number, so a value
that is no list stops the build as `include: 7` does)."""


@dataclass(frozen=True, slots=True)
class SettingNote:
    """What is wrong with one key's value, and how much it costs."""

    key: str
    message: str
    level: Level = Level.WARNING
    within: tuple[str | int, ...] = ()
    """Where below `key` the value is written (`("hh",)`), for the note's line."""


@dataclass(frozen=True, slots=True)
class Setting:
    """A key's value as sitegen uses it, and the note its written value earned (if any)."""

    value: Any
    note: SettingNote | None = None


def read_setting(key: str, value: Any, default: Any) -> Setting:
    """`value` as the type of `default` (the field's default), or the fallback with a note."""
    if value is None:
        return Setting(default)
    if key == "permalink" and isinstance(value, str) and not value.strip():
        # Jekyll publishes every post at `/index.html` (`""`) or `/  .html` (spaces), one
        # over the other: none of them kept. The default pattern keeps them all.
        message = f"setting 'permalink' is {describe(value)}, so Jekyll would publish every post at one URL"
        return Setting(default, SettingNote(key, f"{message}; sitegen uses {default!r}"))
    if key == "permalink" and not isinstance(value, str):
        # Jekyll stops (`style_to_permalink` calls `to_sym`): an error, but only the
        # posts' URLs are at stake, so the default pattern builds the rest of the site.
        note = fallback_note(key, value, "text (a style name or a pattern)", default)
        return Setting(default, SettingNote(key, f"{note.message} (Jekyll stops here)", Level.ERROR))
    if key == "destination" and not (isinstance(value, str) and value.strip() and "\0" not in value):
        # Jekyll stops on a value that is not text (`File.expand_path(12)`, Site#initialize)
        # and publishes into the working folder itself on an empty one, beside its sources;
        # no file system has a path holding a NUL.
        message = f"setting 'destination' must be a folder's path, not {describe(value)}"
        return Setting(
            default, SettingNote(key, f"{message}; sitegen uses -d, else _site in the site folder")
        )
    if key == POST_LIMIT:
        return _post_limit(value)
    if isinstance(default, bool):
        return _switch(key, value, default)
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return _fallback(key, value, "a whole number ≥ 0", default)
        return Setting(value)
    if isinstance(default, str):
        if isinstance(value, (Mapping, list)):
            return _fallback(key, value, "text", default)
        return Setting(ruby_scalar_text(value))
    if isinstance(default, tuple):
        return _names(key, value, default)
    if isinstance(default, Mapping):
        if not isinstance(value, Mapping):
            return _fallback(key, value, "a mapping of names to text", default)
        return _texts(key, value)
    return _fallback(key, value, "a supported value", default)  # pragma: no cover


def fallback_note(key: str, value: Any, expected: str, used: Any) -> SettingNote:
    """The one line for a value sitegen does not use: what it is, what was expected, what is used."""
    return SettingNote(key, f"setting '{key}' must be {expected}, not {describe(value)}; {uses(used)}")


def uses(used: Any) -> str:
    """The end of a note: the value sitegen uses instead."""
    if used in ("", (), {}) or (isinstance(used, Mapping) and not used):
        return "sitegen uses none"
    shown = ", ".join(used) if isinstance(used, tuple) else used
    return (
        f"sitegen uses {ruby_scalar_text(shown)!r}"
        if isinstance(shown, str)
        else f"sitegen uses {ruby_scalar_text(shown)}"
    )


def describe(value: Any) -> str:
    """A written value as its author would recognise it, shortened."""
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = ruby_scalar_text(value).encode("unicode_escape").decode("ascii")
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _switch(key: str, value: Any, default: bool) -> Setting:
    if isinstance(value, bool):
        return Setting(value)
    if key in JEKYLL_TRUTHY_KEYS:
        note = SettingNote(
            key,
            f"setting '{key}' must be true or false, not {describe(value)}; "
            "sitegen uses true, as Jekyll does",
        )
        return Setting(True, note)
    return _fallback(key, value, "true or false", default)


def _post_limit(value: Any) -> Setting:
    """`limit_posts` as `Site#reset` and `#limit_posts!` read it (jekyll/lib/jekyll/site.rb):
    0 (or null) is no limit; Jekyll stops on a negative number ("limit_posts must be a
    non-negative number") and on a value that is no number (`negative?` is undefined for
    it), so each is one error here, and every post is published; a float is cut to a
    whole number, as Ruby's `Array#[]` cuts it (`2.5` keeps the newest 2), and one cut to
    0 keeps no post at all in Jekyll, which no site means: every post is published."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Setting(value)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    written = f"setting 'limit_posts' must be a whole number ≥ 0, not {describe(value)}"
    if isinstance(value, float) and 1 <= value < float("inf"):
        kept = int(value)
        return Setting(
            kept, SettingNote(POST_LIMIT, f"{written}; sitegen publishes the newest {kept}, as Jekyll does")
        )
    if isinstance(value, float) and not value < 0:  # 0.0, NaN, .inf: no limit in Jekyll either
        jekyll = "where Jekyll would publish none" if 0 < value < 1 else "as Jekyll does"
        return Setting(0, SettingNote(POST_LIMIT, f"{written}; sitegen publishes every post, {jekyll}"))
    jekyll = "limit_posts must be a non-negative number" if number else "it is no number"
    message = f"{written}; sitegen publishes every post (Jekyll stops: {jekyll})"
    return Setting(0, SettingNote(POST_LIMIT, message, Level.ERROR))


def _names(key: str, value: Any, default: tuple[str, ...]) -> Setting:
    """A list of names; Jekyll's own lists keep their text entries (others are ignored)."""
    if isinstance(value, str):
        return Setting((value,))
    if not isinstance(value, list):
        return _fallback(key, value, "a list of names", default)
    if key in NAME_LIST_KEYS:
        kept = tuple(entry for entry in value if isinstance(entry, str))
        if len(kept) == len(value):
            return Setting(kept)
        dropped = ", ".join(describe(entry) for entry in value if not isinstance(entry, str))
        note = (
            f"setting '{key}' must be a list of names; "
            f"entries that are not text ({dropped}) are ignored"
            + ("" if key == "keep_files" else ", as Jekyll does")  # Jekyll stops on those of keep_files
        )
        return Setting(kept, SettingNote(key, note))
    if not all(isinstance(entry, (str, int)) and not isinstance(entry, bool) for entry in value):
        return _fallback(key, value, "a list of names", default)
    return Setting(tuple(str(entry) for entry in value))


def _texts(key: str, value: Mapping[Any, Any]) -> Setting:
    """A mapping of names to text. An entry whose value is not text (`zhanwu: [x]`) costs
    that entry only, and the note says which and what it is; an empty one (`zhanwu:`)
    gives no title, as if unwritten."""
    entries = {str(name): text for name, text in value.items() if text is not None}
    bad = sorted(name for name, text in entries.items() if not _is_text_like(text))
    kept = MappingProxyType({name: str(entries[name]) for name in sorted(entries) if name not in bad})
    if not bad:
        return Setting(kept)
    named = ", ".join(f"'{name}' is {describe(entries[name])}" for name in bad)
    left_out = "those" if len(bad) > 1 else "it"
    message = (
        f"setting '{key}' must give each name a text, but the value of {named}; sitegen leaves {left_out} out"
    )
    return Setting(kept, SettingNote(key, message, within=(bad[0],)))


def _fallback(key: str, value: Any, expected: str, default: Any) -> Setting:
    return Setting(default, fallback_note(key, value, expected, default))


def _is_text_like(value: object) -> bool:
    return isinstance(value, (str, int, float, date)) and not isinstance(value, bool)


_TEXT_HINTS = {
    "timezone": ": a tz database name (Asia/Shanghai) or a POSIX TZ string (CST-8), quoted where YAML "
    "would read it otherwise (unquoted, +08:00 is the number 28800)",
}
"""What a strictly read setting given as a number, a boolean or a date should have been."""


def strictly_read(key: str, value: Any, default: Any, path: Path) -> Any:
    """A strictly read setting (a bad value stops the build: `timezone` not text, or a
    name list that is no list) as its `default`'s type; raises `ConfigError` naming the
    key."""
    if value is None:
        return default
    if isinstance(default, str):
        if not isinstance(value, str):
            # Jekyll stops too (`ENV["TZ"] = 28800`: no implicit conversion into String).
            raise ConfigError(f"setting '{key}' must be text{_TEXT_HINTS.get(key, '')}", path=path)
        return value
    raise ConfigError(f"setting '{key}' must be a list of names", path=path)
