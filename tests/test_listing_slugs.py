"""A name that cannot be a file name gets a slug and a hash (`a/b` → `a-b-82badf67`);
a category really named `a-b-82badf67` took the same listing, so the post of `a/b`
linked 返回a/b to the other category's page, which did not list it. Slugs are given
for the whole set of names at once, never one another name holds."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.urls import category_name_problem, listing_segment, listing_segments
from tests.conftest import build, write_files

#: Names no file can be named as written, and what a listing would be named after them.
_UNUSABLE = st.sampled_from(["a/b", "a\\b", ".", "..", "index", "x/", "/", " ", "a\tb", "日/经"])


@st.composite
def _names(draw: st.DrawFn) -> list[str]:
    """Unusable names, the names of their slugs (the collision), and plain names."""
    unusable = draw(st.lists(_UNUSABLE, unique=True, max_size=5))
    twins = [listing_segment(name, category_name_problem) for name in unusable]
    taken = draw(st.lists(st.sampled_from(twins), unique=True)) if twins else []
    plain = draw(st.lists(st.sampled_from(["news", "财经", "a-b", "index-x"]), unique=True, max_size=3))
    return draw(st.permutations([*unusable, *taken, *plain]))


@given(_names())
def test_no_two_names_share_a_listing_and_usable_names_keep_theirs(names: list[str]) -> None:
    segments = listing_segments(names, category_name_problem)
    assert list(segments) == names
    assert len(set(segments.values())) == len(names), segments
    for name, segment in segments.items():
        if category_name_problem(name) is None:
            assert segment == name
        assert category_name_problem(segment) is None, segment
    assert listing_segments(list(reversed(names)), category_name_problem) == segments  # the set decides


@settings(max_examples=15, deadline=None)
@given(_names())
def test_every_back_link_opens_the_listing_of_its_own_category(names: list[str]) -> None:
    if not names:
        return
    with tempfile.TemporaryDirectory() as folder:
        files: dict[str, str | bytes] = {"_config.yml": "title: T\nurl: https://n.example.com\n"}
        for number, name in enumerate(names):
            front = f"title: P{number}\ncategories: [{json.dumps(name)}]\n"
            files[f"_posts/2022-05-{number + 1:02d}-p{number}.html"] = (
                f"---\n{front}---\n<p>正文{number}</p>\n"
            )
        site = write_files(Path(folder) / "site", files)
        destination = Path(folder) / "out"
        result = build(site, destination=destination, cache=False)
        assert not result.errors, result.errors
        listings = {}
        for number in range(len(names)):
            page = next(destination.rglob(f"p{number}.html")).read_text(encoding="utf-8")
            links = re.findall(r'<a href="(/category/[^"]+)">返回', page)
            assert len(links) == 1, page
            listing = (destination / unquote(links[0]).lstrip("/")).read_text(encoding="utf-8")
            assert f"P{number}<" in listing, (names[number], links[0])
            listings[links[0]] = number
        assert len(listings) == len(names)


def test_a_slug_made_longer_is_said_once(tmp_path: Path) -> None:
    twin = listing_segment("a/b", category_name_problem)
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2022-05-01-s.html": '---\ncategories: "a/b"\n---\nx\n',
            "_posts/2022-05-02-l.html": f'---\ncategories: "{twin}"\n---\ny\n',
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    said = [
        d.message for d in result.diagnostics if "is the listing of the category of that name" in d.message
    ]
    assert len(said) == 1 and said[0].startswith("category 'a/b'"), said
