"""A no-change manifest whose bytes are not what a build wrote is no manifest.

Cut short, a byte flipped, rewritten by hand into values of other shapes (and sealed
again), or a FIFO in its place: the next build publishes what a clean build does (a
full build, unless the values still say what the tree is), prints no traceback, waits
on nothing, and records a manifest the build after it trusts.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.incremental.manifest_file import MANIFEST_NAME
from tests.conftest import post, tree_bytes, write_files
from tests.test_no_change import _clean_tree, _cli_build, _World

_SEAL = 32


def _sealed(value: tuple[Any, ...]) -> bytes:
    body = marshal.dumps(value)
    return body + hashlib.sha256(body).digest()


def _reshaped(part: int, shape: Callable[[Any], Any]) -> Callable[[bytes], bytes]:
    """Field `part` of the stored tuple given another shape, sealed again as a build seals."""

    def damage(data: bytes) -> bytes:
        fields = list(marshal.loads(data[:-_SEAL]))
        fields[part] = shape(fields[part])
        return _sealed(tuple(fields))

    return damage


_RESHAPED: dict[str, Callable[[bytes], bytes]] = {
    "file entries cut to three values": _reshaped(2, lambda files: tuple(entry[:3] for entry in files)),
    "file entries as lists": _reshaped(2, lambda files: [list(entry) for entry in files]),
    "folder stamps cut to three values": _reshaped(
        3, lambda destination: (destination[0], destination[1], tuple(stamp[:3] for stamp in destination[2]))
    ),
    "no published tree": _reshaped(3, lambda _: None),
    "a string for the moment it expires": _reshaped(4, lambda _: "tomorrow"),
    "a summary of two counts": _reshaped(5, lambda counts: counts[:2]),
    "a number for the outside folders": _reshaped(6, lambda _: 7),
}


def _cut(at: float) -> Callable[[bytes], bytes]:
    return lambda data: data[: int(len(data) * at)]


def _flipped(at: float, bits: int) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        index = min(int(len(data) * at), len(data) - 1)
        return data[:index] + bytes([data[index] ^ bits]) + data[index + 1 :]

    return damage


_DAMAGE = st.one_of(
    st.sampled_from(sorted(_RESHAPED)).map(_RESHAPED.__getitem__),
    st.floats(0, 0.999).map(_cut),
    st.builds(_flipped, st.floats(0, 1), st.integers(1, 255)),
)


@settings(max_examples=20, deadline=None)
@given(damage=_DAMAGE, edit=st.booleans())
def test_a_damaged_manifest_means_a_full_build_and_a_new_manifest(
    tmp_path_factory: pytest.TempPathFactory, damage: Callable[[bytes], bytes], edit: bool
) -> None:
    world = _World(tmp_path_factory.mktemp("damaged"))
    assert _cli_build(world.site, world.destination)[0] == 0
    manifest = world.site / ".sitegen-cache" / MANIFEST_NAME
    manifest.write_bytes(damage(manifest.read_bytes()))
    if edit:
        write_files(world.site, {"content/_posts/2022-06-02-new.md": post("新", "2022-06-02 09:00:00 +0800")})

    code, printed = _cli_build(world.site, world.destination)

    assert code == 0 and "Traceback" not in printed
    assert not (edit and printed.startswith("nothing changed")), printed
    assert tree_bytes(world.destination) == _clean_tree(world.site, world.root)
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")


def test_a_fifo_in_the_manifests_place_is_not_waited_on(tmp_path: Path) -> None:
    world = _World(tmp_path)
    assert _cli_build(world.site, world.destination)[0] == 0
    manifest = world.site / ".sitegen-cache" / MANIFEST_NAME
    manifest.unlink()
    os.mkfifo(manifest)

    run = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "-s", str(world.site), "-d", str(world.destination)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)
