"""A retired tree is deleted whole, whatever modes its owner left on its folders, and
never through a link; only trash names sitegen gives are taken for trash."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.publish.trash import remove_tree, sibling_name, trash_names
from tests.conftest import run_with_modes_applied

_MODES = st.sampled_from([0o000, 0o100, 0o300, 0o500, 0o555, 0o700, 0o755])

# A tree: a folder's entries by name, each a file (None), a link out (the string "link")
# or a folder (a dict, with its mode).
_trees = st.recursive(
    st.dictionaries(st.sampled_from(["a", "b", "页"]), st.one_of(st.none(), st.just("link")), max_size=3),
    lambda children: st.dictionaries(
        st.sampled_from(["c", "d", "目录"]), st.tuples(_MODES, children), min_size=1, max_size=3
    ),
    max_leaves=12,
)


def _make(folder: Path, tree: object, outside: Path, modes: list[tuple[Path, int]]) -> None:
    assert isinstance(tree, dict)
    for name, entry in tree.items():
        path = folder / name
        if entry is None:
            path.write_text("旧", encoding="utf-8")
        elif entry == "link":
            path.symlink_to(outside, target_is_directory=True)
        else:
            mode, below = entry
            path.mkdir()
            _make(path, below, outside, modes)
            modes.append((path, mode))


@given(tree=_trees, top_mode=_MODES)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_retired_tree_is_removed_whatever_its_folders_modes(
    tmp_path_factory: object, tree: object, top_mode: int
) -> None:
    root = Path(tmp_path_factory.mktemp("trash"))  # type: ignore[attr-defined]
    outside = root / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("留", encoding="utf-8")
    doomed = root / ".out.sitegen-trash-1-2"
    doomed.mkdir()
    modes: list[tuple[Path, int]] = []
    _make(doomed, tree if isinstance(tree, dict) else {}, outside, modes)
    for path, mode in [*modes, (doomed, top_mode)]:  # deepest first: each is reachable to chmod
        path.chmod(mode)

    def check() -> None:
        parent_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            assert remove_tree(parent_fd, doomed.name)
        finally:
            os.close(parent_fd)

    run_with_modes_applied(check)
    assert sorted(os.listdir(root)) == ["outside"]
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "留"


@given(name=st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1))
def test_only_the_trash_names_sitegen_gives_are_trash(name: str) -> None:
    given_names = [sibling_name(name, f"trash-{pid}-{clock}") for pid, clock in ((1, 2), (4242, 10**15))]
    others = [
        sibling_name(name, "staging"),
        sibling_name(name, "previous"),
        name,
        f".{name}.sitegen-trash-notes",
        f".{name}x.sitegen-trash-1-2",
        sibling_name(name + "x", "trash-1-2"),
    ]
    assert trash_names([*others, *given_names], name) == sorted(given_names)
