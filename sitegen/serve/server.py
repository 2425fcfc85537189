"""The development server behind `sitegen serve [--watch]`.

It serves one finished build folder (`current_root`) at a time and never a half-built
one: the writer builds into staging and swaps the finished tree into place (or the
caller points `current_root` at a new tree), and each request resolves the root once.

Live reload (the build events, their SSE feed and the injected page script) lives in
`sitegen.serve.livereload`; this module only routes its two endpoints and injects the script.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO
from urllib.parse import quote

from sitegen.build import BuildStopped, PublishGate
from sitegen.content.unread import ReadRules
from sitegen.errors import SitegenError, message_lines
from sitegen.interrupts import signals_held
from sitegen.serve.http_server import bind
from sitegen.serve.livereload import BuildEvents
from sitegen.serve.watch import SiteWatcher
from sitegen.urls import normalize_baseurl

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4000
HEARTBEAT_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class RebuildResult:
    """What one rebuild produced, as reported by the build pipeline to the server."""

    output_dir: Path
    """The finished tree to serve from now on (ignored when `error` is set)."""
    changed_urls: tuple[str, ...] | None = None
    """Site URLs (without `baseurl`, like Jekyll's `page.url`) whose output changed;
    None means "assume everything changed"."""
    error: str | None = None
    """What went wrong, one line per file, shown over every open page until a rebuild
    without errors."""
    published: bool = False
    """The rebuild published what it could (files with errors left out): serve the new
    tree, reload the pages it changed, and show the errors over every page. False: the
    last good tree stays, and no page reloads."""
    cache_dir: Path | None = None
    """Where the rebuild kept its cache (`cache_dir:` in `_config.yml` may move it while
    the server runs): never watched, or each rebuild's writes would start the next."""
    read_rules: ReadRules | None = None
    """What the rebuild's settings let it read (`include`, `exclude` may change while the
    server runs): what it reads is watched, and only that."""
    watch_paths: tuple[Path, ...] | None = None
    """What to watch after this rebuild (`sitegen.serve.command.watched_paths`): the site,
    and the folders and files outside it the build read; None: as before."""
    summary: str = ""
    """The build's own one-line summary (what `sitegen build` prints), shown after
    "rebuilt": the files written and removed, not the watcher's events (an editor's save
    through a temporary file, or a new folder, is several events for one change)."""


class DevServer:
    """A threaded HTTP server for one build folder, with live reload.

    The socket is bound in the constructor, so a busy port is reported before anything
    else starts and `port=0` yields a free port (see `address`). Call `serve_forever()`
    (blocking, Ctrl-C friendly) or `start()` (background thread), then `shutdown()`.
    """

    def __init__(
        self,
        output_dir: Path,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        baseurl: str = "",
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        self.baseurl = normalize_baseurl(baseurl)
        self.heartbeat_seconds = heartbeat_seconds
        self.events = BuildEvents()
        self._root = Path(output_dir)
        self._lock = threading.Lock()
        self._serving = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._httpd = bind(host, port, self)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{quote(self.baseurl)}/"

    @property
    def current_root(self) -> Path:
        """The build folder requests are answered from right now."""
        with self._lock:
            return self._root

    def swap_root(self, output_dir: Path) -> None:
        """Serve `output_dir` from the next request on; it must be a finished build."""
        with self._lock:
            self._root = Path(output_dir)

    def notify_rebuilt(self, changed_urls: Iterable[str] | None = None) -> None:
        """Clear any build error and reload the pages showing `changed_urls` (None: all)."""
        self.events.rebuilt(changed_urls)

    def notify_updated(self, changed_urls: Iterable[str]) -> bool:
        """Reload the pages showing `changed_urls`, rewritten in the served tree ahead of
        the rebuild, unless an error is shown (see `BuildEvents.updated`)."""
        return self.events.updated(changed_urls)

    def notify_failed(
        self, message: str, *, published: bool = False, changed_urls: Iterable[str] | None = None
    ) -> None:
        """Show `message` over every open page until the next successful rebuild, saying
        whether the rebuild `published` all but the files with errors (reloading the
        pages showing `changed_urls` first, None: all), or nothing."""
        self.events.failed(message, published=published, changed_urls=changed_urls)

    def serve_forever(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._serving = True
        self._httpd.serve_forever()  # woken by shutdown(), never polling

    def start(self) -> None:
        """Serve from a background thread (for tests, or a caller with its own main loop)."""
        self._thread = threading.Thread(target=self.serve_forever, name="sitegen-serve")
        self._thread.start()

    def shutdown(self) -> None:
        """Stop serving, end event streams and open connections, join every thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            serving = self._serving
        if serving:  # `HTTPServer.shutdown` waits forever if the loop never ran
            self._httpd.shutdown()
        self.events.close()
        self._httpd.end_requests()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> DevServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.shutdown()


def run_server(
    output_dir: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    baseurl: str = "",
    rebuild: Callable[[frozenset[Path]], RebuildResult] | None = None,
    fast_lane: Callable[[frozenset[Path]], tuple[str, ...]] | None = None,
    watch_paths: Sequence[Path] = (),
    ignore_paths: Sequence[Path] = (),
    cache_dir: Path | None = None,
    read_rules: ReadRules | None = None,
    on_ready: Callable[[DevServer], None] | None = None,
    publish_gate: PublishGate | None = None,
    first_error: str | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Serve `output_dir` (already built) until Ctrl-C; with `rebuild`, watch and rebuild.

    `fast_lane`, when given, runs before each rebuild: it may rewrite pages of the served
    tree at once and returns their URLs, which reload before the rebuild starts.
    `cache_dir` and `read_rules` are those of the build of `output_dir` (see
    `RebuildResult`): each rebuild's own replace them.
    `first_error`: the errors of the build of `output_dir`, which published all but the
    files with them; with `rebuild`, they are shown over every open page (status and
    overlay) as a rebuild's are, until a rebuild clears them.
    `on_ready` runs once the server listens (to open a browser, or for tests to call
    `shutdown()`). Raises `UsageError` when the port is taken; returns exit code 0.

    Stopping (Ctrl-C, SIGTERM, `shutdown()`) waits for no rebuild: `publish_gate`, the
    gate `rebuild`'s builds publish through, is closed, so a rebuild under way publishes
    nothing, and one publishing ends its publish first (`sitegen.publish.gate`).
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    server = DevServer(output_dir, host=host, port=port, baseurl=baseurl)
    watcher = None
    if rebuild is not None and watch_paths:
        ignored = (Path(output_dir), *ignore_paths)
        watching: list[SiteWatcher] = []
        on_change = _rebuild_and_publish(server, rebuild, fast_lane, out, err, watching)
        watcher = SiteWatcher(watch_paths, on_change, ignore_paths=ignored)
        _follow(watcher, cache_dir, read_rules, None)
        watching.append(watcher)
        if first_error is not None:  # before the first request: no page misses it
            server.notify_failed(first_error, published=True)
    try:
        if watcher is not None:
            watcher.start()
        print(f"serving {server.url} (Ctrl-C to stop)", file=out, flush=True)
        if on_ready is not None:
            on_ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        # The gate first: no rebuild publishes (or swaps the root) from now on.
        if publish_gate is not None:
            with signals_held():  # a second Ctrl-C must not cut a publish off halfway
                publish_gate.close()
        if watcher is not None:
            watcher.stop(leave_callback=publish_gate is not None)
        server.shutdown()
    print("stopped", file=out, flush=True)
    return 0


def _rebuild_and_publish(
    server: DevServer,
    rebuild: Callable[[frozenset[Path]], RebuildResult],
    fast_lane: Callable[[frozenset[Path]], tuple[str, ...]] | None,
    out: TextIO,
    err: TextIO,
    watching: list[SiteWatcher],
) -> Callable[[frozenset[Path]], None]:
    """The watcher's callback: the fast lane's pages first, then rebuild, then serve the
    new tree or show the error."""

    def on_change(changed_paths: frozenset[Path]) -> None:
        if fast_lane is not None:
            try:
                updated = fast_lane(changed_paths)
            except Exception:  # a fast-lane bug must not cost the rebuild
                traceback.print_exc(file=err)
                updated = ()
            if updated:
                server.notify_updated(updated)
        try:
            result = rebuild(changed_paths)
        except BuildStopped:  # the server stopped while it ran: it published nothing
            return
        except SitegenError as exc:
            result = RebuildResult(server.current_root, error=str(exc))
        except Exception as exc:  # a builder bug must not end the session
            traceback.print_exc(file=err)
            result = RebuildResult(server.current_root, error=f"{type(exc).__name__}: {exc}")
        for watcher in watching:
            _follow(watcher, result.cache_dir, result.read_rules, result.watch_paths)
        if result.error is not None:
            verb = "rebuilt with errors" if result.published else "build failed"
            lines = message_lines(result.error)
            # One error a line, as a build prints them: joined, thirty bad posts made one
            # line no terminal or overlay could be read in.
            # One line once: "rebuilt with errors: FILE:8: ...", not "...: error: FILE:8".
            print(
                f"{verb}: {lines[0].removeprefix('error: ')}"
                if len(lines) == 1
                else "\n".join([f"{verb}:", *lines]),
                file=err,
                flush=True,
            )
            if result.published:
                server.swap_root(result.output_dir)
                if result.summary:  # what it did publish, as `sitegen build` says it
                    print(result.summary, file=out, flush=True)
            server.notify_failed(result.error, published=result.published, changed_urls=result.changed_urls)
            return
        # Swap before announcing, so the reload the announcement causes sees the new tree.
        server.swap_root(result.output_dir)
        server.notify_rebuilt(result.changed_urls)
        print(f"rebuilt: {result.summary}" if result.summary else "rebuilt", file=out, flush=True)

    return on_change


def _follow(
    watcher: SiteWatcher,
    cache_dir: Path | None,
    read_rules: ReadRules | None,
    watch_paths: tuple[Path, ...] | None,
) -> None:
    """Watch what the last build read: its cache is never watched (each rebuild's writes
    there would start the next), a folder that stopped being the cache is watched again;
    and the folders outside the site it read (`RebuildResult.watch_paths`). A build that
    failed as a whole tells none of these, and the last known ones stay."""
    if cache_dir is not None:
        watcher.ignore_cache(cache_dir)
    if read_rules is not None:
        watcher.follow_rules(read_rules)
    if watch_paths is not None:
        watcher.follow_paths(watch_paths)
