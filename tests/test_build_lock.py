"""One build of a site at a time: overlapping builds wait for each other, never mix."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.errors import OutputError
from sitegen.incremental import lock
from tests.conftest import CONFIG, PROJECT_ROOT, generated_posts, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run


def _site(root: Path) -> Path:
    posts = generated_posts(150, month=4, categories=5, tags=3, body="<p>第{number}篇。</p>\n")
    return write_files(root / "site", {"_config.yml": CONFIG + "paginate: 10\n", **posts})


def test_a_build_waits_for_the_one_holding_the_lock_and_says_so_when_it_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    cache_dir = site / ".sitegen-cache"
    cache_dir.mkdir()
    holder = os.open(cache_dir / lock.LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)
    monkeypatch.setattr(lock, "LOCK_WAIT_SECONDS", 0.3)
    try:
        with pytest.raises(OutputError, match="another sitegen build"):
            run(site, tmp_path / "out")
        assert not (tmp_path / "out").exists()
    finally:
        os.close(holder)
    run(site, tmp_path / "out")  # the lock is free again
    assert tree_bytes(tmp_path / "out") == clean_build_of(site, tmp_path / "scratch")


def test_overlapping_builds_of_one_site_publish_one_whole_site(tmp_path: Path) -> None:
    """A cron job still running when the next starts: each build sees the other's site
    whole, and the last one's output is a clean build's."""
    site = _site(tmp_path)
    destination = tmp_path / "out"
    command = [sys.executable, "-m", "sitegen", "build", "-s", str(site), "-d", str(destination)]
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    runs = []
    for footer in ("一", "二", "三"):
        write_files(site, {"templates/_back_links.html": f"<p>页脚{footer}</p>\n"})
        runs.append(
            subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        )
    results = [(*process.communicate(timeout=300), process.returncode) for process in runs]
    assert [code for _, _, code in results] == [0, 0, 0], [err.decode() for _, err, _ in results]
    assert tree_bytes(destination) == clean_build_of(site, tmp_path / "scratch")
    assert not [name for name in os.listdir(tmp_path) if "sitegen" in name]


def test_a_build_with_another_cache_waits_for_the_one_publishing_into_its_destination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache's lock does not cover a build into the same destination with another
    cache folder (CI's `--cache-dir` beside a plain `sitegen build`): the destination's
    own lock does."""
    site = _site(tmp_path)
    holder = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    monkeypatch.setattr(lock, "LOCK_WAIT_SECONDS", 0.3)
    try:
        with pytest.raises(OutputError, match="publishing into"):
            run(site, tmp_path / "out", cache_dir=tmp_path / "other-cache")
        assert not (tmp_path / "out").exists()
    finally:
        os.close(holder)


def test_overlapping_builds_with_their_own_caches_publish_one_whole_site(tmp_path: Path) -> None:
    """Builds into one destination, each with a cache folder of its own, started at
    once: each publishes a whole site in turn, and the last is a clean build's."""
    site = _site(tmp_path)
    destination = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    runs = []
    for index, footer in enumerate(("一", "二", "三")):
        write_files(site, {"templates/_back_links.html": f"<p>页脚{footer}</p>\n"})
        command = [sys.executable, "-m", "sitegen", "build", "-s", str(site), "-d", str(destination)]
        command += ["--cache-dir", str(tmp_path / f"cache-{index}")]
        runs.append(
            subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        )
    results = [(*process.communicate(timeout=300), process.returncode) for process in runs]
    assert [code for _, _, code in results] == [0, 0, 0], [err.decode() for _, err, _ in results]
    assert (destination / ".sitegen").is_file()
    assert tree_bytes(destination) == clean_build_of(site, tmp_path / "scratch")
    assert not [name for name in os.listdir(tmp_path) if "sitegen" in name]
