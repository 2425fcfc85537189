"""Splitting a listing into pages, and where each page lives.

Page 1 keeps the URL posts and menus already link to; page `n` is at `paged_url(first, n)`.
A listing never gets an empty page after its first: `n` pages hold between
`(n - 1) * size + 1` and `n * size` posts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sitegen.urls import paged_url

Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page sits among its listing's pages."""

    number: int
    """1-based."""
    urls: tuple[str, ...]
    """Every page's URL (unencoded), page 1 first."""

    @property
    def total(self) -> int:
        return len(self.urls)

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None


def split_pages(
    items: Sequence[Item], size: int, first_size: int | None = None
) -> tuple[tuple[Item, ...], ...]:
    """`items` in pages of `size` (the first of `first_size` when given); 0 = one page.

    Always at least one page, which is empty when there are no items."""
    if first_size is None:
        first_size = size if size > 0 else len(items)
    if size <= 0 or len(items) <= first_size:
        return (tuple(items[:first_size]),)
    pages = [tuple(items[:first_size])]
    pages.extend(tuple(items[start : start + size]) for start in range(first_size, len(items), size))
    return tuple(pages)


def pagers(first_url: str, count: int) -> tuple[Pager, ...]:
    """One `Pager` per page of a listing with `count` pages at `first_url`."""
    urls = tuple(paged_url(first_url, number) for number in range(1, count + 1))
    return tuple(Pager(number, urls) for number in range(1, count + 1))


def page_numbers(pager: Pager, around: int = 2) -> tuple[int | None, ...]:
    """The page numbers worth linking: first, last and `around` either side of the current
    one, with None where numbers are left out (shown as "…").

    Linking every page would put 400 links on each page of a 20,000-post category."""
    wanted = {1, pager.total, *range(pager.number - around, pager.number + around + 1)}
    shown = sorted(n for n in wanted if 1 <= n <= pager.total)
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None if number - (numbers[-1] or 0) > 2 else number - 1)
        numbers.append(number)
    return tuple(numbers)
