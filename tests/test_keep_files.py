"""Jekyll's `keep_files`: what it keeps in the destination survives every build.

A site deployed from a checkout inside its destination (`_site/.git`), or with a `CNAME`
made there by hand, lost both: sitegen ignored the setting, refused the destination, and
with `--force` removed them (a swap publishes only the planned files). Jekyll keeps every
path starting with an entry (`Cleaner#keep_file_regex`), `[.git, .svn]` by default.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import ConfigError, OutputError
from tests.conftest import build, jekyll_build, post, write_files

#: Paths a destination may hold besides what sitegen publishes.
_EXTRA = (".git/HEAD", ".git/objects/ab/cd", ".gitignore", ".svn/entries", "CNAME", "CNAME.bak",
          "keep/a.txt", "keep/deep/b.txt", "old.html", "assets/vendor/x.js", "notes.txt")  # fmt: skip
_ENTRIES = st.sampled_from([".git", ".svn", "CNAME", "keep/", "keep", "assets/vendor", "notes", "nothing"])


def _site(root: Path, keep: list[str] | None, posts: int) -> Path:
    config = "title: T\nurl: https://e.example.com\n" + (
        "" if keep is None else f"keep_files: {json.dumps(keep)}\n"
    )
    files: dict[str, str | bytes] = {"_config.yml": config}
    for number in range(posts):
        files[f"_posts/2024-01-{number + 1:02d}-p{number}.md"] = post(f"第{number}篇")
    return write_files(root, files)


def _kept_by(keep: list[str] | None, path: str) -> bool:
    entries = [".git", ".svn"] if keep is None else keep
    return any(entry and path.startswith(entry) for entry in entries)


@settings(max_examples=25, deadline=None)
@given(
    keep=st.one_of(st.none(), st.lists(_ENTRIES, max_size=3)),
    extra=st.sets(st.sampled_from(_EXTRA), min_size=1),
    posts=st.tuples(st.integers(1, 4), st.integers(1, 4)),
)
def test_what_keep_files_keeps_survives_first_builds_rebuilds_and_swaps(
    keep: list[str] | None, extra: set[str], posts: tuple[int, int]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = _site(Path(scratch) / "site", keep, posts[0])
        destination = Path(scratch) / "out"
        for path in sorted(extra):
            (destination / path).parent.mkdir(parents=True, exist_ok=True)
            (destination / path).write_text(f"own {path}\n", encoding="utf-8")
        kept = {path for path in extra if _kept_by(keep, path)}
        if kept != extra:  # files nobody asked to keep: refused without --force, as before
            with pytest.raises(OutputError, match="did not write"):
                build(site, destination=destination)
        result = build(site, destination=destination, force=kept != extra)
        assert not result.errors
        # A rebuild that changes every page (a swap, where nothing is kept) and one that
        # changes a few (published in place).
        _site(site, keep, posts[1])
        (site / "_config.yml").write_text((site / "_config.yml").read_text().replace("title: T", "title: U"))
        build(site, destination=destination)
        (site / "_posts/2024-01-01-p0.md").write_text(post("改"), encoding="utf-8")
        build(site, destination=destination)
        for path in kept:
            assert (destination / path).read_text(encoding="utf-8") == f"own {path}\n", path
        for path in extra - kept:
            assert not (destination / path).exists(), path
        clean = Path(scratch) / "clean"  # beside what it keeps, the tree is a clean build's
        build(site, destination=clean, cache=False)
        published = {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()}
        live = {p.relative_to(destination): p.read_bytes() for p in destination.rglob("*") if p.is_file()}
        assert {path: data for path, data in live.items() if path.as_posix() not in kept} == published


def test_keep_files_keeps_what_jekyll_keeps(tmp_path: Path) -> None:
    """The same destination, with the same files of its own, built by each."""
    site = _site(tmp_path / "site", [".git", "CNAME", "keep"], 2)
    holders = {}
    for tool in ("jekyll", "sitegen"):
        destination = tmp_path / tool
        for path in _EXTRA:
            (destination / path).parent.mkdir(parents=True, exist_ok=True)
            (destination / path).write_text(f"own {path}\n", encoding="utf-8")
        if tool == "jekyll":
            jekyll_build(site, destination)
        else:
            build(site, destination=destination, force=True)
        holders[tool] = {path for path in _EXTRA if (destination / path).is_file()}
    assert holders["sitegen"] == holders["jekyll"]
    assert holders["jekyll"] == {".git/HEAD", ".git/objects/ab/cd", ".gitignore", "CNAME", "CNAME.bak",
                                 "keep/a.txt", "keep/deep/b.txt"}  # fmt: skip


def test_a_folder_entry_with_a_slash_keeps_its_files(tmp_path: Path) -> None:
    """`keep/`: Jekyll's cleaner keeps the files below (the entry is their prefix) but
    removes the folder `keep` itself, whole, which the entry does not match; sitegen keeps
    what the entry names, files and folder."""
    site = _site(tmp_path / "site", ["keep/"], 1)
    destination = tmp_path / "out"
    for path in ("keep/a.txt", "keep/deep/b.txt"):
        (destination / path).parent.mkdir(parents=True, exist_ok=True)
        (destination / path).write_text(path, encoding="utf-8")
    build(site, destination=destination)
    assert (destination / "keep/deep/b.txt").read_text(encoding="utf-8") == "keep/deep/b.txt"


def test_keep_files_entries_that_are_no_text_cost_those_entries_only(tmp_path: Path) -> None:
    """`keep_files: [CNAME, 5, null]` threw the whole list away ("must be a list of names,
    not a list"); as for `exclude`, only the entries that are not text are dropped, one
    warning at the key's line, and `keep_files: 5` stops the build, as it stops Jekyll."""
    site = write_files(tmp_path / "site", {"_config.yml": "title: T\nkeep_files: [CNAME, 5, null]\n"})
    (tmp_path / "out").mkdir()
    (tmp_path / "out/CNAME").write_text("news.example.com\n", encoding="utf-8")
    result = build(site, destination=tmp_path / "out")
    (note,) = [d for d in result.diagnostics if "keep_files" in d.message]
    assert note.line == 2 and "'5', null" in note.message, note
    assert (tmp_path / "out/CNAME").read_text(encoding="utf-8") == "news.example.com\n"
    (site / "_config.yml").write_text("title: T\nkeep_files: 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'keep_files' must be a list of names"):
        build(site, destination=tmp_path / "out")
