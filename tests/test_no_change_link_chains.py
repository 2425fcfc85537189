"""The no-change check follows what the build reads through links and filters: a chain
of links that leaves its walk and comes back in, pointed elsewhere midway, is a change;
so is an edit to a partial imported by Liquid's `scssify`, and one made in a folder
outside the site that only a load path's link led to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.skipped_folders import SKIPPED_FOLDERS
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_no_change import _clean_tree
from tests.test_no_change_inputs import _cli_build, _settled


def _base(root: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    return write_files(
        root / "site",
        {
            "_config.yml": config,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            **files,
        },
    )


def _is_a_change(site: Path, destination: Path, root: Path) -> None:
    assert not _cli_build(site, destination).startswith("nothing changed")
    assert tree_bytes(destination) == _clean_tree(site, root)


@settings(max_examples=10, deadline=None)
@given(
    hops=st.lists(st.sampled_from(["outside", "in .git"]), min_size=1, max_size=3),
    reads=st.sampled_from(["pages", "include_relative"]),
)
def test_a_link_chain_pointed_elsewhere_midway_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, hops: list[str], reads: str
) -> None:
    """`content/<way> -> hop -> … -> site/p1`, each hop outside the site or in `.git`
    (where the walk never goes); the last hop pointed at `site/p2` instead."""
    root = tmp_path_factory.mktemp("chain")
    way = "sect" if reads == "pages" else "_parts"
    files = {
        "p1/b.md": "---\ntitle: 乙\n---\nfrom p1\n",
        "p2/b.md": "---\ntitle: 乙\n---\nfrom p2\n",
    }
    if reads == "include_relative":
        files["content/r.md"] = "---\ntitle: R\n---\nBEGIN{% include_relative _parts/b.md %}END\n"
    site = _base(root, files)
    places = [
        (root / "hops" if where == "outside" else site / ".git" / "hops") / f"hop{at}"
        for at, where in enumerate(hops)
    ]
    for place in places:
        place.parent.mkdir(parents=True, exist_ok=True)
    for place, onward in zip(places, [*places[1:], site / "p1"], strict=True):
        place.symlink_to(onward, target_is_directory=True)
    (site / "content" / way).symlink_to(places[0], target_is_directory=True)
    destination = root / "out"
    _settled(site, destination)
    places[-1].unlink()
    places[-1].symlink_to(site / "p2", target_is_directory=True)
    _is_a_change(site, destination, root)


@settings(max_examples=8, deadline=None)
@given(where=st.sampled_from(["outside, made later", "outside, edited", "in .venv, edited"]))
def test_a_partial_imported_by_scssify_is_an_input(
    tmp_path_factory: pytest.TempPathFactory, where: str
) -> None:
    root = tmp_path_factory.mktemp("scssify")
    folder = root / "shared" if where.startswith("outside") else root / "site" / ".venv"
    spelled = "../shared/vars" if where.startswith("outside") else ".venv/vars"
    page = (
        f'---\ntitle: S\n---\n{{% capture css %}}@import "{spelled}"; a {{ color: $c; }}{{% endcapture %}}'
        "BEGIN{{ css | scssify }}END\n"
    )
    if where != "outside, made later":
        write_files(folder, {"_vars.scss": "$c: red;\n"})
    site = _base(root, {"content/s.md": page})
    destination = root / "out"
    _settled(site, destination)  # a folder met for the first time is recorded at the next build
    write_files(folder, {"_vars.scss": "$c: #00f;\n"})
    _is_a_change(site, destination, root)


def test_a_folder_only_a_load_paths_link_led_to_is_still_an_input(tmp_path: Path) -> None:
    """A load path that is a link to `real/`, and an import of `../real/sub/vars` with
    `sub/` not there: with the link removed, the partial made in `real/sub/` later is a
    change (judged by real paths, `real/sub` was taken as walked with the link)."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "lp").symlink_to(real, target_is_directory=True)
    site = _base(
        tmp_path,
        {"content/assets/m.scss": '---\n---\n@import "../real/sub/vars";\na { color: $c; }\n'},
        CONFIG + "sass:\n  load_paths: [../lp]\n",
    )
    destination = tmp_path / "out"
    _cli_build(site, destination)
    (tmp_path / "lp").unlink()
    assert not os.path.lexists(tmp_path / "lp")
    _cli_build(site, destination)
    assert _cli_build(site, destination).startswith("nothing changed")
    write_files(real / "sub", {"_vars.scss": "$c: red;\n"})
    _is_a_change(site, destination, tmp_path)
    assert (destination / "assets" / "m.css").is_file()


