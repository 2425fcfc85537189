"""A first build streams post bodies into the cache as they are loaded, and each render
worker reads back the bodies of the pages it renders, so the parent never holds every
body at once; its output is what a build without the cache makes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import sitegen.build
from sitegen.incremental.cache import CACHE_FILE_NAME
from sitegen.incremental.loading import LoadedSite
from tests.conftest import CONFIG, generated_posts, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run

MARK = "正文标记"
POSTS = 70
"""More than `MIN_ITEMS_FOR_PROCESSES`, so two jobs load and render in worker processes."""


def _site(root: Path) -> Path:
    body = f"<p>开头。</p>\n\n<p>{MARK}{{number}}</p>\n"
    return write_files(
        root, {"_config.yml": CONFIG, **generated_posts(POSTS, month=4, categories=3, tags=1, body=body)}
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_build_keeps_posts_without_bodies_and_equals_a_clean_build_as_does_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    site = _site(tmp_path / "site")
    seen: list[LoadedSite] = []
    plan = sitegen.build._plan

    def planned(site_dir: Path, config: Any, loaded: LoadedSite, *rest: Any) -> Any:
        seen.append(loaded)
        return plan(site_dir, config, loaded, *rest)

    monkeypatch.setattr(sitegen.build, "_plan", planned)
    result = run(site, tmp_path / "out", jobs=jobs)
    assert not result.errors
    (loaded,) = seen
    assert len(loaded.posts) == POSTS
    assert all(post.body_html == "" for post in loaded.posts)
    assert set(loaded.stored_bodies) == {post.source_path for post in loaded.posts}
    with sqlite3.connect(site / ".sitegen-cache" / CACHE_FILE_NAME) as connection:
        bodies = [body for (body,) in connection.execute("SELECT body FROM bodies")]
    assert len([body for body in bodies if MARK.encode() in body]) == POSTS
    assert f"{MARK}7".encode() in (tmp_path / "out/cat1/2022/04/08/p7.html").read_bytes()
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path / "scratch")
    write_files(site, {"content/_posts/2022-04-06-p5.md": post("改过的", body=f"<p>{MARK}改</p>\n")})
    assert not run(site, tmp_path / "out", jobs=jobs).errors
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path / "scratch")
