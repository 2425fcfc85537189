"""A change made while a build runs, after the no-change check read the inputs and before
it records them, is never recorded as seen: the next check finds it and builds.

The build reads the sources between the check's snapshot and its record; whatever it
read that the snapshot did not see must not pass for unchanged later, even saved back
to the bytes the check hashed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import build
from sitegen.incremental import manifest, manifest_file
from sitegen.incremental.input_roots import top_levels
from sitegen.incremental.manifest_file import Summary, read_manifest
from sitegen.publish.trash import sibling_name
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.racy import racy_window
from tests.test_no_change import _clean_tree, _cli_build

_SUMMARY = Summary(posts=3, pages=1, files=5, diagnostics=())
_A = "_posts/2022-05-01-a.md"
_B = "_posts/2022-05-02-b.md"


def _edit(site: Path) -> None:
    path = site / _A
    path.write_text(path.read_text(encoding="utf-8").replace("甲", "乙"), encoding="utf-8")


def _edit_and_restore(site: Path) -> None:
    path = site / _A
    before = path.read_bytes()
    path.write_bytes(before.replace("甲".encode(), "乙".encode()))
    path.write_bytes(before)  # the bytes the check hashed, with a stamp that moved


def _add(site: Path) -> None:
    write_files(site, {"_posts/2022-05-09-new.md": post("新", "2022-05-09 10:00:00 +0800")})


def _add_folder(site: Path) -> None:
    write_files(site, {"notes/extra.md": "---\ntitle: 附\n---\n附\n"})


def _remove(site: Path) -> None:
    (site / _B).unlink(missing_ok=True)


def _replace_by_link(site: Path) -> None:
    (site / _B).unlink(missing_ok=True)
    (site / _B).symlink_to(site / _A)


def _retarget_link(site: Path) -> None:
    link = site / "about-link.md"
    link.unlink()
    link.symlink_to(site / _B)


_CHANGES: dict[str, Callable[[Path], None]] = {
    "edit": _edit,
    "edit and restore": _edit_and_restore,
    "add": _add,
    "add folder": _add_folder,
    "remove": _remove,
    "replace by link": _replace_by_link,
    "retarget link": _retarget_link,
}


def _site(root: Path) -> tuple[Path, manifest.BuildRequest]:
    site = write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            _A: post("甲", "2022-05-01 10:00:00 +0800"),
            _B: post("丙", "2022-05-02 10:00:00 +0800"),
            "about.md": "---\ntitle: 关于\n---\n关于\n",
        },
    )
    (site / "about-link.md").symlink_to(site / "about.md")
    destination = root / "_site"
    destination.mkdir()
    request = manifest.BuildRequest(site, destination, site / ".sitegen-cache", False, False, False)
    return site, request


@pytest.fixture(autouse=True)
def _stamps_trusted() -> object:
    """Files written moments ago are inside the racy window, where the check trusts no
    stamp; a zero window makes it trust them, as it does files older than the window."""
    with racy_window(0):
        yield


def _build_recorded(request: manifest.BuildRequest, during: Callable[[], None]) -> None:
    """What `sitegen build` does around a build: the check, the manifest forgotten as the
    build starts, `during` while it runs, the record once it has published."""
    probe = manifest.probe(request)
    assert probe.snapshot is not None
    manifest_file.forget_manifest(request.cache_dir)
    during()
    manifest.record(request, probe.snapshot, None, _SUMMARY)


def test_a_site_recorded_with_nothing_changed_meanwhile_is_unchanged(tmp_path: Path) -> None:
    _, request = _site(tmp_path)
    _build_recorded(request, lambda: None)  # a first build: no manifest to compare with
    _build_recorded(request, lambda: None)
    assert manifest.probe(request).unchanged == _SUMMARY


@pytest.mark.parametrize("change", sorted(_CHANGES))
def test_each_change_made_while_the_build_ran_is_found_by_the_next_check(
    tmp_path_factory: pytest.TempPathFactory, change: str
) -> None:
    """Every kind of change alone, whatever Hypothesis draws below."""
    _check_changes_made_while_the_build_ran(tmp_path_factory, [change])


# Four builds an example, the first of them cold: the budget goes to mixes of two or three.
@settings(max_examples=12)
@given(changes=st.lists(st.sampled_from(sorted(_CHANGES)), min_size=2, max_size=3, unique=True))
def test_a_change_made_while_the_build_ran_is_found_by_the_next_check(
    tmp_path_factory: pytest.TempPathFactory, changes: list[str]
) -> None:
    _check_changes_made_while_the_build_ran(tmp_path_factory, changes)


def _check_changes_made_while_the_build_ran(
    tmp_path_factory: pytest.TempPathFactory, changes: list[str]
) -> None:
    site, request = _site(tmp_path_factory.mktemp("record"))
    _build_recorded(request, lambda: None)
    _build_recorded(request, lambda: None)
    assert manifest.probe(request).unchanged is not None
    # The next build: the check reads the inputs, then they change while it builds.

    def meanwhile() -> None:
        for name in changes:
            _CHANGES[name](site)

    _build_recorded(request, meanwhile)
    assert manifest.probe(request).unchanged is None, changes
    # And once a build ran with nothing changing under it, the check trusts it again.
    _build_recorded(request, lambda: None)
    assert manifest.probe(request).unchanged == _SUMMARY


def test_a_file_whose_stamp_moved_is_recorded_without_its_digest(tmp_path: Path) -> None:
    site, request = _site(tmp_path)
    _build_recorded(request, lambda: None)
    _build_recorded(request, lambda: _edit_and_restore(site))
    stored = read_manifest(request.cache_dir)
    assert stored is not None
    digests = {entry[0]: entry[6] for entry in stored.files}
    assert digests[f"site/{_A}"] == ""
    assert digests[f"site/{_B}"] != ""
    assert os.path.islink(site / "about-link.md")


def _top_file(site: Path) -> Path:
    (site / "stray.txt").write_text("临时\n", encoding="utf-8")
    return site / "stray.txt"


def _top_folder(site: Path) -> Path:
    write_files(site, {"extra/note.md": "---\ntitle: 附\n---\n附\n"})
    return site / "extra"


def _top_hidden_folder(site: Path) -> Path:
    write_files(site, {".well-known/security.txt": "Contact: x@example.com\n"})
    return site / ".well-known"


def _top_link(site: Path) -> Path:
    (site / "again.md").symlink_to(site / "about.md")
    return site / "again.md"


def _top_broken_link(site: Path) -> Path:
    (site / "nowhere.md").symlink_to(site / "missing.md")
    return site / "nowhere.md"


_TOP_ADDITIONS: dict[str, Callable[[Path], Path]] = {
    "file": _top_file,
    "folder": _top_folder,
    "hidden folder": _top_hidden_folder,
    "link": _top_link,
    "broken link": _top_broken_link,
}


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        for inner in sorted(path.rglob("*"), reverse=True):
            inner.rmdir() if inner.is_dir() else inner.unlink()
        path.rmdir()
    else:
        path.unlink()


@given(addition=st.sampled_from(sorted(_TOP_ADDITIONS)))
def test_a_name_added_at_the_top_level_while_the_build_ran_and_deleted_after_it_is_found(
    tmp_path_factory: pytest.TempPathFactory, addition: str
) -> None:
    """The build may have published what was added; once it is deleted, the site's files
    are those of the last record, so only a record refused can make the next check build."""
    site, request = _site(tmp_path_factory.mktemp("top"))
    _build_recorded(request, lambda: None)
    _build_recorded(request, lambda: None)
    added: list[Path] = []
    _build_recorded(request, lambda: added.append(_TOP_ADDITIONS[addition](site)))
    _delete(added[0])
    assert manifest.probe(request).unchanged is None, addition
    _build_recorded(request, lambda: None)
    assert manifest.probe(request).unchanged == _SUMMARY


def test_the_destination_and_cache_replaced_at_the_top_level_still_record(tmp_path: Path) -> None:
    """Publishing a new tree replaces the destination (a new inode) beside a staging
    folder of sitegen's own: neither is a name the check compares."""
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, _A: post("甲", "2022-05-01 10:00:00 +0800")}
    )
    request = manifest.BuildRequest(site, site / "_site", site / ".sitegen-cache", False, False, False)
    (site / "_site").mkdir()

    def swap() -> None:
        (site / "._site.sitegen-staging").mkdir()
        (site / "._site.sitegen-staging" / "index.html").write_text("新\n", encoding="utf-8")
        (site / "_site").rename(site / sibling_name("_site", "previous"))
        (site / "._site.sitegen-staging").rename(site / "_site")

    _build_recorded(request, lambda: None)
    _build_recorded(request, swap)
    assert manifest.probe(request).unchanged == _SUMMARY


