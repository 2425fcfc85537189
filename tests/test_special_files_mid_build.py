"""A source that becomes a FIFO (or a socket, a device) after the scan listed it as a
file: every reader opens it without waiting for a writer, skips it with one line naming
it, and the rest of the site builds; the dev server's fast lane declines it and the
watcher goes on rebuilding.

A blocking open of a FIFO would hang the test, so `no_waiting_on_fifos` turns one into
an error at the open: the old readers then fail here instead of hanging."""

from __future__ import annotations

import builtins
import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.build
from sitegen.build import BuildOptions, build_site
from sitegen.content.scan import SourceTree
from sitegen.preview_added import load_new_post
from sitegen.regular_files import NOT_REGULAR_LINE, NotRegularFile, read_regular
from tests.conftest import CONFIG, post, write_files
from tests.test_preview import build_resident

FILES = {
    "_config.yml": CONFIG,
    "content/_posts/2022-05-01-first.md": post("第一篇", date="2022-05-01 10:00:00 +0800"),
    "content/_posts/2022-05-02-second.md": post("第二篇", date="2022-05-02 10:00:00 +0800"),
    "content/about.md": "---\ntitle: 关于\n---\n关于本站\n",
    "content/assets/site.css": "body {}\n",
    "content/_data/team.yml": "- name: 甲\n",
    "content/team.html": "---\ntitle: 团队\n---\n{{ site.data.team[0].name }}\n",
}
"""The sources a test may turn into a FIFO, each read by a different reader."""
SKIPPED = [name for name in FILES if name not in ("_config.yml", "content/team.html")]


def _is_fifo(path: object) -> bool:
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False  # an open descriptor
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


@contextmanager
def no_waiting_on_fifos() -> Iterator[list[str]]:
    """Every open that would wait for a FIFO's writer fails at once instead, and is
    listed (in this process: a reader that swallows errors still shows here)."""
    real_open, real_os_open = builtins.open, os.open
    attempts: list[str] = []

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if _is_fifo(file):
            attempts.append(str(file))
            raise OSError(errno.EDEADLK, "a blocking open of a FIFO", str(file))
        return real_open(file, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if not flags & os.O_NONBLOCK and kwargs.get("dir_fd") is None and _is_fifo(path):
            attempts.append(str(path))
            raise OSError(errno.EDEADLK, "a blocking open of a FIFO", str(path))
        return real_os_open(path, flags, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", guarded_open)
        patch.setattr(io, "open", guarded_open)
        patch.setattr(os, "open", guarded_os_open)
        yield attempts


def _scan_then(change: Callable[[], None]) -> Callable[..., SourceTree]:
    scan = sitegen.build._scan

    def scan_then_change(*args: Any) -> SourceTree:
        tree = scan(*args)
        change()
        return tree

    return scan_then_change


def _make_fifos(paths: list[Path]) -> None:
    for path in paths:
        path.unlink()
        os.mkfifo(path)


@settings(max_examples=8, deadline=None)
@given(st.sets(st.sampled_from(SKIPPED), min_size=1))
def test_a_source_turned_into_a_fifo_during_a_build_is_skipped_with_one_line(names: set[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as patch:
        root = Path(scratch)
        site = write_files(root / "site", FILES)
        fifos = [site / name for name in sorted(names)]
        patch.setattr(sitegen.build, "_scan", _scan_then(lambda: _make_fifos(fifos)))
        with no_waiting_on_fifos():
            result = build_site(BuildOptions(source=site, destination=root / "out", cache=False))
        assert result.errors == ()
        for path in fifos:
            lines = [d for d in result.warnings if d.path == path]
            assert [d.message for d in lines] == [NOT_REGULAR_LINE], lines
        published = (root / "out/assets/site.css").is_file()
        assert published is ("content/assets/site.css" not in names)


def test_a_fifo_in_data_is_skipped_with_the_scans_warning(tmp_path: Path) -> None:
    """`build` warned of a FIFO anywhere else in the site, and skipped one in `_data/`
    without a word."""
    site = write_files(tmp_path / "site", FILES)
    os.mkfifo(site / "content/_data/pipe.yml")
    with no_waiting_on_fifos():
        result = build_site(BuildOptions(source=site, destination=tmp_path / "out", cache=False))
    assert [(d.path, d.message) for d in result.warnings] == [
        (site / "content/_data/pipe.yml", NOT_REGULAR_LINE)
    ]


def test_the_fast_lane_declines_a_fifo_saved_among_the_posts(tmp_path: Path) -> None:
    """The dev server's watcher read a FIFO made in `_posts/` while it ran, and waited
    for its writer for good: no later save was rebuilt."""
    site = write_files(tmp_path / "site", FILES)
    resident = build_resident(site, tmp_path / "out")
    fifo = site / "content/_posts/2022-05-03-pipe.md"
    os.mkfifo(fifo)
    with no_waiting_on_fifos() as attempts:
        loaded, reason = load_new_post(resident, Path(os.path.realpath(fifo)))
    assert loaded is None and reason
    assert attempts == []


@pytest.mark.parametrize("kind", ["fifo", "folder", "socket"])
def test_only_a_regular_file_is_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "name.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        import socket

        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind(str(path))
    with no_waiting_on_fifos(), pytest.raises((NotRegularFile, IsADirectoryError)):
        read_regular(path)
