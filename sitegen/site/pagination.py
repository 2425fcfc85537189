"""Splitting a listing into pages that stay put as newer posts arrive, and where each lives.

Page 1 keeps the URL posts and menus already link to and shows the newest posts. The
numbered pages (`paged_url(first, n)`, n ≥ 2) hold blocks of `size` posts counted from the
*oldest* post: page 2 is the oldest block, page 3 the next, and so on up to the newest
numbered page. A new post therefore lands on page 1 and leaves every numbered page as it
was; once page 1 holds `2 × size` posts, its oldest `size` become the next numbered page.
(jekyll-paginate counts from the newest, jekyll-paginate/lib/jekyll-paginate/pager.rb, so
there one post shifts every page of every listing it is in.)

A numbered page shows nothing that depends on how many pages there are: its "newer" link
is always page `n + 1`. Above the newest numbered page that URL is a forward to page 1
(`Pagination.forward_url`), until the block that will live there fills.

No listing has an empty page: page 1 holds every post when there are fewer than
`2 × size` of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sitegen.urls import paged_url

Item = TypeVar("Item")

#: Numbered pages linked either side of a page's own number (always with page 1 and the
#: oldest page 2): linking every page would put 400 links on each page of a big category.
AROUND = 2


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page sits among its listing's pages: only what the page shows."""

    number: int
    """1 for the listing's own URL; n ≥ 2 for the (n - 1)th block from the oldest."""
    url: str
    newer_url: str | None
    """The page of the next newer posts (`rel="prev"`), None on page 1."""
    older_url: str | None
    """The page of the next older posts (`rel="next"`), None on the oldest page."""
    links: tuple[tuple[int | None, str], ...]
    """Page numbers worth linking, in reading order (newest first), with their URLs; a
    None number stands for numbers left out ("…")."""


@dataclass(frozen=True, slots=True)
class Pagination(Generic[Item]):
    """A listing's pages in reading order (page 1, then newest numbered page to page 2)."""

    pages: tuple[tuple[tuple[Item, ...], Pager | None], ...]
    """Each page's items (newest first) and its pager (None when the listing has one page)."""
    forward_url: str | None = None
    """The URL just above the newest numbered page, which forwards to page 1 (None when
    the listing has one page)."""


def stable_split(
    items: Sequence[Item], size: int, head: int | None = None
) -> tuple[tuple[Item, ...], tuple[tuple[Item, ...], ...]]:
    """Page 1's items and the numbered pages' items, oldest block first.

    `items` are newest first. Without `head`, page 1 holds the newest `size` to
    `2 × size - 1` items (all when fewer) and every numbered page is full. With `head` (the
    home page, whose first page has a fixed length), page 1 holds the newest `head` and the
    newest numbered page holds what is left over, between 1 and `size` items, so that it
    is the only numbered page a new item changes. `size` 0: one page (of `head` items when
    given, else all)."""
    if size <= 0:
        return tuple(items if head is None else items[:head]), ()
    if head is None:
        full_blocks = len(items) // size
        if full_blocks < 2:
            return tuple(items), ()
        head = len(items) - (full_blocks - 1) * size
    rest = items[head:]
    blocks = [tuple(rest[max(0, end - size) : end]) for end in range(len(rest), 0, -size)]
    return tuple(items[:head]), tuple(blocks)


def paginate_stably(
    items: Sequence[Item], size: int, first_url: str, head: int | None = None
) -> Pagination[Item]:
    """`items` (newest first) on the pages `stable_split` gives, each with its pager."""
    first, blocks = stable_split(items, size, head)
    if not blocks:
        return Pagination(((first, None),))
    newest_number = len(blocks) + 1
    pages: list[tuple[tuple[Item, ...], Pager | None]] = [(first, _first_pager(first_url, newest_number))]
    pages.extend(
        (blocks[number - 2], _numbered_pager(first_url, number)) for number in range(newest_number, 1, -1)
    )
    return Pagination(tuple(pages), paged_url(first_url, newest_number + 1))


def _first_pager(first_url: str, newest_number: int) -> Pager:
    numbers = _with_gaps([newest_number - step for step in range(AROUND + 1)] + [2])
    links = ((1, first_url), *((n, paged_url(first_url, n) if n else "") for n in numbers))
    return Pager(1, first_url, None, paged_url(first_url, newest_number), links)


def _numbered_pager(first_url: str, number: int) -> Pager:
    """Page `number`'s pager: a function of its number alone, so a full page never changes."""
    numbers = _with_gaps([number - step for step in range(AROUND + 1)] + [2])
    links = ((1, first_url), *((n, paged_url(first_url, n) if n else "") for n in numbers))
    older = paged_url(first_url, number - 1) if number > 2 else None
    return Pager(number, paged_url(first_url, number), paged_url(first_url, number + 1), older, links)


def _with_gaps(wanted: list[int]) -> tuple[int | None, ...]:
    """The numbered pages (≥ 2) of `wanted`, newest first, with None where numbers are left
    out; a single left-out number is shown instead of a gap."""
    shown = sorted({n for n in wanted if n >= 2}, reverse=True)
    numbers: list[int | None] = []
    previous: int | None = None
    for number in shown:
        if previous is not None and previous - number > 1:
            numbers.append(None if previous - number > 2 else number + 1)
        numbers.append(number)
        previous = number
    return tuple(numbers)
