"""A collection's `permalink` is taken as written, a style name too: Jekyll expands
`pretty`, `date`, `ordinal`, `weekdate` and `none` only in the site-wide `permalink`
(`Configuration#style_to_permalink`, called by `#add_default_collections` for that key
alone; `Collection#url_template` reads a collection's own as it is). So
`collections: {posts: {permalink: pretty}}` publishes every post at `/pretty.html`, one
over the other, where sitegen expanded it as the style. Checked against one Jekyll
process: the same files are published at the same paths, and each such setting is one
warning naming it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.urls import PERMALINK_STYLES
from tests.conftest import built_by_both, write_files
from tests.published_sources import marked

STYLES = sorted(PERMALINK_STYLES)


@settings(max_examples=10, deadline=None)
@given(
    posts_style=st.sampled_from(STYLES),
    docs_style=st.sampled_from((None, *STYLES)),
    site_style=st.sampled_from((None, *STYLES)),
)
def test_a_collections_style_name_is_a_path_as_in_jekyll(
    tmp_path_factory: pytest.TempPathFactory, posts_style: str, docs_style: str | None, site_style: str | None
) -> None:
    site_permalink = "" if site_style is None else f"permalink: {site_style}\n"
    docs_permalink = "" if docs_style is None else f"    permalink: {docs_style}\n"
    config = (
        f"title: T\n{site_permalink}collections:\n  posts:\n    permalink: {posts_style}\n"
        f"  docs:\n    output: true\n{docs_permalink}"
    )
    root = tmp_path_factory.mktemp("styles")
    site = write_files(
        root / "site",
        {
            "_config.yml": config,
            "_posts/2022-05-01-a.md": marked("POST", 1, "categories: news\n"),
            "_posts/2022-05-02-b.md": marked("POST", 2, ""),
            "_docs/d.md": marked("DOC", 3, ""),
            "about.md": marked("PAGE", 4, ""),
        },
    )
    (both,) = built_by_both([site])
    result = both.result
    assert both.sitegen == both.jekyll
    said = [d for d in result.diagnostics if "taken as a path" in d.message]
    assert len(said) == 1 + (docs_style is not None), [str(d) for d in result.diagnostics]
    assert all(d.path is not None and d.path.name == "_config.yml" and d.line for d in said)
