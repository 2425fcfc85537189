"""A site whose Liquid uses `{% include_relative %}` gets no-change runs, and the check
still sees every change to what it read: the files it read are followed, and where one
lies beyond the check's walk or its Liquid reads the clock, every build runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.incremental.relative_includes import followed_texts
from sitegen.skipped_folders import SKIPPED_FOLDERS
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_no_change import _clean_tree
from tests.test_no_change_inputs import _cli_build, _never_skipped, _rewrite_same_size, _settled

PAGE = "content/about.md"


def _site(root: Path, parts: dict[str, str], chain: int = 1) -> Path:
    """A site whose page includes `parts/p0.md`, which includes `parts/p1.md`, … down to
    `parts/p{chain - 1}.md` (each path beside the page, as Jekyll resolves a nested
    `include_relative`), plus the files `parts` gives (below `content/`)."""
    files = {
        "_config.yml": CONFIG,
        "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
        PAGE: "---\ntitle: 关于\n---\n关于 {% include_relative parts/p0.md %}\n",
    }
    for depth in range(chain):
        follow = f" {{% include_relative parts/p{depth + 1}.md %}}" if depth + 1 < chain else ""
        files[f"content/parts/p{depth}.md"] = f"第{depth}层 v1{follow}\n"
    files.update({f"content/{name}": text for name, text in parts.items()})
    return write_files(root / "site", files)


def test_a_site_with_an_include_relative_is_skipped_when_nothing_changed(tmp_path: Path) -> None:
    site = _site(tmp_path, {})
    destination = tmp_path / "out"
    _settled(site, destination)
    assert "第0层 v1" in (destination / "about.html").read_text(encoding="utf-8")


def test_an_edit_to_the_included_file_is_a_change(tmp_path: Path) -> None:
    site = _site(tmp_path, {})
    destination = tmp_path / "out"
    _settled(site, destination)
    _rewrite_same_size(site / "content/parts/p0.md", "v1", "v2")
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert "第0层 v2" in (destination / "about.html").read_text(encoding="utf-8")
    assert tree_bytes(destination) == _clean_tree(site, tmp_path)


def test_a_missing_include_created_later_is_a_change(tmp_path: Path) -> None:
    site = _site(tmp_path, {})
    (site / "content/parts/p0.md").unlink()
    destination = tmp_path / "out"
    code_line = _cli_build(site, destination)
    assert not code_line.startswith("nothing changed")
    assert _cli_build(site, destination).startswith("nothing changed")
    write_files(site, {"content/parts/p0.md": "第0层 v1\n"})
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert "第0层 v1" in (destination / "about.html").read_text(encoding="utf-8")
    assert tree_bytes(destination) == _clean_tree(site, tmp_path)


@pytest.mark.parametrize(
    "markup", ['{{ "now" | date: "%Y" }}', "{{ site.time }}", "{{ site | jsonify | size }}"]
)
def test_an_included_file_reading_the_clock_is_never_skipped(tmp_path: Path, markup: str) -> None:
    site = _site(tmp_path, {"parts/p0.md": f"第0层 {markup}\n"})
    _never_skipped(site, tmp_path / "out")


def test_an_include_through_a_link_out_of_the_site_is_never_skipped(tmp_path: Path) -> None:
    """The check does not walk what a link out of the site leads to: an edit there
    would never be seen, so such a site builds every time."""
    elsewhere = write_files(tmp_path / "elsewhere", {"p0.md": "第0层 v1\n"})
    site = _site(tmp_path, {})
    (site / "content/parts/p0.md").unlink()
    (site / "content/parts/p0.md").symlink_to(elsewhere / "p0.md")
    destination = tmp_path / "out"
    _never_skipped(site, destination)
    assert "第0层 v1" in (destination / "about.html").read_text(encoding="utf-8")


_HAZARDS = ("none", "clock", "link out", "link into a skipped folder")


@settings(max_examples=8, deadline=None)
@given(
    chain=st.integers(min_value=1, max_value=3),
    depth=st.integers(min_value=0, max_value=2),
    hazard=st.sampled_from(_HAZARDS),
    skipped=st.sampled_from(sorted(SKIPPED_FOLDERS)),
)
def test_a_chain_of_relative_includes_is_followed_to_its_end(
    tmp_path_factory: pytest.TempPathFactory, chain: int, depth: int, hazard: str, skipped: str
) -> None:
    """A chain of nested `include_relative`s, one file of it (at `depth`) reading the
    clock, or reached through a link out of the site or into a folder the check never
    enters, or none: the site gets no-change runs exactly when nothing of the chain is
    beyond the check, and then an edit to the last file of the chain is a change."""
    root = tmp_path_factory.mktemp("chain")
    depth = min(depth, chain - 1)
    site = _site(root, {}, chain)
    hazardous = site / f"content/parts/p{depth}.md"
    text = hazardous.read_text(encoding="utf-8")
    if hazard == "clock":
        hazardous.write_text(text.replace("v1", '{{ "now" | date: "%Y" }} v1'), encoding="utf-8")
    elif hazard != "none":
        held = root / "elsewhere" if hazard == "link out" else site / skipped
        held.mkdir(parents=True, exist_ok=True)
        shutil.move(hazardous, held / hazardous.name)
        hazardous.symlink_to(held / hazardous.name)
    destination = root / "out"
    if hazard != "none":
        _never_skipped(site, destination)
        return
    _settled(site, destination)
    _rewrite_same_size(site / f"content/parts/p{chain - 1}.md", "v1", "v2")
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert tree_bytes(destination) == _clean_tree(site, root)


@settings(max_examples=30, deadline=None)
@given(
    way=st.lists(
        st.sampled_from(["parts", "deep", "..", "_includes", "_data", *sorted(SKIPPED_FOLDERS)]),
        min_size=1,
        max_size=4,
    ),
    text=st.one_of(st.none(), st.text(max_size=5)),
)
def test_a_file_looked_for_counts_only_where_the_check_walks(
    tmp_path_factory: pytest.TempPathFactory, way: list[str], text: str | None
) -> None:
    """`followed_texts` of one file looked for: its text where every folder on its way is
    inside the site and entered by the check, else None (outside the site, in the
    destination or cache, or below a folder the check skips, but below `_includes`)."""
    site = tmp_path_factory.mktemp("site")
    destination, cache = site / "_site", site / ".cache-elsewhere"
    candidate = site.joinpath(*way, "p.md")
    folders = os.path.relpath(os.path.normpath(candidate), site).split(os.sep)[:-1]
    # The walk leaves out a skipped name, but none below `_includes` or `_data`.
    read_whole = [at for at, name in enumerate(folders) if name in ("_includes", "_data")]
    considered = folders[: read_whole[0]] if read_whole else folders
    walked = ".." not in folders and not any(name in SKIPPED_FOLDERS for name in considered)
    expected = (() if text is None else (text,)) if walked else None
    assert followed_texts([(candidate, text)], site, (destination, cache)) == expected
    assert followed_texts([(destination / "p.md", text)], site, (destination, cache)) is None
    assert followed_texts([(cache / "x" / "p.md", text)], site, (destination, cache)) is None
