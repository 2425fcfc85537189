"""What `exclude` leaves out is never looked at, as in Jekyll (`EntryFilter` filters a
folder's entries before it reads them): an odd entry there (a link out of the site, a
broken link, a loop, a FIFO) is no warning. A Jekyll tree's `templates/` with a theme
file linked from elsewhere was "skipped" at every build while the theme used it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, post

ODD_ENTRIES = ("link out", "broken link", "loop", "fifo")
FOLDERS = ("templates", "vendor/bundle", "notes", "notes/deep")


def _make(folder: Path, kind: str, outside: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / f"odd-{kind.replace(' ', '-')}"
    if kind == "link out":
        entry.symlink_to(outside / "page.html")
    elif kind == "broken link":
        entry.symlink_to("nowhere.html")
    elif kind == "loop":
        entry.symlink_to(".", target_is_directory=True)
    else:
        os.mkfifo(entry)
    return entry


@settings(max_examples=30, deadline=None)
@given(
    placed=st.lists(
        st.tuples(st.sampled_from(FOLDERS), st.sampled_from(ODD_ENTRIES)), min_size=1, max_size=4, unique=True
    ),
    excluded=st.sets(st.sampled_from(["notes", "notes/deep"])),
)
def test_odd_entries_warn_only_where_the_build_looks(
    placed: list[tuple[str, str]], excluded: set[str]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site, outside = Path(scratch, "site"), Path(scratch, "outside")
        outside.mkdir()
        (outside / "page.html").write_text("<p>x</p>")
        (site / "_posts").mkdir(parents=True)
        (site / "_posts" / "2022-05-27-a.md").write_text(post("第一篇"))
        exclude = "".join(f"  - {pattern}\n" for pattern in sorted(excluded))
        # Safe mode: there a link out of the site is an odd entry (not read, warned).
        (site / "_config.yml").write_text(
            CONFIG + "safe: true\n" + (f"exclude:\n{exclude}" if exclude else "")
        )
        entries = {_make(site / folder, kind, outside) for folder, kind in placed}

        warned = {diagnostic.path for diagnostic in build(site).diagnostics if diagnostic.path is not None}

        for entry in entries:
            relative = entry.relative_to(site).as_posix()
            # Left out by default: `templates/` (the theme, in a Jekyll tree) and Jekyll's
            # own default `vendor/bundle/`.
            left_out = any(
                relative.startswith(f"{pattern}/") for pattern in ("templates", "vendor/bundle", *excluded)
            )
            assert (entry in warned) == (not left_out), (relative, sorted(map(str, warned)))
