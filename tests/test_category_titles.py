"""A category's display title is stable: a new post does not rename its category.

The title is printed on every page (top bar, breadcrumbs, feeds), so a title that followed
the newest post's first tag would rewrite the whole site whenever one odd post arrived.
"""

from __future__ import annotations

import random

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import Post
from sitegen.site.index import build_index
from tests.bare_post import numbered_post
from tests.conftest import CONFIG, SiteFactory, build, post, select_first


def _posts(first_tags: list[str]) -> list[Post]:
    """One post per tag, oldest first, all in category `c`."""
    return [numbered_post(number, tags=(tag,) if tag else ()) for number, tag in enumerate(first_tags)]


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


#: Category names and the first tags their posts carry: several share a tag, as a crawler
#: category written with a space (`huaerjie jianwen`) gives two categories of one source.
CATEGORY_TAGS = st.lists(
    st.tuples(
        st.sampled_from(["huaerjie", "jianwen", "caixin", "a", "z"]),
        st.sampled_from(["华尔街见闻", "财新", ""]),
    ),
    min_size=1,
    max_size=8,
)


def _categorised(pairs: list[tuple[str, str]]) -> list[Post]:
    return [
        numbered_post(number, categories=(name,), tags=(tag,) if tag else ())
        for number, (name, tag) in enumerate(pairs)
    ]


@given(CATEGORY_TAGS, st.randoms(use_true_random=False))
def test_no_two_categories_show_one_title_whatever_the_order(
    pairs: list[tuple[str, str]], rng: random.Random
) -> None:
    posts = _categorised(pairs)
    index = build_index(posts, {})
    shown = list(index.category_titles.values())
    assert len(shown) == len(set(shown))
    shuffled = list(posts)
    rng.shuffle(shuffled)
    assert build_index(shuffled, {}).category_titles == index.category_titles
    for clash in index.title_clashes:  # each clash names its categories once, and keeps the title once
        assert len(clash.names) >= 2 and list(clash.shown).count(clash.title) == 1


@given(CATEGORY_TAGS)
def test_a_configured_title_wins_over_a_derived_one(pairs: list[tuple[str, str]]) -> None:
    titles = build_index(_categorised(pairs), {"jianwen": "华尔街见闻"}).category_titles
    if "jianwen" in titles:
        assert titles["jianwen"] == "华尔街见闻"
        assert list(titles.values()).count("华尔街见闻") == 1


def test_two_categories_of_one_source_get_two_labels_and_one_warning(make_site: SiteFactory) -> None:
    files = {"_config.yml": CONFIG}
    for day in (1, 2):
        files[f"content/_posts/2022-06-0{day}-p{day}.md"] = post(
            f"华尔街见闻 {day}",
            date=f"2022-06-0{day} 10:00:00 +0800",
            categories="huaerjie jianwen",
            tags="华尔街见闻",
        )
    site = make_site(files)
    result = build(site)
    nav = select_first(
        BeautifulSoup((site / "_site/index.html").read_text(encoding="utf-8"), "lxml"), "nav.sections"
    )
    labels = {link["href"]: link.get_text() for link in nav.select("a")}
    assert labels["/category/huaerjie.html"] == "华尔街见闻"
    assert labels["/category/jianwen.html"] == "华尔街见闻（jianwen）"
    warnings = [str(d) for d in result.diagnostics if "华尔街见闻" in str(d)]
    assert len(warnings) == 1 and "'huaerjie', 'jianwen'" in warnings[0]
