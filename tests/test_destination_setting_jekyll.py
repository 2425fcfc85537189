"""`destination:` in `_config.yml` is where a build publishes, read as Jekyll reads it:
relative to the working folder (`File.expand_path`, jekyll/lib/jekyll/site.rb), `-d`
winning, never read back as a source, and a value that is no folder's path one warning."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions
from sitegen.serve.command import ServeOptions, serve_site
from sitegen.serve.server import DevServer
from tests.conftest import NOW, build, files_below, jekyll_executable, sitegen_main, write_files

SITE = {
    "_posts/2024-05-06-hello.md": "---\ntitle: Hello\n---\nBody.\n",
    "about.md": "---\ntitle: About\n---\nAbout us.\n",
}

#: Builds each `[source, working folder]` JSON line with the settings of the source's
#: `_config.yml` (no destination given, as `jekyll build -s SOURCE` run from that folder).
RUBY_BUILD_FROM = r"""
require "json"
require "jekyll"
STDIN.each_line do |line|
  source, working = JSON.parse(line)
  Dir.chdir(working) do
    Jekyll::Site.new(Jekyll.configuration("source" => source, "quiet" => true)).process
  end
end
"""


@contextmanager
def working_folder(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _layout(root: Path, destination: str) -> tuple[Path, Path]:
    """A site at `root/src` whose `destination:` is `destination`, and a working folder."""
    site = write_files(root / "src", {**SITE, "_config.yml": f"title: T\ndestination: {destination}\n"})
    working = root / "work"
    working.mkdir()
    return site, working


DESTINATIONS = ("public", "../out", "sub/deeper", "./public/", "{root}/absolute")
"""Relative to the working folder (outside the site), up out of it, nested, and absolute."""


def test_the_destination_setting_is_read_from_the_working_folder_as_jekyll_reads_it(tmp_path: Path) -> None:
    ruby = shutil.which("ruby")
    if ruby is None or jekyll_executable() is None:
        pytest.skip("Debian's jekyll is not installed")
    layouts = []
    for number, written in enumerate(DESTINATIONS):
        for tool in ("jekyll", "sitegen"):
            root = tmp_path / tool / str(number)
            layouts.append((tool, written, root, *_layout(root, written.format(root=root))))
    batch = [
        json.dumps([str(site), str(working)]) for tool, _, _, site, working in layouts if tool == "jekyll"
    ]
    completed = subprocess.run(
        [ruby, "-e", RUBY_BUILD_FROM],
        input="\n".join(batch) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    placed: dict[tuple[str, str], set[str]] = {}
    for tool, written, root, site, working in layouts:
        if tool == "sitegen":
            with working_folder(working):
                code, _, errors = sitegen_main("build", "-s", str(site))
            assert code == 0, errors
        placed[tool, written] = {
            path.parent.relative_to(root).as_posix() for path in root.rglob("about.html")
        }
    for written in DESTINATIONS:
        assert placed["sitegen", written] == placed["jekyll", written], written
        assert "src" not in placed["sitegen", written]


def test_the_destination_flag_beats_the_setting(tmp_path: Path) -> None:
    site, working = _layout(tmp_path, "public")
    with working_folder(working):
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "flag"))
    assert code == 0, errors
    assert (tmp_path / "flag/about.html").is_file()
    assert not (working / "public").exists()


def test_the_no_change_check_looks_at_the_configured_destination(tmp_path: Path) -> None:
    site, working = _layout(tmp_path, "public")
    with working_folder(working):
        outputs = [sitegen_main("build", "-s", str(site))[1] for _ in range(2)]
        (site / "_config.yml").write_text("title: T\ndestination: elsewhere\n", encoding="utf-8")
        moved = sitegen_main("build", "-s", str(site))[1]
    assert outputs[1].startswith("nothing changed"), outputs
    assert not moved.startswith("nothing changed")
    assert (working / "elsewhere/about.html").is_file()


def test_a_destination_inside_the_site_is_never_read_back_as_a_source(tmp_path: Path) -> None:
    site = write_files(tmp_path / "src", {**SITE, "_config.yml": "title: T\ndestination: public\n"})
    with working_folder(site):
        first = build(Path("."), cache=False)
        again = build(Path("."), cache=False)
    assert first.destination == again.destination == Path("public")
    published = files_below(site / "public")
    assert "about.html" in published
    assert not any(path.startswith("public") for path in published)
    assert first.files_written + first.files_unchanged == again.files_written + again.files_unchanged


def test_serve_publishes_and_serves_the_configured_destination(tmp_path: Path) -> None:
    site, working = _layout(tmp_path, "public")
    served: list[bytes] = []

    def fetch(server: DevServer) -> None:
        try:
            with urllib.request.urlopen(f"{server.url}/about.html", timeout=10) as response:
                served.append(response.read())
        finally:
            server.shutdown()

    options = ServeOptions(BuildOptions(source=site, now=NOW, jobs=1, atomic_publish=False), port=0)
    with working_folder(working):
        code = serve_site(
            options, on_ready=lambda server: threading.Thread(target=fetch, args=(server,)).start()
        )
    assert code == 0
    assert (working / "public/about.html").is_file()
    assert len(served) == 1 and b"About us." in served[0]
    assert not (site / "_site").exists()


NOT_A_PATH = (
    st.integers()
    | st.booleans()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
    | st.lists(st.text("abc/", min_size=1, max_size=4), max_size=2)
    | st.dictionaries(st.text("abc", min_size=1, max_size=3), st.text("abc", max_size=3), max_size=2)
    | st.sampled_from(["", " ", "\t"])
    | st.text("ab/\0", min_size=1, max_size=5).filter(lambda text: "\0" in text)  # no path holds a NUL
)


@settings(max_examples=15, deadline=None)
@given(value=NOT_A_PATH)
@example(value="out\0x")
def test_a_destination_that_is_no_folders_path_is_one_warning_and_the_default(value: Any) -> None:
    written = yaml.safe_dump({"destination": value}, default_flow_style=True, width=1000).strip()[1:-1]
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "src", {**SITE, "_config.yml": f"title: T\n{written}\n"})
        with working_folder(Path(folder)):
            result = build(site, cache=False)
        assert (site / "_site/about.html").is_file()
    notes = [str(note) for note in result.diagnostics if "'destination'" in str(note)]
    assert len(notes) == 1, notes
    assert notes[0].startswith(f"warning: {site / '_config.yml'}:2: setting 'destination' must be")
    assert "sitegen uses -d, else _site in the site folder" in notes[0]


def test_a_destination_inside_the_cache_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """Published there, the site would be among the cache's files, and every later build
    refused the cache as holding files not its own."""
    site = write_files(tmp_path / "src", {**SITE, "_config.yml": "title: T\n"})
    for destination in (site / ".sitegen-cache/out", site / ".sitegen-cache"):
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 2 and ("is inside the cache folder" in errors or "is the destination" in errors)
        assert not (site / ".sitegen-cache/out").exists()
    code, _, errors = sitegen_main("build", "-s", str(site))
    assert code == 0, errors


def test_check_looks_where_the_build_published(tmp_path: Path) -> None:
    site, working = _layout(tmp_path, "public")
    with working_folder(working):
        assert sitegen_main("build", "-s", str(site))[0] == 0
        code, printed, errors = sitegen_main("check", "-s", str(site))
    assert code == 0 and printed.startswith("0 broken internal links"), errors
    (site / "_config.yml").write_text("title: T\n", encoding="utf-8")
    with working_folder(working):
        assert sitegen_main("build", "-s", str(site))[0] == 0
        code, printed, errors = sitegen_main("check", "-s", str(site))
    assert code == 0 and printed.startswith("0 broken internal links"), errors
    assert (site / "_site/about.html").is_file()


def test_a_destination_that_is_a_link_is_refused_naming_the_link_and_its_folder(tmp_path: Path) -> None:
    site = write_files(tmp_path / "src", {**SITE, "_config.yml": "title: T\n"})
    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to("real", target_is_directory=True)
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "linked"))
    assert code != 0
    assert errors.count("\n") == 1 and "is a link (to real)" in errors and str(tmp_path / "real") in errors
    assert (tmp_path / "linked").is_symlink() and not any((tmp_path / "real").iterdir())
