"""`sitegen serve --watch` stops at once on SIGTERM and Ctrl-C, whatever it is doing.

A stop waited for the rebuild under way (seconds on a large site) and SIGTERM killed the
server past its clean-up. Speed is not measured here: every interval a stop could wait
out is made a minute long (the rebuild, the event stream's check for a gone browser, the
accept loop's poll), so only a wait the stop wakes can end within the bound, which is
there only to catch a hang.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.publish.gate import BuildStopped, PublishGate
from sitegen.serve.http_server import HTTPServer
from sitegen.serve.server import DevServer
from tests.conftest import CONFIG, PROJECT_ROOT, free_port, post, write_files

HANG = 5.0
"""Seconds after which a stop counts as hung; every wait it could time out is 60 s."""

# The server as `sitegen` runs it, with each rebuild held in its render stage for a
# minute and the event stream looking for a gone browser once a minute.
_SLOW_SERVER = """
import sys, time
import sitegen.build as build
import sitegen.serve.http_server as http_server
http_server.CLIENT_CHECK_SECONDS = 60.0
render, renders = build._render, []
def slow_render(*arguments, **options):
    renders.append(1)
    if len(renders) > 1:
        print("rebuild rendering", flush=True)
        time.sleep(60)
    return render(*arguments, **options)
