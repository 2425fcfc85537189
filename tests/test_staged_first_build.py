"""A first build's pages are written by the processes that render them, into the swap's
staging folder: the site still appears in one rename or not at all."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import OutputError
from sitegen.parallel import LocalProcessExecutor
from sitegen.publish import staging as staging_module
from sitegen.publish.staging import StagingTree, staged_tree
from sitegen.publish.writer import publish
from tests.conftest import CONFIG, build, generated_posts, tree_bytes, write_files
from tests.test_publish_safety import big_post, tmpfs


def test_staged_pages_are_published_with_the_other_files_in_one_swap(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    source = write_files(tmp_path / "src", {"logo.txt": "logo"})
    with staged_tree(destination) as staging:
        assert staging is not None and not destination.exists()
        staging.write("news/2022/a.html", b"staged")
        summary = publish(
            destination,
            [("news/2022/a.html", None), ("index.html", b"home")],
            [("assets/logo.txt", source / "logo.txt")],
            staging=staging,
        )
    assert summary.files_written == 3
    files = tree_bytes(destination)
    assert files.pop(".sitegen") != b""  # the marker
    assert files == {"news/2022/a.html": b"staged", "index.html": b"home", "assets/logo.txt": b"logo"}
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]  # no staging folder left


def test_an_existing_destination_is_never_staged(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    destination.mkdir()
    with staged_tree(destination) as staging:
        assert staging is None
    with staged_tree(tmp_path / "new", enabled=False) as staging:
        assert staging is None


def test_a_first_build_that_fails_leaves_no_site_and_no_staging(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), staged_tree(tmp_path / "out") as staging:
        assert staging is not None
        staging.write("a/b.html", b"page")
        raise RuntimeError("a template error, say")
    assert os.listdir(tmp_path) == []


def test_a_destination_made_by_someone_else_during_the_build_is_left_alone(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    with staged_tree(destination) as staging:
        assert staging is not None
        staging.write("a.html", b"ours")
        write_files(destination, {"theirs.txt": "theirs"})
        with pytest.raises(OutputError, match="appeared during the build; the previous site is unchanged"):
            publish(destination, [("a.html", None)], [], staging=staging)
    assert tree_bytes(destination) == {"theirs.txt": b"theirs"}
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_a_page_that_cannot_be_staged_is_one_line_naming_it(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    too_long = "news/" + "x" * 300 + ".html"
    with staged_tree(destination) as staging:
        assert staging is not None
        with pytest.raises(OutputError, match="File name too long; the previous site is unchanged") as caught:
            staging.write(too_long, b"page")
    assert caught.value.path == destination / too_long and "\n" not in str(caught.value)
    assert os.listdir(tmp_path) == []


def _write_one(staging: StagingTree, relative: str) -> None:
    staging.write(relative, relative.encode())


folder_names = st.sampled_from(["a", "b", "新闻", "2022"])
relative_paths = st.lists(folder_names, min_size=0, max_size=3).map(lambda parts: "/".join(parts))


@settings(max_examples=10, deadline=None)
@given(folders=st.lists(relative_paths, min_size=1, max_size=8))
def test_workers_writing_into_shared_folders_at_once_stage_every_page(
    tmp_path_factory: pytest.TempPathFactory, folders: list[str]
) -> None:
    """Workers make the same folders concurrently; none loses a race."""
    root = tmp_path_factory.mktemp("staged")
    # Enough pages that the executor forks workers; many share each folder.
    pages = sorted({f"{folder}/{number}.html".lstrip("/") for folder in folders for number in range(40)})
    destination = root / "out"
    with staged_tree(destination) as staging:
        assert staging is not None
        LocalProcessExecutor(2).map(_write_one, staging, pages)
        publish(destination, [(page, None) for page in pages], [], staging=staging)
    files = tree_bytes(destination)
    files.pop(".sitegen")
    assert files == {page: page.encode() for page in pages}


def test_a_first_build_killed_while_rendering_leaves_no_site_and_the_next_build_is_clean(
    tmp_path: Path,
) -> None:
    posts = generated_posts(30, month=5, categories=3, tags=2, body="<p>{number}</p>\n")
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, **posts})
    destination = tmp_path / "out"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, killed at its fifth staged page
        try:
            original = StagingTree.write
            written = [0]

            def killing_write(self: StagingTree, relative: str, data: bytes) -> tuple[int, int, int, int]:
                if written[0] == 5:
                    os.kill(os.getpid(), signal.SIGKILL)
                written[0] += 1
                return original(self, relative, data)

            staging_module.StagingTree.write = killing_write  # type: ignore[method-assign]
            build(site, destination=destination, jobs=1)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    assert not destination.exists()
    assert any(name.endswith("sitegen-staging") for name in os.listdir(tmp_path))  # the debris
    assert build(site, destination=destination, jobs=2).pages_rendered > 0
    assert not any(name.endswith("sitegen-staging") for name in os.listdir(tmp_path))
    # The cache recorded each staged page's file as it is after the swap.
    assert build(site, destination=destination, jobs=2).pages_rendered == 0
    # The same site as a build into an existing destination, which renders to bytes.
    (tmp_path / "clean").mkdir()
    build(site, destination=tmp_path / "clean", jobs=1)
    assert tree_bytes(destination) == tree_bytes(tmp_path / "clean")


def test_a_full_disk_while_workers_stage_a_first_build_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """The error is raised in a render worker, which writes the page, and reaches the
    command line as one line; the staging folder goes, so the disk has its space back."""
    posts = generated_posts(80, month=5, categories=3, tags=2, body="<p>{number}</p>\n")
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, **posts, "content/_posts/2022-05-26-big.md": big_post(2)},
    )
    with tmpfs(tmp_path / "small", "1m") as disk:
        with pytest.raises(OutputError) as caught:
            build(site, destination=disk / "out", jobs=2)
        message = str(caught.value)
        assert "No space left on device" in message and "\n" not in message
        assert os.listdir(disk) == []


def test_a_staging_folder_replaced_by_another_build_is_neither_published_nor_removed(tmp_path: Path) -> None:
    destination = tmp_path / "out"
    with staged_tree(destination) as staging:
        assert staging is not None
        staging.write("a.html", b"ours")
        # Another build into the same destination starts: it clears and remakes the folder.
        os.rename(tmp_path / staging.name, tmp_path / "retired")
        write_files(tmp_path / staging.name, {"b.html": "theirs, half written"})
        with pytest.raises(OutputError, match="another build replaced this build's staging folder"):
            publish(destination, [("a.html", None)], [], staging=staging)
    assert not destination.exists()
    assert tree_bytes(tmp_path / staging.name) == {"b.html": b"theirs, half written"}


def test_pages_written_in_order_open_and_make_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages come in output-path order, so the folders of the last page stay open for
    the next: a new folder costs one `mkdir` and one open, a shared one nothing more,
    and each page's stamp is still its file's and its folder's."""
    days = [f"news/2024/0{month}/{day}" for month in (1, 2) for day in (1, 2)]
    pages = [f"{day}/{number}.html" for day in days for number in range(5)]
    pages += ["news/index.html", "top.html"]
    calls = {"mkdir": 0, "folder opens": 0}
    real_mkdir, real_open = os.mkdir, os.open

    def counted_mkdir(path: str, *args: object, **kwargs: object) -> None:
        calls["mkdir"] += 1
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    def counted_open(path: str, flags: int, *args: object, **kwargs: object) -> int:
        calls["folder opens"] += bool(flags & os.O_DIRECTORY)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    destination = tmp_path / "out"
    with staged_tree(destination) as staging:
        assert staging is not None
        monkeypatch.setattr(os, "mkdir", counted_mkdir)
        monkeypatch.setattr(os, "open", counted_open)
        stamps = {page: staging.write(page, page.encode()) for page in sorted(pages)}
        monkeypatch.undo()
        publish(destination, [(page, None) for page in pages], [], staging=staging)
    folders = {"news", "news/2024"} | {page.rsplit("/", 2)[0] for page in pages if page.count("/") == 4}
    folders |= {page.rsplit("/", 1)[0] for page in pages if page.count("/") == 4}
    assert calls == {"mkdir": len(folders), "folder opens": len(folders)}
    for page, (size, mtime_ns, inode, folder_inode) in stamps.items():
        info = os.stat(destination / page)
        assert (size, mtime_ns, inode) == (info.st_size, info.st_mtime_ns, info.st_ino)
        assert folder_inode == os.stat((destination / page).parent).st_ino
