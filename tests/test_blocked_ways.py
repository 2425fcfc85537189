"""A destination or cache folder that cannot be made for something in its way: one line
naming what is in the way, and saying truly what it is.

`-d public/site` with `public` a file once said "cannot make the destination: File
exists", naming neither `public` nor why; below a link leading nowhere, the same.
Wherever the thing in the way is on the path, and whatever it is, the one line names it.
A link is described by the whole chain it starts: "leading nowhere (to hop, which is
not there)" once named a `hop` that was there, a dangling link itself; a `-d` that was
a link to a file was told to "give the folder it leads to"; a named pipe was "a file".
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.folder_ways import blocked_way, not_a_folder
from tests.conftest import CONFIG, post, sitegen_main, write_files

IN_THE_WAY = st.sampled_from(["file", "link to nowhere", "link to a file", "link to a link to nowhere"])
NAMES = st.lists(
    st.sampled_from(["out", "public", "站点", "a b", ".hidden"]), min_size=1, max_size=4, unique=True
)


def _block(path: Path, kind: str) -> None:
    """Put a `kind` thing at `path`, in the way of any folder below it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "file":
        path.write_text("x")
    elif kind == "link to nowhere":
        path.symlink_to(path.parent / "missing")
    elif kind == "link to a file":
        (path.parent / "real.txt").write_text("x")
        path.symlink_to(path.parent / "real.txt")
    else:
        (path.parent / "hop").symlink_to(path.parent / "missing")
        path.symlink_to(path.parent / "hop")


@given(
    names=NAMES,
    depth=st.integers(min_value=0, max_value=3),
    kind=IN_THE_WAY,
    folder=st.sampled_from(["-d", "--cache-dir"]),
)
def test_a_folder_that_cannot_be_made_names_what_is_in_its_way(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], depth: int, kind: str, folder: str
) -> None:
    root = tmp_path_factory.mktemp("ways")
    site = write_files(root / "site", {"_config.yml": CONFIG, "_posts/2022-05-27-a.md": post()})
    blocked = root.joinpath(*names[: depth % len(names) + 1])
    _block(blocked, kind)
    wanted = root.joinpath(*names, "x") if len(names) > depth else blocked / "x"
    code, stdout, stderr = sitegen_main("build", "-s", str(site), folder, str(wanted))
    assert code != 0
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    assert f" {blocked} is a " in errors[0], errors[0]
    assert "File exists" not in errors[0] and "Not a directory" not in errors[0]
    assert not (site / "_site").exists() and "built" not in stdout


@given(kind=IN_THE_WAY, depth=st.integers(min_value=1, max_value=3))
def test_blocked_way_is_none_exactly_when_mkdir_succeeds(
    tmp_path_factory: pytest.TempPathFactory, kind: str, depth: int
) -> None:
    root = tmp_path_factory.mktemp("mkdir")
    below = root.joinpath(*[f"d{level}" for level in range(depth)])
    assert blocked_way(below, "the folder") is None
    below.mkdir(parents=True)
    _block(below / "thing", kind)
    wanted = below / "thing" / "inner"
    problem = blocked_way(wanted, "the folder")
    assert problem is not None and str(below / "thing") in problem
    with pytest.raises(OSError):
        wanted.mkdir(parents=True)


#: Things that are not folders, with the words that must say what each is.
NOT_FOLDERS = {
    "file": "a file, not a folder",
    "named pipe": "a named pipe, not a folder",
    "link to a file": "a link to a file",
    "link to a named pipe": "a link to a named pipe",
    "chain to nowhere": "a link leading nowhere",
    "loop": "a link in a loop of links",
}


def _make(path: Path, kind: str, hops: int) -> None:
    """A `kind` thing at `path`; the links of a chain or a loop `hops` long."""
    side = path.parent
    if kind == "file":
        path.write_text("x")
    elif kind == "named pipe":
        os.mkfifo(path)
    elif kind in ("link to a file", "link to a named pipe"):
        end = side / "end"
        end.write_text("x") if kind == "link to a file" else os.mkfifo(end)
        _chain(path, [side / f"hop{n}" for n in range(hops - 1)], end)
    elif kind == "chain to nowhere":
        _chain(path, [side / f"hop{n}" for n in range(hops - 1)], side / "gone")
    else:
        _chain(path, [side / f"hop{n}" for n in range(hops - 1)], path)


def _chain(start: Path, between: list[Path], end: Path) -> None:
    """`start` -> each of `between` -> `end`, each link written relative to its folder."""
    ways = [start, *between, end]
    for here, there in itertools.pairwise(ways):
        here.symlink_to(there.name)


@given(
    kind=st.sampled_from(sorted(NOT_FOLDERS)),
    hops=st.integers(min_value=1, max_value=4),
    below=st.booleans(),
    folder=st.sampled_from(["-d", "--cache-dir"]),
)
def test_what_is_in_the_way_is_said_truly(
    tmp_path_factory: pytest.TempPathFactory, kind: str, hops: int, below: bool, folder: str
) -> None:
    root = tmp_path_factory.mktemp("kinds")
    site = write_files(root / "site", {"_config.yml": CONFIG, "_posts/2022-05-27-a.md": post()})
    thing = root / "thing"
    _make(thing, kind, hops)
    said = not_a_folder(thing)
    assert said.startswith(NOT_FOLDERS[kind]), said
    for named in re.findall(r"to ([^,()]+), which is not there", said):
        assert not os.path.lexists(root / named), f"{said}: {named} is there"
    wanted = thing / "x" if below else thing
    code, stdout, stderr = sitegen_main("build", "-s", str(site), folder, str(wanted))
    assert code != 0 and "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    assert NOT_FOLDERS[kind] in errors[0], errors[0]
    assert "give the folder it leads to" not in errors[0], errors[0]
    assert not (site / "_site").exists() and "built" not in stdout
