"""The cyclic garbage collector runs in a build's own process only inside work items."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest

from sitegen import cli
from sitegen.cli import main
from sitegen.collector import collecting, collector_paused
from sitegen.errors import SitegenError
from sitegen.parallel import InlineExecutor
from tests.conftest import CONFIG, build, generated_posts, post, write_files


def _callers(frame: FrameType | None) -> set[CodeType]:
    codes = set()
    while frame is not None:
        codes.add(frame.f_code)
        frame = frame.f_back
    return codes


@pytest.fixture
def collections() -> Iterator[list[bool]]:
    """For each collection in this process during the build command (`sitegen build`
    after its arguments are parsed), whether it ran inside a work item; the thresholds
    lowered so that any stretch of work with the collector on meets one."""
    seen: list[bool] = []
    build_command = cli._build.__code__

    def record(phase: str, info: dict[str, Any]) -> None:
        callers = _callers(sys._getframe(0).f_back)
        if phase == "start" and build_command in callers:
            seen.append(collecting.__code__ in callers)

    thresholds = gc.get_threshold()
    gc.set_threshold(50, 5, 5)
    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*thresholds)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_build_command_collects_only_inside_work_items(
    tmp_path: Path, jobs: str, collections: list[bool]
) -> None:
    posts = generated_posts(80, month=3, categories=4, tags=3, body="<p>正文{number}</p>\n")
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, **posts})
    arguments = ["build", "-s", str(site), "-j", jobs]
    assert main(arguments) == 0
    first = list(collections)
    added = post("新的一篇", date="2022-04-01 08:00:00 +0800")
    write_files(site, {"content/_posts/2022-04-01-new.md": added})
    collections.clear()
    assert main(arguments) == 0  # a rebuild: the check, cached posts, one page rendered again
    rebuild = list(collections)
    assert first.count(False) == 0 and rebuild.count(False) == 0, (first.count(False), rebuild.count(False))
    if jobs == "1":  # every item ran here, and the collector ran with them
        assert True in first
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_library_build_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-01-01-a.md": post()})
    build(site)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(SitegenError):
        build(tmp_path / "missing")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        build(site)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def _state_inside(_: None, item: int) -> tuple[int, bool]:
    return item, gc.isenabled()


def test_work_items_run_with_the_collector_on_and_the_rest_with_it_off() -> None:
    with collector_paused():
        states: list[tuple[int, bool]] = []
        for result in InlineExecutor().imap(_state_inside, None, range(5)):
            states.append((result[0], result[1] and not gc.isenabled()))
        assert states == [(item, True) for item in range(5)]
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_template_s_cycles_are_collected_as_the_build_goes(tmp_path: Path) -> None:
    """Garbage an item leaves (a cycle its template made) is collected by the next items,
    not frozen until the build ends: a page's own cycle must not pile up per page."""
    posts = generated_posts(300, month=3, categories=3, tags=2, body="<p>正文{number}</p>\n")
    cycle = "{% set ns = namespace(me=none) %}{% set ns.me = ns %}<h1>{{ post.title }}</h1>{{ post.body }}"
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "templates/post.html": cycle, **posts})
    assert main(["build", "-s", str(site), "-j", "1"]) == 0
    left = sum(1 for thing in gc.get_objects() if type(thing).__name__ == "Namespace")
    assert left < 50, f"{left} of 300 pages' cycles still held"


def test_a_caller_s_own_freeze_is_kept(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-01-01-a.md": post()})
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        build(site)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
