"""The no-change check sees every input a build reads: hidden folders `include:` brings
in, mtimes the output prints, and Sass import folders outside the site."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.liquid.file_times import reads_file_times
from sitegen.skipped_folders import SKIPPED_FOLDERS
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.racy import racy_window
from tests.test_no_change import _clean_tree
from tests.test_no_change import _cli_build as cli_build

_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=8)


def _cli_build(site: Path, destination: Path, *options: str) -> str:
    """`sitegen build` in process, which must succeed; the summary line it printed."""
    code, summary = cli_build(site, destination, *options)
    assert code == 0
    return summary


def _settled(site: Path, destination: Path, *options: str) -> None:
    """Build until the check says nothing changed (a first build, or one that met a new
    outside folder, is followed by one more). The files were written moments ago, inside
    the racy window, where a site reading mtimes is always built: a zero window makes the
    check trust their stamps, as it does for files older than the window."""
    with racy_window(0):
        for _ in range(3):
            if _cli_build(site, destination, *options).startswith("nothing changed"):
                return
    raise AssertionError("never settled")


def _never_skipped(site: Path, destination: Path) -> None:
    """Two builds in a row, neither of them skipped: the site's output reads the clock,
    or something the check cannot see."""
    for _ in range(2):
        assert not _cli_build(site, destination).startswith("nothing changed")


def _rewrite_same_size(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _an_edit_is_a_change(root: Path, config: str, file: str, text: str) -> None:
    """A site holding `file` (whose `text` says v1), settled; `file` then rewritten to
    say v2 at the same size must be built, and equal a clean build."""
    site = write_files(
        root / "site",
        {
            "_config.yml": config,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            file: text,
        },
    )
    destination = root / "out"
    _settled(site, destination)
    _rewrite_same_size(site / file, "v1", "v2")
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert tree_bytes(destination) == _clean_tree(site, root)


@settings(max_examples=6, deadline=None)
@given(hidden=_NAMES.map(lambda name: "." + name), nested=st.booleans())
def test_an_edit_in_an_included_hidden_folder_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, hidden: str, nested: bool
) -> None:
    folder = f"content/assets/{hidden}" if nested else f"content/{hidden}"
    config = CONFIG + f"include: ['{hidden}']\n"
    _an_edit_is_a_change(tmp_path_factory.mktemp("hidden"), config, f"{folder}/security.txt", "Contact: v1\n")


def _include_pattern(name: str, how: str) -> str:
    """A pattern of `include` that names `name`: itself, a glob, or Jekyll's folder form."""
    return {"name": name, "glob": name[:2] + "*", "folder": name + "/"}[how]


@settings(max_examples=10, deadline=None)
@given(
    name=st.sampled_from(sorted(SKIPPED_FOLDERS)),
    how=st.sampled_from(["name", "glob", "folder"]),
    nested=st.booleans(),
)
def test_an_edit_in_a_folder_the_check_skips_is_a_change_once_include_names_it(
    tmp_path_factory: pytest.TempPathFactory, name: str, how: str, nested: bool
) -> None:
    """The check never walks `.tox` or `.git` by itself; `include: [.tox]` publishes
    it, and its files are then inputs like any other."""
    folder = f"content/assets/{name}" if nested else f"content/{name}"
    config = CONFIG + f"include: ['{_include_pattern(name, how)}']\n"
    _an_edit_is_a_change(tmp_path_factory.mktemp("entered"), config, f"{folder}/notes.txt", "v1\n")


# Folder names a build reads (not hidden, not special to Jekyll) built from pieces of
# the names sitegen gives its own folders: only hidden ones are sitegen's.
_READ_NAMES = (
    st.lists(
        st.sampled_from(
            ["notes", "a", "sitegen", ".sitegen", ".sitegen-", "-cache", "-v1", ".git", "staging"]
        ),
        min_size=1,
        max_size=4,
    )
    .map("".join)
    .filter(lambda name: not name.startswith((".", "_", "#", "-")) and not name.endswith("~"))
)


@settings(max_examples=8, deadline=None)
@given(name=_READ_NAMES, nested=st.booleans())
def test_an_edit_in_any_folder_the_build_reads_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, name: str, nested: bool
) -> None:
    folder = f"content/assets/{name}" if nested else f"content/{name}"
    _an_edit_is_a_change(tmp_path_factory.mktemp("read"), CONFIG, f"{folder}/notes.txt", "v1\n")


