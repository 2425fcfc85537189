"""The dev server's fast lane for new posts (`sitegen.preview`, `sitegen.site.additions`):
a post saved for the first time gets its page, and the resident posts beside it their new
links, before the full rebuild, byte for byte as a clean build of the edited site makes
them; whatever it cannot be sure of, it leaves to the full rebuild."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from sitegen.preview import ResidentSite, fast_lane
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_preview import build_resident, clean_build

POSTS = "content/_posts"


def _site(
    tmp_path: Path, extra_config: str = "nav: [xinjingbao, caixin]\n"
) -> tuple[Path, Path, ResidentSite]:
    """Four posts in two categories (sections named, unless `extra_config` says otherwise)."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + extra_config,
            f"{POSTS}/2022-05-26-older.md": post("更早的", date="2022-05-26 09:00:00 +0800"),
            f"{POSTS}/2022-05-27-middle.md": post("中间的", date="2022-05-27 09:00:00 +0800"),
            f"{POSTS}/2022-05-28-newer.md": post("更新的", date="2022-05-28 09:00:00 +0800"),
            f"{POSTS}/2022-05-28-other.md": post(
                "别的", date="2022-05-28 10:00:00 +0800", categories="caixin", tags="财新"
            ),
            "content/about.md": "---\ntitle: 关于\n---\n关于本站。\n",
        },
    )
    destination = tmp_path / "out"
    return site, destination, build_resident(site, destination)


def _add(site: Path, files: dict[str, str]) -> set[Path]:
    write_files(site, files)
    return {site / relative for relative in files}


def _changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in after.items() if before.get(path) != data}


def test_a_new_newest_post_and_its_older_neighbour_are_written_as_a_clean_build_makes_them(
    tmp_path: Path,
) -> None:
    site, destination, resident = _site(tmp_path)
    before = tree_bytes(destination)
    changed = _add(site, {f"{POSTS}/2022-05-29-added.md": post("新来的", date="2022-05-29 09:00:00 +0800")})
    lane = fast_lane(resident, changed)
    assert lane.declined == ""
    assert lane.urls == ("/xinjingbao/2022/05/28/newer.html", "/xinjingbao/2022/05/29/added.html")
    expected = clean_build(site, site.parent / "clean")
    written = _changed_files(before, tree_bytes(destination))
    assert set(written) == {"xinjingbao/2022/05/28/newer.html", "xinjingbao/2022/05/29/added.html"}
    assert all(expected[path] == data for path, data in written.items())
    assert "新来的" in written["xinjingbao/2022/05/28/newer.html"].decode()


def test_posts_added_among_older_ones_update_every_page_they_enter(tmp_path: Path) -> None:
    site, destination, resident = _site(tmp_path)
    before = tree_bytes(destination)
    changed = _add(
        site,
        {
            f"{POSTS}/2022-05-25-first.md": post("最早的", date="2022-05-25 09:00:00 +0800"),
            f"{POSTS}/2022-05-27-between.md": post("之间的", date="2022-05-27 12:00:00 +0800"),
        },
    )
    lane = fast_lane(resident, changed)
    assert lane.declined == ""
    expected = clean_build(site, site.parent / "clean")
    after = tree_bytes(destination)
    post_pages = {path for path in expected if path.startswith("xinjingbao/2022/")}
    # Every post page of the category now shows the new posts as a clean build does.
    assert {path: after[path] for path in post_pages} == {path: expected[path] for path in post_pages}
    assert set(_changed_files(before, after)) == post_pages


def test_an_edited_post_beside_a_new_one_gets_its_new_neighbour(tmp_path: Path) -> None:
    site, destination, resident = _site(tmp_path)
    middle = site / POSTS / "2022-05-27-middle.md"
    middle.write_text(post("改过的中间", date="2022-05-27 09:00:00 +0800"), encoding="utf-8")
    changed = _add(site, {f"{POSTS}/2022-05-27-after.md": post("紧随的", date="2022-05-27 10:00:00 +0800")})
    lane = fast_lane(resident, {middle, *changed})
    assert lane.declined == ""
    expected = clean_build(site, site.parent / "clean")
    page = "xinjingbao/2022/05/27/middle.html"
    assert (destination / page).read_bytes() == expected[page]
    assert "紧随的" in expected[page].decode()


