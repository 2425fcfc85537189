"""A post the plan leaves out is listed nowhere. A post whose URL would replace a page
sitegen generates (or stand where one needs a folder) was skipped with an error, but the
home page, its category's listing, the archive, feeds, sitemaps and its neighbours still
linked to it: the link opened the generated page under the post's title, or nothing
(`sitegen check`: 25 broken links for six such posts on the user's corpus)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.check.links import check_site
from tests.conftest import CONFIG, build, post, write_files

TAKEN = (
    "/category/caixin.html",
    "/category/caixin.html/b.html",
    "/feed/caixin.xml",
    "/index.html/x.html",
    "/feed/caixin.xml/y/",
    "/tag/财新.html/z.html",
    "/assets/sitegen.css/a.html",
    "/archive/2022/05/",
    "/category/",
    "/tag/财新.html",
)
"""URLs of generated pages (or below generated files) a post's permalink may name. Below
an extra the site lives without (`/sitemap.xml/x.html`) a post is published instead
(`tests.test_extras_give_way_to_posts`); below the home page it is not."""


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(TAKEN), min_size=1, max_size=3, unique=True))
def test_a_post_left_out_for_its_url_is_linked_from_nowhere(permalinks: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        files = {"_config.yml": CONFIG + "paginate: 2\n"}
        for day in range(10, 16):
            files[f"content/_posts/2022-05-{day}-kept{day}.md"] = post(
                f"留下{day}", date=f"2022-05-{day} 09:00:00 +0800", categories="caixin", tags="财新"
            )
        for number, permalink in enumerate(permalinks):
            files[f"content/_posts/2022-05-2{number}-squat{number}.md"] = post(
                f"占位{number}号",
                date=f"2022-05-2{number} 09:00:00 +0800",
                categories="caixin",
                tags="财新",
                extra=f"permalink: {permalink}\n",
            )
        site = write_files(Path(scratch) / "site", files)
        result = build(site)
        left_out = {error.path.name for error in result.errors if error.path is not None}
        assert left_out == {f"2022-05-2{number}-squat{number}.md" for number in range(len(permalinks))}
        for path in (site / "_site").rglob("*"):
            if path.is_file() and path.suffix in (".html", ".xml", ".txt"):
                text = path.read_text(encoding="utf-8")
                assert "占位" not in text, path
        assert check_site(site / "_site", site_url="https://finews.example.com", jobs=1).ok
