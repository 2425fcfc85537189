"""The HTTP side of the dev server: the threaded listener and the request handler.

Each request resolves the served root once (`DevServer.current_root`), so a response
never mixes two builds; hostile request paths are answered by `sitegen.serve.paths`.
The listener tracks every connection and its thread so shutdown can end them all.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import select
import selectors
import shutil
import socket
import socketserver
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs

from sitegen.errors import UsageError
from sitegen.regular_files import open_regular
from sitegen.serve.livereload import EVENTS_URL, STATUS_URL, inject_reload_script
from sitegen.serve.paths import (
    PLAIN_TEXT,
    content_type_for,
    inside_root,
    real_path,
    resolve_request_path,
)
from sitegen.serve.stop_signals import drain_wakeups, woken_by_signals

if TYPE_CHECKING:
    from sitegen.serve.server import DevServer

_Request = socket.socket | tuple[bytes, socket.socket]

MAX_PORT = 65535
CLIENT_CHECK_SECONDS = 1.0
"""How often a quiet event stream looks whether its browser has gone (between heartbeats).
Only for that: a server stop or a rebuild's event wakes the stream at once."""


class HTTPServer(ThreadingHTTPServer):
    """Tracks each connection and its thread, so shutdown can end and join them all.

    `ThreadingMixIn.server_close` joins only non-daemon threads, and daemon threads are
    what keep a stuck browser from blocking interpreter exit, so the joining is done here.
    """

    daemon_threads = True
    # The default backlog of 5 makes a burst of connections (a browser opening a page
    # with its assets, a load test) wait for SYN retries of a second or more.
    request_queue_size = 128
    # On Windows SO_REUSEADDR lets a second server steal a port that is in use.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], dev: DevServer, family: int) -> None:
        self.address_family = socket.AddressFamily(family)
        self.dev = dev
        self._requests: dict[_Request, threading.Thread] = {}
        self._requests_lock = threading.Lock()
        self._stop_requested = False
        self._loop_ended = threading.Event()
        self._loop_ended.set()
        self._wake, self._waker = socket.socketpair()  # before: a failed bind closes them
        super().__init__(address, Handler)

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """socketserver's accept loop, but woken by `shutdown()` through a socket pair
        rather than noticing it at its next poll (`poll_interval` is not used): a stop
        waits for no timeout to run out."""
        self._loop_ended.clear()
        try:
            with selectors.DefaultSelector() as selector, woken_by_signals(selector) as signals:
                selector.register(self, selectors.EVENT_READ)
                selector.register(self._wake, selectors.EVENT_READ)
                while not self._stop_requested:
                    ready = selector.select()
                    for key, _ in ready:
                        if key.data is drain_wakeups:
                            drain_wakeups(cast(socket.socket, key.fileobj))
                    # After the drain: a signal noted later has left a byte that wakes
                    # the next wait. Ctrl-C, SIGTERM: raises here, never lost.
                    signals.deliver()
                    if self._stop_requested:
                        break
                    if any(key.fileobj is self for key, _ in ready):
                        self._accept_one()
        finally:
            self._loop_ended.set()

    def _accept_one(self) -> None:
        """Take one waiting connection and hand it to its thread (what socketserver's
        loop does once the listening socket is readable)."""
        try:
            request, client_address = self.get_request()
        except OSError:  # the client gave up meanwhile
            return
        try:
            self.process_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
            self.shutdown_request(request)

    def shutdown(self) -> None:
        """End `serve_forever` at once and wait until it has returned."""
        self._stop_requested = True
        with contextlib.suppress(OSError):
            self._waker.send(b"\0")
        self._loop_ended.wait()

    def server_close(self) -> None:
        super().server_close()
        self._wake.close()
        self._waker.close()

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the FQDN, which can stall on a bad resolver.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def process_request(self, request: _Request, client_address: Any) -> None:
        # Runs on the accept loop, so once `shutdown()` has returned the map is complete.
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="sitegen-request",
            daemon=True,
        )
        with self._requests_lock:
            self._requests[request] = thread
        thread.start()

    def shutdown_request(self, request: _Request) -> None:
        with self._requests_lock:
            self._requests.pop(request, None)
        super().shutdown_request(request)

    def end_requests(self, timeout: float = 5.0) -> None:
        """Cut every open connection (idle pre-connects, event streams) and join its thread."""
        with self._requests_lock:
            requests = list(self._requests.items())
        for connection, _ in requests:
            if isinstance(connection, socket.socket):  # always, for a TCP server
                with contextlib.suppress(OSError):  # already closed by the client
                    connection.shutdown(socket.SHUT_RDWR)
        for _, thread in requests:
            thread.join(timeout)

    def handle_error(self, request: _Request, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # the browser went away mid-response; nothing to report
        super().handle_error(request, client_address)


def bind(host: str, port: int, dev: DevServer) -> HTTPServer:
    """The server listening on `host`, `port`. Raises `UsageError` (`bind_error`, or
    `address_error` for an address no socket takes)."""
    address_error(host, port)
    try:
        return HTTPServer((host, port), dev, _family(host))
    except OSError as exc:
        raise bind_error(exc, host, port) from None


def check_address(host: str, port: int) -> None:
    """Raise now the `UsageError` `bind` would raise for `host`, `port`: `sitegen serve`
    asks before its first build, which takes seconds on a large site, so a port in use
    is said at once, not after the build. Port 0 (any free one) is not asked. The port
    is bound again to serve; one taken in between is reported then, as before."""
    address_error(host, port)
    if port == 0:
        return
    with socket.socket(_family(host), socket.SOCK_STREAM) as trial:
        if HTTPServer.allow_reuse_address:  # as the server binds, so a port in TIME_WAIT is free
            trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            trial.bind((host, port))
        except OSError as exc:
            raise bind_error(exc, host, port) from None


def address_error(host: str, port: int) -> None:
    """Raise the `UsageError` of a port outside 0-65535 (the socket's own error is an
    `OverflowError`, no `OSError`) or an empty host, which the socket module reads as
    every interface: a page meant for this machine would be served to the network
    (`--host 0.0.0.0` says that on purpose)."""
    if not 0 <= port <= MAX_PORT:
        raise UsageError(f"--port must be a port number from 0 to {MAX_PORT} (0: any free one), not {port}")
    if not host.strip():
        raise UsageError("--host must be an address such as 127.0.0.1 (0.0.0.0 to listen on every interface)")


def bind_error(exc: OSError, host: str, port: int) -> UsageError:
    """The one line for an address that cannot be listened on."""
    if exc.errno == errno.EADDRINUSE:
        return UsageError(f"port {port} on {host} is already in use; pass --port")
    reason = exc.strerror or str(exc)
    return UsageError(f"cannot listen on {host} port {port}: {reason}")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class Handler(BaseHTTPRequestHandler):
    server_version = "sitegen"
    # Idle connections (browser pre-connects) must not hold a thread forever.
    timeout = 30

    @property
    def dev(self) -> DevServer:
        return cast(HTTPServer, self.server).dev

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build messages."""

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        raw_path, _, query = self.path.partition("?")
        raw_path = raw_path.partition("#")[0]
        if raw_path == EVENTS_URL and send_body:
            self._stream_events(query)
            return
        if raw_path == STATUS_URL:
            body = json.dumps(self.dev.events.status()).encode()
            self._send_bytes(HTTPStatus.OK, "application/json", body, send_body)
            return
        resolution = resolve_request_path(self.dev.current_root, self.dev.baseurl, raw_path)
        if resolution.location is not None:
            location = resolution.location + (f"?{query}" if query else "")
            headers = {"Location": location}
            self._send_bytes(resolution.status, PLAIN_TEXT, b"", send_body, extra_headers=headers)
            return
        if resolution.file_path is not None and self._send_file(
            resolution.file_path, resolution.name, HTTPStatus.OK, send_body
        ):
            return
        if resolution.status in {HTTPStatus.BAD_REQUEST, HTTPStatus.FORBIDDEN}:
            body = f"{resolution.status.value} {resolution.status.phrase}\n".encode()
            self._send_bytes(resolution.status, PLAIN_TEXT, body, send_body)
            return
        self._send_not_found(send_body)  # also when the file vanished with an old build

    def _send_not_found(self, send_body: bool) -> None:
        root = self.dev.current_root
        root_real = real_path(root)
        page = inside_root(root / "404.html", root_real) if root_real is not None else None
        if page is not None and self._send_file(page, "404.html", HTTPStatus.NOT_FOUND, send_body):
            return
        self._send_bytes(HTTPStatus.NOT_FOUND, PLAIN_TEXT, b"404 Not Found\n", send_body)

    def _send_file(self, path: Path, name: str, status: HTTPStatus, send_body: bool) -> bool:
        """Send a file (HTML with the reload script); False if it cannot be opened.

        Only opening is guarded: nothing has been sent yet, so the caller can still
        answer 404. An old build folder removed under us and an unreadable file both
        end there, never in a dropped connection."""
        content_type = content_type_for(name)
        try:
            stream = open_regular(path)  # a FIFO in the served folder would hang the thread
        except OSError:
            return False
        with stream:
            if content_type.startswith("text/html"):
                script_html = self.dev.events.script_for(self.dev.baseurl)
                body = inject_reload_script(stream.read(), script_html)
                self._send_bytes(status, content_type, body, send_body)
                return True
            self._send_head(status, content_type, os.fstat(stream.fileno()).st_size)
            if send_body:
                shutil.copyfileobj(stream, self.wfile)
            return True

    def _send_bytes(
        self,
        status: HTTPStatus,
        content_type: str,
        body: bytes,
        send_body: bool,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        self._send_head(status, content_type, len(body), extra_headers)
        if send_body:
            self.wfile.write(body)

    def _send_head(
        self,
        status: HTTPStatus,
        content_type: str,
        length: int,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-cache")
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def _stream_events(self, query: str) -> None:
        """One SSE stream; returns on client disconnect, write failure or server shutdown."""
        events = self.dev.events
        token = self.headers.get("Last-Event-ID") or parse_qs(query).get("since", [""])[0]
        since = events.parse_token(token)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        heartbeat = self.dev.heartbeat_seconds
        try:
            self.wfile.write(b"retry: 1000\n\n")
            quiet_for = 0.0
            while True:
                # Short waits so a vanished client is noticed within a second, not
                # only at the next heartbeat write.
                step = min(CLIENT_CHECK_SECONDS, heartbeat)
                batch, since, closed = events.wait(since, timeout=step)
                if closed:
                    return
                if batch:
                    self.wfile.write(b"".join(event.encode() for event in batch))
                    quiet_for = 0.0
                    continue
                quiet_for += step
                if quiet_for >= heartbeat:
                    self.wfile.write(b": heartbeat\n\n")
                    quiet_for = 0.0
                elif self._client_gone():
                    return
        except OSError:  # the browser went away, or shutdown cut the connection
            return

    def _client_gone(self) -> bool:
        """True once the browser closed its end (the socket reads as EOF)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True