build._render = slow_render
from sitegen.__main__ import run
sys.argv = ["sitegen", *sys.argv[1:]]
run()
"""


def _wait_for(log: Path, text: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while text not in log.read_text(encoding="utf-8"):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.05)


def _read_until(connection: socket.socket, end: bytes) -> bytes:
    """What the server sent, up to `end` or until it closed the connection."""
    received = b""
    while not received.endswith(end):
        chunk = connection.recv(4096)
        if not chunk:
            break
        received += chunk
    return received


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_during_a_rebuild_with_a_browser_listening(
    tmp_path: Path, signum: int
) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG.replace("测试站", "旧站"), "content/_posts/2022-05-27-a.md": post()},
    )
    out, log, port = tmp_path / "out", tmp_path / "log", free_port()
    command = [sys.executable, "-c", _SLOW_SERVER, "serve", "--watch", "--port", str(port)]
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [*command, "-s", str(site), "-d", str(out)], cwd=PROJECT_ROOT, stdout=sink, stderr=sink
        )
    try:
        _wait_for(log, "serving", process)
        browser = socket.create_connection(("127.0.0.1", port), timeout=HANG)
        browser.sendall(b"GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        _read_until(browser, b"retry: 1000\n\n")
        # A new site title: every page changes, and no fast lane (`sitegen.preview`)
        # rewrites one ahead of the rebuild.
        (site / "_config.yml").write_text(CONFIG.replace("测试站", "新站"), encoding="utf-8")
        _wait_for(log, "rebuild rendering", process)

        process.send_signal(signum)
        status = process.wait(timeout=HANG)
    finally:
        process.kill()
        process.wait()

    printed = log.read_text(encoding="utf-8")
    assert status == 0, printed  # a stop asked for is how a dev server ends (README)
    assert printed.splitlines()[-1] == "stopped" and "Traceback" not in printed, printed
    assert _read_until(browser, b"never sent") == b""  # the stream was ended, not left open
    browser.close()
    # The rebuild left behind published nothing: the served tree is the last build's.
    pages = [path.read_text(encoding="utf-8") for path in out.rglob("*.html")]
    assert pages and all("新站" not in page for page in pages) and any("旧站" in page for page in pages)
    assert not [path for path in out.rglob("*") if "sitegen-" in path.name], sorted(out.rglob("*"))


def test_the_accept_loop_is_woken_by_shutdown_not_by_its_poll(tmp_path: Path) -> None:
    """`shutdown()` wakes the loop: a poll of a minute is never waited out."""
    with DevServer(tmp_path, port=0) as dev:
        httpd: HTTPServer = dev._httpd
        loop = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 60.0}, daemon=True)
        loop.start()
        stopper = threading.Thread(target=httpd.shutdown, daemon=True)
        time.sleep(0.1)  # the loop is in its wait
        stopper.start()
        stopper.join(HANG)
        loop.join(HANG)
        assert not stopper.is_alive() and not loop.is_alive()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_the_kernel_hands_to_another_thread_stops_the_accept_loop(
    tmp_path: Path, signum: int
) -> None:
    """A signal sent to the process lands on any thread not blocking it (the watcher's,
    a rebuild's, a request's); the main thread, asleep in the accept loop's wait, slept
    on with the handler pending, and `sitegen serve` ignored SIGTERM or Ctrl-C until a
    request came. Here the signal is put on another thread on purpose."""
    with DevServer(tmp_path, port=0) as dev:

        def signal_elsewhere() -> None:
            time.sleep(0.2)  # the loop is in its wait
            signal.pthread_kill(threading.get_ident(), signum)

        assert _interrupted_serving(dev._httpd, signal_elsewhere)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_handled_inside_a_weak_reference_callback_still_stops_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    """The server's main thread also runs the garbage collector's weak-reference
    callbacks (a request's thread dropped from `threading`'s sets). A stop signal's
    handler that ran inside one raised `KeyboardInterrupt` there, Python printed
    "Exception ignored" and the server served on after SIGTERM (seen once in a full
    test run). Here the handler is made to run inside such a callback, as the loop
    accepts a connection."""
    with DevServer(tmp_path, port=0) as dev:
        httpd: HTTPServer = dev._httpd
        accept = httpd._accept_one

        def accept_after_a_callback() -> None:
            class Dropped:
                pass

            dropped = Dropped()

            def callback(_: object) -> None:
                signal.raise_signal(signum)
                for _ in range(1000):  # the handler runs here, inside the callback
                    pass

            kept = weakref.ref(dropped, callback)
            del dropped  # the callback runs now, in this (the main) thread
            assert kept() is None
            accept()

        monkeypatch.setattr(httpd, "_accept_one", accept_after_a_callback)

        def connect() -> None:
            time.sleep(0.2)  # the loop is in its wait
            with socket.create_connection(dev.address, timeout=HANG):
                pass

        assert _interrupted_serving(httpd, connect)


def _interrupted_serving(httpd: HTTPServer, trigger: Callable[[], None]) -> bool:
    """Serve on this thread, with SIGTERM as Ctrl-C, while `trigger` runs on another to
    make a stop signal arrive; whether the signal ended serving (`KeyboardInterrupt`)
    within `HANG` seconds of the trigger. A lost signal would serve for ever, so the
    loop is then ended from the other thread, and the answer is False."""
    from sitegen.interrupts import terminate_as_interrupt

    ended, rescued = threading.Event(), threading.Event()

    def trigger_then_watch() -> None:
        trigger()
        if not ended.wait(HANG):  # the signal was lost: end the loop, so the test can fail
            rescued.set()
            httpd.shutdown()

    other = threading.Thread(target=trigger_then_watch, daemon=True)
    with terminate_as_interrupt(), pytest.raises(KeyboardInterrupt):
        other.start()
        try:
            httpd.serve_forever()
        finally:
            ended.set()
    other.join(HANG)
    return not rescued.is_set()


@given(publishes=st.integers(1, 4), stop_at=st.integers(0, 4), during=st.booleans())
def test_closing_the_gate_waits_for_the_publish_under_way_and_lets_none_start(
    publishes: int, stop_at: int, during: bool
) -> None:
    """Whenever the server stops, each publish has run whole before the stop returned,
    or not at all: never a publish cut off, never one started after."""
    gate, record, lock = PublishGate(), list[str](), threading.Lock()
    inside, go_on, closed = threading.Event(), threading.Event(), threading.Event()
    during = during and stop_at < publishes

    def note(entry: str) -> None:
        with lock:
            record.append(entry)

    def publisher() -> None:
        for number in range(publishes):
            if number == stop_at and not during:
                closed.wait()
            try:
                with gate:
                    note(f"start {number}")
                    if number == stop_at:
                        inside.set()
                        go_on.wait()
                    note(f"end {number}")
            except BuildStopped:
                note(f"stopped {number}")

    def closer() -> None:
        gate.close()
        note("closed")
        closed.set()

    thread = threading.Thread(target=publisher, daemon=True)
    thread.start()
    if during:
        inside.wait(HANG)
        stopping = threading.Thread(target=closer, daemon=True)
        stopping.start()
        stopping.join(0.02)
        assert not closed.is_set()  # the publish under way holds the stop
        go_on.set()
        stopping.join(HANG)
    elif stop_at < publishes:
        closer()
    thread.join(HANG)
    go_on.set()
    assert not thread.is_alive()

    cut = record.index("closed") if "closed" in record else len(record)
    before, after = record[:cut], record[cut + 1 :]
    started = [entry for entry in before if entry.startswith("start")]
    assert [entry.replace("start", "end") for entry in started] == [e for e in before if e.startswith("end")]
    assert all(entry.startswith("stopped") for entry in after)
    expected_whole = min(stop_at + 1 if during else stop_at, publishes)
    assert len(started) == expected_whole


def test_sigterm_is_restored_after_serving() -> None:
    """SIGTERM is Ctrl-C only while the server runs: a caller's handler comes back."""
    from sitegen.interrupts import terminate_as_interrupt

    before = signal.getsignal(signal.SIGTERM)
    with terminate_as_interrupt():
        assert signal.getsignal(signal.SIGTERM) is not before
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGTERM)  # to this thread: a test runner has others
            time.sleep(HANG)  # the handler interrupts this sleep
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_worker_forked_while_serving_dies_of_sigterm_without_a_traceback() -> None:
    """A pool's worker inherits the server's SIGTERM handler; `Pool.terminate` sends it
    SIGTERM, which raised `KeyboardInterrupt` in the worker (a traceback on stderr after
    every full rebuild). It dies as by default."""
    from sitegen.interrupts import terminate_as_interrupt

    with terminate_as_interrupt():
        child = os.fork()
        if child == 0:  # pragma: no cover - reports through its exit status
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(HANG)
                os._exit(3)
            except BaseException:
                os._exit(7)  # the inherited handler raised
        _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, status


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_second_signal_while_the_stop_waits_for_a_publish_does_not_cut_it_off(signum: int) -> None:
    """The stop waits for a publish under way (`PublishGate.close`); pressed again meanwhile,
    Ctrl-C or SIGTERM ended the process there, the served tree a mix of two builds."""
    from sitegen.interrupts import signals_held, terminate_as_interrupt

    gate = PublishGate()
    publishing, release, finished = threading.Event(), threading.Event(), threading.Event()

    def publish() -> None:
        with gate:
            publishing.set()
            release.wait(HANG)
            finished.set()

    worker = threading.Thread(target=publish)
    worker.start()
    assert publishing.wait(HANG)
    kill = threading.Timer(0.05, os.kill, (os.getpid(), signum))
    let_go = threading.Timer(0.3, release.set)
    with terminate_as_interrupt():
        kill.start()
        let_go.start()
        with signals_held():
            gate.close()  # the signal lands while this waits
    worker.join(HANG)
    kill.join()
    assert finished.is_set()