# -- what it leaves to the full rebuild -------------------------------------------------------

_NEW = f"{POSTS}/2022-05-29-added.md"
#: Each change, and a word of the reason the fast lane gives.
DECLINED: dict[str, tuple[Callable[[Path], set[Path]], str]] = {
    "new category": (lambda site: _add(site, {_NEW: _new_post(categories="new")}), "category 'new' is new"),
    "new tag": (lambda site: _add(site, {_NEW: _new_post(tags="新标签")}), "tag '新标签' is new"),
    "retitled category": (
        lambda site: _add(
            site,
            {
                f"{POSTS}/2022-05-29-a{number}.md": _new_post(
                    f"新{number}", categories="caixin", tags="新京报新闻"
                )
                for number in range(2)
            },
        ),
        "would be titled '新京报新闻'",
    ),
    "future": (
        lambda site: _add(site, {_NEW: post("新", date="2030-05-29 09:00:00 +0800")}),
        "not published",
    ),
    "unpublished": (lambda site: _add(site, {_NEW: _new_post(extra="published: false\n")}), "not published"),
    "no date in the name": (lambda site: _add(site, {f"{POSTS}/added.md": _new_post()}), "not published"),
    "url clash": (
        lambda site: _add(site, {_NEW: _new_post(extra="permalink: /about.html\n")}),
        "where another output is",
    ),
    "url below another output": (
        lambda site: _add(site, {_NEW: _new_post(extra="permalink: /about.html/x.html\n")}),
        "where another output is",
    ),
    "liquid": (lambda site: _add(site, {_NEW: _new_post(body="{{ site.title }}\n")}), "uses Liquid"),
    "unknown layout": (
        lambda site: _add(site, {_NEW: _new_post().replace("layout: post", "layout: nosuch")}),
        "no template for layout",
    ),
    "not a posts folder": (
        lambda site: _add(site, {"content/news.md": "---\ntitle: 新闻\n---\n新闻。\n"}),
        "not a post of the last build",
    ),
}


def _new_post(title: str = "新", **fields: str) -> str:
    return post(title, date="2022-05-29 09:00:00 +0800", **fields)


@pytest.mark.parametrize("change", sorted(DECLINED))
def test_the_fast_lane_declines_a_new_post_it_cannot_place_for_certain(tmp_path: Path, change: str) -> None:
    site, destination, resident = _site(tmp_path)
    before = tree_bytes(destination)
    make_change, reason = DECLINED[change]
    lane = fast_lane(resident, make_change(site))
    assert lane.urls == ()
    assert reason in lane.declined
    assert tree_bytes(destination) == before
    build_resident(site, destination)  # the full rebuild the server runs next
    assert tree_bytes(destination) == clean_build(site, site.parent / "clean")


def test_a_new_post_that_would_change_the_sections_is_declined(tmp_path: Path) -> None:
    site, _, resident = _site(tmp_path, "nav_size: 1\n")
    changed = _add(
        site,
        {
            f"{POSTS}/2022-05-29-c{number}.md": post(
                f"新{number}", date=f"2022-05-29 0{number}:00:00 +0800", categories="caixin", tags="财新"
            )
            for number in range(3)
        },
    )
    lane = fast_lane(resident, changed)
    assert "sections" in lane.declined


def test_a_draft_dated_by_its_file_is_declined(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + "show_drafts: true\n",
            f"{POSTS}/2022-05-26-older.md": post("更早的", date="2022-05-26 09:00:00 +0800"),
            "content/_drafts/first.md": post("草稿", date="2022-05-26 10:00:00 +0800"),
        },
    )
    resident = build_resident(site, tmp_path / "out")
    undated = "---\nlayout: post\ntitle: 新草稿\ncategories: xinjingbao\ntags: 新京报新闻\n---\n正文\n"
    lane = fast_lane(resident, _add(site, {"content/_drafts/second.md": undated}))
    assert "draft" in lane.declined
    dated = _add(site, {"content/_drafts/third.md": post("有日期的草稿", date="2022-05-27 09:00:00 +0800")})
    (site / "content/_drafts/second.md").unlink()
    assert fast_lane(resident, dated).declined == ""