@given(addition=st.sampled_from(sorted(_TOP_ADDITIONS)))
def test_a_name_added_at_the_top_level_while_the_check_read_the_inputs_is_found(
    tmp_path_factory: pytest.TempPathFactory, addition: str
) -> None:
    """The check reads a site twice (its top levels, then the walk): a name that comes
    between the two reads, which the build then publishes, is recorded either in both
    or not at all. Deleted after the build, it is a change."""
    site, request = _site(tmp_path_factory.mktemp("between"))
    _build_recorded(request, lambda: None)
    _build_recorded(request, lambda: None)
    added: list[Path] = []

    def adding_during_the_check(
        asked: manifest.BuildRequest, outside: tuple[str, ...], entered: tuple[str, ...]
    ) -> tuple[frozenset[str], ...]:
        if not added:
            added.append(_TOP_ADDITIONS[addition](site))
        return top_levels(asked, outside, entered)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest, "top_levels", adding_during_the_check)
        _build_recorded(request, lambda: None)
    _delete(added[0])
    assert manifest.probe(request).unchanged is None, addition


@given(addition=st.sampled_from(sorted(_TOP_ADDITIONS)))
def test_a_name_added_and_deleted_while_the_build_ran_is_found_where_the_build_read_it(
    tmp_path_factory: pytest.TempPathFactory, addition: str
) -> None:
    """Added after the check and deleted before the record, a top-level name is in
    neither's reading of the top level; what the build read below it says it was there."""
    site, request = _site(tmp_path_factory.mktemp("came-and-went"))
    _build_recorded(request, lambda: None)
    _build_recorded(request, lambda: None)
    probe = manifest.probe(request)
    assert probe.snapshot is not None
    manifest_file.forget_manifest(request.cache_dir)
    added = _TOP_ADDITIONS[addition](site)
    _delete(added)
    manifest.record(request, probe.snapshot, None, _SUMMARY, read_top_names=frozenset({added.name}))
    assert manifest.probe(request).unchanged is None, addition
    # What the check did see, and the folders it never walks by name, are no reason.
    manifest.record(
        request, probe.snapshot, None, _SUMMARY, read_top_names=frozenset({"_posts", "about.md", ".tox"})
    )
    assert manifest.probe(request).unchanged == _SUMMARY


