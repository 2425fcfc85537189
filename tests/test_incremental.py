"""Every shortcut gives the bytes of a clean build: cache, incremental rebuilds, jobs."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import BuildOptions, BuildResult, build_site
from sitegen.incremental.cache import CACHE_FILE_NAME
from sitegen.progress import ProgressPrinter, format_profile
from tests.conftest import CONFIG, NOW, generated_posts, post, tree_bytes, write_files
from tests.racy import wait_until_settled


def site_files(count: int = 120) -> dict[str, str]:
    posts = generated_posts(count, month=4, categories=6, tags=4, body="<p>第{number}篇的正文。</p>\n")
    return {"_config.yml": CONFIG + "paginate: 10\n", **posts}


def run(site: Path, destination: Path, **options: object) -> BuildResult:
    return build_site(BuildOptions(source=site, destination=destination, now=NOW, **options))  # type: ignore[arg-type]


def clean_build_of(site: Path, scratch: Path) -> dict[str, bytes]:
    """The reference: a build with no cache, no previous output and no worker processes."""
    destination = scratch / "clean"
    if destination.exists():
        shutil.rmtree(destination)
    run(site, destination, cache=False, jobs=1)
    return tree_bytes(destination)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_files(tmp_path / "site", site_files())


EDITS: dict[str, Callable[[Path], object]] = {
    "retitle a post": lambda s: _replace(s / "content/_posts/2022-04-03-p2.md", "第2篇", "改了标题"),
    "add a post": lambda s: (s / "content/_posts/2022-04-28-new.md").write_text(
        post("新来的", date="2022-04-28 23:59:00 +0800", categories="cat9", tags="新标签"), encoding="utf-8"
    ),
    "add a post to a category (its posts' related lists change)": lambda s: (
        s / "content/_posts/2022-04-28-newer.md"
    ).write_text(post("同栏目新文", date="2022-04-28 23:59:00 +0800", categories="cat1"), encoding="utf-8"),
    "change the sections": lambda s: _replace(
        s / "_config.yml", "paginate: 10", "paginate: 10\nnav: [cat4, cat2]"
    ),
    "delete a post": lambda s: (s / "content/_posts/2022-04-05-p4.md").unlink(),
    "move a post to another category": lambda s: _replace(
        s / "content/_posts/2022-04-07-p6.md", "categories: cat0", "categories: cat5"
    ),
    "change a template": lambda s: write_files(s, {"templates/tag.html": "TAG {{ listing.title }}\n"}),
    "change the config": lambda s: _replace(s / "_config.yml", "title: 测试站", "title: 新站名"),
    "title a category in the config": lambda s: _replace(
        s / "_config.yml", "paginate: 10", "paginate: 10\ncategory_titles:\n  cat5: 第五栏目"
    ),
}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("atomic", [True, False], ids=["swap", "in-place"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_rebuild_after_an_edit_is_byte_identical_to_a_clean_build(
    site: Path, tmp_path: Path, edit: str, atomic: bool
) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    EDITS[edit](site)
    run(site, destination, atomic_publish=atomic)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)
    assert not [p for p in destination.rglob("*") if p.is_dir() and not any(p.iterdir())]


def test_no_change_rebuild_renders_nothing_and_writes_nothing(site: Path, tmp_path: Path) -> None:
    destination = tmp_path / "out"
    first = run(site, destination)
    mtimes = {p: p.stat().st_mtime_ns for p in destination.rglob("*") if p.is_file()}
    second = run(site, destination)
    assert first.pages_rendered == first.pages
    assert (second.pages_rendered, second.files_written, second.sources_from_cache) == (0, 0, 120)
    assert {p: p.stat().st_mtime_ns for p in destination.rglob("*") if p.is_file()} == mtimes


def _restore_a_copy(destination: Path, scratch: Path) -> None:
    """The published tree replaced by a copy of itself keeping every mtime (a CI cache
    restored): every file and folder gets a new inode."""
    shutil.copytree(destination, scratch / "saved", copy_function=shutil.copy2)
    shutil.rmtree(destination)
    (scratch / "saved").rename(destination)


@pytest.mark.parametrize("rebuilds_before", [0, 1])
def test_a_restored_copy_of_the_published_tree_renders_nothing_again(
    site: Path, tmp_path: Path, rebuilds_before: int
) -> None:
    """Pages are compared by inode only in the folder they were written to: a copy of
    the tree, after a first build or a later one, is judged by size and mtime."""
    destination = tmp_path / "out"
    for _ in range(1 + rebuilds_before):
        run(site, destination)
    _restore_a_copy(destination, tmp_path)
    assert run(site, destination).pages_rendered == 0
    _replace(site / "content/_posts/2022-04-03-p2.md", "第2篇的正文", "新的正文")
    _restore_a_copy(destination, tmp_path)
    after_edit = run(site, destination)
    assert 0 < after_edit.pages_rendered < after_edit.pages // 4
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


def test_a_page_replaced_by_a_file_of_its_size_and_mtime_is_rendered_again(
    site: Path, tmp_path: Path
) -> None:
    """In the folder a page was written to, a file with another inode is another file,
    whatever its size and mtime (`mv` of an edited copy after `touch -r`)."""
    destination = tmp_path / "out"
    run(site, destination)
    page = sorted(destination.glob("*/*/**/*.html"))[0]
    data = page.read_bytes()
    forged = tmp_path / "forged.html"
    forged.write_bytes(data.replace(b"<", b"(", 1))
    os.utime(forged, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns))
    forged.rename(page)
    assert run(site, destination).pages_rendered == 1
    assert page.read_bytes() == data


def test_after_a_restore_one_build_stamps_the_copy_and_the_next_judges_it_strictly(
    site: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    _restore_a_copy(destination, tmp_path)
    assert run(site, destination).pages_rendered == 0  # the copy's pages stamped again
    assert run(site, destination).pages_rendered == 0  # and kept as they are
    page = sorted(destination.glob("*/*/**/*.html"))[0]
    data, info = page.read_bytes(), page.stat()
    forged = tmp_path / "forged.html"
    forged.write_bytes(data.replace(b"<", b"(", 1))
    os.utime(forged, ns=(info.st_atime_ns, info.st_mtime_ns))
    forged.rename(page)
    assert run(site, destination).pages_rendered == 1
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


def test_one_edit_re_renders_only_the_pages_it_affects(site: Path, tmp_path: Path) -> None:
    destination = tmp_path / "out"
    first = run(site, destination)
    _replace(site / "content/_posts/2022-04-03-p2.md", "第2篇的正文", "新的正文")
    second = run(site, destination)
    assert 0 < second.pages_rendered < first.pages // 4
    assert second.sources_from_cache == 119
    changed = {str(path) for path in second.changed_paths}
    assert "cat2/2022/04/03/p2.html" in changed
    assert "sitemap.xml" not in changed  # the post's date did not change, so neither did its lastmod


def test_template_change_re_renders_only_pages_using_it(site: Path, tmp_path: Path) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    write_files(site, {"templates/tag.html": "TAG {{ listing.title }}\n"})
    result = run(site, destination)
    changed = {str(path) for path in result.changed_paths}
    assert changed and all(path.startswith("tag/") for path in changed)
    tag_pages = [
        page
        for page in (destination / "tag").rglob("*.html")
        if page.read_text(encoding="utf-8").startswith("TAG")
    ]
    assert result.pages_rendered == len(tag_pages)
    # The rest are the forwards above each tag's newest numbered page (the redirect template).
    assert all(
        "refresh" in page.read_text(encoding="utf-8")
        for page in (destination / "tag").rglob("*.html")
        if page not in tag_pages
    )


def test_output_is_the_same_whatever_the_job_count(site: Path, tmp_path: Path) -> None:
    run(site, tmp_path / "one", jobs=1, cache=False)
    run(site, tmp_path / "two", jobs=2, cache=False)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_cache_is_safe_to_delete(site: Path, tmp_path: Path) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    shutil.rmtree(site / ".sitegen-cache")
    result = run(site, destination)
    assert result.sources_from_cache == 0
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


@pytest.mark.parametrize("damage", [b"garbage, not a database" * 100, b""])
def test_corrupt_cache_is_detected_and_rebuilt_never_trusted(
    site: Path, tmp_path: Path, damage: bytes
) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    cache_file = site / ".sitegen-cache" / CACHE_FILE_NAME
    for leftover in cache_file.parent.glob(CACHE_FILE_NAME + "-*"):
        leftover.unlink()
    cache_file.write_bytes(damage)
    _replace(site / "content/_posts/2022-04-03-p2.md", "第2篇", "改了标题")
    result = run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)
    if damage:
        assert any("cache" in str(d) for d in result.warnings)


@pytest.mark.parametrize("table", ["sources", "loaded", "bodies", "derived", "state", "meta"])
def test_a_cache_missing_a_table_is_rebuilt_never_a_crash(site: Path, tmp_path: Path, table: str) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    with sqlite3.connect(site / ".sitegen-cache" / CACHE_FILE_NAME) as connection:
        connection.execute(f"DROP TABLE {table}")
    _replace(site / "content/_posts/2022-04-03-p2.md", "第2篇", "改了标题")
    result = run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)
    assert any("cache" in str(d) for d in result.warnings) or table == "meta"


def test_a_hand_edited_output_file_is_rewritten(site: Path, tmp_path: Path) -> None:
    destination = tmp_path / "out"
    run(site, destination)
    page = destination / "cat2/2022/04/03/p2.html"
    page.write_text("vandalised", encoding="utf-8")
    os.utime(page, ns=(1, 1))
    run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


def test_profile_names_stages_and_templates(site: Path, tmp_path: Path) -> None:
    report = format_profile(run(site, tmp_path / "out"))
    for stage in ("scan", "load", "plan", "render", "write"):
        assert f"profile: {stage}" in report
    assert "post.html" in report and "category.html" in report


def test_progress_prints_plain_lines_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    clock = iter([100.0, 105.0, 106.0, 120.0])
    monkeypatch.setattr("sitegen.progress.time.monotonic", lambda: next(clock))
    printer = ProgressPrinter(stream)  # started at 100 s
    printer("rendered", 10, 100)  # 105 s: past the quiet period, first line
    printer("rendered", 20, 100)  # 106 s: too soon after the last line
    printer("rendered", 90, 100)  # 120 s: printed
    assert stream.getvalue().splitlines() == ["rendered 10 of 100 (5 s)", "rendered 90 of 100 (20 s)"]


def test_a_same_size_edit_within_the_same_mtime_tick_is_not_missed(tmp_path: Path) -> None:
    """A crawler can rewrite a post right after a build read it, within one tick of the
    file system's clock and with the same size: its mtime does not move."""
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post("甲")}
    )
    source = site / "content/_posts/2022-05-27-a.md"
    written = source.stat()
    run(site, tmp_path / "out")
    source.write_text(post("乙"), encoding="utf-8")
    os.utime(source, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert source.stat().st_size == written.st_size and source.stat().st_mtime_ns == written.st_mtime_ns
    run(site, tmp_path / "out")
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path)


