"""The no-change check run in a forked child beside the imports (`probe_aside`): the
same result as the check run in process, whatever the site's state; `work` runs once;
no child is left behind, whether the child reports, dies, or `work` raises."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.incremental import manifest, probe_aside
from sitegen.incremental.manifest import BuildRequest, Probe
from tests.test_no_change import CHANGES, _cli_build, _World

_CHANGE_NAMES = sorted(CHANGES)


def _request(world: _World) -> BuildRequest:
    return BuildRequest(world.site, world.destination, world.site / ".sitegen-cache", False, False, False)


def _counting_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        child = real_fork()
        if child:
            forks.append(child)
        return child

    monkeypatch.setattr(os, "fork", fork)
    return forks


def _no_child_left(forks: list[int]) -> bool:
    """True when every child forked was reaped already (one still running or a zombie
    is still this process's child). Only these: other tests leave children of their own
    (a retired tree deleted in the background)."""
    for child in forks:
        try:
            os.waitpid(child, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@settings(max_examples=12, deadline=None)
@given(
    changes=st.lists(st.tuples(st.sampled_from(_CHANGE_NAMES), st.integers(0, 50)), max_size=3),
    build_first=st.booleans(),
)
def test_the_child_s_result_is_the_check_s(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, int]], build_first: bool
) -> None:
    world = _World(tmp_path_factory.mktemp("aside"))
    if build_first:
        assert _cli_build(world.site, world.destination, aside=False)[0] == 0
    for name, pick in changes:
        CHANGES[name](world, pick)
    monkeypatch = pytest.MonkeyPatch()
    try:
        forks = _counting_forks(monkeypatch)
        ran: list[bool] = []
        aside = probe_aside.probe_aside(_request(world), lambda: ran.append(True))
    finally:
        monkeypatch.undo()
    assert forks and ran == [True] and _no_child_left(forks)
    # The check in process now; the child may have kept refreshed stamps, which this reads.
    assert aside == manifest.probe(_request(world))
    assert aside.snapshot is not None


def test_a_child_that_dies_leaves_the_check_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _World(tmp_path)
    assert _cli_build(world.site, world.destination, aside=False)[0] == 0
    parent = os.getpid()
    real_probe = manifest.probe

    def probe(request: BuildRequest) -> Probe:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # killed mid-check (out of memory, say)
        return real_probe(request)

    monkeypatch.setattr(probe_aside, "probe", probe)
    forks = _counting_forks(monkeypatch)
    result = probe_aside.probe_aside(_request(world), lambda: None)
    assert forks and _no_child_left(forks)
    assert result == real_probe(_request(world)) and result.unchanged is not None


def test_a_check_that_raises_in_the_child_raises_in_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent runs the check itself, so a bug surfaces as it would without a child."""
    world = _World(tmp_path)

    def probe(request: BuildRequest) -> Probe:
        raise LookupError("a bug in the check")

    monkeypatch.setattr(probe_aside, "probe", probe)
    forks = _counting_forks(monkeypatch)
    with pytest.raises(LookupError):
        probe_aside.probe_aside(_request(world), lambda: None)
    assert forks and _no_child_left(forks)


def test_work_that_raises_stops_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the imports: the interrupt goes on, and the child (here one that
    would check for a minute) is stopped and reaped, not waited for."""
    world = _World(tmp_path)
    parent = os.getpid()
    real_probe = manifest.probe

    def slow_probe(request: BuildRequest) -> Probe:
        if os.getpid() != parent:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            threading.Event().wait(60)
        return real_probe(request)

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(probe_aside, "probe", slow_probe)
    forks = _counting_forks(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        probe_aside.probe_aside(_request(world), interrupted)
    assert forks and _no_child_left(forks)


def test_with_other_threads_the_check_runs_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _World(tmp_path)
    forks = _counting_forks(monkeypatch)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    order: list[str] = []
    real_probe = manifest.probe

    def probe(request: BuildRequest) -> Probe:
        order.append("check")
        return real_probe(request)

    monkeypatch.setattr(probe_aside, "probe", probe)
    work: Callable[[], None] = lambda: order.append("work")  # noqa: E731
    try:
        result = probe_aside.probe_aside(_request(world), work)
    finally:
        release.set()
        other.join()
    assert not forks and order == ["work", "check"] and result.snapshot is not None


def _fork_then_interrupt(monkeypatch: pytest.MonkeyPatch, side: str) -> list[int]:
    """`os.fork` that sends Ctrl-C to the parent (or the child) the moment it returns
    there: the window between the fork and the code that stops and reaps the child."""
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        child = real_fork()
        if child:
            forks.append(child)
        if (side == "parent") == bool(child):
            os.kill(os.getpid(), signal.SIGINT)
        return child

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_ctrl_c_right_after_the_fork_stops_and_reaps_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _World(tmp_path)
    forks = _fork_then_interrupt(monkeypatch, "parent")
    ran: list[bool] = []
    with pytest.raises(KeyboardInterrupt):
        probe_aside.probe_aside(_request(world), lambda: ran.append(True))
    assert forks and not ran and _no_child_left(forks)


def test_ctrl_c_in_the_child_right_after_the_fork_leaves_the_check_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The child ends quietly (the interrupt never runs the command's own code there,
    which would print "stopped" a second time) and the parent checks by itself."""
    world = _World(tmp_path)
    assert _cli_build(world.site, world.destination, aside=False)[0] == 0
    capfd.readouterr()
    forks = _fork_then_interrupt(monkeypatch, "child")
    result = probe_aside.probe_aside(_request(world), lambda: None)
    assert forks and _no_child_left(forks)
    assert result == manifest.probe(_request(world)) and result.unchanged is not None
    assert capfd.readouterr() == ("", "")
