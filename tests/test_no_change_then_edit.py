"""Files changed after the no-change check and before the build reads them.

The check walks and stats every source before the pipeline is imported, and hands the
build the content digests it trusts. What its walk saw is not what the build may take
as the sources: a post saved, added, removed or renamed in the moment between the two
is the build's to read (the scan lists the folder again, the load stats each file
again), so the build publishes what a clean build of the files as they are then
publishes, and the next build finds nothing left to do; saved back to the bytes the
check saw, they are a change again (the pages are of the bytes in between). Every stamp
here is trusted at once (no racy window), as stamps two seconds old are: a stat the
check took is then exactly what a stale hand-off would wrongly believe.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.incremental import manifest
from tests.conftest import CLEAN_COMPILED_TEMPLATES, CONFIG, post, sitegen_main, tree_bytes, write_files
from tests.racy import racy_window

_POSTS = "content/_posts"
_STUB = "---\nlayout: category\ntitle: 新京报\ncategory: xinjingbao\n---\n"


def _site(root: Path) -> Path:
    return write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            f"{_POSTS}/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800", body="<p>正文甲。</p>\n"),
            f"{_POSTS}/2022-05-02-b.md": post("乙", "2022-05-02 10:00:00 +0800", body="<p>正文乙。</p>\n"),
            f"{_POSTS}/2022-05-03-c.md": post("丙", "2022-05-03 10:00:00 +0800", categories="xinlang"),
            "content/category/xinjingbao.md": _STUB,
            "content/notes.txt": "plain\n",
        },
    )


def _posts(site: Path) -> list[Path]:
    return sorted((site / _POSTS).glob("*.md"))


def _same_size_edit(site: Path, pick: int) -> None:
    path = _posts(site)[pick % len(_posts(site))]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("正文", "副文", 1) if "正文" in text else text.replace("副文", "正文", 1))


def _title_edit(site: Path, pick: int) -> None:
    path = _posts(site)[pick % len(_posts(site))]
    path.write_text(path.read_text(encoding="utf-8").replace('title: "', f'title: "改{pick}', 1))


def _add(site: Path, pick: int) -> None:
    write_files(
        site,
        {f"{_POSTS}/2022-06-{1 + pick % 27:02d}-n{pick}.md": post(f"新{pick}", "2022-06-01 09:00:00 +0800")},
    )


def _remove(site: Path, pick: int) -> None:
    if len(_posts(site)) > 1:
        _posts(site)[pick % len(_posts(site))].unlink()


def _rename(site: Path, pick: int) -> None:
    path = _posts(site)[pick % len(_posts(site))]
    path.rename(site / _POSTS / f"2022-07-{1 + pick % 27:02d}-r{pick}.md")


def _page_to_plain_file(site: Path, pick: int) -> None:
    """The category page loses its front matter: a file the load copies, not a page."""
    (site / "content/category/xinjingbao.md").write_text(f"plain {pick}\n", encoding="utf-8")


def _plain_file_to_page(site: Path, pick: int) -> None:
    (site / "content/notes.txt").write_text(f"---\ntitle: 笔记{pick}\n---\n正文\n", encoding="utf-8")


def _post_to_link(site: Path, pick: int) -> None:
    """A post replaced by a symlink to another post of the site (read as its target)."""
    posts = _posts(site)
    if len(posts) > 1:
        path = posts[pick % len(posts)]
        path.unlink()
        path.symlink_to(posts[(pick + 1) % len(posts)].name)


CHANGES: dict[str, Callable[[Path, int], object]] = {
    "edit a post, same size": _same_size_edit,
    "edit a post's title": _title_edit,
    "add a post": _add,
    "remove a post": _remove,
    "rename a post": _rename,
    "a page loses its front matter": _page_to_plain_file,
    "a plain file gains front matter": _plain_file_to_page,
    "a post becomes a symlink": _post_to_link,
}


@contextmanager
def _changed_after_the_check(changes: Sequence[Callable[[], object]]) -> Iterator[None]:
    """The next check runs as usual; `changes` are made the moment it returns."""
    real = manifest.probe

    def probe_then_change(request: manifest.BuildRequest, *, forked: bool = True) -> manifest.Probe:
        found = real(request, forked=forked)
        for change in changes:
            change()
        return found

    manifest.probe = probe_then_change
    try:
        yield
    finally:
        manifest.probe = real


def _cli_build(site: Path, destination: Path) -> str:
    """`sitegen build`, its cache beside the destination (a site copied back over
    itself must not bring the cache of an earlier build with it)."""
    cache = destination.with_name("cache")
    code, printed, _ = sitegen_main(
        "build", "-s", str(site), "-d", str(destination), "--cache-dir", str(cache)
    )
    assert code == 0
    return printed


def _clean_tree(site: Path, scratch: Path) -> dict[str, bytes]:
    destination = scratch / "clean"
    shutil.rmtree(destination, ignore_errors=True)
    build_site(
        BuildOptions(
            source=site,
            destination=destination,
            cache=False,
            cache_dir=scratch / "clean-cache",
            compiled_templates=CLEAN_COMPILED_TEMPLATES,
        )
    )
    return tree_bytes(destination)


@settings(max_examples=10)
@given(
    steps=st.lists(st.tuples(st.sampled_from(sorted(CHANGES)), st.integers(0, 50)), min_size=1, max_size=3),
    saved_back=st.booleans(),
)
def test_a_change_between_the_check_and_the_build_is_what_the_build_publishes(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]], saved_back: bool
) -> None:
    root = tmp_path_factory.mktemp("then-edit")
    site, destination = _site(root), root / "out"
    as_checked = root / "as-checked"
    with racy_window(0):
        _cli_build(site, destination)
        # A post added before the check, so that it finds a change and the build runs
        # (with nothing changed yet it rightly skips, and the next check sees the rest).
        _add(site, 99)
        keep = partial(shutil.copytree, site, as_checked, symlinks=True)
        changes: list[Callable[[], object]] = [
            keep,
            *(partial(CHANGES[name], site, pick) for name, pick in steps),
        ]
        with _changed_after_the_check(changes):
            assert not _cli_build(site, destination).startswith("nothing changed")
        assert tree_bytes(destination) == _clean_tree(site, root), steps
        if saved_back:
            # Every file as the check saw it again (an undo, a `git stash pop`): the
            # published pages are not what these files make, so this is a change too.
            shutil.rmtree(site)
            shutil.copytree(as_checked, site, symlinks=True)
        # The manifest holds what the check saw, so the next check sees the change too
        # and builds once more; then nothing is left to do.
        _cli_build(site, destination)
        assert tree_bytes(destination) == _clean_tree(site, root), (steps, saved_back)
        assert _cli_build(site, destination).startswith("nothing changed")


def test_a_post_saved_between_the_check_and_the_build_is_published_as_saved(tmp_path: Path) -> None:
    site, destination = _site(tmp_path), tmp_path / "out"
    saved = post("甲", "2022-05-01 10:00:00 +0800", body="<p>新正文。</p>\n")
    with racy_window(0):
        _cli_build(site, destination)
        _add(site, 99)
        with _changed_after_the_check([lambda: (site / _POSTS / "2022-05-01-a.md").write_text(saved)]):
            _cli_build(site, destination)
    page = destination / "xinjingbao/2022/05/01/a.html"
    assert "新正文" in page.read_text(encoding="utf-8")


def test_a_post_saved_after_the_check_then_saved_back_is_built_again(tmp_path: Path) -> None:
    """The build published the post as saved mid-build; the check had hashed it as it
    was before, so the same bytes again must not read as "nothing changed"."""
    site, destination = _site(tmp_path), tmp_path / "out"
    target = site / _POSTS / "2022-05-01-a.md"
    before = target.read_bytes()
    with racy_window(0):
        _cli_build(site, destination)
        _add(site, 99)
        with _changed_after_the_check(
            [lambda: target.write_bytes(before.replace("正文甲".encode(), "改过的".encode()))]
        ):
            _cli_build(site, destination)
        target.write_bytes(before)
        assert not _cli_build(site, destination).startswith("nothing changed")
    page = destination / "xinjingbao/2022/05/01/a.html"
    assert "正文甲" in page.read_text(encoding="utf-8")
