"""A page the last build loaded, with the same stamp now, is a page again without its
opening being read (`sitegen.incremental.source_kinds.sorted_sources`); any file whose
stamp moved, or that the last build copied as it is, has its opening read as before, so
a page that lost its front matter (or gained a byte order mark before it) is copied,
and a static file that gained front matter is a page: the published tree is always a
clean build's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.content.scan import SourceFile
from sitegen.incremental import load_failures
from tests.conftest import tree_bytes, write_files
from tests.racy import trust_stamps_at_once
from tests.test_incremental import clean_build_of, run, site_files

PAGE = "---\ntitle: About\n---\nAbout us.\n"


def _site(tmp_path: Path) -> Path:
    files = {
        **site_files(12),
        "_config.yml": site_files(1)["_config.yml"] + "collections:\n  docs:\n    output: true\n",
        "content/about.md": PAGE,
        "content/contact.md": "---\ntitle: Contact\n---\nWrite.\n",
        "content/notes.txt": "plain text, copied\n",
        "content/_docs/guide.md": "---\ntitle: Guide\n---\nGuide.\n",
    }
    return write_files(tmp_path / "site", files)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = load_failures.front_matter_opening

    def counting(source: SourceFile) -> load_failures.Opening:
        read.append(source.path.name)
        return real(source)

    monkeypatch.setattr(load_failures, "front_matter_opening", counting)
    return read


def test_only_files_not_loaded_unchanged_have_their_opening_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust_stamps_at_once(monkeypatch)  # files written just now are trusted
    site, destination = _site(tmp_path), tmp_path / "out"
    read = _counted(monkeypatch)
    run(site, destination)
    assert sorted(read) == ["about.md", "contact.md", "guide.md", "notes.txt"]
    read.clear()
    (site / "content/contact.md").write_text("---\ntitle: Contact us\n---\nWrite.\n", encoding="utf-8")
    run(site, destination)
    assert sorted(read) == ["contact.md", "notes.txt"]  # moved, and never loaded
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "About us, with no front matter now.\n",
        "\ufeff---\ntitle: About\n---\nAbout us.\n",  # Jekyll sees none: copied, with a warning
        "---\ntitle: Abuot\n---\nAbout us.\n",  # as many bytes, the mtime kept
    ],
)
def test_a_page_whose_bytes_changed_is_sorted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    trust_stamps_at_once(monkeypatch)  # else every page here is read anyway
    site, destination = _site(tmp_path), tmp_path / "out"
    run(site, destination)
    page = site / "content/about.md"
    before = page.stat()
    page.write_text(text, encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # the mtime kept: the ctime moves
    run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


def test_a_static_file_that_gains_front_matter_is_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust_stamps_at_once(monkeypatch)
    site, destination = _site(tmp_path), tmp_path / "out"
    run(site, destination)
    (site / "content/notes.txt").write_text("---\ntitle: Notes\n---\nNow a page.\n", encoding="utf-8")
    run(site, destination)
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)
    assert (destination / "notes.txt").read_text(encoding="utf-8").strip() == "Now a page."
