"""Jekyll's `collections:` setting: which collections exist, and which are published where.

The `posts` collection always exists and is always published; its `permalink` (Jekyll's
documentation site sets `/news/:year/:month/:day/:title/` there) beats the site-wide
`permalink` (`Configuration#add_default_collections`, jekyll/lib/jekyll/configuration.rb),
and like every collection's it is a pattern taken as written: only the site-wide key
names a style (`#style_to_permalink`), so `pretty` there is the path `/pretty`.
Any other collection is published only with `output: true`, each document at the
collection's `permalink`, by default `/:collection/:path:output_ext`
(`Collection#url_template`, jekyll/lib/jekyll/collection.rb), and each of its files
without front matter copied below that URL (`StaticFile#url`, static_file.rb).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.errors import ConfigError, Level
from sitegen.jekyll.setting_values import SettingNote
from sitegen.model import SourcePage, StaticFile
from sitegen.urls import PERMALINK_STYLES, destination_url, escape_placeholder, ruby_extname, sanitize_url

POSTS = "posts"
KEY = "collections"
DEFAULT_DOCUMENT_PERMALINK = "/:collection/:path:output_ext"


@dataclass(frozen=True, slots=True)
class Collection:
    """One collection as `_config.yml` declares it (other keys, e.g. `sort_by`, are not read)."""

    label: str
    output: bool = False
    """Whether Jekyll writes the collection's documents; `posts` always is."""
    permalink: str | None = None
    """The URL pattern of its documents, or None for Jekyll's default."""
    names: tuple[str, ...] = ()
    """The names it is written as (`sp ace` for `space`), by which Liquid's `site[name]`
    finds its documents (`SiteDrop#[]`, jekyll/lib/jekyll/drops/site_drop.rb)."""

    @property
    def folder(self) -> str:
        return f"_{self.label}"


def parse_collections(raw: Any, config_path: Path) -> tuple[tuple[Collection, ...], tuple[SettingNote, ...]]:
    """`collections:` as a list of names or a mapping of name to settings, sorted by
    label, and a note for each name Jekyll reads otherwise than it is written.

    Jekyll keeps of a name only its letters, digits, `_`, `-` and `.`
    (`Collection#sanitize_label`, jekyll/lib/jekyll/collection.rb): `sp ace` is the
    collection `space`, read from `_space/`, with the settings written under `space`
    (`Collection#extract_metadata` looks them up by the sanitized label), and `a/b` or
    `中文` is `ab` or the empty label, read from `_/`. So does sitegen, with one note per
    name changed; two names that become one label are one collection. Only a name that
    is not text at all (`[docs, [b]]`, `[null]`), on which Jekyll stops too, or settings
    that are not a mapping, is a `ConfigError` naming the key."""
    if raw is None:
        return (), ()
    if isinstance(raw, list):
        names = [_name(name, f"entry {number}", config_path) for number, name in enumerate(raw, start=1)]
        settings_of: Mapping[Any, Any] = {}
    elif isinstance(raw, Mapping):
        names = [_name(name, "a name", config_path) for name in raw]
        settings_of = {str(name): settings for name, settings in raw.items()}
    else:
        raise ConfigError(
            "setting 'collections' must be a list of collection names or a mapping of names to settings",
            path=config_path,
        )
    found: dict[str, Collection] = {}
    notes: list[SettingNote] = []
    for name in names:
        label = sanitize_label(name)
        if label != name or not label:
            notes.append(SettingNote(KEY, _renamed(name, label, label in settings_of)))
        if label in found:
            found[label] = replace(found[label], names=(*found[label].names, name))
            continue
        collection, said = _collection(label, settings_of.get(label), config_path)
        found[label] = replace(collection, names=(name,))
        notes.extend(said)
    return tuple(found[label] for label in sorted(found)), tuple(notes)


