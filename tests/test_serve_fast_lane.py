"""`sitegen serve --watch` with its fast lane, run in-process: a saved post's page is
rewritten and announced before the full rebuild finishes, which then follows as always."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sitegen.build import BuildOptions
from sitegen.serve.command import ServeOptions, serve_site
from sitegen.serve.livereload import BuildEvent, BuildEvents
from sitegen.serve.server import DevServer
from tests.conftest import CONFIG, NOW, post, write_files

PAGE = "xinjingbao/2022/05/27/middle.html"


def _two_post_site(tmp_path: Path) -> tuple[Path, Path, ServeOptions]:
    """A two-post site, its destination, and the options of `serve --watch` for it."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-26-older.md": post("更早的", date="2022-05-26 09:00:00 +0800"),
            "content/_posts/2022-05-27-middle.md": post("中间的", date="2022-05-27 09:00:00 +0800"),
        },
    )
    destination = tmp_path / "out"
    options = ServeOptions(
        BuildOptions(source=site, destination=destination, now=NOW, jobs=1, atomic_publish=False),
        port=0,
        watch=True,
    )
    return site, destination, options


def _events_of(
    options: ServeOptions, change: Callable[[], object], page: Path
) -> tuple[int, list[tuple[BuildEvent, bytes | None]]]:
    """Serve with `options`, make `change` once the server is up, and record the first two
    events, each with `page`'s bytes on disk when it came (None while there is none)."""
    events: list[tuple[BuildEvent, bytes | None]] = []

    def drive(server: DevServer) -> None:
        try:
            since = server.events.parse_token("")
            change()
            deadline = time.monotonic() + 60
            while len(events) < 2 and time.monotonic() < deadline:
                arrived, since, _ = server.events.wait(since, timeout=1.0)
                events.extend((event, page.read_bytes() if page.exists() else None) for event in arrived)
        finally:
            server.shutdown()

    code = serve_site(options, on_ready=lambda server: threading.Thread(target=drive, args=(server,)).start())
    return code, events


def test_an_edited_posts_page_is_rewritten_and_announced_before_the_rebuild_ends(tmp_path: Path) -> None:
    site, destination, options = _two_post_site(tmp_path)
    source = site / "content/_posts/2022-05-27-middle.md"

    def edit() -> None:
        source.write_text(source.read_text(encoding="utf-8").replace("正文", "改过的正文"), encoding="utf-8")

    code, events = _events_of(options, edit, destination / PAGE)

    assert code == 0
    assert [event.name for event, _ in events] == ["rebuilt", "rebuilt"]
    (first, page_then), (second, _) = events
    # Epoch 0: no rebuild had finished when the post's page was announced, already rewritten.
    assert json.loads(first.data) == {"epoch": 0, "urls": ["/xinjingbao/2022/05/27/middle"], "ahead": True}
    assert page_then is not None and "改过的正文" in page_then.decode("utf-8")
    assert json.loads(second.data)["epoch"] == 1 and "ahead" not in json.loads(second.data)


def test_pages_rewritten_ahead_reload_only_while_no_error_is_shown() -> None:
    events = BuildEvents()
    since = events.parse_token("")
    events.failed("content/_posts/bad.md: bad front matter")
    assert not events.updated(["/a.html"])
    events.rebuilt([])
    assert events.updated(["/a.html"])
    assert events.status() == {
        "epoch": 1,
        "error": None,
        "published": True,
    }  # the epoch counts rebuilds only
    arrived, _, _ = events.wait(since, timeout=0)
    assert [event.name for event in arrived] == ["failed", "rebuilt", "rebuilt"]
    assert json.loads(arrived[-1].data)["urls"] == ["/a"]


def test_a_new_posts_page_is_written_and_announced_before_the_rebuild_ends(tmp_path: Path) -> None:
    site, destination, options = _two_post_site(tmp_path)
    new_post = {"content/_posts/2022-05-28-added.md": post("新来的", date="2022-05-28 09:00:00 +0800")}

    code, events = _events_of(
        options, lambda: write_files(site, new_post), destination / "xinjingbao/2022/05/28/added.html"
    )

    assert code == 0
    assert [event.name for event, _ in events] == ["rebuilt", "rebuilt"]
    (first, page_then), (second, _) = events
    # Epoch 0: announced before any rebuild finished, with the new page and its neighbour's.
    assert json.loads(first.data) == {
        "epoch": 0,
        "urls": ["/xinjingbao/2022/05/27/middle", "/xinjingbao/2022/05/28/added"],
        "ahead": True,
    }
    assert page_then is not None and "新来的" in page_then.decode("utf-8")
    assert json.loads(second.data)["epoch"] == 1 and "ahead" not in json.loads(second.data)
