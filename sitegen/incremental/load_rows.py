"""How one source file's load result is kept as a row of the build cache, and read back.

A rebuild reads the metadata of every post from the cache: tens of thousands of rows,
read before anything else can start. Pickling the `Loaded` value itself makes each row
rebuild two path objects (parsing them again) and run the dataclass machinery's
`__setstate__` per object. So a post or page is kept as a flat tuple of its fields
without its two paths, which are the source file's (the row's key names that file), and
read back through the class's own constructor with the paths the scan found.

Anything else (a file that is deliberately not published, one that failed to load, a
document whose paths are not its file's) is kept as the pickled value, as before. A row
that cannot be read back as a `Loaded` or `Diagnostic` raises, and the caller treats it
as a miss. Damaged bytes never reach here: the cache seals every value with a digest of
its key and bytes (`sitegen.incremental.sealed`), and a value that fails it is a miss.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields
from operator import attrgetter
from typing import Any

from sitegen.content.documents import Loaded
from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic
from sitegen.model import Post, SourcePage

_PATH_FIELDS = ("source_path", "relative_path")
_POST_FIELDS = tuple(field.name for field in fields(Post))
_PAGE_FIELDS = tuple(field.name for field in fields(SourcePage))
if _POST_FIELDS[:2] != _PATH_FIELDS or _PAGE_FIELDS[:2] != _PATH_FIELDS:  # pragma: no cover
    raise ImportError("Post and SourcePage must start with their two paths: rows rely on it")
_POST_VALUES = attrgetter(*_POST_FIELDS[2:])
_PAGE_VALUES = attrgetter(*_PAGE_FIELDS[2:])

_POST, _PAGE, _PICKLED = 1, 2, 3
"""A row's first value: which of the three shapes it has."""

ROW_FORMAT = hashlib.blake2b(repr((_POST_FIELDS, _PAGE_FIELDS)).encode(), digest_size=8).hexdigest()
"""Part of every load-cache key: a row's tuple is in field order, so a change to the
fields of `Post` or `SourcePage` must never meet a row written before it."""


def encode_row(result: Loaded | Diagnostic, source: SourceFile) -> bytes:
    """`result`, loaded from `source`, as the bytes of one cache row."""
    document = result.document if isinstance(result, Loaded) else None
    if (
        isinstance(result, Loaded)
        and document is not None
        and (document.source_path, document.relative_path)
        == (
            source.path,
            source.relative_path,
        )
    ):
        if type(document) is Post:
            return _pickled((_POST, _POST_VALUES(document), result.warnings))
        if type(document) is SourcePage:
            return _pickled((_PAGE, _PAGE_VALUES(document), result.warnings))
    return _pickled((_PICKLED, result))


def decode_row(data: bytes, source: SourceFile) -> Loaded | Diagnostic:
    """The load result a row holds for `source`. Raises (anything) when the row is
    damaged or not of this format: the caller then loads the file again."""
    row: Any = pickle.loads(data)
    shape = row[0]
    if shape == _POST:
        return Loaded(Post(source.path, source.relative_path, *row[1]), _warnings(row[2]))
    if shape == _PAGE:
        return Loaded(SourcePage(source.path, source.relative_path, *row[1]), _warnings(row[2]))
    if shape == _PICKLED and len(row) == 2 and isinstance(row[1], (Loaded, Diagnostic)):
        return row[1]
    raise ValueError("not a load-cache row")


def _warnings(value: Any) -> Any:
    if type(value) is not tuple:
        raise ValueError("not a load-cache row")
    return value


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
