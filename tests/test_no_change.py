"""The no-change check of `sitegen build`: skipped only when a full build would publish
the same tree, and cheap (the pipeline is not even imported)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.cli import main
from sitegen.incremental import input_digests, manifest_file, restamp
from sitegen.incremental.manifest_file import read_manifest
from sitegen.settled_stamps import COARSE_WINDOW_NS
from tests.conftest import (
    CLEAN_COMPILED_TEMPLATES,
    CONFIG,
    PROJECT_ROOT,
    post,
    sitegen_main,
    tree_bytes,
    write_files,
)
from tests.racy import racy_window

THEME_PAGE = (PROJECT_ROOT / "templates" / "page.html").read_text(encoding="utf-8")


def _site_files() -> dict[str, str]:
    future = (datetime.now(UTC) + timedelta(days=400)).strftime("%Y-%m-%d %H:%M:%S +0000")
    return {
        "_config.yml": CONFIG,
        "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800", body="<p>正文甲。</p>\n"),
        "content/_posts/2022-05-02-b.md": post("乙", "2022-05-02 10:00:00 +0800", body="<p>正文乙。</p>\n"),
        "content/_posts/2030-01-01-later.md": post("未来", future),
        "content/_drafts/draft.md": post("草稿", "2022-05-03 10:00:00 +0800"),
        "content/_data/info.yml": "motto: 第一\n",
        "content/_includes/note.html": "<aside>注一</aside>\n",
        "content/about.md": (
            "---\ntitle: 关于\n---\n{{ site.data.info.motto }} {% include note.html %} "
            "[{{ jekyll.environment }}]\n"
        ),
    }


def _cli_build(site: Path, destination: Path, *options: str) -> tuple[int, str]:
    """`sitegen build` in process, with the summary line it printed."""
    code, printed, _ = sitegen_main("build", "-s", str(site), "-d", str(destination), *options)
    return code, printed


def _clean_tree(site: Path, scratch: Path, future: bool = False, drafts: bool = False) -> dict[str, bytes]:
    """What a full build from nothing publishes (its own cache folder, no cache used)."""
    destination = scratch / "clean"
    shutil.rmtree(destination, ignore_errors=True)
    build_site(
        BuildOptions(
            source=site,
            destination=destination,
            future=future,
            drafts=drafts,
            cache=False,
            cache_dir=scratch / "clean-cache",
            compiled_templates=CLEAN_COMPILED_TEMPLATES,
        )
    )
    return tree_bytes(destination)


def _edit_keeping_stamp(path: Path) -> None:
    """Change a post's bytes but not its size or mtime (`touch -d` afterwards)."""
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    old, new = ("正文", "副文") if "正文" in text else ("副文", "正文")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _check_out_afresh(site: Path) -> None:
    """Every file of the site written again, with new inodes and mtimes and the same
    bytes, as a fresh `git clone` in CI leaves it (its cache folder restored with it)."""
    fresh = site.with_name(f"{site.name}-fresh")
    shutil.copytree(site, fresh, copy_function=shutil.copy, symlinks=True)
    shutil.rmtree(site)
    fresh.rename(site)


def _deep(destination: Path, pick: int, *, folders: bool) -> Path | None:
    """A file (or folder) at least two levels below the top of the published tree."""
    found = sorted(
        path
        for path in destination.glob("*/*/**/*")
        if (path.is_dir() if folders else path.is_file()) and not path.is_symlink()
    )
    return found[pick % len(found)] if found else None


def _delete_deep_page(world: _World, pick: int) -> None:
    if (page := _deep(world.destination, pick, folders=False)) is not None:
        page.unlink()


def _forge_deep_page(world: _World, pick: int) -> None:
    """`mv` of an edited copy over a page, its size and mtime those of the page."""
    if (page := _deep(world.destination, pick, folders=False)) is None:
        return
    info = page.stat()
    forged = world.root / f"forged-{_next(world)}"
    data = page.read_bytes()
    forged.write_bytes(bytes([data[0] ^ 1]) + data[1:])
    os.utime(forged, ns=(info.st_atime_ns, info.st_mtime_ns))
    forged.rename(page)


def _chmod_deep_folder(world: _World, pick: int) -> None:
    """A folder's ctime moves while its entries stay: nothing to publish, a new stamp."""
    if (folder := _deep(world.destination, pick, folders=True)) is not None:
        folder.chmod(0o750 if folder.stat().st_mode & 0o007 else 0o755)


def _symlink_deep_folder(world: _World, pick: int) -> None:
    """A folder of the published tree replaced by a symlink to an edited copy of it."""
    folder = _deep(world.destination, pick, folders=True)
    if folder is None:
        return
    copy = world.root / f"elsewhere-{_next(world)}"
    shutil.copytree(folder, copy, copy_function=shutil.copy2)
    for page in copy.rglob("*.html"):
        page.write_text("not what sitegen wrote", encoding="utf-8")
    shutil.rmtree(folder)
    folder.symlink_to(copy, target_is_directory=True)


