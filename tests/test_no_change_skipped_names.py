"""Folders the no-change check leaves out by name, where the build reads them after all.

The check never walks version control, tool caches and sitegen's own folders
(`SKIPPED_FOLDERS`, `.sitegen…`). A build can still read below such a name: an
`{% include %}` of `_includes/.venv/x.html`, `site.data.__pycache__`, a Sass partial
in `_sass/.git/`, a static folder `include:` brings in (`.sitegenerator`). Before, an
edit there was "nothing changed" and the page kept the old text. Whatever the name and
wherever the build reads it, an edit now rebuilds what a clean build publishes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.publish.trash import sibling_name
from sitegen.skipped_folders import SKIPPED_FOLDERS, is_skipped_folder
from tests.conftest import tree_bytes, write_files
from tests.racy import racy_window
from tests.test_no_change import _clean_tree, _cli_build
from tests.test_no_change_inputs import _settled

_NAMES = (*sorted(SKIPPED_FOLDERS), ".sitegenerator", ".notes.sitegen-v1")
_BASE = {
    "_config.yml": "title: T\nurl: https://example.com\n",
    "_posts/2022-05-01-a.md": "---\ntitle: A\n---\nbody\n",
}

Place = Callable[[str], tuple[dict[str, str], str]]
"""A folder name → the site's files, and the path of the file an edit rewrites."""


def _include(name: str) -> tuple[dict[str, str], str]:
    return {
        "page.md": f"---\ntitle: P\n---\n{{% include {name}/x.html %}}\n",
        f"_includes/{name}/x.html": "<p>AAAA</p>\n",
    }, f"_includes/{name}/x.html"


def _data(name: str) -> tuple[dict[str, str], str]:
    return {
        "page.md": f'---\ntitle: P\n---\n{{{{ site.data["{name}"].y.v }}}}\n',
        f"_data/{name}/y.yml": "v: AAAA\n",
    }, f"_data/{name}/y.yml"


def _sass(name: str) -> tuple[dict[str, str], str]:
    return {
        "assets/s.scss": f'---\n---\n@import "{name}/x";\nb {{ c: $c; }}\n',
        f"_sass/{name}/_x.scss": "$c: AAAA;\n",
    }, f"_sass/{name}/_x.scss"


def _sass_dir(name: str) -> tuple[dict[str, str], str]:
    return {
        "_config.yml": _BASE["_config.yml"] + "sass:\n  sass_dir: styles\n",
        "assets/s.scss": f'---\n---\n@import "{name}/x";\nb {{ c: $c; }}\n',
        f"styles/{name}/_x.scss": "$c: AAAA;\n",
    }, f"styles/{name}/_x.scss"


def _static_glob(name: str) -> tuple[dict[str, str], str]:
    return {
        "_config.yml": _BASE["_config.yml"] + 'include: [".*", "__pycache__"]\n',
        f"{name}/a.txt": "AAAA\n",
    }, f"{name}/a.txt"


def _collections_dir(name: str) -> tuple[dict[str, str], str]:
    return {
        "_config.yml": _BASE["_config.yml"] + f'collections_dir: "{name}"\n',
        f"{name}/_posts/2022-05-02-b.md": "---\ntitle: B\n---\nAAAA\n",
    }, f"{name}/_posts/2022-05-02-b.md"


def _static(name: str) -> tuple[dict[str, str], str]:
    return {
        "_config.yml": _BASE["_config.yml"] + f'include: ["{name}"]\n',
        f"{name}/a.txt": "AAAA\n",
    }, f"{name}/a.txt"


_PLACES: dict[str, Place] = {
    "an include": _include,
    "a data file": _data,
    "a Sass partial": _sass,
    "a partial in the sass_dir": _sass_dir,
    "a static folder include brings in": _static,
    "a static folder an include glob brings in": _static_glob,
    "a post in the collections_dir": _collections_dir,
}


@settings(max_examples=20, deadline=None)
@given(name=st.sampled_from(_NAMES), place=st.sampled_from(sorted(_PLACES)))
def test_an_edit_below_a_name_the_check_leaves_out_is_built(
    tmp_path_factory: pytest.TempPathFactory, name: str, place: str
) -> None:
    root = tmp_path_factory.mktemp("names")
    files, edited = _PLACES[place](name)
    site = write_files(root / "site", {**_BASE, **files})
    destination = root / "out"
    with racy_window(0):  # stamps trusted at once, as those of files older than the window
        _settled(site, destination)  # a build that finds a name to walk is followed by one more
        path = site / edited
        path.write_text(path.read_text(encoding="utf-8").replace("AAAA", "BBBB"), encoding="utf-8")
        code, _ = _cli_build(site, destination)
    assert code == 0
    assert tree_bytes(destination) == _clean_tree(site, root)


