"""Jekyll's data files: `_data/*.yml`, `*.yaml`, `*.json`, `*.csv` and `*.tsv`, read as `site.data`.

`_data/members.yml` is `site.data.members`; a sub-folder is a nested mapping
(`_data/team/leads.json` is `site.data.team.leads`), as in Jekyll's `DataReader`
(jekyll/lib/jekyll/readers/data_reader.rb). Files are read with the same YAML limits as
front matter; a file whose text is not data is one warning naming it and is left out.
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
from pathlib import Path
from typing import Any

from sitegen.content.scan import content_dir_of, is_ignored_name
from sitegen.content.source_walk import is_utf8_name, readable_link_target
from sitegen.errors import Diagnostic, Level, shorten
from sitegen.jekyll.lone_surrogates import without_lone_surrogates
from sitegen.jekyll.yaml_reader import YamlProblem, check_shape, load_yaml_noting, unknown_tag_warnings
from sitegen.regular_files import NOT_REGULAR_LINE, NotRegularFile, read_regular_text

DATA_DIR_NAME = "_data"
_SUFFIXES = (".yml", ".yaml", ".json", ".csv", ".tsv")
_TABLE_SEPARATORS = {".csv": ",", ".tsv": "\t"}
UNREAD_DATA_LINE = "cannot read this data source ({reason}); site.data is built without it"
"""The error line for a data folder or file the system does not let the build read."""


def data_dirs(site_dir: Path) -> tuple[Path, ...]:
    """Where data files live: `_data/` of the content folder, then of the site folder."""
    return tuple(dict.fromkeys((content_dir_of(site_dir) / DATA_DIR_NAME, site_dir / DATA_DIR_NAME)))


def read_site_data(
    folders: tuple[Path, ...], site_dir: Path | None = None
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """`site.data` from the first folder that exists, and a warning per unreadable file.

    Links follow the site's one rule (`source_walk.readable_link_target`): `_data`
    itself, or a file or folder in it, linked to a place inside the site folder
    (`site_dir`, by default the folder holding the last of `folders`) is read as its
    target, as Jekyll's `DataReader` reads it (data_reader.rb); a link out of the site,
    a dangling link or a loop is one warning naming it."""
    if not folders:
        return {}, ()
    site_root = Path(os.path.realpath(site_dir if site_dir is not None else folders[-1].parent))
    diagnostics: list[Diagnostic] = []
    for folder in folders:
        if folder.is_symlink():
            target = readable_link_target(folder, site_root)
            if isinstance(target, str):
                diagnostics.append(Diagnostic(target, folder))
                continue
        if folder.is_dir():
            way = frozenset({os.path.realpath(folder)})
            return _read_folder(folder, site_root, way, diagnostics), tuple(diagnostics)
    return {}, tuple(diagnostics)


def _read_folder(
    folder: Path, site_root: Path, way: frozenset[str], diagnostics: list[Diagnostic]
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
    for entry in entries:
        if is_ignored_name(entry.name):
            continue
        path = Path(entry.path)
        if not is_utf8_name(entry.name):
            diagnostics.append(Diagnostic("has a name that is not UTF-8 text; left out of site.data", path))
            continue
        real = path
        if entry.is_symlink():
            target = readable_link_target(path, site_root)
            if isinstance(target, str):
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
        if is_folder:
            if str(real) in way:
                diagnostics.append(
                    Diagnostic(
                        "is a symlink loop (it leads back to a folder it is reached from); skipped", path
                    )
                )
                continue
            data[entry.name] = _read_folder(path, site_root, way | {os.path.realpath(real)}, diagnostics)
        elif path.suffix.lower() in _SUFFIXES:
            value = _read_file(path, diagnostics)  # a FIFO too: it says why it is skipped
            if value is not None:
                data[path.stem] = value
    return data


def _read_file(path: Path, diagnostics: list[Diagnostic]) -> object | None:
    """One data file's value, with no lone surrogate in any text of it (a JSON escape
    such as `\\ud800` makes one: `sitegen.jekyll.lone_surrogates`)."""
    try:
        text = read_regular_text(path, "utf-8-sig")
        suffix = path.suffix.lower()
        if suffix in _TABLE_SEPARATORS:
            return without_lone_surrogates(table_rows(text, _TABLE_SEPARATORS[suffix]))
        if suffix == ".json":
            value: object = json.loads(text)
            check_shape(value, len(text))
            return without_lone_surrogates(value)
        value, notes = load_yaml_noting(text)
        diagnostics.extend(unknown_tag_warnings(notes, path))
        return value
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
        diagnostics.append(
            Diagnostic(f"data file cannot be read ({shorten(str(error))}); left out", path, line)
        )
        return None


def table_rows(text: str, separator: str) -> list[dict[str, str | None]]:
    """The rows of a CSV or TSV text below its header row, each as header name → cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
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
