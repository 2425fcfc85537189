"""The no-change check on two cores decides as it does on one: the published tree compared
in a forked process while this one walks the inputs, and a fresh checkout's files hashed
half there (`sitegen.aside`). Whatever changed, the forked check's answer and snapshot
are the one-process check's."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import cli
from sitegen.aside import Aside, aside, can_fork
from sitegen.incremental import input_digests, manifest
from sitegen.incremental.input_digests import content_digest, digests_of
from sitegen.no_change_command import manifest_request
from sitegen.settled_stamps import COARSE_WINDOW_NS
from tests.racy import racy_window
from tests.test_no_change import CHANGES, _check_out_afresh, _cli_build, _World


@pytest.fixture(autouse=True)
def _single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a build command's process is (earlier tests may have left threads running
    here, and `aside` works in this process where threads run)."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)


@contextmanager
def _spied(module: Any) -> Iterator[list[tuple[Any, bool]]]:
    """Every `aside` call `module` makes, as (argument, forked), still set aside."""
    calls: list[tuple[Any, bool]] = []
    real: Callable[..., Aside[Any, Any]] = module.aside

    def spying(function: Callable[[Any], Any], argument: Any, *, forked: bool = True) -> Aside[Any, Any]:
        calls.append((argument, forked))
        return real(function, argument, forked=forked)

    module.aside = spying
    try:
        yield calls
    finally:
        module.aside = real


@settings(max_examples=15, deadline=None)
@given(contents=st.lists(st.binary(max_size=3000), min_size=1, max_size=12))
def test_files_hashed_half_apart_give_each_file_s_digest_in_order(
    tmp_path_factory: pytest.TempPathFactory, contents: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("apart")
    paths = []
    for number, data in enumerate(contents):
        path = folder / f"{number}.md"
        path.write_bytes(data)
        paths.append(str(path))
    saved = input_digests.HASHED_APART
    input_digests.HASHED_APART = 2
    try:
        with _spied(input_digests) as calls:
            digests = digests_of(paths)
    finally:
        input_digests.HASHED_APART = saved
    assert digests == [content_digest(data) for data in contents]
    assert calls == ([] if len(paths) < 2 else [(paths[len(paths) // 2 :], True)])


def test_a_file_gone_from_the_half_hashed_apart_raises_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_digests, "HASHED_APART", 2)
    paths = [str(tmp_path / f"{number}.md") for number in range(4)]
    for path in paths[:3]:
        Path(path).write_text("甲", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        digests_of(paths)  # the last is hashed apart, fails there, and again here


@pytest.mark.parametrize("setting", ["forked=False", "few files"])
def test_hashing_stays_in_this_process_where_a_fork_cannot_pay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    paths = []
    for number in range(6):
        (tmp_path / f"{number}.md").write_text(f"第{number}", encoding="utf-8")
        paths.append(str(tmp_path / f"{number}.md"))
    monkeypatch.setattr(input_digests, "HASHED_APART", 99 if setting == "few files" else 2)
    with _spied(input_digests) as calls:
        digests = digests_of(paths, forked=setting != "forked=False")
    assert digests == [content_digest(f"第{number}".encode()) for number in range(6)]
    assert calls == []


def test_on_one_core_nothing_is_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy would only take turns with this process, the fork's cost on top."""
    assert can_fork()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not can_fork()
    with aside(lambda _: os.getpid(), None) as elsewhere:
        assert elsewhere.result() == os.getpid()


@pytest.mark.parametrize("forked", [True, False])
@pytest.mark.parametrize("files_to_hash", ["few", "many"])
def test_a_source_that_cannot_be_hashed_means_a_full_build_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool, files_to_hash: str
) -> None:
    """A file whose stamp moved and which cannot be read by the check (no permission,
    deleted since the walk): the check says "build" and the build names the file; with
    one process or few files to hash the check raised it, and every build failed."""
    world = _World(tmp_path)
    with racy_window(0):
        assert _cli_build(world.site, world.destination)[0] == 0
        _check_out_afresh(world.site)
        monkeypatch.setattr(input_digests, "HASHED_APART", 2 if files_to_hash == "many" else 10_000)
        refused = str(world.posts()[-1])
        real = input_digests.digest_path

        def refusing(path: str | Path) -> str:
            if str(path) == refused:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(input_digests, "digest_path", refusing)
        probe = manifest.probe(_request(world), forked=forked)
    assert probe.unchanged is None and probe.snapshot is None


def _request(world: _World) -> manifest.BuildRequest:
    arguments = cli.build_parser().parse_args(
        ["build", "-s", str(world.site), "-d", str(world.destination), *world.flags()]
    )
    request = manifest_request(arguments)
    assert request is not None
    return request


def _probed_both_ways(request: manifest.BuildRequest) -> tuple[manifest.Probe, manifest.Probe]:
    """The check forked and in one process, each on the manifest as the last build left it
    (a check that finds only stamps moved writes the new stamps back)."""
    path = request.cache_dir / "manifest"
    kept = path.read_bytes() if path.is_file() else None
    on_two = manifest.probe(request, forked=True)
    if kept is not None:
        path.write_bytes(kept)
    on_one = manifest.probe(request, forked=False)
    return on_two, on_one


