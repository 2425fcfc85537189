"""A `jekyll new` site's `index.markdown` (`layout: home`, minima's layout listing the
posts, and no body) was published over sitegen's home page as an empty page. It now
gives way to sitegen's home page, with one warning; a home page with text of its own, or
another layout, is the site's own and replaces it, as before."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build, write_files


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    layout=st.sampled_from(["home", "page", "default"]),
    body=st.sampled_from(
        ["", "\n\n", "  \n", "欢迎来到本站。", "{% for p in site.posts %}{{ p.title }}{% endfor %}"]
    ),
    name=st.sampled_from(["index.markdown", "index.md", "index.html"]),
)
def test_a_theme_home_page_without_text_gives_way_to_the_generated_one(
    tmp_path_factory: pytest.TempPathFactory, layout: str, body: str, name: str
) -> None:
    files = {
        "_config.yml": "title: T\n",
        "_posts/2024-01-02-first.md": "---\ntitle: 第一篇新闻\n---\n正文\n",
        name: f"---\nlayout: {layout}\n---\n{body}",
    }
    site = write_files(tmp_path_factory.mktemp("site"), files)
    result = build(site, destination=site.parent / f"{site.name}-out", cache=False)
    home = (result.destination / "index.html").read_text(encoding="utf-8")
    warned = [d for d in result.diagnostics if "laid out by a Jekyll theme's" in d.message]
    if layout == "home" and not body.replace("<!-- nothing -->", "").strip():
        assert "第一篇新闻" in home and len(warned) == 1 and warned[0].path.name == name
    else:
        assert not warned
        if body.strip() and "{%" not in body:
            assert body in home
