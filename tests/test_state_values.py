"""Whole-build states (page records, the published tree's listing, compiled templates)
as the cache stores them (`sitegen.incremental.sealed.state_bytes`): read back equal,
in marshal's format when plain and pickled otherwise, and never read back from bytes
that are not what was written under that name."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sitegen.incremental.cache import BuildCache
from sitegen.incremental.sealed import DIGEST_BYTES, state_bytes, state_value

_SCALARS = st.none() | st.booleans() | st.integers() | st.text() | st.binary() | st.floats(allow_nan=False)
_PLAIN = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4).map(tuple)
        | st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


@dataclass(frozen=True)
class _Record:
    name: str


@given(value=_PLAIN)
def test_plain_values_are_marshalled_and_read_back_equal(value: Any) -> None:
    stored = state_bytes("pages", value)
    assert stored[DIGEST_BYTES : DIGEST_BYTES + 1] == b"m"
    assert state_value("pages", stored) == (True, value)


@given(value=_PLAIN)
def test_other_values_are_pickled_and_read_back_equal(value: Any) -> None:
    for other in (_Record(repr(value)), OrderedDict(x=value), [value, _Record("x")]):
        stored = state_bytes("pages", other)
        assert stored[DIGEST_BYTES : DIGEST_BYTES + 1] == b"p"
        assert state_value("pages", stored) == (True, other)


@given(value=_PLAIN, position=st.integers(0, 10_000), flip=st.integers(1, 255))
def test_damaged_or_moved_bytes_are_never_read(value: Any, position: int, flip: int) -> None:
    stored = bytearray(state_bytes("pages", value))
    assert state_value("published tree", bytes(stored)) == (False, None)  # another name's value
    stored[position % len(stored)] ^= flip
    assert state_value("pages", bytes(stored)) == (False, None)
    assert state_value("pages", bytes(stored[: len(stored) // 2])) == (False, None)


def test_the_cache_keeps_states_across_opening(tmp_path: Any) -> None:
    records = {"a/index.html": ("f" * 40, 10, 2, 3, 4, ("base.html", "post.html"))}
    cache = BuildCache.open(tmp_path)
    cache.store_state("pages", records)
    cache.store_state("other", _Record("x"))
    cache.close()
    again = BuildCache.open(tmp_path)
    assert again.state("pages") == records and again.state("other") == _Record("x")
    assert again.state("missing") is None
    again.close()