def test_a_same_size_copy_that_keeps_the_old_mtime_is_not_missed(tmp_path: Path) -> None:
    """`cp -p`, `rsync -a` and `tar x` write new bytes under the old mtime; the ctime and
    inode still move, as git's index notices."""
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post("甲")}
    )
    source = site / "content/_posts/2022-05-27-a.md"
    old = source.stat()
    os.utime(source, ns=(old.st_atime_ns, old.st_mtime_ns - 10_000_000_000))
    wait_until_settled(source)  # past the window in which a just-written file is re-read anyway
    run(site, tmp_path / "out")
    written = source.stat()
    copy = tmp_path / "copy.md"
    copy.write_text(post("乙"), encoding="utf-8")
    os.utime(copy, ns=(written.st_atime_ns, written.st_mtime_ns))
    os.replace(copy, source)
    assert source.stat().st_size == written.st_size and source.stat().st_mtime_ns == written.st_mtime_ns
    run(site, tmp_path / "out")
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path)


def test_a_first_builds_sources_are_keyed_as_a_rebuild_keys_them(site: Path, tmp_path: Path) -> None:
    """A first build hashes each file in the worker that loads it; a rebuild whose files
    all have new stamps (a fresh checkout) hashes them here: the keys must agree, or
    every post would be loaded again."""
    first = run(site, tmp_path / "out")
    assert first.sources_from_cache == 0
    for path in (site / "content/_posts").iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000_000))
    again = run(site, tmp_path / "out")
    assert again.sources_from_cache == len(list((site / "content/_posts").iterdir())) > 0
    assert again.pages_rendered == 0


def test_a_category_titled_in_the_config_loads_nothing_and_renders_only_what_shows_it(
    tmp_path: Path,
) -> None:
    """A crawler-fed site names new categories' titles in `_config.yml` as they appear:
    that must cost the pages that show the title, not a load of every post and a render
    of every page."""
    posts = generated_posts(130, month=4, categories=13, tags=4, body="<p>第{number}篇</p>\n")
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG + "paginate: 5\n", **posts})
    destination = tmp_path / "out"
    first = run(site, destination)
    # Thirteen categories of ten posts: the top bar shows the first ten by name, not cat9.
    _replace(site / "_config.yml", "paginate: 5", "paginate: 5\ncategory_titles:\n  cat9: 第九栏目")
    second = run(site, destination)
    assert second.sources_from_cache == 130
    shown = [path for path, data in tree_bytes(destination).items() if "第九栏目".encode() in data]
    assert 10 <= second.pages_rendered <= len(shown) + 5 < first.pages // 4
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)
