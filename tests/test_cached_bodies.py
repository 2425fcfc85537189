"""Post bodies kept apart from post metadata in the cache, read back only for the pages
a rebuild renders, and never the cause of a wrong page."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.incremental.cache import CACHE_FILE_NAME
from sitegen.incremental.cache_file import PAGE_SIZE
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run

MARK = "正文标记"
OPENING = "一段很长的开头。" * 60
"""Longer than any excerpt, so the mark after it is only in the body."""


def _site(root: Path, bodies: list[str]) -> Path:
    files = {"_config.yml": CONFIG + "paginate: 5\n"}
    for number, body in enumerate(bodies, 1):
        date = f"2022-04-{number:02d} 10:00:00 +0800"
        files[f"content/_posts/2022-04-{number:02d}-p{number}.md"] = post(
            f"第{number}篇", date=date, categories="cat0", body=body
        )
    return write_files(root, files)


def _marked_bodies(count: int) -> list[str]:
    return [f"<p>{OPENING}</p>\n\n<p>{MARK}{number}</p>\n" for number in range(1, count + 1)]


def _cache_file(site: Path) -> Path:
    return site / ".sitegen-cache" / CACHE_FILE_NAME


def test_the_metadata_the_cache_reads_for_every_post_holds_no_body(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", _marked_bodies(8))
    run(site, tmp_path / "out")
    with sqlite3.connect(_cache_file(site)) as connection:
        metadata = [value for (value,) in connection.execute("SELECT value FROM loaded")]
        bodies = [body for (body,) in connection.execute("SELECT body FROM bodies")]
    assert len(metadata) == 8
    assert not [value for value in metadata if MARK.encode() in value]
    assert len([body for body in bodies if MARK.encode() in body]) == 8


def _page_size(cache_file: Path) -> int:
    with contextlib.closing(sqlite3.connect(cache_file)) as connection:
        size: int = connection.execute("PRAGMA page_size").fetchone()[0]
    return size


def test_a_new_cache_file_has_pages_large_enough_for_a_typical_body(tmp_path: Path) -> None:
    """A finews body (13 KB on average) fits on one page instead of spanning four of
    SQLite's default 4 KB, each a system call to write, checkpoint and read back."""
    site = _site(tmp_path / "site", _marked_bodies(3))
    run(site, tmp_path / "out")
    assert _page_size(_cache_file(site)) == PAGE_SIZE == 65536


def test_a_cache_file_made_with_smaller_pages_keeps_them_and_still_serves(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", _marked_bodies(6))
    cache_file = _cache_file(site)
    cache_file.parent.mkdir()
    with contextlib.closing(sqlite3.connect(cache_file)) as connection:
        connection.execute("PRAGMA page_size=4096")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE meta (schema TEXT)")  # an earlier version's file
    run(site, tmp_path / "out")
    assert _page_size(cache_file) == 4096
    edited = _marked_bodies(6)
    edited[2] = edited[2].replace(MARK, "改过的" + MARK)
    _site(tmp_path / "site", edited)
    result = run(site, tmp_path / "out")
    assert result.sources_from_cache == 5
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path)


def test_a_rebuild_rendering_cached_posts_after_their_bodies_are_lost_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path / "site", _marked_bodies(8))
    destination = tmp_path / "out"
    run(site, destination)
    with sqlite3.connect(_cache_file(site)) as connection:
        connection.execute("DELETE FROM bodies")
    # A template edit re-renders every post page from cached posts without bodies.
    write_files(site, {"templates/post.html": "<article>{{ post.title }}{{ post.body }}</article>\n"})
    result = run(site, destination)
    assert not result.errors
    assert tree_bytes(destination) == clean_build_of(site, tmp_path / "scratch")
    assert f"{MARK}3".encode() in (destination / "cat0/2022/04/03/p3.html").read_bytes()
    with sqlite3.connect(_cache_file(site)) as connection:
        (restored,) = connection.execute("SELECT count(*) FROM bodies").fetchone()
    assert restored == 8  # read again from the files, and kept for the next build


@settings(max_examples=15, deadline=None)
@given(
    bodies=st.lists(st.text(alphabet="<>/p 新闻ab&\n", min_size=0, max_size=40), min_size=2, max_size=5),
    edited=st.integers(min_value=0, max_value=4),
)
def test_any_rebuild_after_editing_one_post_equals_a_clean_build(
    tmp_path_factory: object, bodies: list[str], edited: int
) -> None:
    root = tmp_path_factory.mktemp("bodies")  # type: ignore[attr-defined]
    site = _site(root / "site", bodies)
    destination = root / "out"
    run(site, destination)
    number = edited % len(bodies) + 1
    path = site / f"content/_posts/2022-04-{number:02d}-p{number}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<p>补充</p>\n", encoding="utf-8")
    run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, root / "scratch")


FOLDER_NAMES = st.sampled_from(["site", "新闻 站点", "a#b?c%d", "x[1]", "caf\u00e9"])


@settings(max_examples=8, deadline=None)
@given(name=FOLDER_NAMES, relative=st.booleans(), jobs=st.sampled_from([1, 2]))
def test_bodies_are_read_from_the_cache_whatever_the_cache_path_looks_like(
    name: str, relative: bool, jobs: int
) -> None:
    """`sitegen build` run inside the site folder keeps its cache at a relative path:
    the bodies of the pages it renders come from the cache there too, never loaded again
    from their files (which failed the build when a file was being saved meanwhile)."""
    import os
    import tempfile

    from sitegen.config import SiteConfig
    from sitegen.content.documents import LoadOptions
    from sitegen.incremental import bodies, loading

    reloaded: list[Path] = []
    real_reload = loading.reload_body

    def counting(
        record: loading.StoredBody, config: SiteConfig, options: LoadOptions
    ) -> tuple[str, str | None]:
        reloaded.append(record.source.path)
        return real_reload(record, config, options)

    with tempfile.TemporaryDirectory() as scratch:
        site = _site(Path(scratch) / name, _marked_bodies(6))
        previous = os.getcwd()
        saved = getattr(bodies, "reload_body")  # noqa: B009  (what the render stage calls)
        setattr(bodies, "reload_body", counting)  # noqa: B010
        try:
            os.chdir(site)
            source = Path(".") if relative else site
            run(source, Path(scratch) / "out", jobs=jobs)
        finally:
            setattr(bodies, "reload_body", saved)  # noqa: B010
            os.chdir(previous)
        assert reloaded == []
        assert tree_bytes(Path(scratch) / "out") == clean_build_of(site, Path(scratch))
