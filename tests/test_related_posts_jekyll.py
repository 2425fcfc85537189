"""Liquid's `site.related_posts` and `site.serving` are Jekyll's on every kind of file.

Jekyll answers `site.related_posts` only while it renders a document (a post, or a
collection's document): the newest ten posts but that document, and none at all on a
site of one post (`SiteDrop#related_posts`, site_drop.rb; `RelatedPosts#build`,
related_posts.rb). On a page it is nil, so `{% if site.related_posts %}` is false there.
`site.serving` is `false` in `jekyll build` (commands/build.rb), whatever the settings
file says.

A batch of sites with a drawn number of posts, dates and settings is built by Jekyll
(as `jekyll build` sets it up) and by sitegen; every post, page and document prints what
it sees, and both must print the same.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.variables import related_posts
from tests.conftest import built_by_both, one_seeded_batch, write_files

BATCH_SIZE = 8
PROBE = (
    "[[{{ site.related_posts | map: 'title' | join: ',' }}"
    ";{% if site.related_posts %}yes{% else %}no{% endif %}"
    ";{% if site.related_posts == nil %}nil{% endif %}"
    ";{{ site.related_posts | size }};{{ site.serving }}]]"
)
SEEN = re.compile(r"\[\[(.*?)\]\]")


def _site(rng: random.Random) -> dict[str, str]:
    count = rng.choice([0, 1, 2, 3, 11, 12, 14])
    files = {
        "_config.yml": "title: T\ncollections:\n  docs:\n    output: true\n"
        + ("serving: true\n" if rng.random() < 0.5 else ""),
        "page.html": f"---\ntitle: Page\n---\n{PROBE}\n",
    }
    if rng.random() < 0.7:
        files["_docs/d.md"] = f"---\ntitle: Doc\n---\n{PROBE}\n"
    days = rng.sample(range(1, 28), count)
    for number, day in enumerate(days):
        files[f"_posts/2024-03-{day:02d}-p{number}.md"] = f"---\ntitle: P{number}\n---\n{PROBE}\n"
    return files


OWN_NAME = re.compile(r"p[0-9]+|page|d")


def _seen(output: Path) -> dict[str, str]:
    """What each post, page and document printed, by its name without the extension (not
    sitegen's own listings, whose excerpts show the posts' text)."""
    found: dict[str, str] = {}
    for path in output.rglob("*.html"):
        if OWN_NAME.fullmatch(path.stem):
            found[path.stem] = SEEN.findall(path.read_text(encoding="utf-8"))[0]
    return found


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_related_posts_and_serving_print_as_jekyll_prints_them(tmp_path: Path, rng: random.Random) -> None:
    sites = [write_files(tmp_path / f"site{number}", _site(rng)) for number in range(BATCH_SIZE)]
    for both in built_by_both(sites, cache=True):
        jekyll = _seen(both.site / "_jekyll")
        assert jekyll, both.site
        assert _seen(both.destination) == jekyll, both.site


@given(count=st.integers(0, 30), own=st.integers(-1, 30))
def test_related_posts_are_the_newest_ten_but_the_own_and_none_of_one(count: int, own: int) -> None:
    posts = [object() for _ in range(count)]
    mine = posts[own] if 0 <= own < count else object()
    related = related_posts(posts, mine)
    if count <= 1:
        assert related == []
    else:
        assert related == [post for post in posts[:11] if post is not mine][:10]
