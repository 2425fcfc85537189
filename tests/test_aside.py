"""Work on the side (`sitegen.aside`): a forked child's result, or this process's when
the child cannot deliver it, and never a process left behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.aside import aside
from sitegen.errors import OutputError
from sitegen.publish.writer import list_live_tree
from tests.conftest import build, tree_bytes, write_files
from tests.test_incremental import site_files

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.binary(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=15, deadline=None)
@given(values)
def test_a_value_made_in_the_child_arrives_whole(value: object) -> None:
    with aside(lambda: value, enabled=True) as pending:
        assert pending.result() == value


def test_the_work_runs_in_another_process_only_when_enabled() -> None:
    with aside(os.getpid, enabled=True) as pending:
        assert pending.result() != os.getpid()
    with aside(os.getpid, enabled=False) as pending:
        assert pending.result() == os.getpid()


def test_an_error_on_the_side_is_raised_here_as_here() -> None:
    parent = os.getpid()
    calls: list[int] = []

    def failing() -> None:
        calls.append(os.getpid())  # recorded in this process only when it runs here
        raise OutputError("cannot read the published site", path=Path("out"))

    with aside(failing, enabled=True) as pending, pytest.raises(OutputError, match="published site"):
        pending.result()
    assert calls == [parent]


def test_a_child_killed_on_the_way_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def dies_on_the_side() -> str:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "computed here"

    with aside(dies_on_the_side, enabled=True) as pending:
        assert pending.result() == "computed here"


def test_a_result_never_taken_leaves_no_process_behind(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def forever() -> None:
        pid_file.write_text(str(os.getpid()), encoding="utf-8")
        signal.pause()

    with aside(forever, enabled=True):
        while not pid_file.exists() or not pid_file.read_text(encoding="utf-8"):
            time.sleep(0.01)
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not a zombie
        os.kill(int(pid_file.read_text(encoding="utf-8")), 0)


def test_the_live_tree_listed_on_the_side_equals_the_one_listed_here(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(12))
    destination = tmp_path / "out"
    build(site, destination=destination)
    (destination / "planted.html").write_text("by hand", encoding="utf-8")
    here = list_live_tree(destination, dict, with_file_stats=True)
    with aside(lambda: list_live_tree(destination, dict, with_file_stats=True), enabled=True) as pending:
        there = pending.result()
    assert here is not None and there is not None
    assert (there.files, there.strays, there.stamps, there.file_stats) == (
        here.files,
        here.strays,
        here.stamps,
        here.file_stats,
    )
    assert set(here.file_stats) == here.files
    clean = tmp_path / "clean"
    build(site, destination=clean, cache=False)
    build(site, destination=destination, jobs=2)  # listed on the side (more than one job), the plant removed
    assert tree_bytes(destination) == tree_bytes(clean)