_LABEL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.\u017f\u212a")
"""What `%r![^a-z0-9_\\-.]!i` keeps in Ruby: ASCII letters, digits, `_`, `-`, `.`, and the
two characters Onigmo's case folding matches to `s` and `k` (long s, Kelvin sign); not
the dotted and dotless i, which Python's `re.IGNORECASE` would also keep."""


def sanitize_label(name: str) -> str:
    """A collection's label from its name as written (`Collection#sanitize_label`)."""
    return "".join(character for character in name if character in _LABEL_CHARACTERS)


def _renamed(name: str, label: str, has_settings: bool) -> str:
    shown = name.encode("unicode_escape").decode("ascii")[:80]
    settings = "its settings are those written under that label" if has_settings else "it has no settings"
    which = f"is the collection '{label}'" if label else "is the collection with the empty label"
    return (
        f"collection '{shown}' {which} (Jekyll keeps only letters, digits, '_', '-' and '.' of "
        f"a name): its documents are read from '_{label}', and {settings}"
    )


def _name(name: object, which: str, config_path: Path) -> str:
    """A collection's name as text: text or a whole number (as YAML reads `2024`)."""
    if isinstance(name, bool) or not isinstance(name, (str, int)):
        raise ConfigError(
            f"setting 'collections': {which} must be a collection name (text), not {_yaml_kind(name)}",
            path=config_path,
        )
    return str(name)


def _collection(label: str, settings: Any, config_path: Path) -> tuple[Collection, tuple[SettingNote, ...]]:
    """One collection's settings (`output`, `permalink`; others are not read), and a
    note for an `output` that is no boolean and for a `permalink` that names a style or
    is no text (an error: the site's `permalink` is used, as for the site's own);
    empty settings (`docs:`, or `false`, which Jekyll reads as none) are Jekyll's
    defaults, as a null `output` or `permalink` is.

    `output` is read as Jekyll reads it (`Collection#write?`: `!!metadata["output"]`):
    any value but `false` and null is true, the text `"false"` too."""
    where = f"setting 'collections', '{label}'"
    settings = {} if settings is None or settings is False else settings
    if not isinstance(settings, Mapping):
        raise ConfigError(f"{where} must be a mapping (output, permalink, …)", path=config_path)
    output = settings.get("output")
    notes: list[SettingNote] = []
    if output is not None and not isinstance(output, bool):
        shown = _yaml_kind(output) if not isinstance(output, (str, int, float)) else repr(output)
        message = (
            f"{where}: 'output' is {shown}, not true or false; Jekyll reads any value but false "
            "and null as true, and so does sitegen"
        )
        notes.append(SettingNote(KEY, message, within=(label, "output")))
    permalink = settings.get("permalink")
    published = (output is not None and output is not False) or label == POSTS
    fallback = "the site's permalink" if label == POSTS else repr(DEFAULT_DOCUMENT_PERMALINK)
    if permalink is not None and not isinstance(permalink, str):
        message = f"{where}: 'permalink' must be text, not {_yaml_kind(permalink)}; sitegen uses {fallback}"
        notes.append(SettingNote(KEY, message, Level.ERROR, (label, "permalink")))
        permalink = None
    if isinstance(permalink, str) and not permalink.strip() and published:
        # Ruby's "" is true: `Collection#url_template` keeps it, and Jekyll publishes
        # every document at `/index.html` (over the home page), one over the other.
        message = (
            f"{where}: 'permalink' is empty; Jekyll publishes every document of '{label}' at "
            f"/index.html, one over the other; sitegen uses {fallback}"
        )
        notes.append(SettingNote(KEY, message, within=(label, "permalink")))
        permalink = None
    if permalink in PERMALINK_STYLES and published:
        # Only the site-wide `permalink` names a style (`Configuration#style_to_permalink`);
        # `Collection#url_template` takes a collection's as written.
        pattern = f" (the style's pattern is {PERMALINK_STYLES[permalink]!r})" if label == POSTS else ""
        message = (
            f"{where}: 'permalink' is {permalink!r}, a style's name only in the site's 'permalink': "
            f"here it is taken as a path, as in Jekyll, so every document of '{label}' is published "
            f"at /{permalink}.html, one over the other{pattern}"
        )
        notes.append(SettingNote(KEY, message, within=(label, "permalink")))
    return Collection(label, published, permalink or None), tuple(notes)


