"""A static file is published with its source's permission bits, by a clean build and by
every rebuild alike: `chmod +x` on a script changes the site though no byte and no mtime
of it moved (the no-change check and the publish step both compare the mode)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import sitegen_main, write_files

FILES = ("bin/install.sh", "assets/a.txt", "b.css")
MODES = (0o644, 0o600, 0o664, 0o755, 0o700, 0o444)


def _published(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _build(site: Path, out: Path, cache: Path) -> None:
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(out), "--cache-dir", str(cache))
    assert code == 0, err


# Up to five builds an example: a few examples cover the kind (any file, any mode, any order).
@settings(max_examples=5)
@example(steps=[[("bin/install.sh", 0o755)]])
@given(
    steps=st.lists(
        st.lists(st.tuples(st.sampled_from(FILES), st.sampled_from(MODES)), max_size=3), max_size=2
    )
)
def test_a_mode_change_is_published_as_a_clean_build_publishes_it(steps: list[list[tuple[str, int]]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        site = write_files(
            root / "site",
            {
                "_config.yml": "title: T\nurl: https://example.com\n",
                "_posts/2022-01-01-p.md": "---\ntitle: P\n---\nx\n",
                **{name: f"{name}\n" for name in FILES},
            },
        )
        for name in FILES:
            os.chmod(site / name, 0o644)
        _build(site, root / "out", root / "cache")
        for number, step in enumerate(steps):
            for name, mode in step:
                os.chmod(site / name, mode)
            _build(site, root / "out", root / "cache")
            _build(site, root / f"clean{number}", root / f"cache{number}")
            assert _published(root / "out") == _published(root / f"clean{number}")
            for name in FILES:
                assert stat.S_IMODE((root / "out" / name).stat().st_mode) == stat.S_IMODE(
                    (site / name).stat().st_mode
                )
