"""How one source file's load result is kept as a row of the build cache, and read back.

A rebuild reads the metadata of every post from the cache: tens of thousands of rows,
read before anything else can start. Pickling the `Loaded` value itself makes each row
rebuild two path objects (parsing them again) and run the dataclass machinery's
`__setstate__` per object. So a post or page is kept as a flat tuple of its fields
without its two paths, which are the source file's (the row's key names that file), and
read back through the class's own constructor with the paths the scan found.

A post's or page's `date` in a named zone (`Asia/Shanghai`, the zone of nearly every
post) is kept as its fields and the zone's key: pickle rebuilds a `ZoneInfo` through a
global lookup and a reduce per row, which was more than half of reading a post's row
back (bench rows: 10.4 us a row against 4.6 us kept so, on a busy machine); the zone is
found in `ZoneInfo`'s own cache instead, the same object the loader used. A time in another kind of
zone (a fixed offset, a `ZoneInfo` made outside the cache) is pickled as it is.

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
from datetime import datetime
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

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

_POST_DATE = _POST_FIELDS[2:].index("date")
_PAGE_DATE = _PAGE_FIELDS[2:].index("date")
"""Where each shape's `date` is in its row's tuple of values."""

_POST, _PAGE, _PICKLED = 1, 2, 3
"""A row's first value: which of the three shapes it has."""

_ZONED_DATES = "zoned dates as (fields, zone key)"
ROW_FORMAT = hashlib.blake2b(
    repr((_POST_FIELDS, _PAGE_FIELDS, _ZONED_DATES)).encode(), digest_size=8
).hexdigest()
"""Part of every load-cache key: a row's tuple is in field order, so a change to the
fields of `Post` or `SourcePage`, or to how a date is kept, must never meet a row
written before it."""


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
            return _pickled((_POST, _with_date_kept(_POST_VALUES(document), _POST_DATE), result.warnings))
        if type(document) is SourcePage:
            return _pickled((_PAGE, _with_date_kept(_PAGE_VALUES(document), _PAGE_DATE), result.warnings))
    return _pickled((_PICKLED, result))


def decode_row(data: bytes, source: SourceFile) -> Loaded | Diagnostic:
    """The load result a row holds for `source`. Raises (anything) when the row is
    damaged or not of this format: the caller then loads the file again."""
    row: Any = pickle.loads(data)
    shape = row[0]
    if shape == _POST:
        values = _with_date_read(row[1], _POST_DATE)
        return Loaded(Post(source.path, source.relative_path, *values), _warnings(row[2]))
    if shape == _PAGE:
        values = _with_date_read(row[1], _PAGE_DATE)
        return Loaded(SourcePage(source.path, source.relative_path, *values), _warnings(row[2]))
    if shape == _PICKLED and len(row) == 2 and isinstance(row[1], (Loaded, Diagnostic)):
        return row[1]
    raise ValueError("not a load-cache row")


def _warnings(value: Any) -> Any:
    if type(value) is not tuple:
        raise ValueError("not a load-cache row")
    return value


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _with_date_kept(values: tuple[Any, ...], at: int) -> tuple[Any, ...]:
    """`values` with the date at `at` as (year, month, day, hour, minute, second,
    microsecond, fold, zone key) when it is in a cached `ZoneInfo` zone, else as it is."""
    moment = values[at]
    if type(moment) is not datetime or type(moment.tzinfo) is not ZoneInfo:
        return values
    # (ZoneInfo._unpickle, (key, from cache)): pickle's own account of the zone.
    reduced: Any = moment.tzinfo.__reduce__()
    key, from_cache = reduced[1]
    if not from_cache or type(key) is not str:
        return values  # `ZoneInfo.no_cache` or `from_file`: pickled, as pickle keeps it
    day = (moment.year, moment.month, moment.day)
    kept = (*day, moment.hour, moment.minute, moment.second, moment.microsecond, moment.fold, key)
    return (*values[:at], kept, *values[at + 1 :])


def _with_date_read(values: tuple[Any, ...], at: int) -> tuple[Any, ...]:
    """`_with_date_kept` undone. Raises when the fields are no time (a damaged row)."""
    kept = values[at]
    if type(kept) is not tuple:
        return values
    year, month, day, hour, minute, second, microsecond, fold, key = kept
    moment = datetime(year, month, day, hour, minute, second, microsecond, ZoneInfo(key), fold=fold)
    return (*values[:at], moment, *values[at + 1 :])
