"""Which builds the bench runs, and in what order: interleaved pairs with Hugo.

Timings on a shared machine drift as other work comes and goes. So every sitegen build
is paired with a Hugo cold build run straight after it (sitegen, Hugo, sitegen, Hugo, ...),
both see the same machine state, and each table row compares a sitegen scenario with the
Hugo builds of its own pairs. Hugo has no incremental production build (`hugo` always
renders everything; only `hugo server` keeps state), so its figure for every scenario is
its cold build.

sitegen's scenarios form a chain within one round, each starting from the state the one
before left, the way a crawler's CI runs them: a cold build of a fresh copy, a rebuild
with nothing changed, one new post, ten more new posts, then one post edited. Each round
starts again from a fresh copy, empty output and empty cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: sitegen's scenarios, in the order one round runs them (each builds on the last).
SCENARIOS = ("cold", "no-change", "1-added", "10-added", "1-edited")
#: How many new posts each scenario writes before its build.
POSTS_ADDED = {"cold": 0, "no-change": 0, "1-added": 1, "10-added": 10, "1-edited": 0}
PAIRED_PEER = "hugo"


@dataclass(frozen=True, slots=True)
class Step:
    """One build of the schedule."""

    round: int
    """0-based; every round starts sitegen from a fresh copy."""
    tool: str
    scenario: str
    """For the paired peer, the sitegen scenario this (cold) build is paired with."""


def interleaved(rounds: int, *, with_peer: bool, scenarios: Sequence[str] = SCENARIOS) -> list[Step]:
    """Round by round, each sitegen scenario followed by its paired Hugo cold build."""
    steps: list[Step] = []
    for round_index in range(rounds):
        for scenario in scenarios:
            steps.append(Step(round_index, "sitegen", scenario))
            if with_peer:
                steps.append(Step(round_index, PAIRED_PEER, scenario))
    return steps


def posts_added_before(scenario: str, scenarios: Sequence[str] = SCENARIOS) -> int:
    """How many new posts the round has written by the end of `scenario`'s preparation."""
    upto = scenarios[: scenarios.index(scenario) + 1]
    return sum(POSTS_ADDED[name] for name in upto)


SMALL_SITE_POSTS = 20_000
SMALL_SITE_ROUNDS = 3
"""Rounds per size when `--runs` is not given: three up to `SMALL_SITE_POSTS` posts, one
above (a round at 100,000 posts takes about a quarter of an hour on 2 cores)."""


def runs_per_size(sizes: Sequence[int], runs: Sequence[int] | None) -> dict[int, int]:
    """`--runs` given once applies to every size; else one count per size, in order;
    not given, `SMALL_SITE_ROUNDS` for a size up to `SMALL_SITE_POSTS`, else 1."""
    if runs is None:
        return {size: SMALL_SITE_ROUNDS if size <= SMALL_SITE_POSTS else 1 for size in sizes}
    if len(runs) == 1:
        return {size: runs[0] for size in sizes}
    if len(runs) != len(sizes):
        raise ValueError(f"--runs has {len(runs)} counts for {len(sizes)} sizes")
    return dict(zip(sizes, runs, strict=True))
