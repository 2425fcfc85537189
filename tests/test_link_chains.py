"""Links make ways to folders grow (a chain `d0/next -> ../d1`, `d1/next -> ../d2`, … is
spelled `d0/next/next/…`; a lattice has 2**n ways): whatever the links and the lengths of
their names, the build finishes and publishes every real file under its own path, and
each way cut short (too many links, a path too long to read or publish) is one line
naming it (`sitegen.content.walk_bounds`). The dev server and its watcher, and the
no-change check, walk the same tree without failing on it either."""

from __future__ import annotations

import os
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.walk_bounds import MAX_FOLDER_PATH_BYTES, MAX_LINKS
from sitegen.serve.watch import SiteWatcher
from tests.conftest import CONFIG, post, sitegen_main, sitegen_serve, write_files

NAME_LENGTHS = st.integers(min_value=1, max_value=255)


def _name(tag: str, length: int) -> str:
    """A folder or link name of `length` bytes (at least its tag), unique by its tag."""
    return (tag + "n" * length)[: max(length, len(tag))]


def _chain_site(
    root: Path, real_depth: list[int], links: list[tuple[int, int, int]]
) -> tuple[Path, dict[str, str]]:
    """A site whose content holds folders `L/<pad>/dK` (each `pad` real folders of 255
    bytes deep) with a file each, and `links` (holder, target, name length) between
    them; the real files' paths below the content folder, with their text."""
    site = write_files(root / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    content = site / "content"
    folders = []
    files = {}
    for number, depth in enumerate(real_depth):
        relative = "/".join(
            ["L", *(_name(f"p{number}-{level}-", 255) for level in range(depth)), f"d{number}"]
        )
        (content / relative).mkdir(parents=True)
        (content / relative / f"f{number}.dat").write_text(str(number), encoding="utf-8")
        folders.append(content / relative)
        files[f"{relative}/f{number}.dat"] = str(number)
    for number, (holder, target, length) in enumerate(links):
        source, destination = folders[holder % len(folders)], folders[target % len(folders)]
        link = source / _name(f"k{number}-", length)
        link.symlink_to(os.path.relpath(destination, source), target_is_directory=True)
    return site, files


def _cli(*arguments: str) -> tuple[int, list[str], str]:
    """`sitegen` in process: its exit code, the lines it printed to stderr, its summary."""
    code, printed, errors = sitegen_main(*arguments)
    return code, errors.splitlines(), printed


SHAPES = st.one_of(
    # A chain of folders linked each to the next (31 links of 150-byte names, as in the report that found it).
    st.tuples(st.integers(2, 32), NAME_LENGTHS).map(
        lambda shape: ([0] * shape[0], [(level, level + 1, shape[1]) for level in range(shape[0] - 1)])
    ),
    # A lattice: two links from each folder to the next.
    st.tuples(st.integers(2, 12), NAME_LENGTHS, NAME_LENGTHS).map(
        lambda shape: (
            [0] * shape[0],
            [(level, level + 1, length) for level in range(shape[0] - 1) for length in shape[1:]],
        )
    ),
    # Anything: folders at random real depths, links between any two (loops among them).
    st.tuples(
        st.lists(st.integers(0, 4), min_size=1, max_size=8),
        st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), NAME_LENGTHS), max_size=12),
    ),
)


@settings(max_examples=15, deadline=None)
@given(SHAPES)
def test_any_links_build_every_real_file_and_name_each_way_cut_once(
    shape: tuple[list[int], list[tuple[int, int, int]]],
) -> None:
    """A chain of 31 links with 150-byte names failed the whole build (`cannot read this
    folder (File name too long); nothing was published`) at a path 28 links deep."""
    real_depth, links = shape
    with tempfile.TemporaryDirectory() as scratch:
        site, files = _chain_site(Path(scratch), real_depth, links)
        destination = Path(scratch) / "out"
        code, lines, _ = _cli("build", "-s", str(site), "-d", str(destination))
        assert code == 0, lines
        for relative, text in files.items():  # each real file under its own way
            assert (destination / relative).read_text(encoding="utf-8") == text
        named = [line.split(": ", 2)[1] for line in lines]
        assert len(named) == len(set(named)), lines  # one line per path cut short
        assert all(line.startswith(("warning: ", "error: ")) for line in lines)
        content = site / "content"
        for path in destination.rglob("*.dat"):
            way = path.relative_to(destination)
            assert len(way.as_posix().encode()) <= MAX_FOLDER_PATH_BYTES + 32
            links_on_way = sum(
                (content / Path(*way.parts[: index + 1])).is_symlink() for index in range(len(way.parts))
            )
            assert links_on_way <= MAX_LINKS
            assert (content / way).read_bytes() == path.read_bytes()  # a true way to it
        # The no-change check walks the same links without the system refusing a path.
        code, _, summary = _cli("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and summary.startswith("nothing changed"), summary


@pytest.mark.parametrize("depth", [11, 12, 13])
def test_a_way_the_system_refuses_as_too_long_is_one_line_not_a_failed_build(
    tmp_path: Path, depth: int
) -> None:
    """Where the site itself lies deep, a way through links passes the system's 4,096
    bytes before the 3,072 a published path may have: `File name too long` from the
    listing of that folder is the way's fault, not the folder's, and is one line. The
    depths put the ways' ends on either side of the limit wherever the test's folder is
    (a first build's check of its destination failed on them, by the length of its
    name)."""
    deep = tmp_path.joinpath(*(_name(f"deep{level}-", 250) for level in range(depth)))
    site, files = _chain_site(deep, [0] * 8, [(level, level + 1, 200) for level in range(7)])
    destination = tmp_path / "out"
    code, lines, _ = _cli("build", "-s", str(site), "-d", str(destination))
    assert code == 0, lines
    assert any("File name too long" in line for line in lines), lines
    for relative, text in files.items():
        assert (destination / relative).read_text(encoding="utf-8") == text


def test_the_dev_server_serves_a_site_with_a_long_chain_of_links(tmp_path: Path) -> None:
    """`sitegen serve --watch` stopped before serving, on the build's failure."""
    site, _ = _chain_site(tmp_path, [0] * 31, [(level, level + 1, 150) for level in range(30)])
    with sitegen_serve(site) as base, urllib.request.urlopen(base + "/L/d30/f30.dat", timeout=5) as response:
        assert response.read() == b"30"


def test_the_watcher_watches_each_folder_of_a_chain_under_its_own_path(tmp_path: Path) -> None:
    """The watcher's walk followed whichever link it met first: folders linked both ways
    (`aK/next -> aK+1`, `aK/prev -> aK-1`) were watched as `a3/next/next/…`, and removing
    one link dropped the watches of the folders past it."""
    root = tmp_path.resolve()
    folders = [root / f"a{number}" for number in range(10)]
    for folder in folders:
        folder.mkdir()
    for number, folder in enumerate(folders):
        if number + 1 < len(folders):
            (folder / "next").symlink_to(f"../a{number + 1}", target_is_directory=True)
        if number:
            (folder / "prev").symlink_to(f"../a{number - 1}", target_is_directory=True)
    with SiteWatcher([root], lambda changed: None, debounce=0.1) as watcher:
        assert watcher.watched_folders() == {root, *folders}
        (folders[3] / "next").unlink()
        time.sleep(0.5)
        assert watcher.watched_folders() == {root, *folders}
