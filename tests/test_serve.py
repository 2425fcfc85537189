"""The dev server over real loopback HTTP: files, URLs, safety, lifecycle (live reload:
`test_serve_livereload.py`; shared fixtures: `tests/dev_server.py`)."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from sitegen.errors import UsageError
from sitegen.serve.paths import resolve_request_path
from sitegen.serve.server import DevServer, RebuildResult, run_server
from tests.conftest import CONFIG, post, sitegen_main, write_files
from tests.dev_server import SECRET, EventStream, fetch, poll, run_driven
from tests.threads import NewThreads


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/index.html", "text/html; charset=utf-8"),
        ("/feed.xml", "application/atom+xml"),
        ("/archive.atom", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/pic.png", "image/png"),
        ("/photo.jpg", "image/jpeg"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/data.json", "application/json"),
    ],
)
def test_content_types(server: DevServer, path: str, content_type: str) -> None:
    status, headers, _ = fetch(server, path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert headers["Cache-Control"] == "no-cache"


def test_binary_file_is_served_byte_for_byte(server: DevServer, site: Path) -> None:
    status, headers, body = fetch(server, "/pic.png")
    assert (status, body) == (200, (site / "pic.png").read_bytes())
    assert headers["Content-Length"] == str(len(body))


def test_folder_url_serves_its_index(server: DevServer) -> None:
    status, _, body = fetch(server, "/about/")
    assert status == 200
    assert b"About us" in body
    assert fetch(server, "/")[2].startswith(b"<html><head><title>Home")


def test_folder_url_without_slash_redirects_permanently(server: DevServer) -> None:
    status, headers, _ = fetch(server, "/about?x=1")
    assert status == 301
    assert headers["Location"] == "/about/?x=1"


def test_extensionless_url_serves_the_html_file(server: DevServer) -> None:
    status, _, body = fetch(server, "/fragment")
    assert status == 200
    assert b"no body tag" in body


def test_missing_page_gets_the_sites_404_page(server: DevServer) -> None:
    status, headers, body = fetch(server, "/no/such/page.html")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"custom missing page" in body


def test_missing_page_without_404_page_gets_plain_text(
    make_server: Callable[..., DevServer], tmp_path: Path
) -> None:
    bare = write_files(tmp_path / "bare", {"index.html": "<p>hi</p>"})
    status, headers, body = fetch(make_server(root=bare), "/nope")
    assert (status, body) == (404, b"404 Not Found\n")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"


def test_head_sends_headers_and_length_but_no_body(server: DevServer) -> None:
    for path in ("/", "/style.css", "/nope"):
        get_status, get_headers, get_body = fetch(server, path)
        head_status, head_headers, head_body = fetch(server, path, method="HEAD")
        assert head_status == get_status
        assert head_body == b""
        assert head_headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))


def test_chinese_and_space_paths_percent_encoded_by_the_browser(server: DevServer) -> None:
    status, _, body = fetch(server, quote("/新闻/报道 一.html"))
    assert status == 200
    assert "中文报道".encode() in body


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/about/..%2f..%2fsecret.txt",
        "/%5c..%5csecret.txt",
        "/..\\secret.txt",
        "/secret.txt%00.html",
        "/%ff%fe",
        "//" + "etc/passwd",
    ],
)
def test_traversal_attempts_never_leave_the_output_folder(server: DevServer, path: str) -> None:
    status, _, body = fetch(server, path)
    assert status in {400, 403, 404}
    assert SECRET not in body


def test_symlink_pointing_outside_the_output_is_not_followed(
    server: DevServer, site: Path, tmp_path: Path
) -> None:
    try:
        (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
        (site / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("symlinks not supported here")
    for path in ("/leak.txt", "/leakdir/secret.txt"):
        status, _, body = fetch(server, path)
        assert status == 404
        assert SECRET not in body


def test_resolution_rejects_absolute_and_encoded_paths(site: Path) -> None:
    assert resolve_request_path(site, "", "/%2e%2e/secret.txt").status == 403
    assert resolve_request_path(site, "", "secret.txt").status == 400
    assert resolve_request_path(site, "", "/%00").status == 400
    assert resolve_request_path(site, "", str(site.parent / "secret.txt")).status == 404


def test_baseurl_prefix(make_server: Callable[..., DevServer]) -> None:
    server = make_server(baseurl="/blog/")
    assert server.url.endswith("/blog/")
    status, headers, _ = fetch(server, "/")
    assert (status, headers["Location"]) == (302, "/blog/")
    status, headers, _ = fetch(server, "/blog")
    assert (status, headers["Location"]) == (301, "/blog/")
    assert b"Home" in fetch(server, "/blog/")[2]
    assert fetch(server, "/blog/about/")[0] == 200
    assert fetch(server, "/blog/about")[0] == 301
    assert fetch(server, "/about/")[0] == 404
    assert fetch(server, "/blogger/")[0] == 404


def test_swapped_root_is_served_from_the_next_request(server: DevServer, tmp_path: Path) -> None:
    new_build = write_files(tmp_path / "build2", {"index.html": "<body>second build</body>"})
    server.swap_root(new_build)
    assert server.current_root == new_build
    assert b"second build" in fetch(server, "/")[2]


# Live reload


def test_port_in_use_is_a_usage_error(server: DevServer) -> None:
    host, port = server.address
    with pytest.raises(UsageError) as caught:
        DevServer(server.current_root, host=host, port=port)
    assert str(caught.value) == f"port {port} on 127.0.0.1 is already in use; pass --port"
    assert caught.value.__cause__ is None


def test_shutdown_ends_streams_and_idle_connections_without_leaking_threads(site: Path) -> None:
    threads = NewThreads()
    server = DevServer(site, port=0)
    server.start()
    stream = EventStream(server)
    stream.next_block()
    idle = socket.create_connection(server.address, timeout=2)  # a browser pre-connect
    assert fetch(server, "/")[0] == 200
    started = time.monotonic()
    server.shutdown()
    assert time.monotonic() - started < 1.5
    assert not threads.names(), threads.names()
    stream.close()
    idle.close()


def test_stream_thread_ends_when_the_browser_disconnects(server: DevServer) -> None:
    threads = NewThreads()
    stream = EventStream(server)
    stream.next_block()
    assert len(threads.names()) == 1, threads.names()
    stream.close()
    assert poll(lambda: not threads.names()), threads.names()


def test_run_server_rebuilds_on_change_and_swaps_the_root(tmp_path: Path, site: Path) -> None:
    source = write_files(tmp_path / "src", {"index.md": "v1"})
    calls: list[frozenset[Path]] = []

    def rebuild(changed: frozenset[Path]) -> RebuildResult:
        calls.append(changed)
        text = (source / "index.md").read_text()
        if text == "broken":
            return RebuildResult(site, error="index.md: bad front matter")
        build = write_files(tmp_path / f"build{len(calls)}", {"index.html": f"<body>{text}</body>"})
        return RebuildResult(build, changed_urls=("/",))

    pages: dict[str, bytes] = {}
    seen: dict[str, object] = {}

    def drive(server: DevServer) -> None:
        def status() -> dict[str, object]:
            result: dict[str, object] = json.loads(fetch(server, "/__sitegen/status")[2])
            return result

        (source / "index.md").write_text("v2")
        poll(lambda: status()["epoch"] == 1)
        pages["page"] = fetch(server, "/")[2]
        (source / "index.md").write_text("broken")
        poll(lambda: status()["error"] is not None)
        seen["status"] = status()
        pages["page_while_broken"] = fetch(server, "/")[2]
        server.shutdown()

    code, out, err = run_driven(site, rebuild, source, drive)
    assert code == 0
    assert calls[0] == frozenset({(source / "index.md").resolve()})
    assert b"<body>v2<script>" in pages["page"]
    assert seen["status"] == {"epoch": 1, "error": "index.md: bad front matter", "published": False}
    assert b"v2" in pages["page_while_broken"]
    assert "build failed: index.md: bad front matter" in err
    assert out.splitlines()[-1] == "stopped"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to self is POSIX-only")
def test_ctrl_c_stops_cleanly(site: Path, tmp_path: Path) -> None:
    def interrupt_when_up(server: DevServer) -> None:
        def run() -> None:
            poll(lambda: fetch(server, "/")[0] == 200)
            os.kill(os.getpid(), signal.SIGINT)

        threading.Thread(target=run).start()

    out = io.StringIO()
    started = NewThreads()
    source = write_files(tmp_path / "src", {"a.md": "a"})
    code = run_server(
        site, port=0, rebuild=lambda changed: RebuildResult(site), watch_paths=[source],
        on_ready=interrupt_when_up, stdout=out,
    )  # fmt: skip
    assert code == 0
    assert out.getvalue().splitlines()[-1] == "stopped"
    assert poll(lambda: not started.names()), started.names()


def test_sitegen_serve_says_a_port_in_use_before_it_builds(server: DevServer, tmp_path: Path) -> None:
    """The first build of a large site takes seconds; the port is asked first."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    host, port = server.address
    code, printed, said = sitegen_main("serve", "-s", str(site), "--host", host, "--port", str(port))
    assert code == 2
    assert said == f"error: port {port} on {host} is already in use; pass --port\n"
    assert printed == ""
    assert not (site / "_site").exists()  # nothing built
