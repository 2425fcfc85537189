"""The published tree's check, set aside in a forked process, is the check done here."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.aside import aside
from sitegen.errors import OutputError
from sitegen.incremental.cache import opened_cache
from sitegen.published_check import PUBLISHED_TREE, _checked, published_check
from tests.conftest import CONFIG, build, generated_posts, post, write_files
from tests.racy import racy_window

_PARENT = os.getpid()


def _all_children() -> set[str]:
    return set(Path(f"/proc/self/task/{os.getpid()}/children").read_text().split())


_EARLIER: set[str] = set()


def _children() -> list[str]:
    """This process's child processes but those running when the test began (an earlier
    build's retired tree is deleted in the background)."""
    return sorted(_all_children() - _EARLIER)


@pytest.fixture(autouse=True)
def _single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a build command's process is: earlier tests may have left threads running here."""
    _EARLIER.clear()
    _EARLIER.update(_all_children())
    monkeypatch.setattr(threading, "active_count", lambda: 1)


def test_the_result_is_worked_out_in_another_process() -> None:
    with aside(lambda _: os.getpid(), None) as checking:
        assert checking.result() not in (os.getpid(), None)
    assert not _children()


def test_a_process_running_threads_works_it_out_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    with aside(lambda _: os.getpid(), None) as checking:
        assert not _children()
        assert checking.result() == os.getpid()


def _fails_over_there(value: int) -> int:
    if os.getpid() != _PARENT:
        raise RuntimeError("only in the forked process")
    return value * 2


def _killed_over_there(value: int) -> int:
    if os.getpid() != _PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return value * 3


@pytest.mark.parametrize("function", [_fails_over_there, _killed_over_there])
def test_a_process_that_does_not_deliver_is_worked_out_here(function: Callable[[int], int]) -> None:
    with aside(function, 7) as checking:
        assert checking.result() == function(7)
    assert not _children()


def _raises(_: None) -> None:
    raise OutputError("cannot read the destination")


def test_an_error_the_function_raises_is_raised_here() -> None:
    with aside(_raises, None) as checking, pytest.raises(OutputError, match="cannot read"):
        checking.result()
    assert not _children()


def _sleeps_over_there(_: None) -> int:
    if os.getpid() != _PARENT:
        signal.pause()
    return 0


def test_leaving_without_the_result_ends_the_process() -> None:
    with aside(_sleeps_over_there, None):
        assert len(_children()) == 1
    assert not _children()


# -- the check itself ------------------------------------------------------------------------

_SITE = tempfile.mkdtemp(prefix="published-check-")
"""One built site, copied for each example (a build per example would be most of the time)."""


def _built_site() -> Path:
    site = Path(_SITE) / "site"
    if not (site / "_site").exists():
        posts = generated_posts(30, month=5, categories=3, tags=2, body="<p>第{number}篇。</p>\n")
        write_files(site, {"_config.yml": CONFIG, **posts})
        build(site)
    return site


def _pages(out: Path) -> list[Path]:
    return sorted(path for path in out.rglob("*.html") if path.is_file() and not path.is_symlink())


def _forge(page: Path) -> None:
    """Same size and mtime, other bytes, another inode (`touch -r` then `mv`)."""
    info, data = page.stat(), page.read_bytes()
    forged = page.with_name(page.name + ".forged")
    forged.write_bytes(data.replace(b"<", b"(", 1))
    os.utime(forged, ns=(info.st_atime_ns, info.st_mtime_ns))
    forged.rename(page)


def _restore_copy(out: Path) -> None:
    shutil.copytree(out, out.with_name("saved"), copy_function=shutil.copy2, symlinks=True)
    shutil.rmtree(out)
    out.with_name("saved").rename(out)


def _page(out: Path, number: int) -> Path:
    pages = _pages(out)
    return pages[number % len(pages)]


_TAMPER: dict[str, Callable[[Path, int], object]] = {
    "remove a page": lambda out, n: _page(out, n).unlink(),
    "edit a page in place": lambda out, n: _page(out, n).write_text("x", encoding="utf-8"),
    "forge a page": lambda out, n: _forge(_page(out, n)),
    "touch a page": lambda out, n: os.utime(_page(out, n), ns=(n, n)),
    "add a stray file": lambda out, n: (out / f"stray{n}.txt").write_text("s", encoding="utf-8"),
    "add a symlink": lambda out, n: (out / f"link{n}").symlink_to(_page(out, n)),
    "restore a copy of the tree": lambda out, n: _restore_copy(out),
    "remove the tree": lambda out, n: shutil.rmtree(out),
}


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(sorted(_TAMPER)), st.integers(0, 50)), max_size=4),
    st.sampled_from([0, 3600 * 10**9]),
)
def test_the_check_set_aside_equals_the_check_done_here(changes: list[tuple[str, int]], window: int) -> None:
    """`window`: every folder settled, or none. The two checks list the tree moments
    apart, so with the real window a folder written 100 ms before could be racy for the
    first and settled for the second (remembered by one listing only)."""
    with racy_window(window), tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        shutil.copytree(_built_site(), site, symlinks=True)
        out = site / "_site"
        for step, (name, number) in enumerate(changes):
            if out.exists():
                _TAMPER[name](out, 100 * step + number)
        with opened_cache(site / ".sitegen-cache") as cache:
            with published_check(out, cache, forked=True) as checking:
                aside_result = checking.result()
            here = _checked((out, cache.stored_state(PUBLISHED_TREE), cache.pages()))
        assert aside_result == here
        assert cache.pages(), "the check had records to check"


def test_one_job_forks_no_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-j 1` asks for one process: the check is done in it."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, **generated_posts(5, month=2, categories=2, tags=1, body="x")},
    )
    build(site, jobs=1)

    def no_fork() -> int:
        raise AssertionError("a process was forked")

    monkeypatch.setattr(os, "fork", no_fork)
    write_files(site, {"content/_posts/2022-02-27-new.md": post("新", date="2022-02-27 08:00:00 +0800")})
    assert build(site, jobs=1).pages_rendered > 0
