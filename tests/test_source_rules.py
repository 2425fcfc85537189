"""What a build reads from the source folder: one symlink rule for files and folders,
editor leftovers ignored, special files and unreadable folders handled without a
traceback, and a folder that is not a site refused."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.cli import main
from sitegen.content.scan import MAX_WAYS
from sitegen.errors import Diagnostic, OutputError
from tests.conftest import CONFIG, NOW, SiteFactory, build, post, run_unprivileged, tree_bytes, write_files

GOOD = "content/_posts/2022-05-27-good.md"
GOOD_OUTPUT = "_site/xinjingbao/2022/05/27/good.html"


def make(root: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    return write_files(root / "site", {"_config.yml": CONFIG, GOOD: post(), **(extra or {})})


def warned(result_diagnostics: Iterable[Diagnostic], name: str, words: str) -> bool:
    return any(d.path is not None and d.path.name == name and words in d.message for d in result_diagnostics)


def test_symlink_loop_dangling_link_and_editor_lock_file_are_skipped(tmp_path: Path) -> None:
    site = make(tmp_path)
    posts = site / "content/_posts"
    (site / "content/loop.txt").symlink_to("loop.txt")
    (posts / "2022-05-28-gone.md").symlink_to("nowhere.md")
    (posts / ".#2022-05-27-good.md").symlink_to("user@host.1234:1700000000")
    (posts / "2022-05-27-good.md~").write_text(post(title="备份"), encoding="utf-8")
    result = build(site)
    assert not result.errors and result.posts == 1
    assert warned(result.diagnostics, "loop.txt", "loop")
    assert warned(result.diagnostics, "2022-05-28-gone.md", "broken symlink")
    assert not any(".#" in str(d) or "~" in str(d) for d in result.diagnostics)
    assert (site / GOOD_OUTPUT).is_file()


@pytest.mark.parametrize(
    ("link", "target"),
    [("content/loop", "."), ("content/_posts/up", ".."), ("content/a/b/top", "../.."),
     ("content/_posts/self", "."), ("content/docs/site", "../..")],
)  # fmt: skip
def test_a_link_to_a_folder_it_is_in_is_a_loop_said_and_skipped(
    tmp_path: Path, link: str, target: str
) -> None:
    """`ln -s . loop` was skipped without a word (the README says loops are warned
    about), and `_posts/up -> ..` read the whole site again below `_posts`."""
    site = make(tmp_path, {"content/a/b/page.md": "---\ntitle: 页\n---\n页\n", "content/docs/x.txt": "x"})
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(target, target_is_directory=True)
    result = build(site)
    assert not result.errors and result.posts == 1
    assert warned(result.diagnostics, Path(link).name, "loop")
    published = {path.relative_to(site / "_site").as_posix() for path in (site / "_site").rglob("*")}
    assert not any(Path(link).name in path.split("/") for path in published)
    assert clean_tree_without(site, link) == tree_bytes(site / "_site")


def clean_tree_without(site: Path, link: str) -> dict[str, bytes]:
    """What a build publishes with `link` taken away."""
    copy = site.parent / "copy"
    shutil.copytree(site, copy, symlinks=True, ignore=shutil.ignore_patterns("_site", ".sitegen-cache"))
    (copy / link).unlink()
    build(copy)
    return tree_bytes(copy / "_site")


@pytest.mark.parametrize("linked", ["folder", "file"])
def test_links_out_of_the_site_are_skipped_in_safe_mode_for_folders_and_files_alike(
    tmp_path: Path, linked: str
) -> None:
    outside = write_files(tmp_path / "outside", {"_posts/2022-05-29-secret.md": post(title="机密")})
    site = make(tmp_path, {"_config.yml": CONFIG + "safe: true\n"})
    if linked == "folder":
        (site / "content/_posts").rename(site / "content/real_posts")
        (site / "content/_posts").symlink_to(outside / "_posts", target_is_directory=True)
        (site / "content/mirror").symlink_to(site / "content/real_posts", target_is_directory=True)
    else:
        (site / "content/_posts/2022-05-29-secret.md").symlink_to(outside / "_posts/2022-05-29-secret.md")
    result = build(site)
    assert not any("机密" in p.read_text(encoding="utf-8") for p in (site / "_site").rglob("*.html"))
    assert any("outside the site" in d.message for d in result.warnings)


def test_links_inside_the_site_are_followed_for_folders_and_files_alike(tmp_path: Path) -> None:
    site = make(tmp_path, {"shared/2022-05-30-linked.md": post(title="链接的文件")})
    (site / "content/_posts/2022-05-30-linked.md").symlink_to(site / "shared/2022-05-30-linked.md")
    (site / "content/docs").symlink_to(site / "shared", target_is_directory=True)
    (site / "content/docs/loop").symlink_to(site / "content", target_is_directory=True)
    result = build(site)
    assert not result.errors and result.posts == 2
    assert (site / "_site/xinjingbao/2022/05/27/linked.html").is_file()
    assert (site / "_site/docs/2022-05-30-linked.html").is_file()


def test_a_fifo_among_the_posts_is_skipped_instead_of_blocking_the_build(tmp_path: Path) -> None:
    site = make(tmp_path)
    os.mkfifo(site / "content/_posts/2022-05-28-pipe.md")
    result = build(site)
    assert warned(result.diagnostics, "2022-05-28-pipe.md", "neither a file nor a folder")
    assert (site / GOOD_OUTPUT).is_file()


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_warning(tmp_path: Path) -> None:
    site = make(tmp_path)
    posts = os.fsencode(site / "content/_posts")
    with open(posts + b"/2022-05-28-\xff\xfe.md", "wb") as handle:
        handle.write(post().encode())
    result = build(site)
    assert not result.errors and any("not UTF-8" in d.message for d in result.warnings)
    assert (site / GOOD_OUTPUT).is_file()


def test_an_unreadable_posts_folder_is_an_error_and_keeps_the_published_site(
    world_readable_tmp: Path,
) -> None:
    site = make(world_readable_tmp)
    build(site)
    for path in (site, *site.rglob("*")):
        path.chmod(0o777 if path.is_dir() else 0o666)
    (site / "content/_posts").chmod(0)

    def check() -> None:
        result = build_site(BuildOptions(source=site, now=NOW))
        assert [error.message.split(";")[0] for error in result.errors] == [
            "cannot read this folder (Permission denied)"
        ]
        assert (site / GOOD_OUTPUT).is_file()  # its pages stay published

    run_unprivileged(check)


def test_a_folder_that_is_not_a_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_files(tmp_path / "home", {"notes.md": "---\ntitle: x\n---\n", "photos/a.jpg": b"\xff"})
    assert main(["build", "-s", str(folder)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "_config.yml" in error and "_posts" in error
    assert not (folder / "_site").exists()


def test_a_source_that_is_a_file_or_missing_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = write_files(tmp_path, {"notes.md": "x\n"}) / "notes.md"
    for source, said in ((afile, "is not a folder"), (tmp_path / "gone", "does not exist")):
        assert main(["build", "-s", str(source)]) == 2  # refused before building (README, "Exit status")
        error = capsys.readouterr().err
        assert error == f"error: {source}: source folder {said}: give the site's folder with -s\n"


#: Folders of sources, and folders and files the build reads besides them.
SPECIAL_PLACES = ("_drafts", "content/_posts", "templates", "content", "_data", "_includes", "_layouts")


@pytest.mark.parametrize("folder", [*SPECIAL_PLACES, "_sass", "_data/d.yml", "_includes/inc.html"])
def test_a_symlink_loop_in_place_of_a_special_folder_is_a_warning(tmp_path: Path, folder: str) -> None:
    site = make(tmp_path)
    if folder in ("content/_posts", "content"):
        shutil.rmtree(site / "content")
        site = write_files(tmp_path / "site", {"_posts/2022-05-27-good.md": post()})
    loop = site / folder
    if loop.exists():
        shutil.rmtree(loop)
    loop.parent.mkdir(parents=True, exist_ok=True)
    loop.symlink_to(loop.name)
    result = build(site)
    assert not result.errors and result.posts == 1


def test_a_site_folder_whose_path_is_not_utf8_builds(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/site-\xff"))
    site = write_files(folder, {"_config.yml": CONFIG, GOOD: post()})
    result = build(site, destination=tmp_path / "out")
    assert not result.errors and (tmp_path / "out/xinjingbao/2022/05/27/good.html").is_file()


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling", "loop"])
def test_a_config_that_is_not_a_file_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    site = write_files(tmp_path / "site", {GOOD: post()})
    config = site / "_config.yml"
    if kind == "folder":
        config.mkdir()
    elif kind == "fifo":
        os.mkfifo(config)
    else:
        config.symlink_to("nowhere.yml" if kind == "dangling" else "_config.yml")
    assert main(["build", "-s", str(site)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "_config.yml" in error


@pytest.mark.parametrize("output", [True, False])
@pytest.mark.parametrize("destination", ["_docs", "_docs/deep", "_notes"])
def test_a_collection_folder_is_never_a_destination_even_with_force(
    make_site: SiteFactory, output: bool, destination: str
) -> None:
    """In a plain Jekyll tree a collection's folder (published or not) holds sources, as
    `_posts/` does: it is refused as a destination, or as a folder above one, with or
    without `--force`, and none of its files is lost."""
    config = CONFIG + f"collections:\n  docs:\n    output: {str(output).lower()}\n  notes: {{}}\n"
    site = make_site(
        {
            "_config.yml": config,
            "_posts/2022-05-27-a.md": post(),
            "_docs/guide.md": "---\ntitle: Guide\n---\n指南\n",
            "_notes/n.md": "---\ntitle: N\n---\n笔记\n",
        }
    )
    before = tree_bytes(site)
    with pytest.raises(OutputError, match="sources from"):
        build(site, destination=site / destination, force=True)
    assert tree_bytes(site) == before


def _reached(folder: Path, relative: str, way: frozenset[str]) -> set[str]:
    """The files below `folder` by every way there through links, a way ending where it
    would come back to a folder it passed, and a link to a folder it really is in never
    followed (the model the scan must agree with)."""
    real = os.path.realpath(folder)
    if real in way:
        return set()
    found: set[str] = set()
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink() and Path(real).is_relative_to(os.path.realpath(entry)):
            continue
        if entry.is_dir():
            found |= _reached(entry, f"{relative}{entry.name}/", way | {real})
        elif entry.is_file():
            found.add(relative + entry.name)
    return found


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "a/c", "d"]), st.sampled_from(["a", "b", "a/c", "d"])),
        max_size=4,
    )
)
def test_every_way_to_a_folder_through_links_is_published(links: list[tuple[str, str]]) -> None:
    """`z/tox -> ../x` published `z/tox/` and silently dropped `x/` itself (one set of the
    folders walked kept whichever way came first). Every way to a file that does not
    come back to a folder it passed is published, as Jekyll reads them."""
    with tempfile.TemporaryDirectory() as scratch:
        site = make(Path(scratch))
        content = site / "content"
        for folder in ("a", "b", "a/c", "d"):
            write_files(content / folder, {f"{folder.replace('/', '-')}.dat": folder})
        for number, (holder, target) in enumerate(links):
            link = content / holder / f"to{number}"
            link.symlink_to(os.path.relpath(content / target, content / holder), target_is_directory=True)
        result = build(site)
        assert not result.errors
        published = {
            path.relative_to(site / "_site").as_posix()
            for path in (site / "_site").rglob("*")
            if path.is_file() and path.suffix == ".dat"
        }
        expected = {path for path in _reached(content, "", frozenset()) if path.endswith(".dat")}
        assert published == expected


def test_a_lattice_of_links_is_read_a_bounded_number_of_ways(tmp_path: Path) -> None:
    """Every way to a folder through links is read, so folders linking two ways to the
    next level (2**n ways to the last) grew a build without end: each folder is read by
    at most `MAX_WAYS` ways, and the one cut short is named."""
    site = make(tmp_path)
    levels = [site / "content" / f"l{level:02d}" for level in range(20)]
    for level, folder in enumerate(levels):
        write_files(folder, {f"f{level}.dat": "x"})
        if level:
            for name in ("left", "right"):
                (levels[level - 1] / name).symlink_to(folder, target_is_directory=True)
    result = build(site)
    assert not result.errors
    published = [path for path in (site / "_site").rglob("*.dat")]
    last = [path for path in published if path.name == "f19.dat"]
    assert 1 <= len(last) <= MAX_WAYS
    assert len(published) <= 20 * MAX_WAYS
    assert any("more than" in d.message and "ways" in d.message for d in result.warnings)
