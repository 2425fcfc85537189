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

Likewise a time at a fixed offset at the top level of the front matter (`date:
2023-07-02 10:10:31 +0800`, in nearly every post): pickle rebuilt it through three
global lookups and reduces (the time, its zone, the zone's offset), more than half of
reading a row back (12,000 rows: 0.123 s, against 0.054 s without it). It is kept as
its fields and offset beside the front matter, which holds None in its place (so the
keys keep their order), and read back into a zone made once per offset and name.

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
from datetime import datetime, timedelta, timezone
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
_POST_MATTER = _POST_FIELDS[2:].index("front_matter")
_PAGE_MATTER = _PAGE_FIELDS[2:].index("front_matter")
"""Where each shape's `front_matter` is in its row's tuple of values."""

_POST, _PAGE, _PICKLED = 1, 2, 3
"""A row's first value: which of the three shapes it has."""

_ZONED_DATES = "zoned dates as (fields, zone key)"
_OFFSET_TIMES = "front matter's top-level times at a fixed offset as fields beside it"
ROW_FORMAT = hashlib.blake2b(
    repr((_POST_FIELDS, _PAGE_FIELDS, _ZONED_DATES, _OFFSET_TIMES)).encode(), digest_size=8
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
            values, times = _with_times_kept(_POST_VALUES(document), _POST_MATTER)
            return _pickled((_POST, _with_date_kept(values, _POST_DATE), result.warnings, times))
        if type(document) is SourcePage:
            values, times = _with_times_kept(_PAGE_VALUES(document), _PAGE_MATTER)
            return _pickled((_PAGE, _with_date_kept(values, _PAGE_DATE), result.warnings, times))
    return _pickled((_PICKLED, result))


def decode_row(data: bytes, source: SourceFile) -> Loaded | Diagnostic:
    """The load result a row holds for `source`. Raises (anything) when the row is
    damaged or not of this format: the caller then loads the file again."""
    row: Any = pickle.loads(data)
    shape = row[0]
    if shape == _POST:
        values = _with_date_read(row[1], _POST_DATE)
        _times_read(values[_POST_MATTER], row[3])
        return Loaded(Post(source.path, source.relative_path, *values), _warnings(row[2]))
    if shape == _PAGE:
        values = _with_date_read(row[1], _PAGE_DATE)
        _times_read(values[_PAGE_MATTER], row[3])
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


_Time = tuple[Any, int, int, int, int, int, int, int, int, int, int, int, str | None]
"""A front matter's time kept beside it: its key; year, month, day, hour, minute, second,
microsecond and fold; its offset's days, seconds and microseconds, and its zone's name."""


def _with_times_kept(values: tuple[Any, ...], at: int) -> tuple[tuple[Any, ...], tuple[_Time, ...]]:
    """`values` with None in its front matter (at `at`, a plain dict) in place of each
    top-level time at a fixed offset (`datetime.timezone`), and those times' fields."""
    matter = values[at]
    if type(matter) is not dict:
        return values, ()
    times = tuple(_time_kept(key, value) for key, value in matter.items() if _at_fixed_offset(value))
    if not times:
        return values, ()
    holed = dict(matter)
    for time in times:
        holed[time[0]] = None
    return (*values[:at], holed, *values[at + 1 :]), times


def _at_fixed_offset(value: Any) -> bool:
    return type(value) is datetime and type(value.tzinfo) is timezone


def _time_kept(key: Any, moment: datetime) -> _Time:
    zone: Any = moment.tzinfo
    offset, *name = zone.__getinitargs__()  # pickle's own account of the zone: (offset[, name])
    day = (moment.year, moment.month, moment.day)
    clock = (moment.hour, moment.minute, moment.second, moment.microsecond, moment.fold)
    return (key, *day, *clock, offset.days, offset.seconds, offset.microseconds, name[0] if name else None)


_FIXED_ZONES: dict[tuple[int, int, int, str | None], timezone] = {}
"""Each fixed-offset zone read back, by offset and name: one object for every row's."""


def _times_read(matter: Any, times: Any) -> None:
    """`_with_times_kept` undone in `matter`, the front matter just unpickled (so this
    row's own dict). Raises when the row does not hold what it wrote (a damaged row)."""
    if type(times) is not tuple:
        raise ValueError("not a load-cache row")
    if not times:
        return
    if type(matter) is not dict:
        raise ValueError("not a load-cache row")
    for key, year, month, day, hour, minute, second, microsecond, fold, *offset in times:
        days, seconds, microseconds, name = offset
        zone = _FIXED_ZONES.get((days, seconds, microseconds, name))
        if zone is None:
            delta = timedelta(days, seconds, microseconds)
            made = timezone(delta) if name is None else timezone(delta, name)
            zone = _FIXED_ZONES.setdefault((days, seconds, microseconds, name), made)
        if key not in matter:
            raise ValueError("not a load-cache row")
        matter[key] = datetime(year, month, day, hour, minute, second, microsecond, zone, fold=fold)
