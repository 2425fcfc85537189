"""A YAML settings or data file that starts with a UTF-8 byte order mark.

Jekyll reads `_config.yml` and `_data/*.yml` with Psych, which, after a byte order
mark, reads only the file's first key (`YAML.safe_load("\\uFEFFtitle: B\\nurl: u")` is
`{"title" => "B"}`), without a word. A site whose settings file an editor saved with
one was built by Jekyll with the defaults for every other setting: its permalinks
too, so its published URLs are the default ones. sitegen reads every key, as the file
means, and says so once, naming the file: a site moving over can then tell why its
URLs or data differ, and remove the mark to build the same site with both.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sitegen.errors import Diagnostic

UTF8_BOM = b"\xef\xbb\xbf"
YAML_SUFFIXES = (".yml", ".yaml")


def bom_note(path: Path, read: Mapping[object, object] | object) -> tuple[Diagnostic, ...]:
    """One warning when the YAML file at `path` starts with a byte order mark and holds
    more than one key (`read`: what sitegen read of it); none otherwise, or when it
    cannot be read (its reader says why)."""
    if path.suffix.lower() not in YAML_SUFFIXES or not isinstance(read, Mapping) or len(read) < 2:
        return ()
    try:
        with path.open("rb") as file:
            if file.read(len(UTF8_BOM)) != UTF8_BOM:
                return ()
    except OSError:
        return ()
    first = next(iter(read))
    message = (
        f"starts with a UTF-8 byte order mark, after which Jekyll reads only its first key "
        f"({first}) and none of the other {len(read) - 1}; sitegen reads them all "
        "(remove the mark to build the same site with both)"
    )
    return (Diagnostic(message, path, 1),)