def test_a_draft_dated_by_its_file_name_takes_the_fast_lane_as_a_clean_build_makes_it(tmp_path: Path) -> None:
    """A `YYYY-MM-DD-` draft name dates the draft as a post's name does (not the file's
    time), so its page is as certain as a post's."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + "show_drafts: true\n",
            f"{POSTS}/2022-05-26-older.md": post("更早的", date="2022-05-26 09:00:00 +0800"),
            "content/_drafts/first.md": post("草稿", date="2022-05-26 10:00:00 +0800"),
        },
    )
    destination = tmp_path / "out"
    resident = build_resident(site, destination)
    before = tree_bytes(destination)
    undated = "---\nlayout: post\ntitle: 新草稿\ncategories: xinjingbao\ntags: 新京报新闻\n---\n正文\n"
    lane = fast_lane(resident, _add(site, {"content/_drafts/2022-05-27-named day.md": undated}))
    assert lane.declined == ""
    assert "/xinjingbao/2022/05/27/named-day.html" in lane.urls
    expected = clean_build(site, site.parent / "clean")
    written = _changed_files(before, tree_bytes(destination))
    assert "xinjingbao/2022/05/27/named-day.html" in written
    assert all(expected[path] == data for path, data in written.items())


# -- the kind: random sites, random new posts ------------------------------------------------

_CATEGORIES = ["a", "b", "c"]
#: A post's first tag names its source, so mostly its category's own; sometimes another
#: (which may retitle a category) or one the site has no page for.
_OLD_POST = st.tuples(
    st.integers(2, 6), st.integers(0, 23), st.sampled_from(_CATEGORIES), st.sampled_from(["", "", "", "乙"])
)
_NEW_POST = st.tuples(
    st.integers(1, 7),
    st.integers(0, 23),
    st.lists(st.sampled_from([*_CATEGORIES, *_CATEGORIES, "d"]), max_size=2, unique=True),
    st.sampled_from(["", "", "", "", "乙", "丙"]),
)


def _crawled(title: str, day: int, hour: int, categories: list[str], tag: str) -> str:
    """A post of `categories` whose first tag is `tag`, or its first category's own."""
    own = f"{categories[0] if categories else 'a'}源"
    names = "[" + ", ".join(categories) + "]"
    return post(title, date=f"2022-05-{day:02d} {hour:02d}:00:00 +0800", categories=names, tags=tag or own)


@settings(max_examples=15)
@given(
    old=st.lists(_OLD_POST, max_size=6),
    new=st.lists(_NEW_POST, min_size=1, max_size=3),
    nav_size=st.sampled_from([1, 2, 10]),
)
def test_whatever_the_fast_lane_writes_for_new_posts_is_the_clean_builds(
    old: list[tuple[int, int, str, str]], new: list[tuple[int, int, list[str], str]], nav_size: int
) -> None:
    root = Path(tempfile.mkdtemp(prefix="sitegen-new-posts-"))
    try:
        files = {"_config.yml": CONFIG + f"nav_size: {nav_size}\n"}
        # One post per category at least, so that a new post mostly joins known ones.
        for number, (day, hour, category, tag) in enumerate(
            [*((3, 12, name, "") for name in _CATEGORIES), *old]
        ):
            files[f"{POSTS}/2022-05-{day:02d}-old{number}.md"] = _crawled(
                f"旧{number}", day, hour, [category], tag
            )
        site = write_files(root / "site", files)
        destination = root / "out"
        resident = build_resident(site, destination)
        before = tree_bytes(destination)
        added = {
            f"{POSTS}/2022-05-{day:02d}-new{number}.md": _crawled(f"新{number}", day, hour, categories, tag)
            for number, (day, hour, categories, tag) in enumerate(new)
        }
        lane = fast_lane(resident, _add(site, added))
        event("declined" if lane.declined else "taken")
        written = _changed_files(before, tree_bytes(destination))
        expected = clean_build(site, root / "clean")
        assert {path: expected.get(path) for path in written} == written
        if lane.declined:  # only for what a new post changes beyond post pages
            reasons = r"category '.*' (is new|would be titled)|tag '.*' (is new|would be listed elsewhere)"
            assert re.search(rf"^({reasons}|the sections)", lane.declined)
        else:  # every new post's page is there at once
            assert len(written) >= len(new)
    finally:
        shutil.rmtree(root)
