"""Jekyll's data files: `_data/*.yml`, `*.yaml`, `*.json`, `*.csv` and `*.tsv`, read as `site.data`.

`_data/members.yml` is `site.data.members`; a sub-folder is a nested mapping
(`_data/team/leads.json` is `site.data.team.leads`), as in Jekyll's `DataReader`
(jekyll/lib/jekyll/readers/data_reader.rb): its order of reading decides which of two
sources of one key wins (`x.csv` over `x.yml`, a folder `x/` over both), its
`sanitize_filename` makes the key (`data_key`), and each loss is one warning. Files are
read with the same YAML limits as front matter; a file whose text is not data is one
warning naming it and is left out.
A data folder or file the system does not let us read is an error (`--strict` then
publishes nothing), as an unreadable source folder is: the pages that read `site.data`
would otherwise be republished without it under a mere warning. A name that is not UTF-8
is one warning and left out (Jekyll stops the build on it, in `PathManager`).
A CSV or TSV file is a list of rows, each a mapping from the header row's names to the
row's cells, as Jekyll's `CSV.read(path, headers: true).map(&:to_hash)` gives it: a
missing or empty cell is nil (so a blank line is a row of nils), a cell beyond the
header is dropped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import string
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitegen.content.link_rule import readable_link_target
from sitegen.content.scan import content_dir_of
from sitegen.content.source_walk import is_folder_entry, is_utf8_name
from sitegen.errors import Diagnostic, Level, shorten
from sitegen.jekyll.lone_surrogates import without_lone_surrogates
from sitegen.jekyll.ruby_split import RUBY_WHITESPACE, RUBY_WHITESPACE_RUN
from sitegen.jekyll.yaml_bom import bom_note
from sitegen.jekyll.yaml_reader import YamlProblem, check_shape, load_yaml_noting, unknown_tag_warnings
from sitegen.regular_files import NOT_REGULAR_LINE, NotRegularFile, read_regular_text

DATA_DIR_NAME = "_data"
_GLOB_ORDER = (".yaml", ".yml", ".json", ".csv", ".tsv")
"""The suffixes of data files, in the order `Dir["*.{yaml,yml,json,csv,tsv}"]` lists them."""
_SUFFIXES = _GLOB_ORDER
_SPACE = frozenset(RUBY_WHITESPACE)
r"""Ruby's `\s`: ASCII whitespace only."""
_KEY_CHARACTERS = frozenset(string.ascii_letters + string.digits + "_-") | _SPACE
r"""What `[^\w\s-]` keeps: Ruby's `\w` is ASCII's."""
_NOT_UTF8 = "has a name that is not UTF-8 text; left out of site.data"
_UPPER_SUFFIX = (
    "is not read as data: Jekyll reads only the suffixes .yaml, .yml, .json, .csv and .tsv in lower case"
)
_TABLE_SEPARATORS = {".csv": ",", ".tsv": "\t"}
UNREAD_DATA_LINE = "cannot read this data source ({reason}); site.data is built without it"
"""The error line for a data folder or file the system does not let the build read."""


def data_dirs(site_dir: Path) -> tuple[Path, ...]:
    """Where data files live: `_data/` of the content folder, then of the site folder."""
    return tuple(dict.fromkeys((content_dir_of(site_dir) / DATA_DIR_NAME, site_dir / DATA_DIR_NAME)))


