"""Publishing never harms what is not sitegen's: sources, home, anything behind a link.

Each test states one kind of fault; the property-based ones draw the destinations,
symlinks and modes, so that a new way of hitting the fault is found, not just the one
that was reported. Tests that need a file system of their own mount a tmpfs (root only):
in CI they fail rather than skip when mounting is impossible.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.errors import DestinationError, OutputError
from sitegen.publish.writer import check_destination, publish
from tests.conftest import CONFIG, build, post, tree_bytes, write_files

PAGE = "---\ntitle: 关于\n---\n关于本站\n"
SITEGEN_LAYOUT = {
    "_config.yml": CONFIG,
    "content/_posts/2022-05-27-a.md": post("甲"),
    "content/_posts/2022/2022-05-28-b.md": post("乙", date="2022-05-28 10:00:00 +0800"),
    "content/_drafts/2022-06-01-d.md": post("草稿", date="2022-06-01 10:00:00 +0800"),
    "content/about/index.md": PAGE,
    "content/images/logo.txt": "logo",
    "templates/assets/extra.css": "body {}",
    "notes/readme.txt": "not a source in sitegen's layout",
}
JEKYLL_LAYOUT = {
    "_config.yml": CONFIG,
    "_posts/2022-05-27-a.md": post("甲"),
    "_posts/2022/2022-05-28-b.md": post("乙", date="2022-05-28 10:00:00 +0800"),
    "_drafts/2022-06-01-d.md": post("草稿", date="2022-06-01 10:00:00 +0800"),
    "about/index.md": PAGE,
    "images/logo.txt": "logo",
    "templates/assets/extra.css": "body {}",
    "notes/readme.txt": "a static file of a Jekyll tree",
}
LAYOUTS = {"sitegen": SITEGEN_LAYOUT, "jekyll": JEKYLL_LAYOUT}

#: Destinations relative to a folder holding `site/`, `home/user/` (the home folder) and
#: `elsewhere/`: the site's folders, their sub-folders and parents, home and its parent.
CANDIDATE_DESTINATIONS = (
    ".",
    "site",
    "site/content",
    "site/content/_posts",
    "site/content/_posts/2022",
    "site/content/_posts/new",
    "site/content/_drafts",
    "site/content/about",
    "site/content/about/new",
    "site/content/images",
    "site/_posts",
    "site/_posts/2022",
    "site/_drafts",
    "site/about",
    "site/about/new",
    "site/images",
    "site/templates",
    "site/templates/assets",
    "site/notes",
    "site/_site",
    "site/out",
    "site/out/deeper",
    "home",
    "home/user",
    "elsewhere",
    "elsewhere/deeper",
)
#: Hold no source in either layout: always accepted, `--force` or not.
SAFE_DESTINATIONS = frozenset({"site/_site", "site/out", "site/out/deeper", "elsewhere", "elsewhere/deeper"})
#: Output folders: whatever a build does in them is not a change to the sources.
OUTPUT_NAMES = frozenset({"_site", "out"})


#: What sitegen reads in its own layout (and `_posts/`, `_drafts/`, which would make the
#: site a Jekyll tree); in a Jekyll tree, everything but outputs and hidden names.
SITEGEN_SOURCE_NAMES = frozenset({"_config.yml", "content", "templates", "_posts", "_drafts"})


def precious_state(root: Path, layout: str) -> dict[str, bytes | None]:
    """The site's sources and the home folder's files (bytes for a file, None for a
    folder): what no build may change, add to or remove from."""
    state: dict[str, bytes | None] = {}
    for top in (root / "site", root / "home"):
        for path in sorted(top.rglob("*")):
            relative = path.relative_to(root)
            first = relative.parts[1]
            if top.name == "site" and (
                first not in SITEGEN_SOURCE_NAMES
                if layout == "sitegen"
                else first in OUTPUT_NAMES or first.startswith(".")
            ):
                continue
            state[relative.as_posix()] = None if path.is_dir() else path.read_bytes()
    return state


def test_no_destination_holding_or_inside_sources_or_home_is_ever_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = itertools.count()

    @given(
        layout=st.sampled_from(sorted(LAYOUTS)),
        relative=st.sampled_from(CANDIDATE_DESTINATIONS),
        force=st.booleans(),
        built_before=st.booleans(),
    )
    def check(layout: str, relative: str, force: bool, built_before: bool) -> None:
        root = tmp_path / f"example-{next(examples)}"
        site = write_files(root / "site", LAYOUTS[layout])
        write_files(root, {"home/user/.profile": "export LANG=zh_CN.UTF-8\n", "elsewhere/.keep": ""})
        monkeypatch.setenv("HOME", str(root / "home" / "user"))
        if built_before:
            build(site, jobs=1)  # a site already published to its default destination
        before = precious_state(root, layout)
        destination = root / relative
        try:
            build(site, destination=destination, force=force, jobs=1)
        except OutputError as error:
            assert relative not in SAFE_DESTINATIONS or (relative == "elsewhere" and not force)
            assert error.path == destination and "\n" not in str(error)
        else:
            assert (destination / ".sitegen").is_file()
        assert precious_state(root, layout) == before

    check()


def test_every_account_home_folder_and_its_parents_are_refused(tmp_path: Path) -> None:
    """Only checked, never built into: `/home` holds other people's homes, and a service
    account's home is often a system folder (`/usr/sbin`, `/var/www`)."""
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG})
    homes = {Path(account.pw_dir) for account in pwd.getpwall() if account.pw_dir.startswith("/")}
    for folder in sorted({folder for home in homes for folder in (home, *home.parents)}):
        with pytest.raises(OutputError, match="refusing"):
            check_destination(folder, site, force=True)


