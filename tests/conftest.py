"""Shared fixtures: a site written from a dict of inline files, and a build of it."""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

import pytest
from bs4 import Tag
from hypothesis import HealthCheck, Phase, settings

from sitegen.build import BuildOptions, BuildResult, build_site
from sitegen.cli import main

# Re-exported: the tests of file modes import them from here.
from tests.file_modes import NOBODY as NOBODY
from tests.file_modes import in_forked_child as in_forked_child
from tests.file_modes import run_unprivileged as run_unprivileged
from tests.file_modes import run_with_modes_applied as run_with_modes_applied
from tests.published_sources import published_sources

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "finews"
#: A fixed build moment, so "future" never depends on when the tests run.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

# Property-based tests run a fixed, reproducible example budget in CI (`CI=true`) and a
# larger random one on a developer's machine, where `--hypothesis-profile` can raise it.
settings.register_profile(
    "ci", max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

#: For a test that draws a whole batch from one Hypothesis-seeded `random.Random` and
#: builds it with one Jekyll run: one example, generated and never shrunk (shrinking
#: would rerun Jekyll for every step), still varied where Hypothesis's first list is minimal.
one_seeded_batch = settings(
    max_examples=1,
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    # Started as a background job of a shell (POSIX starts those with Ctrl-C ignored, and
    # a program started from one inherits that): the tests of Ctrl-C need it delivered,
    # here and in the builds they start (exec resets a handler, never an ignored signal).
    signal.signal(signal.SIGINT, signal.default_int_handler)

SiteFactory = Callable[[Mapping[str, str | bytes]], Path]

#: Fixtures of the dev-server tests (`site`, `make_server`, `server`), shared by two files,
#: and Ruby's Liquid beside sitegen's (`ruby_liquid`), shared by the Liquid differentials.
pytest_plugins = ["tests.dev_server", "tests.ruby_liquid"]


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """Write a site (paths relative to the site folder) and return its folder."""

    def factory(files: Mapping[str, str | bytes]) -> Path:
        return write_files(tmp_path / "site", files)

    return factory


#: Compiled template code shared by the builds of the whole test run, as the dev server
#: shares it between its rebuilds (`BuildOptions.compiled_templates`); builds without a
#: cache (the clean builds incremental ones are compared with) share their own, so the
#: two never run code the other stored.
COMPILED_TEMPLATES: dict[str, bytes] = {}
CLEAN_COMPILED_TEMPLATES: dict[str, bytes] = {}


def build(site: Path, **options: object) -> BuildResult:
    options.setdefault("now", NOW)
    clean = options.get("cache") is False
    options.setdefault("compiled_templates", CLEAN_COMPILED_TEMPLATES if clean else COMPILED_TEMPLATES)
    return build_site(BuildOptions(source=site, **options))  # type: ignore[arg-type]


def sitegen_main(*arguments: str) -> tuple[int, str, str]:
    """`sitegen ARGUMENTS` in this process, as the command runs them but for the process
    exit: its exit code, and what it printed to standard output and to standard error."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(list(arguments), compiled_templates=COMPILED_TEMPLATES)
    return code, stdout.getvalue(), stderr.getvalue()


def is_utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8 text."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def select_first(page: Tag, selector: str) -> Tag:
    """The first element `selector` matches in `page`; the test fails if nothing matches."""
    found = page.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute of `tag`, such as `href` or `content`, as the string it is."""
    value = tag[name]
    assert isinstance(value, str), f"{name} of {tag} is {value!r}"
    return value


def post(
    title: str = "标题",
    date: str = "2022-05-27 16:48:36 +0800",
    categories: str = "xinjingbao",
    tags: str = "新京报新闻",
    body: str = "<p>正文。</p>\n",
    extra: str = "",
) -> str:
    """A post in the user's crawler format."""
    return (
        f'---\nlayout: post\ntitle: "{title}"\ndate: {date}\ncategories: {categories}\n'
        f"tags: {tags}\n{extra}---\n{body}"
    )


CONFIG = "title: 测试站\nurl: https://finews.example.com\ntimezone: Asia/Shanghai\n"


def generated_posts(count: int, *, month: int, categories: int, tags: int, body: str) -> dict[str, str]:
    """`count` crawler-style posts spread over one month of 2022, `content/_posts/` paths;
    `{number}` in `body` becomes the post's number."""
    files = {}
    for number in range(count):
        day = 1 + number % 28
        files[f"content/_posts/2022-{month:02d}-{day:02d}-p{number}.md"] = post(
            f"第{number}篇",
            date=f"2022-{month:02d}-{day:02d} {number % 24:02d}:{number % 60:02d}:00 +0800",
            categories=f"cat{number % categories}",
            tags=f"标签{number % tags}",
            body=body.format(number=number),
        )
    return files


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file of a built tree by relative path: two trees compare byte for byte."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@contextmanager
def world_readable_folder() -> Iterator[Path]:
    """A temporary folder an unprivileged user can enter (pytest's own are private),
    removed afterwards whatever modes its folders were left with."""
    folder = Path(tempfile.mkdtemp(prefix="sitegen-test-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        # A swap's old tree may still be being deleted in the background: what it
        # removes meanwhile needs no opening up (`os.walk` skips what is gone).
        for parent, _, _ in os.walk(folder):
            with suppress(FileNotFoundError):
                os.chmod(parent, 0o777)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def world_readable_tmp() -> Iterator[Path]:
    """`world_readable_folder` as a fixture."""
    with world_readable_folder() as folder:
        yield folder


def jekyll_executable() -> str | None:
    """Debian's `jekyll`, the reference for URL rules: in CI a missing one fails the test
    (`.ci/run` installs it); elsewhere the caller skips."""
    found = shutil.which("jekyll")
    if found is None and os.environ.get("CI"):
        pytest.fail("Debian's jekyll must be installed in CI (.ci/run installs it)")
    return found


def jekyll_build(site: Path, destination: Path, *arguments: str) -> None:
    """Build `site` with Jekyll into `destination` (with `arguments` such as `--drafts`),
    or skip where Jekyll is missing."""
    jekyll = jekyll_executable()
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")
    command = [jekyll, "build", "--quiet", "-s", str(site), "-d", str(destination), *arguments]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr


#: Builds every site named on standard input (one folder a line) into its `_jekyll`.
_JEKYLL_BUILD_MANY = """
require "jekyll"
STDIN.each_line do |line|
  source = line.chomp
  config = Jekyll.configuration("source" => source, "destination" => File.join(source, "_jekyll"),
                                "quiet" => true, "serving" => false)
  Jekyll::Site.new(config).process
end
"""


def jekyll_build_many(sites: Sequence[Path]) -> None:
    """Build each site with Jekyll into its own `_jekyll` folder, all in one Ruby process
    (Jekyll loads once: a batch of small sites in about the time of one `jekyll build`),
    set up as `jekyll build --quiet` sets it up (`serving` false, over the settings file),
    or skip where Jekyll is missing."""
    ruby = shutil.which("ruby")
    if ruby is None or jekyll_executable() is None:
        pytest.skip("Debian's jekyll is not installed")
    completed = subprocess.run(
        [ruby, "-e", _JEKYLL_BUILD_MANY],
        input="".join(f"{site}\n" for site in sites),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


@dataclass(frozen=True, slots=True)
class BuiltByBoth:
    """One site as Jekyll and sitegen published it (`built_by_both`)."""

    site: Path
    result: BuildResult
    destination: Path
    """sitegen's output: `<site>-sitegen` beside the site (Jekyll's is `site/_jekyll`)."""
    jekyll: dict[str, str]
    """`published_sources` of Jekyll's output: the marker each path holds."""
    sitegen: dict[str, str]


def built_by_both(sites: Sequence[Path], **options: object) -> list[BuiltByBoth]:
    """Each site built by Jekyll (`jekyll_build_many`: one Ruby process) and by sitegen
    (a clean build unless `options` say otherwise), in order, with what each published:
    the differential tests of output paths compare the two."""
    jekyll_build_many(sites)
    options.setdefault("cache", False)
    built = []
    for site in sites:
        destination = site.parent / f"{site.name}-sitegen"
        result = build(site, destination=destination, **options)
        jekyll, sitegen = published_sources(site / "_jekyll"), published_sources(destination)
        built.append(BuiltByBoth(site, result, destination, jekyll, sitegen))
    return built


def files_below(root: Path, pattern: str = "*") -> set[str]:
    """The `/`-separated paths below `root` matching `pattern`, files and folders."""
    return {path.relative_to(root).as_posix() for path in root.rglob(pattern)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def sitegen_serve(site: Path) -> Iterator[str]:
    """Run `sitegen serve --watch` on `site` as a user would; yield its base URL."""
    port = free_port()
    sitegen = shutil.which("sitegen") or str(Path(sys.executable).parent / "sitegen")
    command = [sitegen, "serve", "--watch", "--port", str(port), "-s", str(site)]
    # A file, not a pipe: a pipe nobody reads would block the server once it filled.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        # PYTHONFAULTHANDLER: SIGABRT makes a server that will not stop print every thread's stack.
        environment = {**os.environ, "PYTHONFAULTHANDLER": "1"}
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_serving(base, process, log)
            yield base
        except BaseException:
            # What the server printed, beside the failure: why the site did not change.
            log.seek(0)
            print(f"sitegen serve printed:\n{log.read()}")
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGABRT)
                process.wait()
                log.seek(0)
                pytest.fail(f"sitegen serve did not stop within 10 s of SIGTERM; it printed:\n{log.read()}")


def _wait_until_serving(base: str, process: subprocess.Popen[bytes], log: IO[str]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                log.seek(0)
                raise AssertionError("sitegen serve did not start: " + log.read()) from None
            time.sleep(0.1)


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is for test results."""


@contextmanager
def served_folder(root: Path) -> Iterator[str]:
    """A built tree served over real loopback HTTP, as a static host serves it; yields
    its base URL (`http://127.0.0.1:<port>`) and stops the server afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
