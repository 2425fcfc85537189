"""The manifest's rows kept as columns (`sitegen.incremental.stamp_columns`): read back as
they were written, whatever the numbers (an inode past 2**63, the untrusted mtime -1),
and found to hold exactly the rows they were made from."""

from __future__ import annotations

import marshal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.incremental.stamp_columns import StampColumns

_NUMBER = st.one_of(st.integers(-1, 2**40), st.integers(2**62, 2**64 - 1), st.just(-1))
_TEXT = st.text(max_size=12)


def _rows(width: int) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    row = st.tuples(_TEXT, st.lists(_NUMBER, min_size=width, max_size=width), _TEXT)
    return st.lists(row.map(lambda parts: (parts[0], *parts[1], parts[2])), max_size=8)


def _names(rows: list[tuple[Any, ...]]) -> list[str]:
    return [str(row[0]) for row in rows]


def _numbers(rows: list[tuple[Any, ...]], width: int) -> list[int]:
    return [int(number) for row in rows for number in row[1 : 1 + width]]


@given(width=st.sampled_from([3, 5]), data=st.data())
def test_columns_read_back_the_rows_they_were_written_from(width: int, data: st.DataObject) -> None:
    rows = data.draw(_rows(width))
    columns = StampColumns.of_rows(rows, width)
    read = StampColumns.loaded(marshal.loads(marshal.dumps(columns.stored())), width)
    assert list(read.rows()) == rows
    start = data.draw(st.integers(0, len(rows)))
    assert list(read.rows(start)) == rows[start:]
    assert list(read.rows(0, start)) == rows[:start]
    assert read.holds(tuple(_names(rows)), _numbers(rows, width))


@given(width=st.sampled_from([3, 5]), data=st.data())
def test_columns_hold_no_rows_but_their_own(width: int, data: st.DataObject) -> None:
    rows = data.draw(_rows(width).filter(bool))
    columns = StampColumns.of_rows(rows, width)
    names = _names(rows)
    numbers = _numbers(rows, width)
    place = data.draw(st.integers(0, len(numbers) - 1))
    other = data.draw(_NUMBER.filter(lambda number: number != numbers[place]))
    moved = [*numbers[:place], other, *numbers[place + 1 :]]
    assert not columns.holds(tuple(names), moved)
    renamed = data.draw(st.integers(0, len(names) - 1))
    names[renamed] += "x"
    assert not columns.holds(tuple(names), numbers)
    assert not columns.holds(tuple(names[:-1]), numbers[:-width])


@pytest.mark.parametrize(
    "stored",
    [
        (("a",), b"\0" * 7, ("t",)),  # numbers cut short
        (("a", "b"), b"\0" * 24, ("t", "u")),  # one row's numbers missing
        (("a",), (1, 2, "3"), ("t",)),  # a number that is text
        (("a",), b"\0" * 24, ()),  # a text missing
        (("a",), 3, ("t",)),
    ],
)
def test_columns_of_other_shapes_are_refused(stored: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        StampColumns.loaded(stored, 3)  # type: ignore[arg-type]
