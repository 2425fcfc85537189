"""A publish the system refuses names the folder to fix, as the user named the destination.

Writing a page into a folder this user may not write in fails with EACCES naming the
page; the line sitegen prints names the folder instead (the one whose permissions are
in the way), relative when the destination was given relative, and the previous site
stays as it was.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import post, run_with_modes_applied, sitegen_main, tree_bytes, write_files

_FOLDERS = ("out", "out/dest", "out/dest/xinjingbao/2022", "out/dest/xinjingbao/2022/05/27")
"""The destination's parent, the destination, and two folders of the edited post's page."""


def _site_files(body: str) -> dict[str, str]:
    return {
        "site/_config.yml": "title: 测试\nurl: https://news.example.com\n",
        "site/_posts/2022-05-27-a.md": post("甲", body=body),
        "site/_posts/2022-05-28-b.md": post("乙", date="2022-05-28 10:00:00 +0800"),
    }


@settings(max_examples=5, deadline=None)  # two builds an example
@given(refused=st.sets(st.sampled_from(_FOLDERS), min_size=1))
def test_a_refused_publish_names_a_folder_that_refuses_as_given(
    tmp_path_factory: object, refused: set[str]
) -> None:
    root = Path(os.path.realpath(tmp_path_factory.mktemp("refused")))  # type: ignore[attr-defined]
    write_files(root, _site_files("<p>一。</p>\n"))
    workdir = os.getcwd()
    os.chdir(root)
    try:
        code, _, errors = sitegen_main("build", "-s", "site", "-d", "out/dest")
        assert code == 0, errors
        before = tree_bytes(root / "out/dest")
        assert all((root / folder).is_dir() for folder in _FOLDERS)
        write_files(root, {"site/_posts/2022-05-27-a.md": post("甲", body="<p>二。</p>\n")})
        for folder in refused:
            (root / folder).chmod(0o555)

        def check() -> None:
            code, _, errors = sitegen_main("build", "-s", "site", "-d", "out/dest")
            if code == 0:
                return  # another way of publishing needed no refused folder
            lines = [line for line in errors.splitlines() if line.startswith("error: ")]
            assert len(lines) == 1, errors
            named, _, said = lines[0].removeprefix("error: ").partition(": ")
            assert not os.path.isabs(named), lines[0]
            assert named in refused, lines[0]
            assert tree_bytes(root / "out/dest") == before
            if "out/dest" in refused:  # the destination itself: refused before building
                assert code == 2 and named == "out/dest", lines[0]
                assert said.startswith("the destination is read-only to this user"), lines[0]
                return
            assert code == 1, lines[0]
            assert said.startswith("cannot publish: this user may not write in this folder"), lines[0]
            assert said.endswith("the previous site is unchanged"), lines[0]

        run_with_modes_applied(check)
    finally:
        os.chdir(workdir)
        for folder in _FOLDERS:
            if (root / folder).is_dir():
                (root / folder).chmod(0o755)


def test_the_folder_is_named_relative_to_the_destination_as_given(tmp_path: Path) -> None:
    root = Path(os.path.realpath(tmp_path))
    write_files(root, _site_files("<p>一。</p>\n"))
    workdir = os.getcwd()
    os.chdir(root)
    try:
        assert sitegen_main("build", "-s", "site", "-d", "out/dest")[0] == 0
        write_files(root, {"site/_posts/2022-05-27-a.md": post("甲", body="<p>二。</p>\n")})
        day = root / _FOLDERS[3]
        day.chmod(stat.S_IRUSR | stat.S_IXUSR)
        (root / "out").chmod(stat.S_IRUSR | stat.S_IXUSR)

        def check() -> None:
            code, _, errors = sitegen_main("build", "-s", "site", "-d", "out/dest")
            assert code == 1
            assert "error: out" in errors and str(root) not in errors, errors

        run_with_modes_applied(check)
    finally:
        os.chdir(workdir)
        for folder in (_FOLDERS[0], _FOLDERS[3]):
            (root / folder).chmod(0o755)