@pytest.mark.parametrize("folder", [".git", ".hg", "content/__pycache__", "._out.sitegen-previous"])
def test_version_control_and_own_folders_are_not_inputs(tmp_path: Path, folder: str) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post(), f"{folder}/x": "1"},
    )
    destination = site / "out" if "sitegen" in folder else tmp_path / "out"
    _settled(site, destination)
    write_files(site, {f"{folder}/x": "2", f"{folder}/y": "new"})
    assert _cli_build(site, destination).startswith("nothing changed")


_MOMENTS = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2024, 12, 31))


def _touching_is_a_change(
    root: Path, files: dict[str, str], touched: str, moment: datetime, *options: str
) -> None:
    """Build a one-post site with `files`, the file `touched` dated long ago; give it the
    mtime `moment`: the next build must run and publish what a clean build does."""
    site = write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            **files,
        },
    )
    path = site / touched
    os.utime(path, (datetime(2000, 6, 6, 12).timestamp(),) * 2)
    destination = root / "out"
    _settled(site, destination, *options)
    os.utime(path, (moment.timestamp(),) * 2)
    assert not _cli_build(site, destination, *options).startswith("nothing changed")
    assert tree_bytes(destination) == _clean_tree(site, root, drafts="--drafts" in options)


@settings(max_examples=5, deadline=None)
@given(moment=_MOMENTS)
def test_a_touched_undated_draft_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, moment: datetime
) -> None:
    draft = "content/_drafts/x.md"
    files = {draft: "---\ntitle: 草稿\n---\n<p>无日期。</p>\n"}
    _touching_is_a_change(tmp_path_factory.mktemp("draft"), files, draft, moment, "--drafts")


_LISTING = "{% for f in site.static_files %}{{ f.path }} {{ f.modified_time | date: '%F' }}\n{% endfor %}"


@settings(max_examples=5, deadline=None)
@given(moment=_MOMENTS)
def test_a_touched_static_file_whose_mtime_liquid_prints_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, moment: datetime
) -> None:
    static = "content/assets/logo.txt"
    files = {"content/files.md": f"---\ntitle: 文件\n---\n{_LISTING}", static: "logo\n"}
    _touching_is_a_change(tmp_path_factory.mktemp("static"), files, static, moment)


def test_a_fresh_checkout_of_a_site_reading_no_mtime_is_still_no_change(tmp_path: Path) -> None:
    """Static files and Liquid, but no Liquid that prints an mtime: contents decide."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            "content/about.md": "---\ntitle: 关于\n---\n{{ site.title }} {{ page.title }}\n",
            "content/assets/logo.txt": "logo\n",
        },
    )
    destination = tmp_path / "out"
    _settled(site, destination)
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, copy_function=shutil.copy)
    shutil.rmtree(site)
    copy.rename(site)
    assert _cli_build(site, destination).startswith("nothing changed")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("{{ site.title }} {% for p in site.posts %}{{ p.url }}{% endfor %}", False),
        ("{{ f.modified_time }}", True),
        ("{% for f in site.static_files %}{% endfor %}", True),
        ("{{ site | jsonify }}", True),
        ('{{ site["static_files"] }}', True),
        ("{% include_relative x.md %}", False),  # what it read decides: `relative_includes`
        ("static_files outside markup {{ page.title }}", False),
    ],
)
def test_liquid_reading_file_times_is_recognised(markup: str, expected: bool) -> None:
    assert reads_file_times([markup]) is expected


def test_an_edit_in_a_sass_load_path_outside_the_site_is_a_change(tmp_path: Path) -> None:
    elsewhere = write_files(tmp_path / "elsewhere" / "sass", {"_vars.scss": "$accent: #111111;\n"})
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + f"sass:\n  load_paths: ['{elsewhere}']\n",
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            "content/assets/style.scss": '---\n---\n@import "vars";\na { color: $accent; }\n',
        },
    )
    destination = tmp_path / "out"
    _settled(site, destination)
    _rewrite_same_size(elsewhere / "_vars.scss", "#111111", "#222222")
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert "#222222" in (destination / "assets" / "style.css").read_text(encoding="utf-8")
    assert tree_bytes(destination) == _clean_tree(site, tmp_path)
    assert _cli_build(site, destination).startswith("nothing changed")
    write_files(elsewhere, {"_more.scss": "b { c: d; }\n"})
    assert not _cli_build(site, destination).startswith("nothing changed")
