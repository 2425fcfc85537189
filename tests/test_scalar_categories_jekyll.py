"""`categories:` given as one value that is not text (`5`, `true`, `1.5`, a date
`2024-1-4`) makes a document Jekyll 4.3 cannot read (`Document#merge_categories!`,
jekyll/lib/jekyll/document.rb, unites it with a list, which raises): sitegen publishes
it under the value's text with one warning naming the file and line. Before, a date
there was published silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build_many, write_files
from tests.published_sources import marked, published_sources

_SCALARS = st.one_of(
    st.integers(0, 3000).map(str),
    st.sampled_from(["true", "false", "1.5", "2.50", "news", "a b", "[5, true]", "[2024-01-04]"]),
    st.dates().map(lambda day: f"{day.year:04}-{day.month}-{day.day}"),
    st.dates().map(lambda day: day.isoformat()),
)
_KEYS = st.sampled_from(["categories", "category", "tags"])


@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(cases=st.lists(st.tuples(_KEYS, _SCALARS), min_size=12, max_size=12))
def test_a_post_jekyll_cannot_read_is_one_warning_and_the_others_match_jekyll(
    tmp_path_factory: pytest.TempPathFactory, cases: list[tuple[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("scalars")
    files = {"_config.yml": "title: T\ncollections:\n  docs: {output: true, permalink: /d/:name/}\n"}
    for number, (key, value) in enumerate(cases):
        files[f"_posts/2022-05-01-p{number}.md"] = marked("POST", number, f"{key}: {value}\n")
        files[f"_docs/d{number}.md"] = marked("DOC", number, f"permalink: /r/:name/\n{key}: {value}\n")
    site = write_files(root / "site", files)
    jekyll_build_many([site])
    result = build(site, destination=root / "out")
    jekyll = published_sources(site / "_jekyll")
    unread = {marker for path, marker in jekyll.items() if _unread(path)}
    warned = [d for d in result.diagnostics if "Jekyll cannot read" in d.message]
    assert sorted(d.path.stem for d in warned) == sorted(_stem(marker) for marker in unread), cases
    assert all(d.line == 3 or (d.line == 4 and d.path.stem.startswith("d")) for d in warned)
    sitegen = published_sources(root / "out")
    assert {p: m for p, m in sitegen.items() if m not in unread} == {
        p: m for p, m in jekyll.items() if m not in unread
    }, cases


def _unread(path: str) -> bool:
    """Jekyll publishes a file it cannot read without its front matter: a post at the
    build's date with its whole file name, a document at its collection's permalink
    rather than its own."""
    return "2022-05-01-p" in path or path.startswith("d/")


def _stem(marker: str) -> str:
    number = marker.removeprefix("POST").removeprefix("DOC")
    return f"2022-05-01-p{number}" if marker.startswith("POST") else f"d{number}"


def test_a_date_as_categories_is_published_under_its_text_with_one_warning(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "title: T\n", "_posts/2022-05-01-p.md": marked("POST", 1, "categories: 2024-1-4\n")},
    )
    result = build(site, destination=tmp_path / "out")
    warned = [str(d) for d in result.diagnostics if "Jekyll cannot read" in d.message]
    assert len(warned) == 1 and "2022-05-01-p.md:3:" in warned[0] and "a date" in warned[0], warned
    assert published_sources(tmp_path / "out") == {"2024-01-04/2022/05/01/p.html": "POST1"}


@pytest.mark.parametrize("value", ["false", "off", "no"])
def test_a_false_category_is_none_as_in_jekyll(tmp_path: Path, value: str) -> None:
    """`Utils.pluralized_array_from_hash` takes `category` with Ruby's `||=`, which passes
    over `false`: the post has its `categories` only. Before, it was filed under `false`."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2022-05-01-p.md": marked("POST", 1, f"category: {value}\ncategories: x\n"),
            "_posts/2022-05-02-q.md": marked("POST", 2, f"category: {value}\n"),
        },
    )
    build(site, destination=tmp_path / "out")
    assert published_sources(tmp_path / "out") == {
        "x/2022/05/01/p.html": "POST1",
        "2022/05/02/q.html": "POST2",
    }
