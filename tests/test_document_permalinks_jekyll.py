"""A collection document's permalink with a post's placeholders (`:year`, `:i_month`,
`:categories`, …) is filled in as Jekyll fills it: each dated document is published at
Jekyll's path. Before, any date placeholder made every document of the collection an
error, and none was published."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, write_files
from tests.published_sources import marked, published_sources

PLACEHOLDERS = (
    "year", "month", "day", "i_month", "i_day", "short_year", "hour", "minute", "second",
    "y_day", "short_month", "long_month", "categories", "slugified_categories", "title",
    "slug", "name", "collection",
)  # fmt: skip
CATEGORIES = ("", "categories: [Finance, 国内 news]\n", "category: Markets\n")
TIMES = ("2022-05-27 10:00:00 +0800", "2021-12-31 23:30:05 -0500", "2024-02-29 00:00:00 +0000")


def _pattern(names: list[str]) -> str:
    return "/" + "/".join(f":{name}" for name in names) + "/:title:output_ext"


@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(
    patterns=st.lists(st.lists(st.sampled_from(PLACEHOLDERS), min_size=1, max_size=4), min_size=1, max_size=3)
)
def test_a_dated_documents_permalink_places_it_where_jekyll_does(
    tmp_path_factory: pytest.TempPathFactory, patterns: list[list[str]]
) -> None:
    root = tmp_path_factory.mktemp("documents")
    collections = "".join(
        f'  c{number}:\n    output: true\n    permalink: "{_pattern(names)}"\n'
        for number, names in enumerate(patterns)
    )
    files = {"_config.yml": f"title: T\ntimezone: Asia/Shanghai\ncollections:\n{collections}"}
    document = 0
    for number in range(len(patterns)):
        for when in TIMES:
            for extra in CATEGORIES:
                document += 1
                files[f"_c{number}/Doc {document}.md"] = marked("DOC", document, f"date: {when}\n{extra}")
    site = write_files(root / "site", files)
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")
    assert [str(d) for d in result.diagnostics if d.level == "error"] == []
    assert published_sources(root / "sitegen") == published_sources(root / "jekyll")


def test_an_undated_document_under_a_dated_permalink_is_one_error_naming_it(tmp_path: Path) -> None:
    """Jekyll dates it by the build's moment, a URL that moves with every build: one error
    naming the file, and its dated siblings are published."""
    config = 'title: T\ncollections:\n  news:\n    output: true\n    permalink: "/news/:year/:title/"\n'
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": config,
            "_news/undated.md": marked("DOC", 1, "title: U\n"),
            "_news/dated.md": marked("DOC", 2, "date: 2022-05-27 10:00:00 +0800\n"),
        },
    )
    result = build(site, destination=tmp_path / "out")
    errors = [str(d) for d in result.diagnostics if d.level == "error"]
    assert len(errors) == 1 and "undated.md" in errors[0] and ":year" in errors[0], errors
    assert published_sources(tmp_path / "out") == {"news/2022/dated/index.html": "DOC2"}
