"""The racy window: a stamp that `settled` trusts can never come back after a save.

A model of how a file gets its timestamps (the kernel's coarse clock, advanced once per
timer tick, cut down to the file system's granularity) checks the rule over every
granularity and tick in use; a real build checks what it buys: a no-change run right
after a copy and a build hashes no file again on a file system with fine timestamps.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.incremental import input_digests
from sitegen.settled_stamps import racy_window_ns, settled
from tests.test_no_change import _cli_build, _hashed_paths, _World

_MS = 1_000_000
_GRANULARITIES = (1, 100, 1_000, 1_000_000, 10_000_000, 1_000_000_000, 2_000_000_000)
"""ext4/XFS/Btrfs/tmpfs/APFS (1 ns), NTFS (100 ns), a microsecond one, whole
milliseconds, exFAT (10 ms), ext3 and HFS+ (1 s), FAT (2 s)."""
_TICKS = (1 * _MS, 4 * _MS, 10 * _MS, 15_625_000)
"""Linux at HZ 1000, 250 and 100; Windows' default timer."""
_EPOCH_2026 = 1_767_225_600_000_000_000


def _timestamp(moment: int, granularity: int, tick: int, phase: int) -> int:
    """What a file saved at `moment` (wall clock, ns) gets: the coarse clock as it stood at
    its last tick, cut down to the file system's granularity."""
    clock = (moment - phase) // tick * tick + phase
    return clock // granularity * granularity


@given(
    granularity=st.sampled_from(_GRANULARITIES),
    tick=st.sampled_from(_TICKS),
    phase=st.integers(0, 10 * _MS),
    saved=st.integers(_EPOCH_2026, _EPOCH_2026 + 10**12),
    read_after=st.integers(0, 3 * 10**9),
    saved_again_after=st.integers(0, 3 * 10**9),
    mtime_set=st.one_of(st.none(), st.integers(0, 2 * _EPOCH_2026)),
)
def test_a_settled_stamp_never_comes_back_after_a_later_save(
    granularity: int,
    tick: int,
    phase: int,
    saved: int,
    read_after: int,
    saved_again_after: int,
    mtime_set: int | None,
) -> None:
    ctime = _timestamp(saved, granularity, tick, phase)
    # `touch -d`, `cp -p` and `tar x` set the mtime (to the file system's granularity);
    # the ctime is always the kernel's.
    mtime = ctime if mtime_set is None else mtime_set // granularity * granularity
    read = saved + read_after  # the stamp is read, then the file (the moment comes first)
    if settled(mtime, ctime, read):
        later_ctime = _timestamp(read + saved_again_after, granularity, tick, phase)
        assert later_ctime != ctime


@given(mtime=st.integers(0, 2 * _EPOCH_2026), ctime=st.integers(0, 2 * _EPOCH_2026))
def test_the_fine_window_needs_the_ctime_to_show_digits_below_the_millisecond(mtime: int, ctime: int) -> None:
    assert (racy_window_ns(ctime) < 2 * 10**9) == (ctime % _MS != 0)
    assert not settled(mtime, ctime, max(mtime, ctime))  # never at the moment of a change


def test_a_no_change_run_after_a_copy_and_a_build_hashes_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is older than the fine window when the first build starts: on a file
    system that keeps sub-millisecond times, the build's stamps are trusted (mtimes set
    to whole seconds too), so the run after it compares stamps alone. With the
    two-second window every file written in the two seconds before the build was hashed
    again by the next run."""
    world = _World(tmp_path)
    for index, path in enumerate(world.posts()):  # every other one as `tar x` or `touch -d` leave it
        if index % 2:
            os.utime(path, ns=(path.stat().st_atime_ns, 1_650_000_000 * 10**9))
    time.sleep(0.25)  # longer than the fine window (100 ms)
    assert _cli_build(world.site, world.destination)[0] == 0
    hashed = _hashed_paths(monkeypatch, input_digests)
    code, printed = _cli_build(world.site, world.destination)

    assert code == 0 and printed.startswith("nothing changed"), printed
    posts = [str(path) for path in world.posts()]
    if all(info.st_ctime_ns % _MS for info in map(os.stat, posts)):  # CI's file systems (ext4, tmpfs)
        assert hashed == []
    else:  # whole-second or FAT times: the two-second window holds, every post hashed again
        assert set(posts) <= set(hashed)
