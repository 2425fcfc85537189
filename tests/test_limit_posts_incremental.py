"""With `limit_posts`, a rebuild after an edit is byte for byte a clean build: a new post
pushes the oldest kept one out of every page, listing, feed and sitemap, a deleted one
lets an older one back in. The dev server's fast lane, which places a new post among the
last build's, leaves such a change to the full rebuild."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.preview import fast_lane
from tests.conftest import CONFIG, generated_posts, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run
from tests.test_preview import build_resident

POSTS = "content/_posts"
LIMIT = "limit_posts: 12\n"

EDITS: dict[str, Callable[[Path], object]] = {
    "add a newest post": lambda s: write_files(
        s, {f"{POSTS}/2022-04-29-new.md": post("新来的", date="2022-04-29 10:00:00 +0800", categories="cat1")}
    ),
    "add a post older than every kept one": lambda s: write_files(
        s, {f"{POSTS}/2022-03-01-old.md": post("旧的", date="2022-03-01 10:00:00 +0800", categories="cat1")}
    ),
    "delete a kept post": lambda s: (s / f"{POSTS}/2022-04-28-p27.md").unlink(),
    "date a left-out post the newest": lambda s: _replace(
        s / f"{POSTS}/2022-04-01-p0.md", "2022-04-01 00:00:00", "2022-04-30 00:00:00"
    ),
    "raise the limit": lambda s: _replace(s / "_config.yml", LIMIT, "limit_posts: 20\n"),
    "remove the limit": lambda s: _replace(s / "_config.yml", LIMIT, ""),
}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _site(root: Path) -> Path:
    posts = generated_posts(30, month=4, categories=3, tags=2, body="<p>第{number}篇的正文。</p>\n")
    return write_files(root / "site", {"_config.yml": CONFIG + "paginate: 5\n" + LIMIT, **posts})


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_under_limit_posts_is_a_clean_build(tmp_path: Path, edit: str) -> None:
    site = _site(tmp_path)
    destination = tmp_path / "out"
    first = run(site, destination)
    assert first.posts == 12
    EDITS[edit](site)
    run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


@pytest.mark.parametrize("name", ["2022-04-29-new.md", "2022-04-01-p0.md"])
def test_the_fast_lane_leaves_a_new_or_left_out_post_to_the_full_rebuild(tmp_path: Path, name: str) -> None:
    """A post the limit left out loads as a new one: placing it would publish it."""
    site = _site(tmp_path)
    resident = build_resident(site, tmp_path / "out")
    before = tree_bytes(tmp_path / "out")
    write_files(site, {f"{POSTS}/{name}": post("改了", date="2022-04-29 10:00:00 +0800")})
    lane = fast_lane(resident, {site / POSTS / name})
    assert "limit_posts" in lane.declined
    assert tree_bytes(tmp_path / "out") == before
