"""A destination or cache folder that cannot be made for something in its way: one line
naming what is in the way.

`-d public/site` with `public` a file once said "cannot make the destination: File
exists", naming neither `public` nor why; below a link leading nowhere, the same.
Wherever the thing in the way is on the path, and whatever it is, the one line names it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.folder_ways import blocked_way
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
