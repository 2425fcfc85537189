"""Ctrl-C while a source is being opened stops the build: it is never taken for a file
that "cannot be read", which left the post out, published the rest and exited 0 (so
`sitegen build && deploy` deployed a site missing it)."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sitegen.regular_files as regular_files
from tests.conftest import CONFIG, build, post, write_files

_real_open = builtins.open


def _site(root: Path) -> Path:
    files = {"_config.yml": CONFIG}
    for day in range(1, 6):
        files[f"content/_posts/2022-05-0{day}-p{day}.md"] = post(
            f"第{day}篇", f"2022-05-0{day} 10:00:00 +0800"
        )
    return write_files(root, files)


def test_an_interrupt_as_the_file_object_is_made_is_still_an_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file object owns the descriptor once made; the interrupt that arrives then
    must come out as itself, not as the EBADF of closing that descriptor twice."""
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")

    def interrupted(fd: int, mode: str) -> Any:
        _real_open(fd, mode).close()  # made, then dropped as the interrupt unwinds
        raise KeyboardInterrupt

    monkeypatch.setattr(regular_files, "open", interrupted, raising=False)
    with pytest.raises(KeyboardInterrupt):
        regular_files.open_regular(path)


@given(at=st.integers(min_value=1, max_value=12))
def test_an_interrupt_at_any_read_of_a_source_stops_the_build(
    tmp_path_factory: pytest.TempPathFactory, at: int
) -> None:
    """In the build's own process (`jobs=1`), an interrupt arriving as the `at`-th source
    file is opened ends the build with `KeyboardInterrupt`; it never returns a result."""
    root = tmp_path_factory.mktemp("site")
    site = _site(root / "site")
    calls = [0]

    def interrupted(fd: int, mode: str) -> Any:
        handle = _real_open(fd, mode)
        calls[0] += 1
        if calls[0] == at:
            handle.close()
            raise KeyboardInterrupt
        return handle

    patch = pytest.MonkeyPatch()
    patch.setattr(regular_files, "open", interrupted, raising=False)
    try:
        try:
            result = build(site, destination=root / "out", jobs=1, cache=False)
        except KeyboardInterrupt:
            return
    finally:
        patch.undo()
    # Fewer reads than `at`: the build ran whole, and said nothing of an unreadable file.
    assert calls[0] < at, [str(d) for d in result.errors]
    assert not [d for d in result.errors if "cannot be read" in str(d)]
