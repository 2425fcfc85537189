"""A static file changed under the build between the scan and its copy: deleted, made a
FIFO, or swapped for a link out of the site. The copy reads only what the scan decided
to read (the file itself, or the real file a link was found to lead to), so each is
left out with one line naming it and the rest is published; outside bytes are never
published; and the next build equals a clean one.

The change is made from inside the copy (`outputs.copy_new`), at the exact step, for
every way of publishing (a first build's swap, a journaled rebuild, in place)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.publish.outputs
import sitegen.publish.tree_io
from sitegen.build import BuildOptions, build_site
from sitegen.regular_files import NOT_REGULAR_LINE
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_special_files_mid_build import no_waiting_on_fifos

STATICS = ("assets/a.txt", "assets/b.css", "files/c.bin")
SECRET = b"SECRET-OUTSIDE-THE-SITE\n"
LINES = {
    "delete": "was deleted while the site was built; left out (build again)",
    "fifo": NOT_REGULAR_LINE,
    "link": "became a link while the site was built; left out (build again)",
}


def _site(root: Path) -> Path:
    files = {
        "_config.yml": CONFIG,
        "content/_posts/2022-05-01-p.md": post("新闻", date="2022-05-01 10:00:00 +0800"),
    }
    files.update({f"content/{name}": f"内容 {name}\n" for name in STATICS})
    return write_files(root, files)


def _change(path: Path, kind: str, outside: Path) -> None:
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        path.symlink_to(outside)


def _changing_copy(doomed: dict[Path, str], outside: Path) -> Callable[[str, int, Path], None]:
    """`copy_new` that first changes the source it is about to copy, if doomed."""
    copy = sitegen.publish.tree_io.copy_new

    def copy_after_change(name: str, dir_fd: int, source: Path) -> None:
        kind = doomed.pop(source, None)
        if kind is not None:
            _change(source, kind, outside)
        copy(name, dir_fd, source)

    return copy_after_change


@settings(max_examples=10, deadline=None)
@given(
    st.dictionaries(st.sampled_from(STATICS), st.sampled_from(sorted(LINES)), min_size=1),
    st.sampled_from(["first", "journaled", "in place"]),
)
def test_a_static_file_changed_before_its_copy_is_left_out_and_the_rest_published(
    changes: dict[str, str], mode: str
) -> None:
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as patch:
        root = Path(scratch)
        site = _site(root / "site")
        outside = root / "outside.txt"
        outside.write_bytes(SECRET)
        options = BuildOptions(source=site, destination=root / "out", atomic_publish=mode != "in place")
        if mode != "first":
            build_site(options)
            for name in STATICS:  # each changed, so the rebuild copies it again
                (site / "content" / name).write_text(f"新的 {name}\n", encoding="utf-8")
        doomed = {site / "content" / name: kind for name, kind in changes.items()}
        expected = {(path, LINES[kind]) for path, kind in doomed.items()}
        patch.setattr(sitegen.publish.outputs, "copy_new", _changing_copy(dict(doomed), outside))
        with no_waiting_on_fifos():  # the old copy waited for a writer: failed here, not hung
            result = build_site(options)
        patch.undo()
        assert result.errors == ()
        assert {(d.path, d.message) for d in result.warnings} == expected
        published = tree_bytes(root / "out")
        assert SECRET not in published.values()
        for name in set(STATICS) - set(changes):
            assert published[name] == f"{'内容' if mode == 'first' else '新的'} {name}\n".encode()
        for path in doomed:  # what the dev server does next: the change is a change
            if path.is_symlink() or path.exists():
                path.unlink()
        build_site(options)
        clean = build_site(BuildOptions(source=site, destination=root / "clean", cache=False))
        assert tree_bytes(root / "out") == tree_bytes(clean.destination)


def test_a_link_out_of_the_site_swapped_in_after_the_scan_is_not_followed(tmp_path: Path) -> None:
    """The example: `assets/x.txt` replaced by a link to a file outside the site while
    the build ran was published with that file's bytes. A link the scan found leading
    inside the site is still copied, from the file it leads to."""
    site = _site(tmp_path / "site")
    (site / "content/assets/link.txt").symlink_to(site / "content/assets/b.css")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(SECRET)
    x = site / "content/assets/a.txt"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitegen.publish.outputs, "copy_new", _changing_copy({x: "link"}, outside))
        result = build_site(BuildOptions(source=site, destination=tmp_path / "out"))
    assert [(d.path, d.message) for d in result.diagnostics] == [(x, LINES["link"])]
    assert not (tmp_path / "out/assets/a.txt").exists()
    assert SECRET not in tree_bytes(tmp_path / "out").values()
    assert (tmp_path / "out/assets/link.txt").read_bytes() == (site / "content/assets/b.css").read_bytes()