@settings(max_examples=8, deadline=None)
@given(
    skipped=st.sampled_from(sorted(SKIPPED_FOLDERS)),
    outside=st.booleans(),
)
def test_an_include_folder_linked_to_a_folder_walked_by_another_name_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory, skipped: str, outside: bool
) -> None:
    """`_includes -> shared`, where `shared` is also walked by its own name (in the site,
    or outside it through another link that sorts first): below `_includes` no name is
    left out, so an edit to `shared/<.venv>/part.html`, which an include reads, is a change."""
    root = tmp_path_factory.mktemp("whole")
    shared = root / "shared" if outside else root / "site" / "shared"
    write_files(shared / skipped, {"part.html": "PART-v1\n"})
    site = _base(root, {"content/about.md": f"---\ntitle: 关于\n---\n{{% include {skipped}/part.html %}}\n"})
    if outside:
        (site / "Zlink").symlink_to(shared, target_is_directory=True)
    (site / "content" / "_includes").symlink_to(shared, target_is_directory=True)
    destination = root / "out"
    _settled(site, destination)
    write_files(shared / skipped, {"part.html": "PART-v2\n"})
    _is_a_change(site, destination, root)


def _importing_through(link: Path, how: str, *, by_filter: bool) -> tuple[dict[str, str], str]:
    """A site's files and `_config.yml` importing the partial `g` through `link`, a
    folder link outside the site: by `@import "../lnk/g"` or as a Sass load path, in a
    stylesheet or in `scssify`."""
    spelled = "../lnk/g" if how == "import" else "g"
    config = CONFIG + (f"sass:\n  load_paths: ['{link}']\n" if how == "load path" else "")
    captured = f'{{% capture c %}}@import "{spelled}";{{% endcapture %}}'
    files = (
        {"content/s.md": f"---\ntitle: S\n---\n{captured}{{{{ c | scssify }}}}\n"}
        if by_filter
        else {"content/css/m.scss": f'---\n---\n@import "{spelled}";\n'}
    )
    return files, config


@settings(max_examples=8, deadline=None)
@given(
    skipped=st.sampled_from(sorted(SKIPPED_FOLDERS)),
    how=st.sampled_from(["import", "load path"]),
    by_filter=st.booleans(),
)
def test_a_partial_in_a_skipped_folder_reached_through_a_link_from_outside_is_an_input(
    tmp_path_factory: pytest.TempPathFactory, skipped: str, how: str, by_filter: bool
) -> None:
    """`site/<.git>/sass/_g.scss`, which the site's walk passes over, imported through a
    link outside the site (`@import "../lnk/g"`, or `load_paths: [/…/lnk]`), by a
    stylesheet or by `scssify`: an edit to it is a change."""
    root = tmp_path_factory.mktemp("linked-in")
    link = root / "lnk"
    files, config = _importing_through(link, how, by_filter=by_filter)
    site = _base(root, files, config)
    partial = site / skipped / "sass" / "_g.scss"
    write_files(partial.parent, {partial.name: ".g { color: red; }\n"})
    link.symlink_to(partial.parent, target_is_directory=True)
    destination = root / "out"
    _settled(site, destination)
    write_files(partial.parent, {partial.name: ".g { color: #00f; }\n"})
    _is_a_change(site, destination, root)


@settings(max_examples=8, deadline=None)
@given(
    then=st.sampled_from(["stuff2", ".git/sass", ".venv/sass"]),
    how=st.sampled_from(["import", "load path"]),
    by_filter=st.booleans(),
)
def test_an_outside_link_into_the_site_pointed_elsewhere_is_a_change(
    tmp_path_factory: pytest.TempPathFactory, then: str, how: str, by_filter: bool
) -> None:
    """`lnk -> site/stuff`, a link outside the site to a folder its walk enters, read as
    a Sass import path or load path: pointed at another folder of the site (walked or
    not), then that folder's partial edited, each is a change."""
    root = tmp_path_factory.mktemp("relinked")
    link = root / "lnk"
    files, config = _importing_through(link, how, by_filter=by_filter)
    site = _base(root, {**files, "stuff/_g.scss": ".g { color: red; }\n"}, config)
    write_files(site / then, {"_g.scss": ".g { color: #0f0; }\n"})
    link.symlink_to(site / "stuff", target_is_directory=True)
    destination = root / "out"
    _settled(site, destination)
    link.unlink()
    link.symlink_to(site / then, target_is_directory=True)
    _is_a_change(site, destination, root)
    _settled(site, destination)
    write_files(site / then, {"_g.scss": ".g { color: #00f; }\n"})
    _is_a_change(site, destination, root)


@pytest.mark.parametrize("cache", ["in the site", "beside it"])
def test_a_load_path_holding_the_cache_still_settles(tmp_path: Path, cache: str) -> None:
    """`load_paths: [..]` holds the site, its destination and its cache: the outside walk
    leaves those two out, as the site's does, so a build with nothing changed is skipped."""
    site = _base(tmp_path / "w", {}, CONFIG + "sass:\n  load_paths: [..]\n")
    options = () if cache == "in the site" else ("--cache-dir", str(tmp_path / "w" / "cache"))
    _settled(site, tmp_path / "w" / "out", *options)
