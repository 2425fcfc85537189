"""The dev server's fast lane (`sitegen.preview`): a saved post's own page, rewritten
from the resident plan before the full rebuild, is byte for byte the page a clean build
of the edited site makes; anything it cannot be sure of, it leaves to the full rebuild."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.preview import ResidentSite, fast_lane
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, NOW, post, tree_bytes, write_files

MIDDLE = "content/_posts/2022-05-27-middle.md"
MIDDLE_PAGE = "xinjingbao/2022/05/27/middle.html"
OLDER = "content/_posts/2022-05-26-older.md"
OLDER_PAGE = "xinjingbao/2022/05/26/older.html"


def _site_files() -> dict[str, str | bytes]:
    return {
        "_config.yml": CONFIG,
        OLDER: post("更早的", date="2022-05-26 09:00:00 +0800", body="<p>更早。</p>\n"),
        MIDDLE: post("中间的", date="2022-05-27 09:00:00 +0800", body="<p>中间。</p>\n"),
        "content/_posts/2022-05-28-newer.md": post("更新的", date="2022-05-28 09:00:00 +0800"),
        "content/_posts/2022-05-28-other.md": post(
            "别的", date="2022-05-28 10:00:00 +0800", categories="caixin"
        ),
        "content/about.md": "---\ntitle: 关于\n---\n关于本站。\n",
    }


def build_resident(site: Path, destination: Path) -> ResidentSite:
    """A dev-server build (in place) of `site` into `destination`, and what it left resident."""
    kept: list[ResidentSite] = []
    options = BuildOptions(source=site, destination=destination, now=NOW, jobs=1, atomic_publish=False)
    build_site(options, keep=kept.append)
    assert len(kept) == 1
    return kept[0]


def clean_build(site: Path, destination: Path) -> dict[str, bytes]:
    """The reference: a clean build (no cache, fresh destination) of `site`."""
    shutil.rmtree(destination, ignore_errors=True)
    build_site(BuildOptions(source=site, destination=destination, now=NOW, jobs=1, cache=False))
    return tree_bytes(destination)


@pytest.fixture
def resident(tmp_path: Path) -> tuple[Path, Path, ResidentSite]:
    site = write_files(tmp_path / "site", _site_files())
    destination = tmp_path / "out"
    return site, destination, build_resident(site, destination)


def edit(site: Path, relative: str, old: str, new: str) -> Path:
    path = site / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# -- the fast lane's page is the clean build's ----------------------------------------------

_BODY_PIECES = [*"ab 中文，。*_#>-`[]()<>&\"'\n", "<p>", "</p>", "**", "\n\n", "- ", "<img src=a.png>"]
_BODY_TEXT = st.lists(st.sampled_from(_BODY_PIECES), max_size=40).map("".join)
_TITLE_TEXT = st.text(alphabet=st.sampled_from(list("ab 中文：？“”&<>'")), min_size=1, max_size=20)


@pytest.fixture(scope="module")
def shared_site() -> Iterator[tuple[Path, Path, ResidentSite]]:
    """One resident build for every example of a property (a build per example would be
    slow); each example edits the original file again."""
    root = Path(tempfile.mkdtemp(prefix="sitegen-preview-"))
    try:
        site = write_files(root / "site", _site_files())
        destination = root / "out"
        yield site, destination, build_resident(site, destination)
    finally:
        shutil.rmtree(root)


@settings(max_examples=12)
@given(body=_BODY_TEXT, title=st.none() | _TITLE_TEXT)
def test_an_edited_posts_page_is_the_clean_builds(
    shared_site: tuple[Path, Path, ResidentSite], body: str, title: str | None
) -> None:
    site, destination, resident = shared_site
    new_title = "中间的" if title is None else title
    path = site / MIDDLE
    path.write_text(
        post(json.dumps(new_title, ensure_ascii=False)[1:-1], date="2022-05-27 09:00:00 +0800", body=body),
        encoding="utf-8",
    )
    lane = fast_lane(resident, {path.resolve()})
    assert lane.declined == ""
    expected = clean_build(site, site.parent / "clean")[MIDDLE_PAGE]
    assert (destination / MIDDLE_PAGE).read_bytes() == expected


def test_posts_edited_together_show_each_others_new_titles(resident: tuple[Path, Path, ResidentSite]) -> None:
    site, destination, site_model = resident
    changed = {edit(site, MIDDLE, "中间的", "改过的中间"), edit(site, OLDER, "更早的", "改过的更早")}
    lane = fast_lane(site_model, changed)
    assert lane.urls == ("/xinjingbao/2022/05/26/older.html", "/xinjingbao/2022/05/27/middle.html")
    expected = clean_build(site, site.parent / "clean")
    assert (destination / MIDDLE_PAGE).read_bytes() == expected[MIDDLE_PAGE]
    assert (destination / OLDER_PAGE).read_bytes() == expected[OLDER_PAGE]
    assert "改过的更早" in expected[MIDDLE_PAGE].decode()


def test_a_save_that_changes_nothing_rewrites_nothing(resident: tuple[Path, Path, ResidentSite]) -> None:
    site, destination, site_model = resident
    before = (destination / MIDDLE_PAGE).stat().st_mtime_ns
    path = site / MIDDLE
    path.write_bytes(path.read_bytes())
    lane = fast_lane(site_model, {path})
    assert (lane.urls, lane.declined) == ((), "")
    assert (destination / MIDDLE_PAGE).stat().st_mtime_ns == before


# -- what it leaves to the full rebuild -------------------------------------------------------

_THEME_BASE = (default_theme_dir() / "base.html").read_text(encoding="utf-8")

DECLINED: dict[str, Callable[[Path], list[Path]]] = {
    "category": lambda site: [edit(site, MIDDLE, "categories: xinjingbao", "categories: caixin")],
    "date": lambda site: [edit(site, MIDDLE, "2022-05-27 09:00:00", "2022-05-25 09:00:00")],
    "first tag": lambda site: [edit(site, MIDDLE, "tags: 新京报新闻", "tags: 别的来源")],
    "layout": lambda site: [edit(site, MIDDLE, "layout: post", "layout: page")],
    "template": lambda site: [
        edit(site, MIDDLE, "中间。", "中间改过。"),
        write_files(site, {"templates/base.html": _THEME_BASE.replace("</footer>", "<p>新页脚</p></footer>")})
        / "templates/base.html",
    ],
    "config": lambda site: [
        edit(site, MIDDLE, "中间。", "中间改过。"),
        edit(site, "_config.yml", "title: 测试站", "title: 新站名"),
    ],
    "new post in a new category": lambda site: [
        write_files(
            site,
            {
                "content/_posts/2022-05-27-added.md": post(
                    "新来的", date="2022-05-27 10:00:00 +0800", categories="jiemian"
                )
            },
        )
        / "content/_posts/2022-05-27-added.md"
    ],
    "unpublished": lambda site: [edit(site, MIDDLE, "layout: post", "published: false\nlayout: post")],
    "deleted": lambda site: [_deleted(site / MIDDLE)],
    "liquid": lambda site: [edit(site, MIDDLE, "中间。", "中间{{ site.title }}。")],
    "a file gone outside the post folders": lambda site: [
        edit(site, MIDDLE, "中间。", "中间改过。"),
        site / "templates" / "post.html",  # a template removed: the pages it made change
    ],
}


@pytest.mark.parametrize("temporary", [".goutputstream-X1Y2Z3", "2022-05-27-middle.md.tmp", "sedAb12Cd"])
def test_a_post_saved_through_a_temporary_file_is_written_at_once(
    resident: tuple[Path, Path, ResidentSite], temporary: str
) -> None:
    """Editors and `sed -i` write a temporary file beside the post and rename it over the
    post: the burst names both, and the temporary file is gone by then."""
    site, destination, site_model = resident
    path = site / MIDDLE
    scratch = path.parent / temporary
    scratch.write_text(path.read_text(encoding="utf-8").replace("中间。", "中间，存过。"), encoding="utf-8")
    scratch.rename(path)
    lane = fast_lane(site_model, {scratch, path})
    assert (lane.urls, lane.declined) == (("/xinjingbao/2022/05/27/middle.html",), "")
    assert (destination / MIDDLE_PAGE).read_bytes() == clean_build(site, site.parent / "clean")[MIDDLE_PAGE]


def _deleted(path: Path) -> Path:
    path.unlink()
    return path


def test_a_post_saved_broken_is_declined_and_the_rebuild_keeps_its_last_good_page(
    resident: tuple[Path, Path, ResidentSite],
) -> None:
    """The full rebuild the server runs next publishes a post whose file no longer loads
    as `sitegen build` does, from its last good load: nothing published changes. Fixed,
    the post goes through the fast lane again, and the rebuild equals a clean build."""
    site, destination, site_model = resident
    before = tree_bytes(destination)
    lane = fast_lane(site_model, {edit(site, MIDDLE, 'title: "中间的"', "title: [")})
    assert lane.urls == () and lane.declined
    rebuilt = build_resident(site, destination)
    assert tree_bytes(destination) == before
    lane = fast_lane(rebuilt, {edit(site, MIDDLE, "title: [", 'title: "修好的"')})
    assert (lane.urls, lane.declined) == (("/xinjingbao/2022/05/27/middle.html",), "")
    build_resident(site, destination)
    assert tree_bytes(destination) == clean_build(site, site.parent / "clean")


@pytest.mark.parametrize("change", sorted(DECLINED))
def test_the_fast_lane_declines_and_the_rebuild_equals_a_clean_build(
    resident: tuple[Path, Path, ResidentSite], change: str
) -> None:
    site, destination, site_model = resident
    before = tree_bytes(destination)
    lane = fast_lane(site_model, set(DECLINED[change](site)))
    assert lane.urls == ()
    assert lane.declined
    assert tree_bytes(destination) == before
    build_resident(site, destination)  # the full rebuild the server runs next
    assert tree_bytes(destination) == clean_build(site, site.parent / "clean")
