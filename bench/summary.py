"""Summarise repeated measurements: the median, and how far the runs spread around it.

On a shared machine one run can be slowed by other work; the median is the figure least
moved by that, and the spread (min–max, and the quartiles when there are enough runs)
says how much to trust it. Pure functions, so the table's arithmetic is unit-tested.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Summary:
    """The median of some runs and their spread."""

    median: float
    low: float
    """The smallest run."""
    high: float
    """The largest run."""
    count: int

    def spread(self, digits: int = 2) -> str:
        """`low–high` for the table, or nothing for a single run (it has no spread)."""
        if self.count < 2:
            return ""
        return f"{self.low:.{digits}f}–{self.high:.{digits}f}"

    def cell(self, digits: int = 2) -> str:
        """`median (low–high)`: the figure a reader quotes, then how far to trust it."""
        spread = self.spread(digits)
        return f"{self.median:.{digits}f} ({spread})" if spread else f"{self.median:.{digits}f}"


def summarize(values: Sequence[float]) -> Summary:
    """Median and min–max of `values`; raises ValueError when there are none."""
    if not values:
        raise ValueError("no values to summarise")
    return Summary(median=statistics.median(values), low=min(values), high=max(values), count=len(values))


def pair_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """The ratio within each interleaved pair (run i of one tool against run i of the other).

    A pair ran back to back, so both saw the same machine state; the median of these
    ratios is steadier on a busy machine than a ratio of two medians taken minutes apart.
    Pairs past the shorter list (a failed run) are left out; a zero denominator is skipped.
    """
    return [a / b for a, b in zip(numerators, denominators, strict=False) if b > 0]
