"""A category's display title is stable: a new post does not rename its category.

The title is printed on every page (top bar, breadcrumbs, feeds), so a title that followed
the newest post's first tag would rewrite the whole site whenever one odd post arrived.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import Post
from sitegen.site.index import build_index
from tests.conftest import CONFIG, SiteFactory, build, post, select_first

_TEMPLATE = Post(
    source_path=Path("p.md"),
    relative_path=PurePosixPath("_posts/p.md"),
    title="t",
    date=datetime(2022, 1, 1, tzinfo=UTC),
    slug="p",
    categories=("c",),
    tags=(),
    layout="post",
    url="/p.html",
    body_html="",
    front_matter={},
)


def _posts(first_tags: list[str]) -> list[Post]:
    """One post per tag, oldest first, all in category `c`."""
    return [
        replace(
            _TEMPLATE,
            relative_path=PurePosixPath(f"_posts/p{number}.md"),
            date=_TEMPLATE.date + timedelta(hours=number),
            url=f"/p{number}.html",
            tags=(tag,) if tag else (),
        )
        for number, tag in enumerate(first_tags)
    ]


def _title(posts: list[Post]) -> str:
    return build_index(posts, {}).category_titles["c"]


TAGS = st.lists(st.sampled_from(["新京报新闻", "新京报", "财经", ""]), min_size=1, max_size=12)


@given(TAGS)
def test_title_is_the_most_common_first_tag_oldest_first_on_ties(first_tags: list[str]) -> None:
    tagged = [tag for tag in first_tags if tag]
    title = _title(_posts(first_tags))
    if not tagged:
        assert title == "c"
        return
    top = max(tagged.count(tag) for tag in tagged)
    assert title == next(tag for tag in tagged if tagged.count(tag) == top)


@given(TAGS)
def test_a_newest_post_with_a_new_first_tag_keeps_the_title(first_tags: list[str]) -> None:
    if not any(first_tags):
        return
    assert _title(_posts([*first_tags, "另一个来源"])) == _title(_posts(first_tags))


def test_a_new_post_with_another_first_tag_renames_nothing(make_site: SiteFactory) -> None:
    files = {
        "_config.yml": CONFIG,
        "content/_posts/2022-05-26-a.md": post("一", date="2022-05-26 09:00:00 +0800"),
        "content/_posts/2022-05-27-b.md": post("二", date="2022-05-27 09:00:00 +0800"),
    }
    site = make_site(files)
    build(site)
    before = (site / "_site/category/xinjingbao.html").read_text(encoding="utf-8")
    newest = post("三", date="2022-05-28 09:00:00 +0800", tags="[快讯, 新京报新闻]")
    (site / "content/_posts/2022-05-28-c.md").write_text(newest, encoding="utf-8")
    build(site)
    for page in ("category/xinjingbao.html", "xinjingbao/2022/05/28/c.html"):
        html = BeautifulSoup((site / "_site" / page).read_text(encoding="utf-8"), "lxml")
        assert "新京报新闻" in select_first(html, "nav.sections").get_text()
        assert "快讯" not in select_first(html, "nav.sections").get_text()
    assert "<h1>新京报新闻</h1>" in before
    after = BeautifulSoup((site / "_site/category/xinjingbao.html").read_text(encoding="utf-8"), "lxml")
    assert select_first(after, "h1").get_text() == "新京报新闻"
