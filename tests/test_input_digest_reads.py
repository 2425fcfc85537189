"""The no-change check's digest of a file is the load's digest of the same bytes, read on
the descriptor alone: whatever the size (empty, one chunk, many), and never from what is
not a regular file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.incremental.input_digests import content_digest, digest_path
from sitegen.regular_files import NotRegularFile, feed_regular

_SIZES = st.sampled_from([0, 1, 4095, 65535, 65536, 65537, 200_000])


@settings(max_examples=25)
@given(size=_SIZES, seed=st.binary(min_size=1, max_size=64))
def test_the_digest_of_a_file_is_the_digest_of_its_bytes(
    tmp_path_factory: pytest.TempPathFactory, size: int, seed: bytes
) -> None:
    data = (seed * (size // len(seed) + 1))[:size]
    path = tmp_path_factory.mktemp("digest") / "file.md"
    path.write_bytes(data)
    assert digest_path(path) == content_digest(data)
    chunks: list[bytes] = []
    feed_regular(path, chunks.append)
    assert b"".join(chunks) == data


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile):
        digest_path(fifo)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        digest_path(tmp_path)
