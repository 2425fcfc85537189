"""The example site's whole built tree equals the committed golden tree, byte for byte.

A failure lists the files that differ; if the change is intended, run `make golden` and
commit the rewritten tree with the change, so a reviewer sees every output change.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import tree_bytes
from tests.golden_site import GOLDEN_TREE, build_example


def test_the_example_site_builds_exactly_the_golden_tree(tmp_path: Path) -> None:
    result = build_example(tmp_path / "site")
    assert not result.errors, result.errors
    built, golden = tree_bytes(tmp_path / "site"), tree_bytes(GOLDEN_TREE)
    assert golden, "no golden tree: run make golden"
    missing, extra = sorted(golden.keys() - built.keys()), sorted(built.keys() - golden.keys())
    changed = sorted(name for name in built.keys() & golden.keys() if built[name] != golden[name])
    assert not (missing or extra or changed), (
        f"output differs from tests/golden/example (run make golden if intended): "
        f"missing {missing[:10]}, new {extra[:10]}, changed {changed[:10]}"
    )