# --- symlinks below the destination -----------------------------------------------------

SYMLINK_SITE = {
    "_config.yml": CONFIG,
    "content/_posts/2022-05-27-a.md": post("甲", body="<p>第一版。</p>\n"),
    "content/_posts/2022-05-28-b.md": post("乙", date="2022-05-28 10:00:00 +0800", categories="news"),
    "content/about/index.md": PAGE,
}
EDITS = {
    "edit": ("content/_posts/2022-05-27-a.md", post("甲", body="<p>第二版。</p>\n")),
    "add": (
        "content/_posts/2022-05-29-c.md",
        post("丙", date="2022-05-29 10:00:00 +0800", categories="news"),
    ),
    "delete": ("content/_posts/2022-05-28-b.md", None),
    "none": (None, None),
}
#: What is planted at a path of the built tree: a link to a folder or a file outside it,
#: a dangling link, or a real file or folder of the wrong kind.
PLANTS = ("link-to-folder", "link-to-file", "dangling-link", "file", "folder")


def apply_edit(site: Path, edit: str) -> None:
    relative, content = EDITS[edit]
    if relative is None:
        return
    if content is None:
        (site / relative).unlink()
    else:
        (site / relative).write_text(content, encoding="utf-8")


def plant(path: Path, kind: str, outside: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    if kind == "link-to-folder":
        path.symlink_to(outside / "folder", target_is_directory=True)
    elif kind == "link-to-file":
        path.symlink_to(outside / "file.html")
    elif kind == "dangling-link":
        path.symlink_to(outside / "missing")
    elif kind == "file":
        path.write_text("stray", encoding="utf-8")
    else:
        path.mkdir()


def lstat_tree(root: Path) -> dict[str, bytes | str | None]:
    """Every entry below `root` as it is, links not followed: bytes, a link's target, or
    None for a folder."""
    state: dict[str, bytes | str | None] = {}
    for folder, folder_names, file_names in os.walk(root):
        for name in [*folder_names, *file_names]:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                state[relative] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                state[relative] = None
            else:
                state[relative] = path.read_bytes()
    return state


def test_planted_symlinks_and_strays_are_replaced_never_followed(tmp_path: Path) -> None:
    base = write_files(tmp_path / "base" / "site", SYMLINK_SITE)
    build(base, destination=tmp_path / "base" / "out", jobs=1)
    # Not the marker itself: without it the folder is no longer recognisably sitegen's.
    base_entries = sorted(set(lstat_tree(tmp_path / "base" / "out")) - {".sitegen"})
    references = {}
    for edit in EDITS:
        site = shutil.copytree(base, tmp_path / "reference" / edit / "site")
        apply_edit(site, edit)
        build(site, destination=site.parent / "out", jobs=1)
        references[edit] = lstat_tree(site.parent / "out")
    outside = write_files(tmp_path / "outside", {"file.html": "outside", "folder/keep.txt": "keep"})
    outside_before = lstat_tree(outside)
    examples = itertools.count()

    @given(
        plants=st.lists(
            st.tuples(st.sampled_from(base_entries), st.sampled_from(PLANTS), st.booleans()),
            min_size=1,
            max_size=4,
        ),
        edit=st.sampled_from(sorted(EDITS)),
        atomic=st.booleans(),
    )
    def check(plants: list[tuple[str, str, bool]], edit: str, atomic: bool) -> None:
        root = tmp_path / f"example-{next(examples)}"
        site = shutil.copytree(base, root / "site")
        destination = shutil.copytree(tmp_path / "base" / "out", root / "out", symlinks=True)
        for relative, kind, beside in plants:
            path = destination / relative
            if beside:  # a new name next to an existing entry
                path = path.with_name(path.name + "-planted")
            if all(parent.is_dir() and not parent.is_symlink() for parent in path.parents[:-1]):
                plant(path, kind, outside)
        apply_edit(site, edit)
        build(site, destination=destination, atomic_publish=atomic, jobs=1)
        assert lstat_tree(outside) == outside_before
        assert lstat_tree(destination) == references[edit]

    check()


def test_in_place_rebuild_replaces_a_file_whose_name_is_near_the_length_limit(tmp_path: Path) -> None:
    slug = "长" * 80  # 240 bytes: the page is `<slug>.html`, 245 bytes, under the 255 limit
    source = f"content/_posts/2022-05-27-{slug}.md"
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, source: post(body="<p>旧。</p>\n")})
    build(site, jobs=1)
    (site / source).write_text(post(body="<p>新。</p>\n"), encoding="utf-8")
    build(site, atomic_publish=False, jobs=1)
    page = site / "_site" / "xinjingbao" / "2022" / "05" / "27" / f"{slug}.html"
    assert "新。" in page.read_text(encoding="utf-8")
    build(site, destination=tmp_path / "clean", jobs=1)
    assert tree_bytes(site / "_site") == tree_bytes(tmp_path / "clean")


