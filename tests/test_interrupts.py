"""Ctrl-C while the command line's modules load stops it as Ctrl-C does later: one
"stopped" line, exit 130, no traceback, nothing published. A Ctrl-C that Python would
swallow inside an import (and then build and publish) is held back until the imports
are done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.interrupts import Terminated, interrupts_deferred, stops_deferred, terminate_as_interrupt
from tests.conftest import CONFIG, PROJECT_ROOT, post, write_files

_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from contextlib import contextmanager
    import sitegen.interrupts as interrupts

    original = interrupts.interrupts_deferred
    entered = [0]

    @contextmanager
    def interrupted_on(count, signum):
        with original():
            entered[0] += 1
            if entered[0] == count:
                os.kill(os.getpid(), signum)  # held back: the imports go on
            yield

    moment = int(sys.argv[1])
    interrupts.interrupts_deferred = lambda: interrupted_on(moment, signal.SIGINT)
    import sitegen.__main__ as entry

    sys.argv = ["sitegen", "build", "-s", sys.argv[2], "-d", sys.argv[3]]
    entry.run()
    """
)


@pytest.mark.parametrize(
    "moment", [1, 2, 3], ids=["start-up imports", "argument parsing", "pipeline imports"]
)
def test_ctrl_c_while_modules_load_stops_the_build_cleanly(tmp_path: Path, moment: int) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    destination = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(moment), str(site), str(destination)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=False,
    )
    assert (run.returncode, run.stderr) == (130, "stopped\n"), run.stderr
    assert not destination.exists()


def test_a_ctrl_c_held_back_arrives_when_the_body_ends() -> None:
    reached_the_end_of_the_body = False
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        # To this thread, which holds it back: sent to the process, the kernel may hand
        # it to another thread of the test runner's (pytest-xdist's workers have some),
        # which does not (the command line has no other thread while it imports).
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
        import json  # noqa: F401  (an import, as the deferral exists for)

        reached_the_end_of_the_body = True
    assert reached_the_end_of_the_body


_WHILE_PARSING = textwrap.dedent(
    """
    import os, signal, sys
    import sitegen.cli as cli

    real_parser = cli.build_parser

    def interrupting_parser():
        parser = real_parser()
        real_parse = parser.parse_args

        def parse_args(argv=None):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while argparse works (and imports)
            return real_parse(argv)

        parser.parse_args = parse_args
        return parser

    cli.build_parser = interrupting_parser
    import sitegen.__main__ as entry

    sys.argv = ["sitegen", "build", "-s", sys.argv[1], "-d", sys.argv[2]]
    entry.run()
    """
)


def test_ctrl_c_while_the_arguments_are_parsed_stops_the_build_cleanly(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    destination = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-c", _WHILE_PARSING, str(site), str(destination)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        cwd=tmp_path,
        check=False,
    )
    assert (run.returncode, run.stderr) == (130, "stopped\n"), run.stderr
    assert not destination.exists()


_SERVE_SCRIPT = (
    _SCRIPT.replace(
        "moment = int(sys.argv[1])", "moment, chosen = int(sys.argv[1]), int(sys.argv[4])"
    ).replace("lambda: interrupted_on(moment, signal.SIGINT)", "lambda: interrupted_on(moment, chosen)")
).replace(
    '["sitegen", "build", "-s", sys.argv[2], "-d", sys.argv[3]]',
    '["sitegen", "serve", "-s", sys.argv[2], "-d", sys.argv[3], "--port", "0"]',
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("moment", [1, 2, 3], ids=["start-up imports", "argument parsing", "server imports"])
def test_a_stop_while_the_server_starts_is_its_normal_end(tmp_path: Path, moment: int, signum: int) -> None:
    """SIGTERM in the first half second of `sitegen serve` (a process manager or an
    editor's task stopping it at once) killed it silently, exit 143, and Ctrl-C there
    exited 130; a stop is the dev server's normal end at any moment: "stopped", exit 0."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    destination = tmp_path / "out"
    assert "serve" in _SERVE_SCRIPT and "interrupted_on(moment, chosen)" in _SERVE_SCRIPT
    run = subprocess.run(
        [sys.executable, "-c", _SERVE_SCRIPT, str(moment), str(site), str(destination), str(int(signum))],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (0, "stopped\n"), run.stderr
    assert not destination.exists()


_WHILE_THE_ENTRY_IMPORTS = textwrap.dedent(
    """
    import importlib.abc, os, signal, sys
    wanted, marker = sys.argv[1], sys.argv[4]

    class Interrupting(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == wanted and not os.path.exists(marker):
                open(marker, "w").close()
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as this module is imported
            return None

    sys.meta_path.insert(0, Interrupting())
    sys.argv = ["sitegen", "build", "-s", sys.argv[2], "-d", sys.argv[3]]
    import sitegen.__main__ as entry
    entry.run()
    """
)


@pytest.mark.parametrize("module", ["sitegen.interrupts", "threading"])
def test_ctrl_c_while_the_entry_point_imports_its_first_modules_stops_cleanly(
    tmp_path: Path, module: str
) -> None:
    """`sitegen.__main__` imports `signal`, `threading` and `sitegen.interrupts` before
    it can defer anything: a Ctrl-C there printed Python's traceback (the first ~20 ms)."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    destination, marker = tmp_path / "out", tmp_path / "interrupted"
    run = subprocess.run(
        [sys.executable, "-c", _WHILE_THE_ENTRY_IMPORTS, module, str(site), str(destination), str(marker)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        cwd=tmp_path,
        check=False,
    )
    assert marker.exists(), f"{module} was imported before the entry point ran"
    assert (run.returncode, run.stderr) == (130, "stopped\n"), run.stderr
    assert not destination.exists()


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from([signal.SIGINT, signal.SIGTERM]), min_size=1, max_size=4))
def test_stops_in_a_deferred_body_arrive_once_it_ends(stops: list[signal.Signals]) -> None:
    """However many Ctrl-Cs and SIGTERMs come while the body runs (a stop to a process
    group reaches a build several times), the body runs to its end and the first stop is
    raised then, as it would have been: `Terminated` for SIGTERM, else Ctrl-C's."""
    reached_the_end_of_the_body = False
    with pytest.raises(KeyboardInterrupt) as raised, terminate_as_interrupt(), stops_deferred():
        for stop in stops:
            # To the main thread, whose handlers these are (see the test above).
            signal.pthread_kill(threading.main_thread().ident or 0, stop)
            time.sleep(0.001)
        reached_the_end_of_the_body = True
    assert reached_the_end_of_the_body
    assert isinstance(raised.value, Terminated) == (stops[0] == signal.SIGTERM)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
