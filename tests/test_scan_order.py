"""The scan's lists, whatever the tree: sorted by path below the content folder, each
file's path its folder's joined with that relative path, nested `_posts` among the top
ones; and the entry filter's folder-by-folder check made with strings agrees with the
same check made on paths, part by part."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.entry_filter import EntryFilter
from sitegen.content.scan import scan_sources
from tests.conftest import CONFIG, post, write_files

_NAMES = st.sampled_from(
    ["a", "b", "_posts", "_drafts", "_x", ".h", "z~", "é", "a b", "2022-05-27-p.md", "y.md"]
)
_RELATIVE = st.lists(_NAMES, min_size=1, max_size=4).map(lambda parts: "/".join(parts))
_PATTERNS = st.lists(
    st.sampled_from(["a", "_x", ".h", "b/", "a/b", "*.md", "_posts", "z~", "é*"]), max_size=3
)


@given(relative=_RELATIVE, include=_PATTERNS, exclude=_PATTERNS, is_dir=st.booleans())
def test_rejects_path_agrees_with_rejects_asked_of_each_folder(
    relative: str, include: list[str], exclude: list[str], is_dir: bool
) -> None:
    entries = EntryFilter(tuple(include), tuple(exclude))
    parts = PurePosixPath(relative).parts
    expected = any(
        entries.rejects(PurePosixPath(*parts[:depth]), is_dir=is_dir or depth < len(parts))
        for depth in range(1, len(parts) + 1)
    )
    assert entries.rejects_path(PurePosixPath(relative), is_dir=is_dir) == expected


@given(files=st.lists(_RELATIVE, min_size=1, max_size=12, unique=True))
def test_every_list_is_sorted_by_relative_path_and_joins_to_its_file(files: list[str]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        site = write_files(
            Path(temporary) / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-g.md": post()}
        )
        content = site / "content"
        for relative in files:
            target = content / relative
            if any(parent.is_file() for parent in (target, *target.parents) if parent != content):
                continue  # a file stands where this one needs a folder
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("x", encoding="utf-8")
        tree = scan_sources(site, (), ())
    for listed in (tree.posts, tree.drafts, tree.others, tree.documents):
        texts = [str(source.relative_path) for source in listed]
        assert texts == sorted(texts)
        assert all(source.path == content / source.relative_path for source in listed)
    assert "_posts/2022-05-27-g.md" in [str(source.relative_path) for source in tree.posts]
