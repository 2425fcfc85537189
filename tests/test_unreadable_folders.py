"""A file or folder of the site the system refuses (no permission, at three modes) ends
the command in lines naming what could not be read, with the reason, and an exit
status: never a traceback, and never another path (the destination, a `templates/assets`
that need not exist) in its place."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.conftest import CONFIG, run_with_modes_applied, sitegen_main, write_files

#: Folders of a site a build reads, any of which a user may leave without permission.
_FOLDERS = ("templates", "templates/assets", "_layouts", "_sass", "_data", "_includes", "category", "assets")


@pytest.mark.parametrize("mode", [0o000, 0o600, 0o644])
def test_an_unreadable_folder_of_the_site_is_one_line_never_a_traceback(tmp_path: Path, mode: int) -> None:
    """Whichever folder the system refuses, the command ends with lines naming what it
    could not read and an exit status, never an exception (`templates/` at mode 000 was
    a traceback from the theme's asset lookup)."""

    def check() -> None:
        for folder in _FOLDERS:
            site = write_files(
                tmp_path / folder.replace("/", "-") / str(mode),
                {
                    "_config.yml": CONFIG,
                    "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nbody\n",
                    f"{folder}/kept.txt": "kept\n",
                },
            )
            (site / folder).chmod(mode)
            try:
                code, _, err = sitegen_main("build", "-s", str(site), "-d", str(site.parent / "out"))
            finally:
                (site / folder).chmod(0o755)
            assert code in (0, 1), (folder, err)
            assert all(line.startswith(("error: ", "warning: ")) for line in err.splitlines()), (folder, err)
            assert code == 0 or any(folder.split("/")[0] in line for line in err.splitlines()), (folder, err)

    run_with_modes_applied(check)


def test_what_cannot_be_read_is_named_itself() -> None:
    """The folder or file the system refuses is the one the line names, with the reason:
    `content/` (not "the destination"), `templates/` (not a `templates/assets` that need
    not exist), a Sass partial (libsass printed an empty message)."""

    def check() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            cases = {
                "content": ("content/_posts/2024-01-01-p.md", "content"),
                "templates": ("templates/.keep", "templates"),
                "_sass/_v.scss": ("_sass/_v.scss", "_sass/_v.scss"),
            }
            for name, (made, refused) in cases.items():
                site = write_files(
                    root / name.replace("/", "-"),
                    {
                        "_config.yml": CONFIG,
                        "_posts/2024-01-01-q.md": "---\ntitle: Q\n---\nq\n",
                        made: "$c: red;\n" if made.endswith(".scss") else "---\ntitle: P\n---\np\n",
                        "css/m.scss": '---\n---\n@import "v";\nbody { color: $c; }\n',
                    },
                )
                (site / refused).chmod(0)
                try:
                    _, _, err = sitegen_main("build", "-s", str(site), "-d", str(root / "out" / name))
                finally:
                    (site / refused).chmod(0o755)
                errors = [line for line in err.splitlines() if line.startswith("error: ")]
                named = str(site / refused)
                assert any(named in line and "Permission denied" in line for line in errors), err
                assert not any("inspect the destination" in line or "assets:" in line for line in errors), err

    run_with_modes_applied(check)


@pytest.mark.parametrize("mode", [0o000, 0o300])
def test_an_unlistable_layouts_folder_is_said(tmp_path: Path, mode: int) -> None:
    """A Jekyll `_layouts/` that cannot be listed is said, with the reason, as a listed
    one is (sitegen runs neither): it was silent, and the site's look changed unsaid."""

    def check() -> None:
        site = write_files(
            tmp_path / str(mode),
            {
                "_config.yml": CONFIG,
                "_posts/2024-01-01-p.md": "---\nlayout: post\ntitle: P\n---\nbody\n",
                "_layouts/post.html": "<div>{{ content }}</div>\n",
            },
        )
        (site / "_layouts").chmod(mode)
        try:
            code, _, err = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out" / str(mode)))
        finally:
            (site / "_layouts").chmod(0o755)
        assert code == 0, err
        said = [line for line in err.splitlines() if f"{site / '_layouts'}: cannot be listed" in line]
        assert len(said) == 1 and "Permission denied" in said[0] and "not run" in said[0], err

    run_with_modes_applied(check)


@pytest.mark.parametrize(
    ("folder", "said"), [("docs/_private", False), ("docs/_posts", True), ("docs/notes", True)]
)
def test_an_unreadable_folder_jekyll_never_reads_is_no_error(tmp_path: Path, folder: str, said: bool) -> None:
    """A `_…` folder below the top (not `_posts/` or `_drafts/`) is one none of whose
    files Jekyll reads, so one that cannot be listed loses nothing: no line, and
    `--strict` publishes (it was an error, which failed `--strict`). A posts folder or a
    plain folder that cannot be read still is one."""

    def check() -> None:
        site = write_files(
            tmp_path / "site",
            {
                "_config.yml": CONFIG,
                "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nbody\n",
                f"{folder}/x.md": "x",
            },
        )
        (site / folder).chmod(0)
        try:
            code, _, err = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"), "--strict")
        finally:
            (site / folder).chmod(0o755)
        assert (str(site / folder) in err) is said, err
        assert (code == 0) is not said, err

    run_with_modes_applied(check)
