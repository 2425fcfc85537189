"""What a long build prints while it works, and `--profile`'s report.

On a terminal, one line rewritten in place; elsewhere (CI logs), a plain line every few
seconds, because CI systems kill a job that prints nothing for minutes. Short builds
print nothing at all.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from sitegen.build import BuildResult

QUIET_SECONDS = 2.0
"""Nothing is printed before a build has run this long."""
TERMINAL_INTERVAL = 0.2
LOG_INTERVAL = 10.0


class ProgressPrinter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._terminal = stream.isatty()
        self._started = time.monotonic()
        self._last_print = float("-inf")

    def __call__(self, verb: str, done: int, total: int) -> None:
        now = time.monotonic()
        interval = TERMINAL_INTERVAL if self._terminal else LOG_INTERVAL
        if now - self._started < QUIET_SECONDS or (now - self._last_print < interval and done < total):
            return
        self._last_print = now
        line = f"{verb} {done:,} of {total:,} ({now - self._started:.0f} s)"
        if self._terminal:
            end = "\n" if done >= total else ""
            self._stream.write("\r" + line.ljust(40) + end)
        else:
            self._stream.write(line + "\n")
        self._stream.flush()


def format_profile(result: BuildResult) -> str:
    """Seconds per stage, then per template (slowest first): where a slow build goes."""
    lines = ["profile: stage        seconds"]
    lines += [f"profile: {stage:<12} {seconds:8.3f}" for stage, seconds in result.timings]
    lines.append(
        f"profile: {result.pages_rendered:,} pages rendered, "
        f"{result.sources_from_cache:,} posts and pages from cache"
    )
    lines.append("profile: template     seconds (summed over worker processes)")
    lines += [f"profile: {name:<12} {seconds:8.3f}" for name, seconds in result.template_seconds]
    return "\n".join(lines)


class StageClock:
    """Records how long each stage took, for `--profile`."""

    def __init__(self) -> None:
        self._started = self._last = time.perf_counter()
        self._timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self._timings[stage] = now - self._last
        self._last = now

    def timings(self) -> tuple[tuple[str, float], ...]:
        return tuple(self._timings.items())

    def total(self) -> float:
        return time.perf_counter() - self._started
