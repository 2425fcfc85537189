"""The local executor: this process works alongside its workers, results in order."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.parallel import MIN_ITEMS_FOR_PROCESSES, LocalProcessExecutor


def _tagged(offset: int, item: int) -> tuple[int, int]:
    return item + offset, os.getpid()


@settings(max_examples=8, deadline=None)
@given(
    count=st.integers(MIN_ITEMS_FOR_PROCESSES, 400),
    jobs=st.integers(2, 3),
    offset=st.integers(-5, 5),
)
def test_results_in_order_from_this_process_and_one_worker_fewer(count: int, jobs: int, offset: int) -> None:
    progress: list[tuple[int, int]] = []
    results = LocalProcessExecutor(jobs).map(
        _tagged, offset, range(count), lambda done, total: progress.append((done, total))
    )
    assert [value for value, _ in results] == [item + offset for item in range(count)]
    processes = {pid for _, pid in results}
    assert os.getpid() in processes  # this process takes chunks too
    assert len(processes) <= jobs  # so one worker fewer is started
    assert progress[-1] == (count, count)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    assert not multiprocessing.active_children()


def _fails_in(where: str, item: int) -> int:
    here = "parent" if os.getpid() == _PARENT else "worker"
    if here == where:
        raise ValueError(f"item {item} failed in the {here}")
    return item


_PARENT = os.getpid()


@pytest.mark.parametrize("where", ["parent", "worker"])
def test_an_error_in_any_process_is_the_one_error_raised(where: str) -> None:
    with pytest.raises(ValueError, match=f"in the {where}"):
        LocalProcessExecutor(2).map(_fails_in, where, range(500))
    assert not multiprocessing.active_children()
