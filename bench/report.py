"""Turn measured runs into Markdown tables and the results file.

Every figure is a median with the runs' spread (min–max) beside it, so a reader sees how
far a shared machine moved it. A sitegen row is compared with the Hugo cold builds of its
own interleaved pairs (`schedule.py`); the ratio is the median of the per-pair ratios.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from measure import Sample
from output_size import OutputSize
from schedule import PAIRED_PEER, SCENARIOS
from summary import Summary, pair_ratios, summarize

_MIB = 2**20


@dataclass(slots=True)
class Result:
    """All runs of one tool, size and scenario (or why some are missing)."""

    tool: str
    posts: int
    scenario: str
    """For the paired peer: the sitegen scenario its cold builds were paired with."""
    samples: dict[int, Sample] = field(default_factory=dict)
    """By round, so a pair is the two results' samples of the same round."""
    error: str | None = None
    output: OutputSize | None = None
    """The output tree after the first cold build (cold rows only)."""

    def summary(self, metric: Callable[[Sample], float]) -> Summary | None:
        values = [metric(sample) for _, sample in sorted(self.samples.items())]
        return summarize(values) if values else None


def _wall(sample: Sample) -> float:
    return sample.wall_s


def _cpu(sample: Sample) -> float:
    return sample.cpu_s


def _pss_mib(sample: Sample) -> float:
    return sample.peak_memory_bytes / _MIB


def _max_rss_mib(sample: Sample) -> float:
    return sample.max_rss_bytes / _MIB


def _cell(summary: Summary | None, digits: int = 2) -> str:
    return summary.cell(digits) if summary else "–"


def paired_ratio(ours: Result, peer: Result | None, metric: Callable[[Sample], float]) -> Summary | None:
    """The per-pair ratios of `metric`, ours over the peer's, over the rounds both ran."""
    if peer is None:
        return None
    rounds = sorted(set(ours.samples) & set(peer.samples))
    ratios = pair_ratios([metric(ours.samples[r]) for r in rounds], [metric(peer.samples[r]) for r in rounds])
    return summarize(ratios) if ratios else None


def load_range(*results: Result | None) -> str:
    """The lowest and highest 1-minute load read before and after these results' builds."""
    loads = [
        load
        for result in results
        if result is not None
        for sample in result.samples.values()
        for load in (sample.load_before, sample.load_after)
        if load is not None
    ]
    if not loads:
        return "–"
    return f"{min(loads):.2f}–{max(loads):.2f}"


def others_range(*results: Result | None) -> str:
    """The least and most CPU other processes used during these results' builds, in cores
    (their CPU seconds over the build's wall seconds): 0.00 is a machine that did nothing
    else, 1.00 one core's worth of other work throughout."""
    shares = [
        sample.others_cpu_s / sample.wall_s
        for result in results
        if result is not None
        for sample in result.samples.values()
        if sample.others_cpu_s is not None and sample.wall_s > 0
    ]
    if not shares:
        return "–"
    return f"{min(shares):.2f}–{max(shares):.2f}"


def _find(results: Sequence[Result], tool: str, posts: int, scenario: str) -> Result | None:
    for result in results:
        if (result.tool, result.posts, result.scenario) == (tool, posts, scenario):
            return result
    return None


def _failed(result: Result | None) -> str:
    if result is None or result.error is None:
        return ""
    return f" (failed: {result.error.splitlines()[0]})"


