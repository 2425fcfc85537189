"""The watch plan covers every source folder once and no ignored folder, for any tree."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from sitegen.serve.watch_plan import FolderWatch, folder_watches

IGNORED_NAMES = frozenset({".git", "node_modules"})
NAMES = st.sampled_from(["_posts", "a", "b", "_site", ".git", "node_modules", "assets", "2024"])
FOLDERS = st.lists(NAMES, min_size=1, max_size=4).map(lambda parts: PurePosixPath(*parts))
TREES = st.lists(FOLDERS, max_size=25)
NAMED = st.sampled_from(["_site", "a/_site", "out", ".sitegen-cache", "a/b/c"])


def _covering(folder: Path, watches: tuple[FolderWatch, ...]) -> list[FolderWatch]:
    return [
        watch
        for watch in watches
        if watch.path == folder or (watch.recursive and folder.is_relative_to(watch.path))
    ]


@given(TREES, st.lists(NAMED, max_size=2))
def test_every_source_folder_is_watched_once_and_no_ignored_one(
    folders: list[PurePosixPath], named: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch).resolve()
        for made in folders:
            (root / made).mkdir(parents=True, exist_ok=True)
        (root / "_posts").mkdir(exist_ok=True)
        (root / "_posts" / "post.md").write_text("x")  # files are never watched apart
        ignored_paths = [root / name for name in named]

        def is_ignored(path: Path) -> bool:
            return path.name in IGNORED_NAMES or any(path == ignored for ignored in ignored_paths)

        watches = folder_watches(root, is_ignored, ignored_paths)
        every = [root, *(path for path in root.rglob("*") if path.is_dir())]
        for folder in every:
            relative = folder.relative_to(root)
            ancestors = (root / Path(*relative.parts[: depth + 1]) for depth in range(len(relative.parts)))
            left_out = any(is_ignored(ancestor) for ancestor in ancestors)
            covering = _covering(folder, watches)
            if left_out:
                assert covering == [], folder
            else:
                assert len(covering) == 1, (folder, covering)
        # Nothing ignored ever sits under a recursive watch, even before it exists.
        for ignored in ignored_paths:
            assert not any(w.recursive and ignored.is_relative_to(w.path) for w in watches)
        assert all(watch.path.is_relative_to(root) for watch in watches)


def test_a_tree_with_nothing_ignored_is_one_recursive_watch(tmp_path: Path) -> None:
    (tmp_path / "_posts" / "2024").mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    assert folder_watches(tmp_path, lambda path: False) == (FolderWatch(tmp_path, True),)


def test_the_output_folder_is_split_off(tmp_path: Path) -> None:
    for folder in ("_posts", "_site/2024/01", "assets/css"):
        (tmp_path / folder).mkdir(parents=True)
    watches = folder_watches(tmp_path, lambda path: path.name == "_site")
    assert watches == (
        FolderWatch(tmp_path, False),
        FolderWatch(tmp_path / "_posts", True),
        FolderWatch(tmp_path / "assets", True),
    )


def test_a_deep_tree_does_not_exhaust_the_stack(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(1200):  # deeper than Python's recursion limit
        deep /= "d"
        deep.mkdir()
    watches = folder_watches(tmp_path, lambda path: False, [tmp_path / "d" / "_site"])
    assert watches[0] == FolderWatch(tmp_path, False)
    assert FolderWatch(tmp_path / "d", False) in watches
    while deep != tmp_path:  # pytest's own clean-up would recurse as deep
        deep.rmdir()
        deep = deep.parent