@given(addition=st.sampled_from(sorted(_TOP_ADDITIONS)))
def test_sitegen_build_never_keeps_what_came_and_went_at_the_top_while_it_ran(
    tmp_path_factory: pytest.TempPathFactory, addition: str
) -> None:
    """`sitegen build` end to end: a top-level name appears just before the scan (which
    publishes what is below it) and is deleted again before the record; the next build
    publishes what a clean build of the site publishes."""
    root = tmp_path_factory.mktemp("build-came-and-went")
    site, _ = _site(root)
    destination = root / "out"
    for _ in range(2):
        assert _cli_build(site, destination)[0] == 0
    added: list[Path] = []
    scan = build._scan
    record = manifest.record

    def scan_after_adding(*args: Any) -> Any:
        added.append(_TOP_ADDITIONS[addition](site))
        return scan(*args)

    def record_after_deleting(*args: Any, **options: Any) -> None:
        _delete(added[0])
        record(*args, **options)

    _edit(site)  # so the check finds a change and the build runs
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "_scan", scan_after_adding)
        patch.setattr(manifest, "record", record_after_deleting)
        assert _cli_build(site, destination)[0] == 0
    assert added, "the build ran"
    assert _cli_build(site, destination)[0] == 0
    assert tree_bytes(destination) == _clean_tree(site, root / "clean"), addition
