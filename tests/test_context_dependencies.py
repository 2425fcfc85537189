"""A change to one category's title or listing re-renders the pages that show it, no more.

Every page's context reads the site-wide context (category titles and URLs, which tags
repeat a category) name by name, and the names it read are its dependency record. So a
category retitled (by its stub page, or by its posts' most common first tag) or a tag
that starts or stops repeating a category's listing renders again exactly the pages
whose bytes change; before, one digest of the whole context was part of every page's
fingerprint, and any such change rendered the whole site again.

Each example: a small site with categories of a few posts, one category in the top bar,
built; one change of this kind; built again. Then the rebuild equals a clean build of
the same source, and it rendered no more pages than changed (besides pages listing a
post whose file was edited, whose subject changed).
"""

from __future__ import annotations

import shutil
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.config import SiteConfig
from sitegen.render.context import ContextBuilder
from sitegen.render.views import PostSummary
from tests.conftest import CONFIG, NOW, post, tree_bytes, write_files

CATEGORIES = ("c0", "c1", "c2", "c3")
TITLES = ("甲栏目", "乙栏目", "丙栏目")


def _site(posts: dict[str, tuple[str, str]], stubs: dict[str, str]) -> dict[str, str]:
    """Posts (stem → categories, tag), one a day; stub pages (category → title)."""
    files = {"_config.yml": CONFIG + "paginate: 2\nnav: [c0]\nhome_posts: 1\n"}
    for number, (stem, (category, tag)) in enumerate(sorted(posts.items())):
        day = 1 + number % 28
        files[f"content/_posts/2022-05-{day:02d}-{stem}.md"] = post(
            f"第{stem}篇",
            date=f"2022-05-{day:02d} 10:{number % 60:02d}:00 +0800",
            categories=category,
            tags=tag,
        )
    for category, title in stubs.items():
        files[f"content/category/{category}.md"] = (
            f"---\nlayout: category\ncategory: {category}\ntitle: {title}\n---\n"
        )
    return files


@st.composite
def _sites(draw: st.DrawFn) -> dict[str, tuple[str, str]]:
    posts = {}
    for index, category in enumerate(CATEGORIES):
        for number in range(draw(st.integers(1, 4))):
            # A post's tag: its category's own name (as the crawler writes), or another's.
            tag = draw(st.sampled_from([f"{category}新闻", "快讯", *TITLES]))
            posts[f"p{index}{number}"] = (category, tag)
        if index and draw(st.booleans()):
            # Also in the top bar's category (`categories: c2 c0`): the home page's c0
            # block lists it without its source, so it must not depend on c2.
            posts[f"m{index}"] = (f"{category} c0", f"{category}新闻")
    return posts


_CHANGES = st.sampled_from(["stub title", "stub removed", "first tags", "tag repeats a category"])


# Three builds an example: a fixed budget keeps the suite's time.
@settings(max_examples=25)
@given(posts=_sites(), stubbed=st.sets(st.sampled_from(CATEGORIES)), change=_CHANGES, data=st.data())
def test_a_change_to_one_entry_renders_only_the_pages_it_changes(
    tmp_path_factory: pytest.TempPathFactory,
    posts: dict[str, tuple[str, str]],
    stubbed: set[str],
    change: str,
    data: st.DataObject,
) -> None:
    root = tmp_path_factory.mktemp("entries")
    site, published, clean = root / "site", root / "published", root / "clean"
    stubs = {category: TITLES[index % len(TITLES)] for index, category in enumerate(sorted(stubbed))}
    write_files(site, _site(posts, stubs))
    build_site(BuildOptions(source=site, destination=published, now=NOW, jobs=1))
    before = tree_bytes(published)

    category = data.draw(st.sampled_from(CATEGORIES))
    old_posts = posts
    if change == "stub title":
        stubs[category] = data.draw(
            st.sampled_from([t for t in (*TITLES, "丁栏目") if t != stubs.get(category)])
        )
    elif change == "stub removed":
        if stubs.pop(category, None) is not None:
            (site / f"content/category/{category}.md").unlink()
    elif change == "first tags":
        tag = data.draw(st.sampled_from(["改名新闻", *TITLES]))
        posts = {stem: (its, tag if its == category else old) for stem, (its, old) in posts.items()}
    else:
        # Every post of the category, and no other, gets one tag: it then repeats the
        # category's listing (`SitePlan.tag_urls`), and pages link the category for it.
        tag = data.draw(st.sampled_from(TITLES))
        posts = {
            stem: (its, tag if its == category else ("快讯" if old == tag else old))
            for stem, (its, old) in posts.items()
        }
    for path in (site / "content/_posts").iterdir():
        path.unlink()
    write_files(site, _site(posts, stubs))

    result = build_site(BuildOptions(source=site, destination=published, now=NOW, jobs=1))
    build_site(BuildOptions(source=site, destination=clean, now=NOW, jobs=1, cache=False))
    after, reference = tree_bytes(published), tree_bytes(clean)
    assert after == reference, sorted(
        path for path in after.keys() | reference.keys() if after.get(path) != reference.get(path)
    )
    changed = {path for path, data_now in after.items() if before.get(path) != data_now}
    # A page listing a post whose file changed renders again even where the change does
    # not show (a listing that does not print tags): its subject changed, not the
    # site-wide context. Those pages, and no others, may render without changing.
    edited = [f"/{stem}.html" for stem in posts if posts[stem] != old_posts[stem]]
    listing_edited = {
        path for path, data_now in after.items() if any(url.encode() in data_now for url in edited)
    }
    assert result.pages_rendered <= len(changed | listing_edited), (
        f"{result.pages_rendered} pages rendered for {len(changed)} changed: {sorted(changed)}"
    )
    shutil.rmtree(root, ignore_errors=True)  # the swap deletes the old tree in the background


def test_a_view_prints_the_same_in_every_build() -> None:
    """A template may print a view whole (`{{ site }}`): its text shows the value a
    recording function gives (and records the read), never the function, whose text
    holds a memory address that differs from build to build."""
    builder = ContextBuilder(SiteConfig(), {"c1": "/category/c1.html"}, {"c1": "一"}, sections=("c1",))
    builder.entries.take_read()
    text = repr(builder.site)
    assert "0x" not in text
    assert "sections=(Link(text='一', href='/category/c1.html'),)" in text
    assert builder.entries.take_read() == ("s",)
    summary = PostSummary("标题", "/a.html", "2022-05-01", "2022-05-01", partial(builder.category_link, "c1"))
    text = repr(summary)
    assert "0x" not in text
    assert text.startswith("PostSummary(title='标题', href='/a.html'")
    assert "category=Link(text='一', href='/category/c1.html')" in text
    assert builder.entries.take_read() == ("cc1",)