def time_table(results: Sequence[Result]) -> str:
    """sitegen's scenarios against the Hugo cold builds paired with them."""
    lines = [
        "| posts | build | sitegen wall s | Hugo cold wall s | sitegen / Hugo cold | "
        "sitegen CPU s | Hugo CPU s | load 1 min | other work, cores |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for posts in sorted({r.posts for r in results}):
        for scenario in SCENARIOS:
            ours = _find(results, "sitegen", posts, scenario)
            peer = _find(results, PAIRED_PEER, posts, scenario)
            if ours is None:
                continue
            ratio = paired_ratio(ours, peer, _wall)
            lines.append(
                f"| {posts:,} | {scenario}{_failed(ours)}{_failed(peer)} | {_cell(ours.summary(_wall))} | "
                f"{_cell(peer.summary(_wall) if peer else None)} | {_cell(ratio)} | "
                f"{_cell(ours.summary(_cpu))} | {_cell(peer.summary(_cpu) if peer else None)} | "
                f"{load_range(ours, peer)} | {others_range(ours, peer)} |"
            )
    return "\n".join(lines)


def memory_table(results: Sequence[Result]) -> str:
    """Peak PSS of each tool's process tree, and the largest single process's RSS."""
    lines = [
        "| posts | build | sitegen peak PSS MiB | Hugo peak PSS MiB | sitegen / Hugo | "
        "sitegen max RSS MiB | Hugo max RSS MiB |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for posts in sorted({r.posts for r in results}):
        for scenario in SCENARIOS:
            ours = _find(results, "sitegen", posts, scenario)
            if ours is None or not ours.samples:
                continue
            peer = _find(results, PAIRED_PEER, posts, scenario)
            ratio = paired_ratio(ours, peer, _pss_mib)
            lines.append(
                f"| {posts:,} | {scenario} | {_cell(ours.summary(_pss_mib), 0)} | "
                f"{_cell(peer.summary(_pss_mib) if peer else None, 0)} | {_cell(ratio)} | "
                f"{_cell(ours.summary(_max_rss_mib), 0)} | "
                f"{_cell(peer.summary(_max_rss_mib) if peer else None, 0)} |"
            )
    return "\n".join(lines)


def output_table(results: Sequence[Result]) -> str:
    """Files, bytes, the Pages deploy artifact and the median post page of each tool's
    cold output."""
    lines = [
        "| posts | tool | files | HTML + XML | total MB | deploy artifact MB | post page bytes (median) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    seen: set[tuple[int, str]] = set()
    for result in sorted(results, key=lambda r: (r.posts, r.tool != "sitegen", r.tool)):
        size = result.output
        if size is None or (result.posts, result.tool) in seen:
            continue
        seen.add((result.posts, result.tool))
        post_page = f"{size.post_page_bytes:,.0f}" if size.post_page_bytes is not None else "–"
        artifact = f"{size.artifact_bytes / 1e6:,.1f}" if size.artifact_bytes is not None else "–"
        lines.append(
            f"| {result.posts:,} | {result.tool} | {size.files:,} | {size.pages:,} | "
            f"{size.total_bytes / 1e6:,.1f} | {artifact} | {post_page} |"
        )
    return "\n".join(lines)


def other_peers_table(results: Sequence[Result]) -> str | None:
    """Peers besides Hugo, measured cold after the pairs (not interleaved)."""
    others = [r for r in results if r.tool not in ("sitegen", PAIRED_PEER)]
    if not others:
        return None
    lines = [
        "| posts | tool | cold wall s | CPU s | peak PSS MiB | load 1 min | other work, cores |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in sorted(others, key=lambda r: (r.posts, r.tool)):
        lines.append(
            f"| {r.posts:,} | {r.tool}{_failed(r)} | {_cell(r.summary(_wall))} | {_cell(r.summary(_cpu))} | "
            f"{_cell(r.summary(_pss_mib), 0)} | {load_range(r)} | {others_range(r)} |"
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


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What the report says about the run as a whole."""

    argv: tuple[str, ...]
    rounds: dict[int, int]
    """Rounds per corpus size."""
    machine: dict[str, str]
    versions: dict[str, str]
    skipped: dict[str, str]
    load_at_start: str
    load_at_end: str


def render_report(results: Sequence[Result], info: RunInfo) -> str:
    """The whole results file: how it was run, the three tables, the machine."""
    rounds = ", ".join(f"{size:,} posts: {n}" for size, n in sorted(info.rounds.items()))
    cores = info.machine.get("cores (nproc)", "?")
    lines = [
        "# sitegen benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {cores} cores with "
        f"`python bench/run_bench.py {shlex.join(public_argv(info.argv))}`; rounds ({rounds}). "
        "Each figure is the median of its runs, then (min–max). Load: the machine's 1-minute "
        f"load average before and after each build (whole run: {info.load_at_start} at start, "
        f"{info.load_at_end} at end, 1/5/15 min), which mostly shows the bench's own builds; "
        "other work: the CPU other processes used during each build, in cores (least–most). "
        "Every build starts after `sync`. See `bench/README.md` for the scenarios.",
        "",
        "## Build time",
        "",
        "Every sitegen build is followed by a Hugo cold build (interleaved pairs); the ratio is "
        "the median of the per-pair ratios. Hugo has no incremental production build, so its "
        "figure in every row is its cold build of the same corpus."
        + (
            " Every sitegen rebuild ran as a CI run finds the site (`--as-ci`): the sources "
            "copied anew, the cache inside them, the published tree restored with its mtimes."
            if "--as-ci" in info.argv
            else ""
        ),
        "",
        time_table(results),
        "",
        "## Peak memory",
        "",
        "PSS (proportional set size) summed over the build's process tree, sampled every 50 ms: "
        "pages shared by forked workers are divided among them, not counted once per process. "
        "Max RSS is the largest single process's peak.",
        "",
        memory_table(results),
        "",
        "## Output (after a cold build)",
        "",
        "A post page is the post's body (the same bytes for every tool) and the tool's template "
        "around it: Hugo's bench theme is title, date, body and back links; sitegen's adds the "
        "head crawlers read, the section bar, source line, neighbours and related posts. "
        "`python bench/page_anatomy.py OUT` splits a page into these parts, and bench/README.md "
        "says what each is for.",
        "",
        output_table(results),
    ]
    others = other_peers_table(results)
    if others:
        lines += ["", "## Other peers (cold, run after the pairs)", "", others]
    lines += [
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.machine.items()),
        *(f"| {tool} | {version} |" for tool, version in info.versions.items()),
    ]
    if info.skipped:
        lines += ["", "## Skipped", ""]
        lines += [f"- {tool}: {why}" for tool, why in info.skipped.items()]
    return "\n".join(lines) + "\n"


def write_report(out_path: Path, text: str) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
