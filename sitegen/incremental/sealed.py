"""Values as the build cache stores them: sealed with a digest of their key and bytes.

SQLite returns whatever bytes a row holds. A value damaged inside the file (a zeroed or
overwritten page) or moved to another row (rows swapped, a damaged index) must be a miss,
never another post's value on a page: each value is stored after a digest of its key and
its bytes, and read back only when the digest matches. Plain-column rows (page records,
derived values) carry a digest of all their columns instead.
"""

from __future__ import annotations

import hashlib
import marshal
import pickle
from typing import Any

DIGEST_BYTES = 16


def sealed(key: str, data: bytes) -> bytes:
    """`data` as stored under `key`: a digest of both, then `data`. The key is in the
    digest so that a value moved to another row (rows swapped by hand or by damage to
    SQLite's index) is a miss there, never another post's value."""
    return _digest(key, data) + data


def unsealed(key: str, stored: object) -> bytes | None:
    """The `data` that `sealed(key, data)` stored; None when `stored` is not that."""
    if not isinstance(stored, bytes) or len(stored) < DIGEST_BYTES:
        return None
    data = stored[DIGEST_BYTES:]
    return data if _digest(key, data) == stored[:DIGEST_BYTES] else None


def _digest(key: str, data: bytes) -> bytes:
    hasher = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=DIGEST_BYTES)
    hasher.update(b"\0")
    hasher.update(data)
    return hasher.digest()


def pickled(key: str, value: Any) -> bytes:
    """`value` as stored under `key`: pickled, then sealed (see `stored_value`)."""
    return sealed(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def stored_value(key: str, stored: object) -> tuple[bool, Any]:
    """(True, value) for what `pickled(key, value)` stored; (False, None) when the
    stored bytes are not what was written under `key`, or do not unpickle."""
    data = unsealed(key, stored)
    if data is None:
        return False, None
    try:
        return True, pickle.loads(data)
    except Exception:  # a value whose class has changed shape since it was stored
        return False, None


def text_digest(*fields: object) -> str:
    """The digest stored beside a row of plain columns, checked when it is read."""
    text = "\0".join(str(field) for field in fields)
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=DIGEST_BYTES).hexdigest()


_MARSHALLED, _PICKLED = b"m", b"p"
"""The first byte of a `state_bytes` value: the format of the rest."""


def state_bytes(key: str, value: Any) -> bytes:
    """`value` as a whole-build state is stored under `key`, sealed: in marshal's format
    when it is made of plain values only (the build's large states are: 1.9 MB of page
    records at 10,000 posts are written in 3 ms, against 13 ms pickled, and read in 10
    ms against 17), else pickled. A rebuild reads and writes several such states."""
    try:
        data = _MARSHALLED + marshal.dumps(value)
    except ValueError:  # a value marshal does not write (a class instance, a dict subclass)
        data = _PICKLED + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return sealed(key, data)


def state_value(key: str, stored: object) -> tuple[bool, Any]:
    """(True, value) for what `state_bytes(key, value)` stored; (False, None) when the
    stored bytes are not what was written under `key`, or cannot be read back. Only
    sealed bytes, which this program wrote, are ever unmarshalled."""
    data = unsealed(key, stored)
    if data is None:
        return False, None
    try:
        if data[:1] == _MARSHALLED:
            return True, marshal.loads(data[1:])
        if data[:1] == _PICKLED:
            return True, pickle.loads(data[1:])
    except Exception:  # a value whose class has changed shape since it was stored
        return False, None
    return False, None


def read_state(key: str, stored: object) -> Any:
    """The value `state_value` reads from `stored` (None: nothing stored under `key`, or
    nothing readable): what `BuildCache.state` gives, for a process that read the
    stored bytes itself (`BuildCache.stored_state`)."""
    readable, value = state_value(key, stored)
    return value if readable else None