def test_the_included_file_below_a_virtual_environment_name_is_an_input(tmp_path: Path) -> None:
    """The first case found, read through `{% include %}`: the page shows the edit."""
    files, edited = _include(".venv")
    site = write_files(tmp_path / "site", {**_BASE, **files})
    destination = tmp_path / "out"
    with racy_window(0):
        _cli_build(site, destination)
        (site / edited).write_text("<p>BBBB</p>\n", encoding="utf-8")
        _, printed = _cli_build(site, destination)
    assert not printed.startswith("nothing changed")
    assert "BBBB" in (destination / "page.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "setting"),
    [(".sitegen-notes", 'include: [".*"]\n'), (".venv", 'collections_dir: ".venv"\n'), ("__pycache__", "")],
)
def test_a_folder_made_after_the_build_where_the_build_reads_is_built(
    tmp_path: Path, name: str, setting: str
) -> None:
    """A new folder where the build would read it, though no file was read there before:
    one an `include:` glob brings in, an empty `collections_dir`'s first post, and (no
    setting) a folder no build reads, which must only agree with a clean build."""
    config = _BASE["_config.yml"] + setting
    site = write_files(tmp_path / "site", {**_BASE, "_config.yml": config, f"{name}/_posts/.keep": ""})
    destination = tmp_path / "out"
    with racy_window(0):
        _settled(site, destination)
        write_files(
            site, {f"{name}/_posts/2022-05-03-c.md": "---\ntitle: C\n---\nCCCC\n", f"{name}/more/b.txt": "B"}
        )
        _, printed_now = _cli_build(site, destination)
    assert not (setting and printed_now.startswith("nothing changed")), printed_now
    assert tree_bytes(destination) == _clean_tree(site, tmp_path)


def _importing_from(site: Path, load_path: Path) -> Path:
    """A site whose stylesheet imports the partial `x` from the Sass `load_path`."""
    return write_files(
        site,
        {
            **_BASE,
            "_config.yml": _BASE["_config.yml"] + f"sass:\n  load_paths: ['{load_path}']\n",
            "css/s.scss": '---\n---\n@import "x";\n',
        },
    )


def test_a_partial_below_a_skipped_name_in_an_outside_load_path_is_an_input(tmp_path: Path) -> None:
    outside = write_files(
        tmp_path / "shared", {"_x.scss": '@import ".git/y";\n', ".git/_y.scss": ".y{color:red}\n"}
    )
    site = _importing_from(tmp_path / "site", outside)
    destination = tmp_path / "out"
    with racy_window(0):
        _settled(site, destination)
        (outside / ".git/_y.scss").write_text(".y{color:tan}\n", encoding="utf-8")
        _cli_build(site, destination)
    assert "tan" in (destination / "css/s.css").read_text(encoding="utf-8")
    assert tree_bytes(destination) == _clean_tree(site, tmp_path)


def test_a_load_path_that_is_a_link_pointed_elsewhere_is_a_change(tmp_path: Path) -> None:
    first = write_files(tmp_path / "a", {"_x.scss": ".a{color:red}\n"})
    second = write_files(tmp_path / "b", {"_x.scss": ".b{color:red}\n"})
    link = tmp_path / "shared"
    link.symlink_to(first, target_is_directory=True)
    site = _importing_from(tmp_path / "site", link)
    destination = tmp_path / "out"
    with racy_window(0):
        _settled(site, destination)
        link.unlink()
        link.symlink_to(second, target_is_directory=True)
        _, printed_now = _cli_build(site, destination)
    assert not printed_now.startswith("nothing changed")
    assert ".b" in (destination / "css/s.css").read_text(encoding="utf-8")


@given(
    destination=st.text(st.characters(codec="utf-8", exclude_characters="/\0"), min_size=1, max_size=300),
    kind=st.sampled_from(["staging", "previous"])
    | st.builds("trash-{}-{}".format, st.integers(0), st.integers(0)),
)
def test_every_name_sitegen_gives_a_folder_beside_the_destination_is_left_out(
    destination: str, kind: str
) -> None:
    """The check leaves out sitegen's own folders by their exact names, so a user's
    `.sitegen-notes` is walked; the names publishing gives its trees must all be among them."""
    assert is_skipped_folder(sibling_name(destination, kind))
