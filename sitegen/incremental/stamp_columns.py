"""Rows of stamps kept as columns: how the no-change manifest holds its files and its
published folders.

A row is (name, number, …, text): a file's key, size, mtime, ctime, inode, device and
digest, or a published folder's path, mtime, ctime, inode and entries digest. Kept as a
tuple per row, a 10,000-post site's 32,000 rows took 12 ms to read back from the
manifest, a tenth of a no-change run; kept as three columns (the names, the numbers
packed as 64-bit integers, the texts) they take 2 ms, and a check that finds every
stamp as recorded compares the columns whole (`holds`), never building a row.

Only the standard library: the check reads this before the pipeline is imported.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["StampColumns", "packed"]

Packed = tuple[tuple[str, ...], bytes | tuple[int, ...], tuple[str, ...]]
"""A `StampColumns` as marshal stores it: the names, the numbers (the bytes of a native
64-bit array, or a tuple where one does not fit), the texts."""


def packed(numbers: Sequence[int]) -> Sequence[int]:
    """`numbers` as one native array of signed 64-bit integers, or a tuple of them where
    one does not fit (an inode number of 2**63 or more, as some file systems give):
    either compares equal to the other form of the same numbers only through `holds`."""
    try:
        return array("q", numbers)
    except OverflowError:
        return tuple(numbers)


@dataclass(frozen=True, slots=True)
class StampColumns:
    """Rows of (name, `width` numbers, text), by column; `numbers` is row after row."""

    names: tuple[str, ...]
    numbers: Sequence[int]
    texts: tuple[str, ...]
    width: int

    def __post_init__(self) -> None:
        if len(self.numbers) != len(self.names) * self.width or len(self.texts) != len(self.names):
            raise ValueError("stamp columns of unequal lengths")

    def __len__(self) -> int:
        return len(self.names)

    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[Any, ...]]:
        """The rows from `start` up to `stop` (default: the end), each a tuple, made as
        they are asked for."""
        end = len(self.names) if stop is None else stop
        width = self.width
        numbers = self.numbers[start * width : end * width]
        columns = (numbers[place::width] for place in range(width))
        return zip(self.names[start:end], *columns, self.texts[start:end], strict=True)

    def holds(self, names: tuple[str, ...], numbers: Sequence[int]) -> bool:
        """Whether these rows' names and numbers (row after row, as `numbers` is) are
        exactly the recorded ones, in the same order; the texts are not compared."""
        now = packed(numbers)
        return names == self.names and type(now) is type(self.numbers) and now == self.numbers

    def stored(self) -> Packed:
        """The columns as `loaded` reads them back (marshal's values only)."""
        numbers = self.numbers
        return self.names, numbers.tobytes() if isinstance(numbers, array) else tuple(numbers), self.texts

    @classmethod
    def loaded(cls, data: Packed, width: int) -> StampColumns:
        """Columns from `stored`'s values. Raises ValueError or TypeError for values of
        other shapes (a manifest written by other code)."""
        names, numbers, texts = data
        if isinstance(numbers, bytes):
            unpacked = array("q")
            unpacked.frombytes(numbers)
            return cls(tuple(names), unpacked, tuple(texts), width)
        if not isinstance(numbers, tuple) or not all(type(number) is int for number in numbers):
            raise TypeError("stamp numbers of another shape")
        return cls(tuple(names), numbers, tuple(texts), width)

    @classmethod
    def of_rows(cls, rows: Iterable[Sequence[Any]], width: int) -> StampColumns:
        """Columns of `rows`, each (name, `width` numbers, text)."""
        listed = list(rows)
        numbers = packed([number for row in listed for number in row[1 : 1 + width]])
        return cls(tuple(row[0] for row in listed), numbers, tuple(row[1 + width] for row in listed), width)
