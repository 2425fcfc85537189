"""`exclude` applies inside `_posts/` and a collection's folder as Jekyll applies it:
each globbed folder's entry filter matches the patterns against the path from the site
(`_posts/2019-01-01-a.md`), so `exclude: [_posts/2019*, "*.bak"]` leaves those posts
out. They were published."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import built_by_both, one_seeded_batch, write_files
from tests.published_sources import marked

FILES = (
    "_posts/2019-01-01-old.md",
    "_posts/old/2021-01-01-o.md",
    "_posts/2022-05-27-b.bak",
    "_posts/2022-05-28-keep.md",
    "_posts/sub/2022-05-29-s.html",
    "news/_posts/2022-05-30-n.md",
    "_docs/secret.md",
    "_docs/keep.md",
    "_docs/old/d.md",
)
PATTERNS = (
    "_posts/2019*",
    "_posts/old",
    "_posts/old/",
    "*.bak",
    "_docs/secret.md",
    "old",
    "secret.md",
    "*/old/*",
    "2019*",
    "_posts/sub",
    "news/_posts",
    "_docs/*",
    "*.html",
    "keep.md",
)


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_exclude_inside_globbed_folders_is_jekylls(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    rng = random.Random(seed)
    cases = [
        (rng.sample(PATTERNS, rng.randint(1, 3)), rng.sample(PATTERNS, rng.randint(0, 1))) for _ in range(16)
    ]
    cases += [([pattern], []) for pattern in PATTERNS]
    root = tmp_path_factory.mktemp("exclude")
    sites = []
    for number, (exclude, include) in enumerate(cases):
        config = (
            f"title: T\nexclude: {json.dumps(exclude)}\ninclude: {json.dumps(include)}\n"
            "collections:\n  docs:\n    output: true\n"
        )
        files = {"_config.yml": config}
        for index, path in enumerate(FILES):
            kind = "DOC" if path.startswith("_docs") else "POST"
            files[path] = marked(kind, index, "title: X\n")
        sites.append(write_files(root / f"s{number}", files))
    for case, both in zip(cases, built_by_both(sites), strict=True):
        assert both.sitegen == both.jekyll, case
