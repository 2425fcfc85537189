"""What the dev-server tests share: a built-looking tree, servers on free ports, an HTTP
fetch, polling and a raw event-stream client. Its fixtures are registered for every
test by `tests/conftest.py` (`pytest_plugins`)."""

from __future__ import annotations

import http.client
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from sitegen.serve.server import DevServer, RebuildResult, run_server
from tests.conftest import write_files

SECRET = b"TOPSECRET-do-not-serve"
HOME_HTML = "<html><head><title>Home</title></head><body><h1>Home</h1></body></html>"

SITE_FILES: dict[str, str | bytes] = {
    "index.html": HOME_HTML,
    "about/index.html": "<html><body>About us</body></html>",
    "404.html": "<html><body>custom missing page</body></html>",
    "feed.xml": "<feed/>",
    "sitemap.xml": "<urlset/>",
    "archive.atom": "<feed/>",
    "style.css": "body{}",
    "app.js": "let a = 1;",
    "logo.svg": "<svg/>",
    "pic.png": b"\x89PNG\r\n\x1a\n",
    "photo.jpg": b"\xff\xd8\xff",
    "robots.txt": "User-agent: *",
    "data.json": "{}",
    "新闻/报道 一.html": "<p>中文报道</p>",
    "fragment.html": "<p>no body tag</p>",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    return write_files(tmp_path / "_site", SITE_FILES)


@pytest.fixture
def make_server(site: Path) -> Iterator[Callable[..., DevServer]]:
    servers: list[DevServer] = []

    def make(**options: object) -> DevServer:
        options.setdefault("port", 0)
        root = options.pop("root", site)
        server = DevServer(root, **options)  # type: ignore[arg-type]
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.shutdown()


@pytest.fixture
def server(make_server: Callable[..., DevServer]) -> DevServer:
    return make_server()


def fetch(
    server: DevServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    host, port = server.address
    connection = http.client.HTTPConnection(host, port, timeout=2)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def poll(condition: Callable[[], bool], timeout: float = 2.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class EventStream:
    """A raw SSE client that reads one event at a time, with a socket timeout."""

    def __init__(self, server: DevServer, query: str = "", headers: dict[str, str] | None = None):
        host, port = server.address
        self.connection = http.client.HTTPConnection(host, port, timeout=2)
        self.connection.request("GET", "/__sitegen/events" + query, headers=headers or {})
        self.response = self.connection.getresponse()

    def next_block(self) -> list[str]:
        lines: list[str] = []
        while True:
            line = self.response.fp.readline().decode()
            if not line:
                raise EOFError
            if line == "\n":
                if lines:
                    return lines
                continue
            lines.append(line.rstrip("\n"))

    def next_event(self) -> tuple[str, dict[str, object]]:
        while True:
            fields = dict(line.split(": ", 1) for line in self.next_block() if ": " in line)
            if "event" in fields:
                return fields["event"], json.loads(fields["data"])

    def close(self) -> None:
        self.response.close()
        self.connection.close()


def since_token(html: bytes) -> str:
    match = re.search(rb'"since": "([^"]+)"', html)
    assert match is not None
    return match.group(1).decode()


# Files and content types


def run_driven(
    site: Path,
    rebuild: Callable[[frozenset[Path]], RebuildResult],
    source: Path | Sequence[Path],
    drive: Callable[[DevServer], None],
) -> tuple[int, str, str]:
    """`run_server` on `site`, rebuilding with `rebuild` on changes below `source` (or
    the watch paths, the site first, when several are given), with
    `drive` run in a thread of its own once the server is up (it ends by shutting the
    server down): the exit code, and what the server printed to stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = run_server(
        site, port=0, rebuild=rebuild, watch_paths=[source] if isinstance(source, Path) else source,
        on_ready=lambda server: threading.Thread(target=drive, args=(server,)).start(),
        stdout=out, stderr=err,
    )  # fmt: skip
    return code, out.getvalue(), err.getvalue()
