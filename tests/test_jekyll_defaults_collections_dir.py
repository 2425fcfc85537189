"""Front-matter defaults under `collections_dir`: a scope path is read from the site
folder with the `collections_dir/` that starts it cut (`strip_collections_dir`,
jekyll/lib/jekyll/frontmatter_defaults.rb), so with `collections_dir: cols` both
`cols/_posts` and `_posts` set the defaults of `cols/_posts/…`; sitegen ignored the first.

A generated batch of sites, each with drawn scope paths (plain, globbed, with and
without the collections folder, for posts, a collection and pages), is built by one Ruby
process with Jekyll loaded and by sitegen: every file written, and the URL and
categories each printed, must be Jekyll's. Where Jekyll is missing the test is skipped.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, files_below, jekyll_build_many, one_seeded_batch, write_files

BATCH_SIZE = 8
LINE = re.compile(r"U=\[[^\]]*\] C=\[[^\]]*\]")
BODY = '---\nlayout: null\n---\nU=[{{ page.url }}] C=[{{ page.categories | join: "," }}]\n'


def scope_paths(folder: str) -> list[str]:
    """Scope paths a site with `collections_dir: folder` might write."""
    return [
        f"{folder}/_posts",
        "_posts",
        f"{folder}/_posts/sub",
        "_posts/sub",
        f"{folder}/_coll",
        "_coll",
        folder,
        f"{folder}/",
        f"{folder}/a.md",
        "a.md",
        f"/{folder}/_posts",
        f"{folder}/_po*",
        f"{folder}/*/sub",
        "_posts/*",
        f"{folder}/*",
        "_c*",
        "",
    ]


def site_files(rng: random.Random) -> dict[str, str | bytes]:
    """One site: a drawn collections folder, some drawn defaults, posts, documents, pages."""
    folder = rng.choice(["cols", "my_cols"])
    defaults = "".join(
        f'  - scope: {{path: "{path}"}}\n'
        f'    values: {{permalink: "/d{number}/:title/", categories: [w{number}]}}\n'
        for number, path in enumerate(rng.sample(scope_paths(folder), rng.randint(1, 3)))
    )
    config = (
        f"title: t\ntimezone: UTC\ncollections_dir: {folder}\n"
        "collections:\n  coll:\n    output: true\n"
        f"defaults:\n{defaults}"
    )
    return {
        "_config.yml": config,
        f"{folder}/_posts/2024-01-01-story.md": BODY,
        f"{folder}/_posts/sub/2024-01-02-deep.md": BODY,
        f"{folder}/_coll/c.md": BODY,
        f"{folder}/a.md": BODY,
        "a.md": BODY,
    }


def published(output: Path) -> dict[str, str]:
    """Each file written for a post, document or page, with the URL and categories it printed."""
    found = {}
    for path in files_below(output):
        if (output / path).is_file():
            # A document's own file starts with what it printed; a listing quoting it does not.
            match = LINE.match((output / path).read_text(encoding="utf-8").removeprefix("<p>"))
            if match:
                found[path] = match.group(0)
    return found


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_defaults_apply_under_collections_dir_as_in_jekyll(tmp_path: Path, rng: random.Random) -> None:
    sites = [write_files(tmp_path / f"site{number}", site_files(rng)) for number in range(BATCH_SIZE)]
    jekyll_build_many(sites)
    for site in sites:
        build(site, destination=site.parent / f"{site.name}-sitegen")
        config = (site / "_config.yml").read_text(encoding="utf-8")
        assert published(site.parent / f"{site.name}-sitegen") == published(site / "_jekyll"), config


def test_a_scope_path_with_the_collections_dir_sets_the_posts_defaults(tmp_path: Path) -> None:
    """The example: `path: "cols/_posts"` under `collections_dir: cols` was ignored."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "timezone: UTC\ncollections_dir: cols\ndefaults:\n"
            '  - scope: {path: "cols/_posts"}\n'
            '    values: {permalink: "/news/:title/", categories: [wire]}\n',
            "cols/_posts/2024-01-01-story.md": BODY,
        },
    )
    build(site, destination=tmp_path / "out")
    assert published(tmp_path / "out") == {"news/story/index.html": "U=[/news/story/] C=[wire]"}
