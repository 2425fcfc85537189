"""A source deleted between the scan and its read (a `git checkout`, an `rm -rf` while a
build runs) is a deletion, not an error of the file: the build leaves it out with a
warning to build again, and the next build's output equals a clean build's."""

from __future__ import annotations

import errno
import shutil
import tempfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.build
from sitegen.build import BuildOptions, build_site
from sitegen.content.scan import SourceFile, SourceTree
from sitegen.errors import Level
from sitegen.incremental.load_failures import unreadable as _unreadable
from tests.conftest import CONFIG, post, write_files

POSTS = 8


def _site(root: Path) -> Path:
    files = {"_config.yml": CONFIG, "content/about.md": "---\ntitle: 关于\n---\n关于本站\n"}
    for number in range(POSTS):
        files[f"content/_posts/2022-05-{number + 1:02d}-p{number}.md"] = post(
            f"第{number}篇", date=f"2022-05-{number + 1:02d} 10:00:00 +0800"
        )
    files["content/assets/site.css"] = "body {}\n"
    return write_files(root, files)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


@settings(max_examples=12, deadline=None)
@given(st.sets(st.integers(0, POSTS - 1), min_size=1), st.booleans(), st.booleans())
def test_files_deleted_during_a_build_are_no_errors_and_the_next_build_is_clean(
    deleted: set[int], page_too: bool, folder_too: bool
) -> None:
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as patch:
        root = Path(scratch)
        site = _site(root / "site")
        doomed = [
            site / f"content/_posts/2022-05-{number + 1:02d}-p{number}.md" for number in sorted(deleted)
        ]
        doomed += [site / "content/about.md"] * page_too + [site / "content/assets"] * folder_too
        options = BuildOptions(source=site, destination=root / "out", atomic_publish=False)
        build_site(options)  # a first build, so the next one is a rebuild with a cache
        scan = sitegen.build._scan
        pending = list(doomed)

        def scan_then_delete(*args: object) -> SourceTree:
            tree = scan(*args)  # type: ignore[arg-type]
            for path in pending:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
            pending.clear()
            return tree

        patch.setattr(sitegen.build, "_scan", scan_then_delete)
        for path in doomed:  # each changed, so the rebuild reads it again
            if path.is_file():
                path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        result = build_site(options)
        assert result.errors == ()
        assert any("deleted while the site was built" in str(warning) for warning in result.warnings)
        patch.undo()
        build_site(options)  # what the dev server runs next: the deletion is a change
        clean = build_site(BuildOptions(source=site, destination=root / "clean", cache=False))
        assert _tree(root / "out") == _tree(clean.destination)


@pytest.mark.parametrize(
    ("error", "level"),
    [(FileNotFoundError(errno.ENOENT, "gone"), Level.WARNING),
     (NotADirectoryError(errno.ENOTDIR, "x"), Level.WARNING),
     (PermissionError(errno.EACCES, "Permission denied"), Level.ERROR),
     (OSError(errno.EIO, "I/O"), Level.ERROR)],
)  # fmt: skip
def test_only_a_vanished_file_is_spared_the_error(error: OSError, level: Level) -> None:
    """A file that cannot be read for any other reason (no permission, a bad disk) is
    still an error of that file."""
    source = SourceFile(Path("content/_posts/a.md"), PurePosixPath("_posts/a.md"))
    assert _unreadable(source, error).level is level