def _yaml_kind(value: object) -> str:
    """What a YAML value is, in the words of the file's author, for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, date):  # a datetime too
        return "a date"
    return type(value).__name__


def static_file_output(collection: Collection, relative_path: PurePosixPath) -> PurePosixPath:
    """Where Jekyll copies a file without front matter of an `output: true` collection,
    relative to the destination (`StaticFile#url` and `#destination`, static_file.rb):
    the collection's permalink filled with `collection`, `path` (below the collection's
    folder, without its extension and the dots ending what is left), `output_ext` and
    `title` empty and `name` (the file's, so trimmed), each in turn, escaped as
    `URL.escape_path` escapes a value; any other placeholder is left as written. Then
    sanitized, one trailing `/` dropped, the file's extension added, and unescaped and
    resolved as every URL Jekyll writes at (`sitegen.urls.destinations`).

    `_docs/img/a.png` with the default permalink is `docs/img/a.png`; `_docs/a%41..png`
    is `docs/a%41.png` (the name is a placeholder's value, so its `%41` stays)."""
    inside = str(relative_path.relative_to(collection.folder))
    extension = ruby_extname(relative_path.name)
    stem = inside[: len(inside) - len(extension)].rstrip(".")
    placeholders = (
        ("collection", collection.label),
        ("path", "/" + stem),
        ("output_ext", ""),
        ("name", stem.rpartition("/")[2]),
        ("title", ""),
    )
    url = collection.permalink or DEFAULT_DOCUMENT_PERMALINK
    for key, value in placeholders:
        if ":" not in url:
            break
        url = url.replace(f":{key}", escape_placeholder(value))
    return PurePosixPath(destination_url(sanitize_url(url).removesuffix("/") + extension).lstrip("/"))


def published_pages(
    pages: tuple[SourcePage, ...], collections: Sequence[Collection]
) -> tuple[SourcePage, ...]:
    """`pages` but the documents of collections Jekyll does not write (no truthy `output`):
    it reads and renders them all, for Liquid (`site.team`, `site.collections`), and
    writes only those of a collection that `write?`s (`Collection#write?`, collection.rb;
    `Document#write?`, document.rb)."""
    unpublished = _unpublished_folders(collections)
    return tuple(page for page in pages if _folder_of(page.relative_path) not in unpublished)


def published_static_files(
    static_files: tuple[StaticFile, ...], collections: Sequence[Collection]
) -> tuple[StaticFile, ...]:
    """`static_files` but the files of collections Jekyll does not write, which it lists
    in `site.static_files` and the collection's `files` all the same (`StaticFile#write?`,
    static_file.rb)."""
    unpublished = _unpublished_folders(collections)
    return tuple(
        static
        for static in static_files
        if static.source_relative is None or _folder_of(static.source_relative) not in unpublished
    )


def collection_folder_of(
    relative_path: PurePosixPath, collections: Sequence[Collection]
) -> Collection | None:
    """The collection (not `posts`) whose folder a source path is in, or None."""
    folder = _folder_of(relative_path)
    return next((each for each in collections if each.label != POSTS and each.folder == folder), None)


def document_folders(collections: Sequence[Collection]) -> tuple[str, ...]:
    """Every collection's folder but `_posts`: Jekyll reads them all, published or not
    (an unpublished collection's documents are for Liquid: `site.team`)."""
    return tuple(collection.folder for collection in collections if collection.label != POSTS)


def _unpublished_folders(collections: Sequence[Collection]) -> frozenset[str]:
    return frozenset(each.folder for each in collections if not each.output and each.label != POSTS)


def _folder_of(relative_path: PurePosixPath) -> str:
    return relative_path.parts[0] if relative_path.parts else ""
