"""A build cache folder keeps its `CACHEDIR.TAG`: whatever happens to the tag (deleted,
truncated, overwritten, replaced by a folder or a link), the next build that uses the
folder, even one that finds nothing changed, writes it again or refuses the folder in one
line, and no build given another cache folder ever publishes the cache's files. A cache
folder that cannot be used says what is wrong with it and where it was set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.cache_tag import SIGNATURE, TAG_NAME, is_tagged
from tests.conftest import CONFIG, sitegen_main, write_files
from tests.test_no_change import _World

DAMAGE = st.one_of(
    st.just("removed"),
    st.just("folder"),
    st.sampled_from(["link to nowhere", "link to a file", "link to a folder", "link to a tag"]),
    st.integers(0, len(SIGNATURE) - 1).map(lambda size: f"truncated {size}"),
    st.binary(max_size=60).map(lambda data: ("overwritten", data)),
)


def _damage(cache: Path, damage: object) -> None:
    tag = cache / TAG_NAME
    tag.unlink()
    if damage == "folder":
        tag.mkdir()
    elif damage == "link to nowhere":
        tag.symlink_to("nowhere")
    elif damage == "link to a file":
        tag.symlink_to("../_config.yml")
    elif damage == "link to a folder":
        tag.symlink_to("..", target_is_directory=True)
    elif damage == "link to a tag":
        (cache.parent / "elsewhere.tag").write_bytes(SIGNATURE + b"\n")
        tag.symlink_to("../elsewhere.tag")
    elif isinstance(damage, str) and damage.startswith("truncated"):
        tag.write_bytes(SIGNATURE[: int(damage.split()[1])])
    elif isinstance(damage, tuple):
        tag.write_bytes(damage[1])


def _cli(*arguments: str) -> tuple[int, str, list[str]]:
    code, printed, errors = sitegen_main(*arguments)
    return code, printed, errors.splitlines()


@settings(max_examples=30, deadline=None)
@given(damage=DAMAGE, builds=st.lists(st.sampled_from(["own", "other"]), min_size=1, max_size=4))
def test_a_damaged_tag_is_written_again_or_the_cache_refused_and_never_published(
    tmp_path_factory: pytest.TempPathFactory, damage: object, builds: list[str]
) -> None:
    """`rm cachev/CACHEDIR.TAG` then `sitegen build --cache-dir cachev` said "nothing
    changed" and left the tag out; a build given another cache then published
    `cachev/cache.sqlite`, `lock` and `manifest`."""
    root = tmp_path_factory.mktemp("damage")
    world = _World(root)
    cache = world.site / "cachev"
    own = ("build", "-s", str(world.site), "-d", str(world.destination), "--cache-dir", str(cache))
    other = ("build", "-s", str(world.site), "-d", str(world.destination), "--cache-dir", str(root / "other"))
    assert _cli(*own)[0] == 0
    _damage(cache, damage)
    for which in builds:
        code, _, errors = _cli(*(own if which == "own" else other))
        if which == "own" and code != 0:  # refused: one line naming the tag
            assert damage == "folder", errors
            assert len(errors) == 1 and errors[0].startswith(f"error: {cache / TAG_NAME}: "), errors
        else:
            assert code == 0, errors
        if which == "own" and code == 0:
            assert is_tagged(cache) and not (cache / TAG_NAME).is_symlink()
        published = [path for path in world.destination.rglob("*") if "cachev" in path.parts]
        assert not published, published


@pytest.mark.parametrize(
    ("make", "cache_dir", "words"),
    [
        (lambda root: (root / "dl").symlink_to("nowhere"), "dl", "is a link leading nowhere"),
        (lambda root: None, "site/_config.yml/x", "site/_config.yml is a file, not a folder"),
        (lambda root: (root / "plain").write_text("x"), "plain", "the cache folder is a file, not a folder"),
        (lambda root: (root / "up").symlink_to("gone/deeper"), "up/x", "up is a link leading nowhere"),
    ],
)
@pytest.mark.parametrize("set_in", ["--cache-dir", "_config.yml"])
def test_a_cache_folder_that_cannot_be_made_is_one_line_saying_why_and_where_it_was_set(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: object,
    cache_dir: str,
    words: str,
    set_in: str,
) -> None:
    """`--cache-dir dl` with `dl -> nowhere` said `dl/lock: cannot make the build lock
    (File exists)`; `--cache-dir _config.yml/x` said `(Not a directory)`; and a folder
    set by `cache_dir:` was answered with "choose another --cache-dir"."""
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "_posts/2022-05-27-a.md": "---\ntitle: a\n---\n"}
    )
    monkeypatch.chdir(tmp_path)
    make(tmp_path)  # type: ignore[operator]
    if set_in == "--cache-dir":
        code, _, errors = _cli("build", "-s", "site", "--cache-dir", cache_dir)
    else:
        setting = os.path.relpath(tmp_path / cache_dir, site)
        write_files(site, {"_config.yml": CONFIG + f"cache_dir: {setting}\n"})
        code, _, errors = _cli("build", "-s", "site")
    assert code != 0
    assert len(errors) == 1 and errors[0].startswith("error: ") and words in errors[0], errors
    if set_in == "--cache-dir":
        assert "choose another --cache-dir" in errors[0]
    else:
        assert "cache_dir: in site/_config.yml" in errors[0] and "choose another --cache-dir" not in errors[0]
    assert not (site / "_site").exists()
    shutil.rmtree(site)
