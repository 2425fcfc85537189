"""An undated collection document under a permalink with `:categories` is published where
Jekyll publishes it: `UrlDrop#categories` reads the front matter, never the date
(jekyll/lib/jekyll/drops/url_drop.rb), so the URL is the same at every build. sitegen
counted `:categories` and `:slugified_categories` among the date placeholders and left
such a document out, naming a date it did not need. Generated sites, one Jekyll batch.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, files_below, jekyll_build_many, one_seeded_batch, write_files

PATTERNS = (
    "/x/:categories/:slug.html",
    "/:collection/:categories/:name/",
    "/:categories_:name/",
    "/d/:slugified_categories/:title:output_ext",
    "/:categories/:path:output_ext",
)
CATEGORIES = ("", "categories: [k]", "categories: [A b, 中文]", "category: one", "categories: k j")


def _site(rng: random.Random) -> dict[str, str]:
    pattern = rng.choice(PATTERNS)
    files = {
        "_config.yml": f"title: T\ncollections:\n  docs:\n    output: true\n    permalink: '{pattern}'\n"
    }
    for n in range(rng.randint(1, 4)):
        files[f"_docs/d{n}.md"] = f"---\ntitle: D {n}\n{rng.choice(CATEGORIES)}\n---\nx\n"
    return files


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_undated_documents_with_category_placeholders_are_published_as_jekyll_does(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    sites = [write_files(tmp_path / f"s{n}", _site(rng)) for n in range(12)]
    jekyll_build_many(sites)
    for site in sites:
        result = build(site, destination=site / "_sitegen", cache=False)
        assert not result.errors, [str(error) for error in result.errors]
        jekylls = {path for path in files_below(site / "_jekyll") if path.endswith(".html")}
        assert jekylls and jekylls <= files_below(site / "_sitegen"), site
