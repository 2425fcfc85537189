"""A page of the site at a category listing's URL (a hand-made `/category/news.html` with
an introduction) is that category's stub: its text above the listing, no error. Before,
it was left out with an error (sitegen's listing keeps the path), its text lost, and
`--strict` failed on every build."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.urls import category_urls_for
from tests.conftest import build, write_files

CATEGORIES = ("news", "markets", "tech")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    own=st.sets(st.sampled_from(CATEGORIES)),
    loops=st.booleans(),
    stub=st.sampled_from((None, *CATEGORIES)),
)
def test_an_own_page_at_a_listing_url_is_its_stub(
    tmp_path_factory: pytest.TempPathFactory, own: set[str], loops: bool, stub: str | None
) -> None:
    site = tmp_path_factory.mktemp("site")
    files = {"_config.yml": "title: T\nurl: https://ex.com\n"}
    for number, name in enumerate(CATEGORIES):
        files[f"_posts/2024-01-0{number + 1}-p{number}.md"] = (
            f"---\ntitle: P-{name}\ncategories: [{name}]\n---\nx\n"
        )
    urls = category_urls_for({name: () for name in CATEGORIES})
    for name in own:
        loop = (
            f"{{% for p in site.categories.{name} %}}<i>{{{{ p.title }}}}</i>{{% endfor %}}\n"
            if loops
            else ""
        )
        files[f"pages/{name}.md"] = (
            f"---\ntitle: Own {name}\npermalink: {urls[name]}\n---\nINTRO-{name}\n{loop}"
        )
    if stub is not None:
        files["category/stub.md"] = f"---\nlayout: category\ntitle: S\ncategory: {stub}\n---\nSTUB-{stub}\n"
    write_files(site, files)
    result = build(site, destination=site / "_site", strict=True)
    assert result.published and not result.errors, [str(error) for error in result.errors]
    for name in CATEGORIES:
        at = "category/stub.html" if name == stub else urls[name].lstrip("/")  # a stub's URL is its own
        page = (site / "_site" / at).read_text(encoding="utf-8")
        assert f"P-{name}" in page  # the listing is there
        if name == stub:
            assert "STUB-" + name in page  # the site's own stub keeps its category
        if name in own:  # at its own URL: the listing's, or its own page beside the stub's
            own_page = (site / "_site" / urls[name].lstrip("/")).read_text(encoding="utf-8")
            assert "INTRO-" + name in own_page
