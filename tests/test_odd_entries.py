"""An entry of the site folder the file system cannot classify (a link that loops, to
itself or through others, or leads nowhere) never ends the build, whatever its name
says about it (`_layouts`, `_data`, a dot name, an `exclude:`d one, a plain one) and at
whatever depth: it is passed over or skipped with a line, and the post is published.
`DirEntry.is_dir` raises for a loop, and a looping `_layouts` ended the build where a
looping `other` was a warning."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.conftest import sitegen_main, write_files

_NAMES = st.sampled_from(
    [
        "_layouts",
        "_data",
        "_includes",
        "_sass",
        "_drafts",
        "_posts",
        "_parts",
        ".hidden",
        "skip",
        "other",
        "a.md",
    ]
)
_KINDS = st.sampled_from(["self-loop", "mutual-loop", "dangling", "chain-to-loop"])


@given(name=_NAMES, kind=_KINDS, where=st.sampled_from(["", "news/", "_posts/"]))
def test_a_link_that_cannot_be_followed_never_ends_the_build(
    tmp_path_factory: pytest.TempPathFactory, name: str, kind: str, where: str
) -> None:
    root = tmp_path_factory.mktemp("odd")
    site = write_files(
        root / "site",
        {
            "_config.yml": "title: t\nexclude: [skip]\n",
            "_posts/2022-05-01-a.md": "---\ntitle: A\n---\nbody\n",
            "news/index.md": "---\ntitle: news\n---\nnews\n",
        },
    )
    folder = site / where
    link = folder / name
    assume(not (link.exists() or link.is_symlink()))  # the site's own `_posts` stays
    if kind == "self-loop":
        link.symlink_to(name)
    elif kind == "mutual-loop":
        link.symlink_to(f"{name}.other")
        (folder / f"{name}.other").symlink_to(name)
    elif kind == "dangling":
        link.symlink_to(root / "nowhere")
    else:
        (root / "loop").symlink_to(root / "loop")
        link.symlink_to(root / "loop")
    code, out, errors = sitegen_main("build", "-s", str(site), "-d", str(root / "out"))
    assert code == 0, errors
    assert "Traceback" not in errors
    assert all(line.startswith(("warning: ", "error: ")) for line in errors.splitlines()), errors
    assert (root / "out" / "2022" / "05" / "01" / "a.html").is_file(), out + errors
