"""A file without front matter is held back where `published: false` (or nothing) in
`defaults:` applies to it, as Jekyll's `StaticFile#write?` holds it back
(jekyll/lib/jekyll/static_file.rb); sitegen copied it anyway, publishing what the site
marked private.

A generated batch of sites, each with drawn scopes (plain and globbed paths, prefixes
that are not folders, types `pages`, `posts`, a collection's, none) and drawn values of
`published` (`false`, `~`, `true`, `"false"`, `0`), is built by one Ruby process with
Jekyll loaded and by sitegen: the same static files are written by both. Where Jekyll
is missing the test is skipped.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, files_below, jekyll_build_many, one_seeded_batch, write_files

BATCH_SIZE = 8
STATIC_FILES = (
    "assets/private/a.txt",
    "assets/private/deeper/b.pdf",
    "assets/privateer.txt",
    "assets/public/c.txt",
    "docs/x.pdf",
    "docs/y.pdf",
    "top.txt",
    "_notes/n.txt",
    "_notes/sub/m.txt",
)
SCOPE_PATHS = (
    "assets/private",
    "assets/private/",
    "assets/priv",
    "assets/*/deeper",
    "assets",
    "docs/x.pdf",
    "docs/*.pdf",
    "/docs",
    "_notes",
    "notes",
    "_notes/sub",
    "top.txt",
    "",
)
SCOPE_TYPES = (None, None, None, "pages", "posts", "notes")
PUBLISHED = ("false", "false", "~", "true", '"false"', "0")


def site_files(rng: random.Random) -> dict[str, str | bytes]:
    """One site: drawn defaults over the same static files, a post and a page."""
    entries = []
    for path in rng.sample(SCOPE_PATHS, rng.randint(1, 3)):
        scope_type = rng.choice(SCOPE_TYPES)
        typed = "" if scope_type is None else f", type: {scope_type}"
        entries.append(
            f'  - scope: {{path: "{path}"{typed}}}\n    values: {{published: {rng.choice(PUBLISHED)}}}\n'
        )
    config = "title: t\ntimezone: UTC\ncollections:\n  notes:\n    output: true\ndefaults:\n" + "".join(
        entries
    )
    files: dict[str, str | bytes] = {name: f"file {name}\n" for name in STATIC_FILES}
    files |= {
        "_config.yml": config,
        "_posts/2024-01-01-story.md": "---\ntitle: s\n---\nstory\n",
        "about.md": "---\ntitle: about\n---\nabout\n",
    }
    return files


def static_published(output: Path) -> set[str]:
    """The site's static files written below `output` (what the page of each names)."""
    return {
        path
        for path in files_below(output)
        if (output / path).is_file() and (output / path).read_text(encoding="utf-8").startswith("file ")
    }


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_defaults_hold_back_static_files_as_in_jekyll(tmp_path: Path, rng: random.Random) -> None:
    sites = [write_files(tmp_path / f"site{number}", site_files(rng)) for number in range(BATCH_SIZE)]
    jekyll_build_many(sites)
    for site in sites:
        build(site, destination=site.parent / f"{site.name}-sitegen")
        config = (site / "_config.yml").read_text(encoding="utf-8")
        jekyll = static_published(site / "_jekyll")
        assert static_published(site.parent / f"{site.name}-sitegen") == jekyll, config


def test_a_folder_marked_unpublished_is_not_copied(tmp_path: Path) -> None:
    """The example: `assets/private` marked `published: false` was published whole."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": 'defaults:\n  - scope: {path: "assets/private"}\n    values: {published: false}\n',
            "assets/private/a.txt": "file secret\n",
            "assets/b.txt": "file open\n",
        },
    )
    build(site, destination=tmp_path / "out")
    assert static_published(tmp_path / "out") == {"assets/b.txt"}
