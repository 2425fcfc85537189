"""`python -m sitegen` and the `sitegen` command: run the command line.

The command line's modules are imported with Ctrl-C held back (`sitegen.interrupts`), so
Ctrl-C at start-up stops the command as it does later: "stopped", exit 130, no traceback.
"""

from __future__ import annotations

import sys

from sitegen.interrupts import interrupts_deferred

EXIT_INTERRUPTED = 130
"""128 + SIGINT (as `sitegen.cli.EXIT_INTERRUPTED`, not imported yet here)."""


def run() -> None:
    try:
        with interrupts_deferred():
            from sitegen.cli import main
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(main())


if __name__ == "__main__":
    run()
