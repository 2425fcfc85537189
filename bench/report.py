"""Turn measured runs into the Markdown table and the results file.

Wall and CPU times are medians over the runs, so one run slowed by the machine does not
move the figure; peak memory is the highest run, since memory is a limit, not an average.
"""

from __future__ import annotations

import shlex
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from measure import Sample, load_average, machine_facts
from tools import TOOLS


@dataclass(slots=True)
class Result:
    """All runs of one tool, size and scenario (or why there are none)."""

    tool: str
    posts: int
    scenario: str
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None
    output_files: int | None = None
    """HTML and XML files the first run wrote: a check that the tools publish alike."""


def in_table_order(results: Sequence[Result]) -> list[Result]:
    """By size, then tool; the sort is stable, so a tool's scenarios keep their run order."""
    return sorted(results, key=lambda r: (r.posts, TOOLS.index(r.tool)))


def results_table(results: Sequence[Result]) -> str:
    """The Markdown table: medians of wall and CPU time, the highest peak memory."""
    hugo_cold = {
        r.posts: statistics.median([s.wall_s for s in r.samples])
        for r in results
        if r.tool == "hugo" and r.scenario == "cold" and r.samples
    }
    lines = [
        "| tool | posts | scenario | median wall s | ratio to Hugo cold | CPU s | peak MiB |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in in_table_order(results):
        if not r.samples:
            reason = (r.error or "no runs").splitlines()[0]
            lines.append(f"| {r.tool} | {r.posts:,} | {r.scenario} | failed: {reason} | | | |")
            continue
        wall = statistics.median([s.wall_s for s in r.samples])
        ratio = f"{wall / hugo_cold[r.posts]:.2f}" if r.posts in hugo_cold else "–"
        cpu = statistics.median([s.cpu_s for s in r.samples])
        peak = max(s.peak_rss_bytes for s in r.samples) / 2**20
        lines.append(
            f"| {r.tool} | {r.posts:,} | {r.scenario} | {wall:.2f} | {ratio} | {cpu:.2f} | {peak:.0f} |"
        )
    return "\n".join(lines)


def public_argv(argv: Sequence[str]) -> list[str]:
    """The command line without the options that name this machine's folders."""
    kept: list[str] = []
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
        elif token in ("--work", "--out"):
            skip_next = True
        elif not token.startswith(("--work=", "--out=")):
            kept.append(token)
    return kept


def write_report(
    out_path: Path,
    results: Sequence[Result],
    versions: dict[str, str],
    skipped: dict[str, str],
    argv: Sequence[str],
    runs: int,
    load_at_start: str,
) -> str:
    """Write the report; the load averages show whether other work shared the machine."""
    facts = machine_facts()
    facts["load average 1/5/15 min (start; end)"] = f"{load_at_start}; {load_average()}"
    lines = [
        "# sitegen benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with "
        f"`python bench/run_bench.py {shlex.join(public_argv(argv))}`; median of {runs} runs "
        "(peak memory: the highest run). See `bench/README.md` for what each scenario means.",
        "",
        results_table(results),
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in facts.items()),
        *(f"| {tool} | {version} |" for tool, version in versions.items()),
        "",
        "## Pages published (HTML and XML files after a cold build)",
        "",
        "| tool | posts | files |",
        "| --- | ---: | ---: |",
        *(
            f"| {r.tool} | {r.posts:,} | {r.output_files:,} |"
            for r in in_table_order(results)
            if r.scenario == "cold" and r.output_files is not None
        ),
    ]
    if skipped:
        lines += ["", "## Skipped", ""]
        lines += [f"- {tool}: {why}" for tool, why in skipped.items()]
    text = "\n".join(lines) + "\n"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    return text
