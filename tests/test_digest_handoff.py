"""The no-change check hands the digests it took to the build: a source the check
hashed (a fresh checkout moves every stamp) is not read and hashed again by the load."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.incremental import input_digests, loading
from tests.conftest import post, tree_bytes, write_files
from tests.racy import trust_stamps_at_once
from tests.test_no_change import _check_out_afresh, _clean_tree, _cli_build, _hashed_paths, _World


def test_a_fresh_checkout_with_a_new_post_hashes_each_source_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust_stamps_at_once(monkeypatch)  # files written a moment ago count as settled
    world = _World(tmp_path)
    assert _cli_build(world.site, world.destination)[0] == 0
    _check_out_afresh(world.site)
    write_files(world.site, {"content/_posts/2022-06-01-new.md": post("新", "2022-06-01 09:00:00 +0800")})
    checked = _hashed_paths(monkeypatch, input_digests)
    loaded: list[int] = []
    real_load = input_digests.content_digest

    def loading_digest(data: bytes) -> str:
        loaded.append(len(data))
        return real_load(data)

    monkeypatch.setattr(loading, "content_digest", loading_digest)

    code, printed = _cli_build(world.site, world.destination)

    assert code == 0 and "nothing changed" not in printed
    assert len([path for path in checked if "/_posts/" in path]) == len(world.posts())  # the check's hashes
    assert len(loaded) == 1  # the load read only the new post, to load it
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path)
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")
