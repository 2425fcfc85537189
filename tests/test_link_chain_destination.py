"""A file the build reads through a chain of links is lost when publishing deletes any
link on its way, not only its last folder: a destination holding a folder where a
middle link lies is refused, first build (`--force`) or later, and every link and the
file are kept (`sitegen.publish.link_hops`)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import sitegen_main, write_files

#: Where the site reads the chained file, and what the file holds.
_READERS = {
    "_data/y.yml": "v: CHAIN\n",
    "_posts/2022-05-02-z.md": "---\ntitle: z\n---\nCHAIN\n",
    "_includes/x.html": "CHAIN\n",
    "assets/z.txt": "CHAIN\n",
    "templates/partial.html": "CHAIN\n",
}


@given(
    reader=st.sampled_from(sorted(_READERS)),
    hops=st.integers(min_value=2, max_value=4),
    held=st.integers(min_value=0, max_value=3),
    later=st.booleans(),
    relative=st.booleans(),
)
def test_no_build_deletes_a_link_on_the_way_to_a_source(
    tmp_path_factory: pytest.TempPathFactory, reader: str, hops: int, held: int, later: bool, relative: bool
) -> None:
    root = tmp_path_factory.mktemp("chain")
    site = write_files(
        root / "site",
        {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\ntitle: a\n---\na\n"},
    )
    destination = root / "dest"
    if later:
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0, errors
    held %= hops - 1  # which middle folder (never the last: that is the target's own)
    folders = [root / f"l{number}" for number in range(hops)]
    folders[held] = destination / "kept" if later else destination
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    name = Path(reader).name
    (folders[-1] / name).write_text(_READERS[reader], encoding="utf-8")
    for here, there in itertools.pairwise(folders):
        target = os.path.relpath(there / name, here) if relative else str(there / name)
        (here / name).symlink_to(target)
    (site / reader).parent.mkdir(parents=True, exist_ok=True)
    (site / reader).symlink_to(folders[0] / name)
    force = () if later else ("--force",)
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination), *force)
    assert code != 0 and "destination" in errors, errors
    assert (site / reader).read_text(encoding="utf-8") == _READERS[reader]  # every link kept
