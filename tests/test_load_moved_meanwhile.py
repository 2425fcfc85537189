"""A source deleted, moved or made a link as the load comes to it, or a link pointed
elsewhere between the scan and the load: what that build did is true of that moment,
and nothing of it may be kept as true of the file's bytes.

Two ways it was: a worker that found its file gone kept its "left out (build again)"
line in the load cache under the key of the bytes the parent hashed, so the file put
back with those bytes was left out by every later build; and a link retargeted after
the scan had the new target's stamp stored with the old target's digest, so later
builds published the old target's content at the link's URL. Each case ends with a
build that must equal a clean one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.content.documents import Loaded
from sitegen.errors import Diagnostic
from sitegen.incremental import loading
from sitegen.incremental.cache import storable
from tests.conftest import CONFIG, NOW, post, tree_bytes, write_files
from tests.racy import trust_stamps_at_once

_FILES = {
    "post": (
        "content/_posts/2022-05-01-a.md",
        post("甲", "2022-05-01 10:00:00 +0800", body="<p>甲文。</p>\n"),
    ),
    "page": ("content/about.md", "---\ntitle: 关于\n---\n<p>关于本站。</p>\n"),
}
_OTHER_PAGE = ("content/other.md", "---\ntitle: 其他\n---\n<p>另一页。</p>\n")


def _build(site: Path, destination: Path, *, cache: bool = True) -> None:
    build_site(BuildOptions(source=site, destination=destination, now=NOW, jobs=1, cache=cache))


def _site(root: Path) -> Path:
    return write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            **dict(_FILES.values()),
            _OTHER_PAGE[0]: _OTHER_PAGE[1],
            "content/_posts/2022-05-02-b.md": post("乙", "2022-05-02 10:00:00 +0800"),
        },
    )


def _deleted(path: Path, site: Path) -> None:
    path.unlink()


def _moved_away(path: Path, site: Path) -> None:
    path.rename(site / "moved.txt")


def _made_a_link(path: Path, site: Path) -> None:
    path.unlink()
    path.symlink_to(site / _OTHER_PAGE[0])


_MEANWHILE: dict[str, Callable[[Path, Path], None]] = {
    "deleted": _deleted,
    "moved away": _moved_away,
    "made a link": _made_a_link,
}


@settings(max_examples=12, deadline=None)  # three builds an example
@given(kind=st.sampled_from(sorted(_FILES)), change=st.sampled_from(sorted(_MEANWHILE)))
def test_a_file_gone_as_its_worker_reads_it_is_loaded_again_once_it_is_back(
    tmp_path_factory: pytest.TempPathFactory, kind: str, change: str
) -> None:
    root = tmp_path_factory.mktemp("gone")
    site = _site(root)
    relative, text = _FILES[kind]
    path = site / relative
    published = root / "published"
    _build(site, published)
    edited = text.replace("</p>", "又改。</p>")
    path.write_text(edited, encoding="utf-8")  # a change: its load is not a cache hit
    real_load = loading._load_one

    def gone_meanwhile(
        state: loading._LoadState, job: loading._Job
    ) -> tuple[Loaded | Diagnostic, str | None]:
        if job.source.path == path:
            _MEANWHILE[change](path, site)  # after the parent hashed it
        return real_load(state, job)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loading, "_load_one", gone_meanwhile)
        _build(site, published)
    # Put back as it was hashed: the next build must load it, not replay that moment.
    (site / "moved.txt").unlink(missing_ok=True)
    path.unlink(missing_ok=True)
    path.write_text(edited, encoding="utf-8")
    _build(site, published)
    clean = root / "clean"
    _build(site, clean, cache=False)
    assert tree_bytes(published) == tree_bytes(clean)
    shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=8, deadline=None)
@given(kind=st.sampled_from(sorted(_FILES)), target=st.sampled_from(["page", "post", "other page"]))
def test_a_link_pointed_elsewhere_between_the_scan_and_the_load_is_read_again_later(
    tmp_path_factory: pytest.TempPathFactory, kind: str, target: str
) -> None:
    root = tmp_path_factory.mktemp("retarget")
    site = _site(root)
    relative = _FILES[kind][0]
    link = site / relative.replace(".md", "-link.md").replace("2022-05-01-a", "2022-05-03-c")
    link.symlink_to(site / relative)
    new_target = site / (_OTHER_PAGE[0] if target == "other page" else _FILES[target][0])
    if new_target == site / relative:
        new_target = site / "content/_posts/2022-05-02-b.md"
    published = root / "published"
    _build(site, published)
    os.utime(site / relative)  # a new stamp: the load looks at the file again
    real_storable = storable

    def retargeted_meanwhile(path: str) -> str:
        if path == str(link) and os.readlink(link) != str(new_target):
            link.unlink()
            link.symlink_to(new_target)  # after the scan decided what the link leads to
        return real_storable(path)

    with pytest.MonkeyPatch.context() as patch:
        # Stamps written moments ago are trusted, as those of files older than the window.
        trust_stamps_at_once(patch)
        with pytest.MonkeyPatch.context() as meanwhile:
            meanwhile.setattr(loading, "storable", retargeted_meanwhile)
            _build(site, published)
        _build(site, published)
    clean = root / "clean"
    _build(site, clean, cache=False)
    assert tree_bytes(published) == tree_bytes(clean)
    shutil.rmtree(root, ignore_errors=True)