@settings(max_examples=12, deadline=None)
@given(
    steps=st.lists(st.tuples(st.sampled_from(sorted(CHANGES)), st.integers(0, 50)), min_size=1, max_size=4)
)
def test_the_check_decides_alike_on_two_cores_and_on_one(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]
) -> None:
    world = _World(tmp_path_factory.mktemp("apart"))
    saved = input_digests.HASHED_APART
    input_digests.HASHED_APART = 2  # the site's few files are hashed apart too
    try:
        with racy_window(0):
            assert _cli_build(world.site, world.destination)[0] == 0
            for change, number in steps:
                CHANGES[change](world, number)
                on_two, on_one = _probed_both_ways(_request(world))
                assert on_two == on_one, change
                assert _cli_build(world.site, world.destination, *world.flags())[0] == 0
    finally:
        input_digests.HASHED_APART = saved


def test_a_fresh_checkout_is_hashed_on_two_cores_and_found_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_digests, "HASHED_APART", 2)
    world = _World(tmp_path)
    with racy_window(0):
        assert _cli_build(world.site, world.destination)[0] == 0
        _check_out_afresh(world.site)
        request = _request(world)
        with _spied(input_digests) as hashed, _spied(manifest) as compared:
            probe = manifest.probe(request)
    assert probe.unchanged is not None
    assert [(argument[0], forked) for argument, forked in compared] == [(request.destination, True)]
    assert len(hashed) == 1 and hashed[0][1] is True
    assert all(os.path.isfile(path) for path in hashed[0][0])


def test_a_changed_setting_forks_no_destination_check(tmp_path: Path) -> None:
    world = _World(tmp_path)
    assert _cli_build(world.site, world.destination)[0] == 0
    world.options["future"] = True
    with _spied(manifest) as compared:
        probe = manifest.probe(_request(world))
    assert probe.unchanged is None
    assert [forked for _, forked in compared] == [False]


def test_a_published_page_deleted_is_found_by_the_forked_check(tmp_path: Path) -> None:
    world = _World(tmp_path)
    with racy_window(0):
        assert _cli_build(world.site, world.destination)[0] == 0
        assert manifest.probe(_request(world)).unchanged is not None
        page = next(
            path for path in sorted(world.destination.rglob("*.html")) if path.parent != world.destination
        )
        page.unlink()
        with _spied(manifest) as compared:
            assert manifest.probe(_request(world)).unchanged is None
    assert [forked for _, forked in compared] == [True]


def _probed_row_by_row_too(request: manifest.BuildRequest) -> tuple[manifest.Probe, manifest.Probe]:
    """The check as it runs, and with every file compared row by row (the columns never
    compared whole), each on the manifest as the last build left it."""
    path = request.cache_dir / "manifest"
    kept = path.read_bytes() if path.is_file() else None
    as_run = manifest.probe(request, forked=False)
    if kept is not None:
        path.write_bytes(kept)
    real = manifest._as_recorded
    manifest._as_recorded = lambda *_: False
    try:
        row_by_row = manifest.probe(request, forked=False)
    finally:
        manifest._as_recorded = real
    return as_run, row_by_row


@settings(max_examples=12, deadline=None)
@given(
    windows=st.tuples(*(st.sampled_from([0, None, COARSE_WINDOW_NS]) for _ in range(2))),
    steps=st.lists(st.tuples(st.sampled_from(sorted(CHANGES)), st.integers(0, 50)), min_size=1, max_size=4),
)
def test_the_columns_compared_whole_decide_as_rows_compared_one_by_one(
    tmp_path_factory: pytest.TempPathFactory,
    windows: tuple[int | None, int | None],
    steps: list[tuple[str, int]],
) -> None:
    """Whatever changed, the shortcut for a site whose every stamp is as recorded gives
    the answer and the snapshot the row-by-row comparison gives; also where the racy
    window the check applies is not the one the build recorded under (a clock stepped
    back makes stamps trusted then racy now)."""
    built, checked = windows
    world = _World(tmp_path_factory.mktemp("columns"))
    with racy_window(built):
        assert _cli_build(world.site, world.destination)[0] == 0
    for change, number in steps:
        CHANGES[change](world, number)
        with racy_window(checked):
            as_run, row_by_row = _probed_row_by_row_too(_request(world))
        assert as_run == row_by_row, change
        with racy_window(built):
            assert _cli_build(world.site, world.destination, *world.flags())[0] == 0


def test_a_site_whose_every_stamp_is_as_recorded_is_compared_whole(tmp_path: Path) -> None:
    world = _World(tmp_path)
    with racy_window(0):
        assert _cli_build(world.site, world.destination)[0] == 0
        answers: list[bool] = []
        real = manifest._as_recorded

        def spying(*arguments: Any) -> bool:
            answers.append(real(*arguments))
            return answers[-1]

        manifest._as_recorded = spying  # type: ignore[assignment]
        try:
            probe = manifest.probe(_request(world))
        finally:
            manifest._as_recorded = real
    assert probe.unchanged is not None and answers == [True]
