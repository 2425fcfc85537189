"""The command line, through the installed `sitegen` entry point and in-process."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sitegen import __version__
from sitegen.cli import main
from tests.conftest import CONFIG, PROJECT_ROOT, SiteFactory, generated_posts, post, write_files

SITEGEN = shutil.which("sitegen") or str(Path(sys.executable).parent / "sitegen")


def run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SITEGEN, *arguments], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"sitegen {__version__}"


@pytest.mark.parametrize("command", ["build", "serve", "check", "init"])
def test_help_on_every_command(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage: sitegen " + command in result.stdout


def test_build_prints_one_summary_line(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    result = run("build", "-s", str(site))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    # 13 pages: post, home, category, category directory, tag, archive index and month,
    # 404, two feeds, sitemap, news sitemap, robots.txt; 15 files with the theme's CSS and script.
    assert lines[0].startswith("built 1 posts, 13 pages; all 15 planned files published")
    assert lines[0].endswith(" s")


def test_the_summary_counts_the_files_a_build_removed(make_site: SiteFactory) -> None:
    """A build that only removed pages (a post deleted) said "0 written" and nothing of
    what it took down."""
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/_posts/2022-05-28-b.md": post("乙", categories="caixin", tags="财新"),
        }
    )
    assert run("build", "-s", str(site)).returncode == 0
    (site / "content/_posts/2022-05-28-b.md").unlink()
    line = run("build", "-s", str(site)).stdout.strip()
    published = {path for path in (site / "_site").rglob("*") if path.is_file()}
    assert "removed" in line
    removed = int(line.split(" removed)")[0].rsplit(" ", 1)[1])
    assert removed >= 3  # the post's page, its category's and its tag's listings
    assert not any("caixin" in str(path) for path in published)
    assert "removed" not in run("build", "-s", str(site)).stdout


def test_broken_post_exits_zero_but_strict_exits_non_zero(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/_posts/2022-05-28-bad.md": "---\ntitle: [oops\n---\n",
        }
    )
    lenient = run("build", "-s", str(site))
    assert lenient.returncode == 0
    assert "2022-05-28-bad.md:" in lenient.stderr and "Traceback" not in lenient.stderr
    strict = run("build", "-s", str(site), "-d", str(site / "strict"), "--strict")
    assert strict.returncode == 1
    assert not (site / "strict").exists()


def test_destination_option(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    assert run("build", "-s", str(site), "-d", str(tmp_path / "out")).returncode == 0
    assert (tmp_path / "out/xinjingbao/2022/05/27/a.html").is_file()


def test_future_and_drafts_flags(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2099-01-01-later.md": post(date="2099-01-01 00:00:00 +0800"),
            "content/_drafts/idea.md": post(title="草稿"),
        }
    )
    run("build", "-s", str(site))
    assert not (site / "_site/xinjingbao/2099/01/01/later.html").exists()
    assert run("build", "-s", str(site), "--future", "--drafts").returncode == 0
    assert (site / "_site/xinjingbao/2099/01/01/later.html").is_file()
    assert (site / "_site/xinjingbao/2022/05/27/idea.html").is_file()


def test_config_error_is_one_line_with_exit_code_2(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": "title: [unclosed\n"})
    result = run("build", "-s", str(site))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "_config.yml:" in result.stderr


def test_init_scaffolds_a_site_that_builds(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "new")]) == 0
    assert main(["build", "-s", str(tmp_path / "new")]) == 0
    assert (tmp_path / "new/_site/index.html").is_file()
    posts = list((tmp_path / "new/_site").rglob("welcome.html"))
    assert len(posts) == 1


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2


def test_check_command_reports_broken_links(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(body='<a href="/nowhere.html">x</a>\n'),
        }
    )
    assert main(["build", "-s", str(site)]) == 0
    result = run("check", str(site / "_site"))
    assert result.returncode == 1
    assert "/nowhere.html" in result.stdout


def test_wheel_ships_the_default_theme(tmp_path: Path) -> None:
    """`sitegen init` and `build` must work from an installed wheel, not only a checkout."""
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(PROJECT_ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("sitegen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "sitegen/theme/post.html" in names
    assert "sitegen/theme/assets/sitegen.css" in names


BASEURL_SITE = {
    "_config.yml": CONFIG + "baseurl: /news\n",
    "content/_posts/2022-05-27-a.md": post(),
}


def test_check_of_a_folder_outside_the_site_says_it_found_no_config(
    make_site: SiteFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(BASEURL_SITE)
    out = tmp_path / "elsewhere" / "out"
    assert main(["build", "-s", str(site), "-d", str(out)]) == 0
    capsys.readouterr()
    main(["check", str(out)])
    notes = [line for line in capsys.readouterr().err.splitlines() if "_config.yml" in line]
    assert len(notes) == 1
    assert str(out.parent) in notes[0] and "-s SITE" in notes[0] and "baseurl" in notes[0]
    # Named with -s, the site's baseurl resolves every link and there is nothing to note.
    assert main(["check", str(out), "-s", str(site)]) == 0
    assert "_config.yml" not in capsys.readouterr().err


def test_an_interrupted_build_exits_non_zero(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sitegen build && deploy` must not deploy a build the author stopped with Ctrl-C."""
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post("甲")})

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("sitegen.build.build_site", interrupted)
    assert main(["build", "-s", str(site)]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "stopped"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers through /proc")
def test_ctrl_c_during_a_parallel_build_prints_one_line_and_no_worker_traceback(tmp_path: Path) -> None:
    """A terminal's Ctrl-C signals the whole process group, workers included."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, **generated_posts(80, month=4, categories=2, tags=2, body="<p>正文</p>\n")},
    )
    # Every load worker sleeps in its first post, so the build is certainly in the
    # pool when the signal comes; in short sleeps, as real work returns to Python often:
    # the signal may land on one of the pool's threads, and the main thread notices it
    # only when it next runs Python code (one 60 s sleep made that a minute).
    script = (
        "import sys, time\n"
        "import sitegen.incremental.loading as loading\n"
        "loading._load_data = lambda *args: [time.sleep(0.05) for _ in range(1200)]\n"
        "from sitegen.cli import main\n"
        f"sys.exit(main(['build', '-s', {str(site)!r}, '-d', {str(tmp_path / 'out')!r}, '-j', '2']))\n"
    )
    build = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # `-j 2`: this process and one forked worker (the build's process takes chunks too).
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    deadline = time.monotonic() + 60
    while not children.read_text().split() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children.read_text().split(), "no worker was forked"
    time.sleep(0.5)  # the workers are in their first item
    os.killpg(build.pid, signal.SIGINT)
    _, errors = build.communicate(timeout=60)

    assert build.returncode == 130
    assert "Traceback" not in errors and errors.splitlines()[-1] == "stopped", errors