# --- file systems of their own ----------------------------------------------------------


@contextmanager
def mounted(target: Path, *arguments: str) -> Iterator[Path]:
    """Mount a file system at `target` for the block; in CI, failing to is a failure."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(["mount", *arguments, str(target)], capture_output=True, text=True)
        problem = result.stderr.strip() if result.returncode else ""
    except OSError as error:
        problem = str(error)
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a file system for this test: {problem}")
        pytest.skip(f"cannot mount a file system here: {problem}")
    try:
        yield target
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(target)], capture_output=True)
        if subprocess.run(["umount", str(target)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(target)], check=True)  # a deleter may still hold it


def tmpfs(target: Path, size: str = "4m") -> AbstractContextManager[Path]:
    return mounted(target, "-t", "tmpfs", "-o", f"size={size}", "tmpfs")


def big_post(megabytes: int) -> str:
    return post(
        "很长", date="2022-05-26 10:00:00 +0800", body="<p>" + "长文。" * (megabytes * 120_000) + "</p>\n"
    )


@pytest.mark.parametrize("atomic", [True, False], ids=["swap", "in-place"])
@pytest.mark.parametrize("at_mount_point", [False, True], ids=["folder-on-it", "mount-point"])
def test_a_full_disk_fails_in_one_line_leaving_the_site_and_no_staging(
    tmp_path: Path, atomic: bool, at_mount_point: bool
) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    with tmpfs(tmp_path / "small", "1m") as disk:
        destination = disk if at_mount_point else disk / "out"
        build(site, destination=destination, jobs=1)
        before = tree_bytes(destination)
        entries_before = sorted(os.listdir(disk))
        (site / "content/_posts/2022-05-26-big.md").write_text(big_post(2), encoding="utf-8")
        with pytest.raises(OutputError) as caught:
            build(site, destination=destination, atomic_publish=atomic, jobs=1)
        message = str(caught.value)
        assert "No space left on device" in message and "previous site is unchanged" in message
        assert "\n" not in message
        assert tree_bytes(destination) == before
        assert sorted(os.listdir(disk)) == entries_before  # no staging left to fill the disk
        (site / "content/_posts/2022-05-26-big.md").unlink()
        (site / "content/_posts/2022-05-27-a.md").write_text(post(body="<p>改。</p>\n"), encoding="utf-8")
        build(site, destination=destination, atomic_publish=atomic, jobs=1)
        build(site, destination=tmp_path / "clean", jobs=1)
        assert tree_bytes(destination) == tree_bytes(tmp_path / "clean")


@pytest.mark.parametrize("kind", ["tmpfs", "bind"])
def test_a_mount_point_is_a_fine_destination(tmp_path: Path, kind: str) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    arguments = ("-t", "tmpfs", "tmpfs") if kind == "tmpfs" else ("--bind", str(tmp_path / "bound"))
    (tmp_path / "bound").mkdir()
    with mounted(tmp_path / "mount", *arguments) as destination:
        for version in ("一", "二"):
            (site / "content/_posts/2022-05-27-a.md").write_text(
                post(body=f"<p>{version}</p>\n"), encoding="utf-8"
            )
            build(site, destination=destination, jobs=1)
            clean = tmp_path / f"clean-{version}"
            build(site, destination=clean, jobs=1)
            assert lstat_tree(destination) == lstat_tree(clean)  # no staging left inside
        mtimes = {path: path.stat().st_mtime_ns for path in destination.rglob("*")}
        assert build(site, destination=destination, jobs=1).files_written == 0
        assert {path: path.stat().st_mtime_ns for path in destination.rglob("*")} == mtimes


@pytest.mark.parametrize("atomic", [True, False], ids=["swap", "in-place"])
def test_a_read_only_destination_fails_in_one_line_leaving_the_site(tmp_path: Path, atomic: bool) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    with tmpfs(tmp_path / "disk") as disk:
        destination = disk / "out"
        build(site, destination=destination, jobs=1)
        before = lstat_tree(disk)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        (site / "content/_posts/2022-05-27-a.md").write_text(post(body="<p>改。</p>\n"), encoding="utf-8")
        # Refused before building, as a destination this user may not write in is.
        with pytest.raises(DestinationError, match="the destination is on a read-only file system") as caught:
            build(site, destination=destination, atomic_publish=atomic, jobs=1)
        assert "\n" not in str(caught.value) and caught.value.path == destination
        assert lstat_tree(disk) == before


@pytest.mark.parametrize("atomic", [True, False], ids=["swap", "in-place"])
def test_a_name_too_long_fails_in_one_line_naming_it_and_leaves_the_site(
    tmp_path: Path, atomic: bool
) -> None:
    destination = tmp_path / "out"
    publish(destination, [("index.html", b"old")], [])
    before = lstat_tree(tmp_path)
    too_long = "news/" + "x" * 300 + ".html"
    with pytest.raises(OutputError, match="File name too long; the previous site is unchanged") as caught:
        publish(destination, [("index.html", b"new"), (too_long, b"page")], [], atomic=atomic)
    assert caught.value.path == destination / too_long
    assert "\n" not in str(caught.value)
    assert lstat_tree(tmp_path) == before


def test_a_destination_whose_own_name_is_too_long_is_one_line_naming_it(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    destination = tmp_path / ("x" * 300)
    with pytest.raises(OutputError, match="File name too long") as caught:
        build(site, destination=destination, jobs=1)
    assert caught.value.path == destination and "\n" not in str(caught.value)
