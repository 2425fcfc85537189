"""Live reload over real loopback HTTP: the injected script, the event stream, replays,
heartbeats and the error overlay."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sitegen.serve.server import DevServer
from tests.dev_server import HOME_HTML, EventStream, fetch, since_token


def test_reload_script_is_injected_into_served_html_only(server: DevServer, site: Path) -> None:
    body = fetch(server, "/")[2]
    assert b"EventSource" in body and b"/__sitegen/events" in body
    assert body.index(b"<script>") < body.index(b"</body>")
    assert (site / "index.html").read_text() == HOME_HTML
    assert b"__sitegen" not in fetch(server, "/style.css")[2]


def test_reload_script_is_appended_when_there_is_no_body_tag(server: DevServer) -> None:
    body = fetch(server, "/fragment.html")[2]
    assert body.startswith(b"<p>no body tag</p><script>")


def test_event_stream_announces_a_rebuild(server: DevServer) -> None:
    stream = EventStream(server)
    try:
        assert stream.response.headers["Content-Type"].startswith("text/event-stream")
        assert stream.next_block() == ["retry: 1000"]
        server.notify_rebuilt(["/about/index.html", "/2024/01/02/post.html"])
        assert stream.next_event() == (
            "rebuilt",
            {"epoch": 1, "urls": ["/2024/01/02/post", "/about/"]},
        )
        server.notify_failed("oops")
        assert stream.next_event() == ("failed", {"epoch": 1, "error": "oops", "published": False})
        server.notify_rebuilt(None)
        assert stream.next_event() == ("rebuilt", {"epoch": 2, "urls": None})
    finally:
        stream.close()


def test_rebuild_between_page_load_and_stream_is_replayed(server: DevServer) -> None:
    token = since_token(fetch(server, "/")[2])
    server.notify_rebuilt(["/"])
    stream = EventStream(server, query=f"?since={token}")
    try:
        assert stream.next_event() == ("rebuilt", {"epoch": 1, "urls": ["/"]})
    finally:
        stream.close()


def test_page_from_another_server_process_is_told_to_reload(server: DevServer) -> None:
    stream = EventStream(server, headers={"Last-Event-ID": "0123abcd-7"})
    try:
        assert stream.next_event() == ("rebuilt", {"epoch": 0, "urls": None})
    finally:
        stream.close()


def test_event_stream_sends_heartbeats(make_server: Callable[..., DevServer]) -> None:
    server = make_server(heartbeat_seconds=0.2)
    stream = EventStream(server)
    try:
        stream.next_block()
        assert stream.next_block() == [": heartbeat"]
    finally:
        stream.close()


def test_status_shows_the_error_until_the_next_rebuild(server: DevServer) -> None:
    assert json.loads(fetch(server, "/__sitegen/status")[2]) == {
        "epoch": 0,
        "error": None,
        "published": True,  # a server starts on a published build
    }
    server.notify_failed("layout missing: <post>")
    status, headers, body = fetch(server, "/__sitegen/status")
    assert (status, headers["Content-Type"]) == (200, "application/json")
    assert json.loads(body) == {"epoch": 0, "error": "layout missing: <post>", "published": False}
    server.notify_rebuilt(["/"])
    assert json.loads(fetch(server, "/__sitegen/status")[2]) == {
        "epoch": 1,
        "error": None,
        "published": True,
    }


def test_error_overlay_uses_text_not_markup() -> None:
    from sitegen.serve.livereload import BuildEvents

    script = BuildEvents().script_for("/b</script>").decode()
    assert "textContent" in script and "innerHTML" not in script
    assert "</script>" not in script.removesuffix("</script>")


# Lifecycle
