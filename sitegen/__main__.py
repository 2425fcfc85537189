"""`python -m sitegen` and the `sitegen` command: run the command line.

The command line's modules are imported with Ctrl-C and SIGTERM held back
(`sitegen.interrupts`), so Ctrl-C at start-up stops the command as it does later:
"stopped", exit 130, no traceback. Every command takes SIGTERM as Ctrl-C from its first
moment: "stopped", exit 143 (a build killed silently before it published). For
`sitegen serve` a stop is its normal end: "stopped", exit 0, however early (SIGTERM in
its first half second killed it silently, exit 143).

Once the command has done everything and its output is flushed, the process ends at
once (`os._exit`), holding what the build made (`build_site(hold=…)`) rather than
freeing it object by object, as Python's own exit would: at 100,000 posts that freeing
took about a second, after the work was done.
"""

from __future__ import annotations

# Held before anything else is imported: `signal` imports `enum`, and a Ctrl-C landing in
# those first imports (the first ~20 ms) printed Python's own traceback. `_signal` is the
# interpreter's own module, loaded at start-up. `_run` lets them in once `cli` is loaded.
import _signal  # type: ignore[import-not-found]  # no stub; `signal` is its typed face

_HELD_AT_START = frozenset({_signal.SIGINT, _signal.SIGTERM})
if hasattr(_signal, "pthread_sigmask"):
    _signal.pthread_sigmask(_signal.SIG_BLOCK, _HELD_AT_START)

import contextlib  # noqa: E402
import errno  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from sitegen.interrupts import interrupts_deferred, stopped_status, terminate_as_interrupt  # noqa: E402

EXIT_OUTPUT_GONE = 1
"""The output could not be written: the reader closed it (what Python's documentation
advises for a broken pipe, without the traceback), or the disk it goes to is full."""
_OUTPUT_FULL = (errno.ENOSPC, errno.EDQUOT)


def run() -> None:
    serving = sys.argv[1:2] == ["serve"]
    held: list[object] = []  # what the build made, freed by no one: the process ends first
    with terminate_as_interrupt():
        status = _run(serving, held)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):
            stream.flush()
    os._exit(status)


def _run(serving: bool, held: list[object]) -> int:
    """The command's exit status; when it was stopped, 0 for the dev server (its normal
    end), else 128 + the signal (`stopped_status`)."""
    try:
        with interrupts_deferred():
            from sitegen.cli import main
        if hasattr(_signal, "pthread_sigmask"):  # one that came meanwhile arrives here
            _signal.pthread_sigmask(_signal.SIG_UNBLOCK, _HELD_AT_START)
    except KeyboardInterrupt as stop:
        print("stopped", file=sys.stderr)
        return 0 if serving else stopped_status(stop)
    try:
        status = main(hold=held)
    except KeyboardInterrupt as stop:  # one that `main` could not turn into "stopped" itself
        print("stopped", file=sys.stderr)
        status = 0 if serving else stopped_status(stop)
    except BrokenPipeError:
        # Whoever read the output has gone (`sitegen build | head -1`): what the
        # command did stands (the build published); only its report is lost.
        status = EXIT_OUTPUT_GONE
    except OSError as error:
        if error.errno not in _OUTPUT_FULL:
            raise
        # The report could not be written (standard output on a full disk, `> /dev/full`).
        with contextlib.suppress(OSError):
            print(f"error: cannot write the report: {error.strerror}", file=sys.stderr)
        status = EXIT_OUTPUT_GONE
    return status


if __name__ == "__main__":
    run()
