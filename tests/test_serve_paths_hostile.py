"""Hostile request paths get a 4xx answer from the dev server, never a traceback.

The file system refuses some paths outright: a segment longer than a name may be
(ENAMETOOLONG), a whole path longer than the system allows, a file used as a folder
(ENOTDIR), a symlink loop (ELOOP), a folder it may not enter (EACCES). Each of those
is the request's fault, so each is answered with a status like any missing page.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.serve.paths import resolve_request_path
from sitegen.serve.server import DevServer
from tests.conftest import run_unprivileged, write_files

SECRET = b"TOPSECRET-do-not-serve"
ANSWERS = {HTTPStatus.OK, HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.FOUND}
ANSWERS |= {HTTPStatus.BAD_REQUEST, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND}
LONG_SEGMENT = "a" * 300
TOO_LONG_PATH = "/" + "/".join(["b" * 250] * 20)
"""About 5,000 bytes: longer than a whole path may be on Linux and macOS."""

HOSTILE_PATHS = (
    "/" + LONG_SEGMENT,
    "/" + LONG_SEGMENT + "/",
    "/" + LONG_SEGMENT + ".html",
    "/dir/" + LONG_SEGMENT,
    "/index.html/" + LONG_SEGMENT,
    TOO_LONG_PATH,
    "/file.txt/x",
    "/file.txt/x/",
    "/loop",
    "/loop/x",
    "/%00",
    "/" + quote("中" * 100),
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A served tree with files, a folder, a symlink loop and a link leading out of it."""
    base = tmp_path_factory.mktemp("hostile")
    (base / "secret.txt").write_bytes(SECRET)
    root = write_files(
        base / "_site",
        {
            "index.html": "<html><body>home</body></html>",
            "a.html": "<p>a</p>",
            "dir/index.html": "<p>dir</p>",
            "file.txt": "plain",
            "404.html": "<p>missing</p>",
        },
    )
    try:
        (root / "loop").symlink_to(root / "loop")
        (root / "out").symlink_to(base, target_is_directory=True)
    except OSError:  # pragma: no cover - a file system without symlinks
        pass
    return root


_NAMES = ("", "a.html", "dir", "file.txt", "loop", "out", "secret.txt", "index.html", "404.html")
_TRICKS = ("..", ".", "%2e%2e", "%00", "%ff", "%5c", "\\", "%2f", "?", "#", "%")
segment = st.one_of(
    st.sampled_from(_NAMES + _TRICKS),
    st.integers(min_value=200, max_value=5000).map(lambda length: "a" * length),
    st.text(max_size=10),
    st.text(max_size=60).map(lambda text: quote(text, safe="")),
)
request_path = st.tuples(
    st.sampled_from(["/", "", "/blog/"]), st.lists(segment, max_size=12).map("/".join)
).map("".join)
"""Raw request paths as a client might send them: names that exist, traversal tricks,
long segments, percent-encoded and raw text, with and without a baseurl prefix."""


@given(path=request_path, baseurl=st.sampled_from(["", "/blog"]))
@example(path="/" + LONG_SEGMENT, baseurl="")
@example(path=TOO_LONG_PATH, baseurl="")
def test_any_request_path_resolves_to_a_status_inside_the_tree(tree: Path, path: str, baseurl: str) -> None:
    resolution = resolve_request_path(tree, baseurl, path)
    assert resolution.status in ANSWERS
    if resolution.file_path is not None:
        assert resolution.status == HTTPStatus.OK
        assert resolution.file_path.is_relative_to(tree.resolve())
        assert resolution.file_path.is_file()


def test_a_folder_the_server_may_not_enter_is_forbidden(world_readable_tmp: Path) -> None:
    root = write_files(world_readable_tmp / "_site", {"private/page.html": "<p>x</p>"})
    (root / "private").chmod(0)

    def check() -> None:
        assert resolve_request_path(root, "", "/private/page.html").status == HTTPStatus.FORBIDDEN

    run_unprivileged(check)


@pytest.fixture
def server(tree: Path) -> Iterator[DevServer]:
    dev = DevServer(tree, port=0)
    dev.start()
    yield dev
    dev.shutdown()


def fetch(server: DevServer, path: str) -> tuple[int, bytes]:
    host, port = server.address
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_server_answers_hostile_paths_with_a_client_error(
    server: DevServer, path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, body = fetch(server, path)
    assert status in {HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND}
    assert SECRET not in body
    assert fetch(server, "/")[0] == HTTPStatus.OK  # and it goes on serving
    assert "Traceback" not in capsys.readouterr().err
