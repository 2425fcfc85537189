"""An empty folder is an input too: in a template's place (`templates/post.html/`) it
fails the build, and the no-change check, which compared files only, said "nothing
changed" and kept the old site while a clean build failed. Whatever empty folders appear
after a build, the next build does what a clean build does."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, post, sitegen_main, tree_bytes, write_files

PLACES = st.sampled_from(
    [
        "templates/post.html",
        "templates/base.html",
        "templates/_seo.html",
        "templates/page.html",
        "content/_includes/note.html",
        "content/_posts/2022-05-30-new.md",
        "content/_data/x.yml",
        "content/empty",
        "content/assets/x.css",
        "templates/assets",
    ]
)


def _outcome(site: Path, destination: Path, cache: Path) -> tuple[object, ...]:
    """What `sitegen build` (which runs the no-change check first) said and published."""
    status, _, printed = sitegen_main(
        "build", "-s", str(site), "-d", str(destination), "--cache-dir", str(cache)
    )
    errors = [line for line in printed.splitlines() if line.startswith("error:")]
    published = sorted(tree_bytes(destination).items()) if status == 0 else []
    return status, [line.replace(str(site), "SITE") for line in errors], published


@settings(max_examples=25, deadline=None)
@given(st.lists(PLACES, min_size=1, max_size=3, unique=True))
def test_empty_folders_made_after_a_build_change_it_as_a_clean_build(places: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        site = write_files(
            root / "site",
            {
                "_config.yml": CONFIG,
                "content/_posts/2022-05-27-a.md": post("第一篇", body="{% include note.html %}\n"),
                "content/_includes/keep.html": "K",
            },
        )
        _outcome(site, root / "out", root / "cache")
        for place in places:
            (site / place).mkdir(parents=True, exist_ok=True)
        incremental = _outcome(site, root / "out", root / "cache")
        clean = _outcome(site, root / "clean", root / "clean-cache")
        assert incremental == clean