def _hashed_paths(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list[str]:
    """Every path `module` hashes through its `digest_path` from now on, in order (this
    process's calls only: a forked process's are its own)."""
    hashed: list[str] = []
    real_digest = input_digests.digest_path

    def counting(path: str | Path) -> str:
        hashed.append(str(path))
        return real_digest(path)

    monkeypatch.setattr(module, "digest_path", counting)
    return hashed


class _World:
    """The site under test and the options the next build is run with."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = write_files(root / "site", _site_files())
        self.destination = root / "out"
        self.options: dict[str, bool] = {"future": False, "drafts": False}
        self.counter = 0

    def posts(self) -> list[Path]:
        return sorted((self.site / "content" / "_posts").glob("*.md"))

    def flags(self) -> list[str]:
        return [f"--{name}" for name, on in self.options.items() if on]


def _next(world: _World) -> int:
    world.counter += 1
    return world.counter


CHANGES: dict[str, Callable[[_World, int], object]] = {
    "edit a post, same size and mtime": lambda w, i: _edit_keeping_stamp(w.posts()[i % len(w.posts())]),
    "add a post": lambda w, i: write_files(
        w.site,
        {
            f"content/_posts/2022-06-{1 + i % 27:02d}-n{_next(w)}.md": post(
                f"新{i}", "2022-06-01 09:00:00 +0800"
            )
        },
    ),
    "remove a post": lambda w, i: w.posts()[i % len(w.posts())].unlink() if len(w.posts()) > 1 else None,
    "rename a post": lambda w, i: w.posts()[i % len(w.posts())].rename(
        w.site / "content" / "_posts" / f"2022-07-01-r{_next(w)}.md"
    ),
    "touch a post": lambda w, i: os.utime(w.posts()[i % len(w.posts())]),
    "check the site out afresh": lambda w, i: _check_out_afresh(w.site),
    "edit a template": lambda w, i: write_files(
        w.site, {"templates/page.html": THEME_PAGE.replace("<h1>", f'<h1 data-v="{_next(w)}">', 1)}
    ),
    "edit the config": lambda w, i: write_files(
        w.site, {"_config.yml": CONFIG.replace("测试站", f"站{_next(w)}")}
    ),
    "edit data": lambda w, i: write_files(w.site, {"content/_data/info.yml": f"motto: 第{_next(w)}\n"}),
    "edit an include": lambda w, i: write_files(
        w.site, {"content/_includes/note.html": f"<aside>{_next(w)}</aside>\n"}
    ),
    "toggle --future": lambda w, i: w.options.__setitem__("future", not w.options["future"]),
    "toggle --drafts": lambda w, i: w.options.__setitem__("drafts", not w.options["drafts"]),
    "delete the destination": lambda w, i: shutil.rmtree(w.destination, ignore_errors=True),
    "edit the destination": lambda w, i: (
        (w.destination / "index.html").write_text("hand edit") if w.destination.is_dir() else None
    ),
    "delete a page deep in the destination": _delete_deep_page,
    "chmod a folder deep in the destination": _chmod_deep_folder,
    "replace a deep page by a file of its size and mtime": _forge_deep_page,
    "replace a folder deep in the destination by a symlink": _symlink_deep_folder,
    "nothing": lambda w, i: None,
}


@settings(max_examples=12)
@given(
    window=st.sampled_from([0, None, COARSE_WINDOW_NS]),
    steps=st.lists(st.tuples(st.sampled_from(sorted(CHANGES)), st.integers(0, 50)), min_size=1, max_size=5),
)
def test_every_kind_of_change_builds_what_a_clean_build_does(
    tmp_path_factory: pytest.TempPathFactory, window: int | None, steps: list[tuple[str, int]]
) -> None:
    world = _World(tmp_path_factory.mktemp("no-change"))
    with racy_window(window):  # all hashed (2 s), none (0), or as a real build decides
        assert _cli_build(world.site, world.destination)[0] == 0
        for change, number in steps:
            CHANGES[change](world, number)
            code, _ = _cli_build(world.site, world.destination, *world.flags())
            assert code == 0
            expected = _clean_tree(world.site, world.root, **world.options)
            assert tree_bytes(world.destination) == expected, change


def test_a_second_build_of_an_unchanged_site_is_skipped(tmp_path: Path) -> None:
    world = _World(tmp_path)
    assert "written" in _cli_build(world.site, world.destination)[1]
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and summary.startswith("nothing changed;"), summary


def test_a_changed_jekyll_env_is_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    monkeypatch.setenv("JEKYLL_ENV", "production")
    _, summary = _cli_build(world.site, world.destination)
    assert not summary.startswith("nothing changed")
    assert "[production]" in (world.destination / "about.html").read_text(encoding="utf-8")


def test_a_future_post_falling_due_is_a_change(tmp_path: Path) -> None:
    world = _World(tmp_path)
    due = datetime.now(UTC) + timedelta(seconds=2)
    write_files(
        world.site,
        {"content/_posts/2022-08-01-soon.md": post("即将", due.strftime("%Y-%m-%d %H:%M:%S +0000"))},
    )
    _cli_build(world.site, world.destination)
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")
    while datetime.now(UTC) < due + timedelta(seconds=1):
        time.sleep(0.2)
    _, summary = _cli_build(world.site, world.destination)
    assert not summary.startswith("nothing changed")
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path, False, False)


def test_liquid_reading_the_clock_is_never_skipped(tmp_path: Path) -> None:
    world = _World(tmp_path)
    write_files(world.site, {"content/time.md": "---\ntitle: 时\n---\n{{ site.time }}\n"})
    _cli_build(world.site, world.destination)
    assert not _cli_build(world.site, world.destination)[1].startswith("nothing changed")


def test_a_fresh_checkout_and_restored_cache_is_still_no_change(tmp_path: Path) -> None:
    """CI: a clone gives every source a new mtime and inode, the cache action restores
    the cache and the published tree with their mtimes; contents decide."""
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    for folder, keep_stamps in ((world.site, False), (world.destination, True)):
        copy = tmp_path / "copy"
        shutil.copytree(folder, copy, copy_function=shutil.copy2 if keep_stamps else shutil.copy)
        shutil.rmtree(folder)
        copy.rename(folder)
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and summary.startswith("nothing changed"), summary


def test_a_build_without_the_command_line_forgets_the_manifest(tmp_path: Path) -> None:
    """The dev server builds through the library and records nothing; the manifest it
    leaves behind must not vouch for a tree it changed."""
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    build_site(
        BuildOptions(source=world.site, destination=world.destination, drafts=True, atomic_publish=False)
    )
    assert not (world.site / ".sitegen-cache" / manifest_file.MANIFEST_NAME).exists()
    assert not _cli_build(world.site, world.destination)[1].startswith("nothing changed")
    assert tree_bytes(world.destination) == _clean_tree(world.site, tmp_path, False, False)


def test_the_no_change_path_imports_nothing_heavy(tmp_path: Path) -> None:
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    # Nor the URL rules and the model (the regex engine's slugs and every dataclass of
    # them), which cost a third of the check's imports.
    heavy: tuple[str, ...] = ("jinja2", "markdown", "markdown_it", "yaml", "ruamel", "liquid", "bs4")
    heavy += ("regex", "sitegen.build", "sitegen.urls", "sitegen.model")
    script = (
        "import sys\nfrom sitegen.cli import main\n"
        f"code = main(['build', '-s', {str(world.site)!r}, '-d', {str(world.destination)!r}])\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} or m in {heavy!r})\n"
        "print('LOADED', loaded, code)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True
    )
    assert "nothing changed" in run.stdout
    assert "LOADED [] 0" in run.stdout, run.stdout


def test_a_first_build_reads_no_file_twice_for_its_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no manifest to compare with, the check hashes nothing; the manifest then takes
    each source's digest from what the build read, and hashes only the other inputs."""
    world = _World(tmp_path)
    hashed = _hashed_paths(monkeypatch, restamp)
    _cli_build(world.site, world.destination)
    assert not [path for path in hashed if path.endswith(".md") and "_posts" in path]
    stored = read_manifest(world.site / ".sitegen-cache")
    assert stored is not None
    posts = {f"site/content/_posts/{path.name}": path for path in world.posts()}
    digests = {entry[0]: entry[6] for entry in stored.files}
    for key, path in posts.items():
        assert digests[key] == input_digests.digest_path(path)
    monkeypatch.undo()
    code, summary = _cli_build(world.site, world.destination)
    assert code == 0 and summary.startswith("nothing changed"), summary


def test_a_no_change_run_does_not_report_the_last_build_s_cache_damage_again(tmp_path: Path) -> None:
    """A damaged cache is noted by the build that found it; the site's own warnings are
    replayed by a no-change run, that note is not (it would read as new damage)."""
    import contextlib
    import io

    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    (world.site / ".sitegen-cache" / "cache.sqlite").write_bytes(b"not a database" * 100)
    post_file = world.posts()[0]
    post_file.write_text(post_file.read_text(encoding="utf-8") + "\n更多\n", encoding="utf-8")

    def warnings() -> tuple[str, str]:
        printed, errors = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
            main(["build", "-s", str(world.site), "-d", str(world.destination)])
        return printed.getvalue(), errors.getvalue()

    _, found = warnings()
    summary, replayed = warnings()
    assert "could not be read; it was rebuilt" in found
    assert summary.startswith("nothing changed;") and "cache" not in replayed