def read_site_data(
    folders: tuple[Path, ...], site_dir: Path | None = None, *, safe: bool = False
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """`site.data` from the first folder that exists, and a warning per unreadable file.

    Links follow the site's one rule (`source_walk.readable_link_target`): `_data`
    itself, or a file or folder in it, linked to a place inside the site folder
    (`site_dir`, by default the folder holding the last of `folders`), or anywhere
    outside safe mode (`safe`), is read as its target, as Jekyll's `DataReader` reads it
    (data_reader.rb); a link out of the site in safe mode, a dangling link or a loop is
    one warning naming it."""
    if not folders:
        return {}, ()
    site_root = Path(os.path.realpath(site_dir if site_dir is not None else folders[-1].parent))
    diagnostics: list[Diagnostic] = []
    for folder in folders:
        if folder.is_symlink():
            target = readable_link_target(folder, site_root, safe=safe)
            if isinstance(target, str):
                diagnostics.append(Diagnostic(target, folder))
                continue
        if folder.is_dir():
            way = frozenset({os.path.realpath(folder)})
            return _read_folder(folder, site_root, way, diagnostics, safe), tuple(diagnostics)
    return {}, tuple(diagnostics)


def _read_folder(
    folder: Path, site_root: Path, way: frozenset[str], diagnostics: list[Diagnostic], safe: bool
) -> dict[str, Any]:
    """The data below `folder`; `way` holds the real folders it was reached through, so a
    link back to one of them is a loop (named), not a walk without end."""
    data: dict[str, Any] = {}
    if len(way) > 8:  # deeper than any real data tree; a deeper one is left out
        return data
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        diagnostics.append(
            Diagnostic(UNREAD_DATA_LINE.format(reason=error.strerror), folder, level=Level.ERROR)
        )
        return data
    sources: dict[str, Path] = {}
    for entry, as_folder in _in_reading_order(folder, entries, diagnostics):
        path = Path(entry.path)
        real = path
        if entry.is_symlink():
            target = readable_link_target(path, site_root, safe=safe)
            if isinstance(target, str):
                if not as_folder or not entry.name.endswith(_SUFFIXES):
                    diagnostics.append(Diagnostic(target, path))
                continue
            real = target
        try:
            is_folder = real.is_dir()
        except OSError as error:
            # `folder` can be listed but not entered (mode 644): none of its entries can
            # be read, and the folder is the source named, once.
            reason = error.strerror or str(error)
            named = folder if real.parent == folder else path
            diagnostics.append(Diagnostic(UNREAD_DATA_LINE.format(reason=reason), named, level=Level.ERROR))
            if named == folder:
                return {}
            continue
        if as_folder and not is_folder:
            continue
        if is_folder:
            if str(real) in way:
                if not entry.name.endswith(_SUFFIXES) or as_folder:
                    diagnostics.append(
                        Diagnostic(
                            "is a symlink loop (it leads back to a folder it is reached from); skipped", path
                        )
                    )
                continue
            key = data_key(entry.name)
            value: object = _read_folder(path, site_root, way | {os.path.realpath(real)}, diagnostics, safe)
        else:
            key = data_key(entry.name.rpartition(".")[0])
            read = _read_file(path, diagnostics)  # a FIFO too: it says why it is skipped
            if read is None:
                continue
            value = read[0]
        _keep(data, sources, key, value, path, diagnostics)
    return data


def data_key(name: str) -> str:
    r"""The key of `site.data` a data file (its name without its last suffix) or folder
    (its whole name) is read under: Jekyll's `DataReader#sanitize_filename`, which drops
    every character but ASCII letters, digits, `_`, `-` and whitespace, drops whitespace
    at a word's edge, and makes each remaining run of whitespace one `_`
    (`my data.v2.yml` is `site.data.my_datav2`; a Chinese name is `site.data[""]`).

    Its first pattern, `[^\w\s-]+|(?<=^|\b\s)\s+(?=$|\s?\b)`, is followed here step by
    step rather than as a Python pattern: Ruby's `\w` and `\s` are ASCII's while its `\b`
    is Unicode's (letters, marks, decimal digits, connectors), which no Python pattern
    mixes, and its lookbehind has two widths, which Python's does not allow."""
    kept: list[str] = []
    position, end = 0, len(name)
    while position < end:
        character = name[position]
        if character not in _KEY_CHARACTERS:
            while position < end and name[position] not in _KEY_CHARACTERS:
                position += 1
            continue
        if character in _SPACE and _after_line_start_or_word_space(name, position):
            run_end = position
            while run_end < end and name[run_end] in _SPACE:
                run_end += 1
            # `\s+` is greedy: the longest run whose end the lookahead accepts.
            dropped_to = next(
                (stop for stop in range(run_end, position, -1) if _at_line_end_or_edge(name, stop)), None
            )
            if dropped_to is not None:
                position = dropped_to
                continue
        kept.append(character)
        position += 1
    return RUBY_WHITESPACE_RUN.sub("_", "".join(kept))


def _is_word(text: str, index: int) -> bool:
    """Whether `text[index]` is a word character for Ruby's `\b` (none outside `text`):
    a letter, mark, number or connector. Ruby's own class is Unicode's Alphabetic
    property with marks, decimal digits and connectors, which Python's `unicodedata`
    does not expose; the two differ only for rare symbols (circled letters, fractions)."""
    if not 0 <= index < len(text):
        return False
    category = unicodedata.category(text[index])
    return category[0] in "LMN" or category == "Pc"


def _is_edge(text: str, index: int) -> bool:
    """`\b` at `index`: a word character on one side and not the other."""
    return _is_word(text, index - 1) != _is_word(text, index)


def _after_line_start_or_word_space(text: str, index: int) -> bool:
    r"""`(?<=^|\b\s)` at `index` (Ruby's `^` is a line's start)."""
    if index == 0 or text[index - 1] == "\n":
        return True
    return text[index - 1] in _SPACE and _is_edge(text, index - 1)


def _at_line_end_or_edge(text: str, index: int) -> bool:
    r"""`(?=$|\s?\b)` at `index` (Ruby's `$` is a line's end)."""
    if index == len(text) or text[index] == "\n" or _is_edge(text, index):
        return True
    return index < len(text) and text[index] in _SPACE and _is_edge(text, index + 1)


def _in_reading_order(
    folder: Path, entries: list[os.DirEntry[str]], diagnostics: list[Diagnostic]
) -> Iterator[tuple[os.DirEntry[str], bool]]:
    """`folder`'s entries in the order Jekyll's `DataReader#read_data_to` reads them, each
    with whether it is read only as a folder: the files of each suffix in turn
    (`Dir["*.{yaml,yml,json,csv,tsv}"]`, each suffix's names sorted; the suffix is
    matched as written, so `A.YML` is not data), then every folder (`Dir["*"]`), so a
    later one replaces an earlier one of the same key (`x.csv` wins over `x.yml`, a
    folder `x/` over both). Hidden names (`.x.yml`) are never read, as `Dir[]` skips
    them; a name that is not UTF-8 is one warning."""
    visible: list[os.DirEntry[str]] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if not is_utf8_name(entry.name):
            diagnostics.append(
                Diagnostic("has a name that is not UTF-8 text; left out of site.data", Path(entry.path))
            )
            continue
        visible.append(entry)
        lower = entry.name.lower()
        if lower.endswith(_SUFFIXES) and not entry.name.endswith(_SUFFIXES) and not is_folder_entry(entry):
            diagnostics.append(Diagnostic(_UPPER_SUFFIX, Path(entry.path)))
    for suffix in _GLOB_ORDER:
        yield from (
            (entry, False) for entry in visible if entry.name.endswith(suffix) and entry.name != suffix
        )
    yield from ((entry, True) for entry in visible if is_folder_entry(entry))


def _keep(
    data: dict[str, Any],
    sources: dict[str, Path],
    key: str,
    value: object,
    path: Path,
    diagnostics: list[Diagnostic],
) -> None:
    """Store `value` read from `path` under `key`, as Jekyll does (a later source
    replaces an earlier one of the same key), saying what is replaced or renamed."""
    earlier = sources.get(key)
    if earlier is not None and earlier != path:
        diagnostics.append(
            Diagnostic(
                f"replaces {earlier.name} as site.data key {key!r} (Jekyll reads both names as one key; "
                "the later one wins)",
                path,
            )
        )
    elif key == "":
        diagnostics.append(
            Diagnostic(
                "is read as site.data key '' (Jekyll keeps only ASCII letters, digits, _ and - of a data "
                "file's name); give it such a name to read it by name",
                path,
            )
        )
    sources[key] = path
    data[key] = value


def _read_file(path: Path, diagnostics: list[Diagnostic]) -> tuple[object] | None:
    """One data file's value (in a tuple: an empty YAML file is nil, as in Jekyll), with
    no lone surrogate in any text of it (a JSON escape
    such as `\\ud800` makes one: `sitegen.jekyll.lone_surrogates`)."""
    try:
        text = read_regular_text(path, "utf-8-sig")
        suffix = path.suffix.lower()
        if suffix in _TABLE_SEPARATORS:
            return (without_lone_surrogates(table_rows(text, _TABLE_SEPARATORS[suffix])),)
        if suffix == ".json":
            value: object = json.loads(text)
            check_shape(value, len(text))
            return (without_lone_surrogates(value),)
        value, notes = load_yaml_noting(text)
        diagnostics.extend((*unknown_tag_warnings(notes, path), *bom_note(path, value)))
        return (value,)
    except NotRegularFile:  # never opened for good: opening a FIFO waits for a writer
        diagnostics.append(Diagnostic(NOT_REGULAR_LINE, path))
        return None
    except OSError as error:
        diagnostics.append(
            Diagnostic(UNREAD_DATA_LINE.format(reason=error.strerror), path, level=Level.ERROR)
        )
        return None
    except (UnicodeDecodeError, ValueError, RecursionError, csv.Error) as error:
        line = error.line if isinstance(error, YamlProblem) else None
        # An error, as Jekyll stops on it: every page reading it misses what it holds, so
        # `--strict` publishes nothing.
        message = f"data file cannot be read ({shorten(str(error))}); site.data is built without it"
        diagnostics.append(Diagnostic(message, path, line, Level.ERROR))
        return None


def table_rows(text: str, separator: str) -> list[dict[str, str | None]]:
    """The rows of a CSV or TSV text below its header row, each as header name → cell."""
    # `strict`: a quote never closed, or text after a closing quote, is an error, as Ruby's
    # CSV raises `MalformedCSVError` (Jekyll stops); read loosely it swallowed the rest.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    header = next(reader, None)
    if header is None:
        return []
    rows = []
    for cells in reader:
        row: dict[str, str | None] = {}
        for position, name in enumerate(header):
            cell = cells[position] if position < len(cells) else ""
            row[name] = cell or None
        rows.append(row)
    return rows
