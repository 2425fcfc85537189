"""The benchmark's arithmetic and bookkeeping: medians, spreads, PSS, pairing order.

Only the pure parts are tested here; no build is timed and no figure is asserted.
"""

from __future__ import annotations

import importlib.util
import io
import os
import statistics
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

# The bench is a folder of scripts run as `python bench/run_bench.py`, not a package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from ci_restore import as_after_restore
from gen_corpus import generate_corpus, jekyll_post, newer_posts
from measure import Sample, others_cpu, parse_cpu_busy, parse_loadavg, run_measured
from output_size import OutputSize, deploy_artifact_bytes, measure_output, write_deploy_artifact
from proc_memory import descendants, parse_parent_pid, parse_smaps_rollup
from report import Result, RunInfo, load_range, others_range, output_table, paired_ratio, render_report
from schedule import SCENARIOS, interleaved, posts_added_before, runs_per_size
from summary import pair_ratios, summarize
from tools import compile_bytecode

SMAPS_ROLLUP = """\
55d0c0a00000-7ffd5a1f2000 ---p 00000000 00:00 0                          [rollup]
Rss:              204800 kB
Pss:              102400 kB
Pss_Dirty:         51200 kB
Pss_Anon:          40000 kB
Shared_Clean:      10000 kB
Private_Dirty:     50000 kB
Swap:                  0 kB
SwapPss:               0 kB
"""


def _sample(wall: float, *, pss: int = 0, rss: int = 1, load: tuple[float, float] = (1.0, 1.0)) -> Sample:
    return Sample(
        wall_s=wall,
        cpu_s=wall,
        peak_pss_bytes=pss,
        max_rss_bytes=rss,
        peak_tree_rss_bytes=rss,
        exit_code=0,
        load_before=load[0],
        load_after=load[1],
    )


# --- summaries --------------------------------------------------------------------------


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=30))
def test_summary_median_lies_within_its_spread(values: list[float]) -> None:
    summary = summarize(values)
    assert summary.low == min(values) and summary.high == max(values)
    assert summary.low <= summary.median <= summary.high
    assert summary.median == statistics.median(values)
    assert summary.count == len(values)


def test_summary_of_odd_and_even_counts() -> None:
    assert summarize([3.0, 1.0, 2.0]).median == 2.0
    assert summarize([4.0, 1.0, 2.0, 3.0]).median == 2.5


def test_summary_cell_shows_spread_only_for_several_runs() -> None:
    assert summarize([1.5]).cell() == "1.50"
    assert summarize([2.0, 1.0, 3.0]).cell() == "2.00 (1.00–3.00)"


def test_summary_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        summarize([])


def test_pair_ratios_pair_runs_by_position_and_skip_zero() -> None:
    assert pair_ratios([2.0, 3.0, 9.0], [4.0, 0.0]) == [0.5]


def test_paired_ratio_uses_the_rounds_both_tools_ran() -> None:
    ours = Result("sitegen", 10, "cold", samples={0: _sample(1.0), 1: _sample(2.0), 2: _sample(6.0)})
    # Round 1 of the peer failed: that pair is left out, not matched with another round.
    peer = Result("hugo", 10, "cold", samples={0: _sample(2.0), 2: _sample(3.0)})
    ratio = paired_ratio(ours, peer, lambda s: s.wall_s)
    assert ratio is not None
    assert (ratio.low, ratio.high, ratio.count) == (0.5, 2.0, 2)


def test_load_range_spans_before_and_after_readings() -> None:
    result = Result("sitegen", 10, "cold", samples={0: _sample(1, load=(0.5, 2.5)), 1: _sample(1)})
    assert load_range(result, None) == "0.50–2.50"
    assert load_range(Result("hugo", 10, "cold")) == "–"


def test_cpu_busy_counts_work_not_idle_wait_or_steal() -> None:
    text = "cpu  100 20 30 5000 700 4 6 900 0 0\ncpu0 50 10 15 2500 350 2 3 450 0 0\n"
    assert parse_cpu_busy(text, 100) == pytest.approx(1.6)
    assert parse_cpu_busy("intr 1 2 3\n", 100) is None
    assert parse_cpu_busy("cpu 1 2\n", 100) is None


@given(
    st.floats(0, 1e6),
    st.floats(0, 1e3),
    st.floats(0, 1e3),
)
def test_others_cpu_is_the_rest_of_the_busy_time_and_never_negative(
    before: float, busy: float, own: float
) -> None:
    others = others_cpu(before, before + busy, own)
    assert others is not None and others >= 0
    assert others == pytest.approx(max(0.0, busy - own), abs=1e-6)
    assert others_cpu(None, before, own) is None


def test_a_measured_build_sees_other_work_on_the_machine(tmp_path: Path) -> None:
    """Another process that spins 0.6 s of CPU while the build runs shows as other work.
    The build starts the spin (a file it makes) and waits for its end (a file the
    spinner makes), so the whole spin falls inside the measured window however busy
    the machine is; more load elsewhere only adds to the figure."""
    go, done = tmp_path / "go", tmp_path / "done"
    spin = (
        "import pathlib, time\n"
        f"go, done = pathlib.Path({str(go)!r}), pathlib.Path({str(done)!r})\n"
        "while not go.exists(): time.sleep(0.005)\n"
        "while time.process_time() < 0.6: pass\n"
        "done.touch()\n"
    )
    build = (
        "import pathlib, time\n"
        f"pathlib.Path({str(go)!r}).touch()\n"
        f"while not pathlib.Path({str(done)!r}).exists(): time.sleep(0.005)\n"
    )
    spinner = subprocess.Popen([sys.executable, "-c", spin])
    try:
        sample = run_measured([sys.executable, "-c", build], log_path=tmp_path / "build.log", timeout_s=60)
    finally:
        spinner.wait()
    assert sample.others_cpu_s is not None
    assert sample.others_cpu_s >= 0.5, sample  # 0.6 s, less the counters' 10 ms ticks
    assert sample.cpu_s < 0.5, sample  # the build itself only waited


def test_others_range_is_in_cores() -> None:
    result = Result("sitegen", 10, "cold", samples={0: _sample(2.0), 1: _sample(4.0)})
    result.samples[0] = replace(result.samples[0], others_cpu_s=1.0)
    result.samples[1] = replace(result.samples[1], others_cpu_s=0.4)
    assert others_range(result, None) == "0.10–0.50"
    assert others_range(Result("hugo", 10, "cold")) == "–"


def test_parse_loadavg_reads_the_one_minute_figure() -> None:
    assert parse_loadavg("3.37 3.35 2.99 6/118 31569\n") == 3.37
    assert parse_loadavg("") is None


# --- memory -----------------------------------------------------------------------------


def test_smaps_rollup_gives_pss_and_rss_in_bytes() -> None:
    memory = parse_smaps_rollup(SMAPS_ROLLUP)
    # `Pss_Dirty`, `Pss_Anon` and `SwapPss` are other lines, not the total.
    assert memory.pss_bytes == 102400 * 1024
    assert memory.rss_bytes == 204800 * 1024


def test_smaps_rollup_without_the_lines_is_zero() -> None:
    memory = parse_smaps_rollup("")
    assert (memory.pss_bytes, memory.rss_bytes) == (0, 0)


def test_parent_pid_is_read_past_a_command_name_with_spaces_and_parens() -> None:
    stat = b"4242 (python3 -c (x) y) S 4100 4242 4242 0 -1 4194560 1 0 0 0"
    assert parse_parent_pid(stat) == 4100


def test_descendants_follow_the_tree_and_nothing_else() -> None:
    parent_of = {10: 1, 11: 10, 12: 10, 13: 11, 20: 1, 21: 20}
    assert descendants(10, parent_of) == [10, 11, 12, 13]
    assert descendants(99, parent_of) == [99]


def test_peak_memory_prefers_pss_and_falls_back_to_max_rss() -> None:
    assert _sample(1, pss=5, rss=9).peak_memory_bytes == 5
    assert _sample(1, pss=0, rss=9).peak_memory_bytes == 9


# --- schedule ---------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=6))
def test_every_sitegen_build_is_followed_by_its_hugo_pair(rounds: int) -> None:
    steps = interleaved(rounds, with_peer=True)
    assert len(steps) == 2 * rounds * len(SCENARIOS)
    for ours, peer in zip(steps[::2], steps[1::2], strict=True):
        assert (ours.tool, peer.tool) == ("sitegen", "hugo")
        assert (ours.round, ours.scenario) == (peer.round, peer.scenario)
    # Rounds run one after another, each through the scenarios in order.
    sitegen = [(s.round, s.scenario) for s in steps if s.tool == "sitegen"]
    assert sitegen == [(r, name) for r in range(rounds) for name in SCENARIOS]


def test_without_hugo_only_sitegen_runs() -> None:
    assert {step.tool for step in interleaved(2, with_peer=False)} == {"sitegen"}


def test_scenarios_add_one_then_ten_posts() -> None:
    added = [posts_added_before(name) for name in SCENARIOS]
    assert added == [0, 0, 1, 11, 11]


def test_runs_per_size() -> None:
    assert runs_per_size([10, 20], [3]) == {10: 3, 20: 3}
    assert runs_per_size([10, 20], [3, 1]) == {10: 3, 20: 1}
    with pytest.raises(ValueError):
        runs_per_size([10, 20], [3, 1, 1])


# --- corpus changes and output size -----------------------------------------------------


def test_new_posts_are_newest_unique_and_deterministic() -> None:
    corpus = generate_corpus(12, seed=7)
    added = newer_posts(corpus, 11, seed=7)
    assert newer_posts(corpus, 1, seed=7) == added[:1]
    assert added[0].date > corpus.posts[-1].date
    assert [p.date for p in added] == sorted(p.date for p in added)
    names = {jekyll_post(p)[0] for p in (*corpus.posts, *added)}
    assert len(names) == len(corpus.posts) + len(added)
    assert {p.category for p in added} <= set(corpus.categories)


def test_output_size_counts_files_bytes_and_post_pages(tmp_path: Path) -> None:
    (tmp_path / "a" / "2024").mkdir(parents=True)
    (tmp_path / "a" / "2024" / "p1.html").write_bytes(b"x" * 10)
    (tmp_path / "a" / "2024" / "p2.html").write_bytes(b"x" * 30)
    (tmp_path / "feed.xml").write_bytes(b"x" * 5)
    (tmp_path / "style.css").write_bytes(b"x" * 7)
    size = measure_output(tmp_path, ["/a/2024/p1.html", "/a/2024/p2.html", "/missing.html"])
    assert (size.files, size.pages, size.total_bytes) == (4, 3, 52)
    assert size.post_page_bytes == 20
    assert size.artifact_bytes == deploy_artifact_bytes(tmp_path)


class _Unseekable(io.BytesIO):
    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a stream")


def test_the_deploy_artifact_is_the_pages_workflows_zip_of_a_tar(tmp_path: Path) -> None:
    """upload-pages-artifact's tar (links followed, dot names left out) in
    upload-artifact's zip; the counted size is the size of that zip."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text("<p>新闻</p>" * 200, encoding="utf-8")
    (tmp_path / "index.html").write_bytes(b"home")
    (tmp_path / "linked.html").symlink_to(tmp_path / "index.html")
    (tmp_path / ".sitegen").write_bytes(b"hidden")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.html").write_bytes(b"x")
    buffer = _Unseekable()  # an upload stream, as upload-artifact's zip is written
    write_deploy_artifact(tmp_path, buffer)
    assert deploy_artifact_bytes(tmp_path) == len(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert archive.namelist() == ["artifact.tar"]
        assert archive.getinfo("artifact.tar").compress_type == zipfile.ZIP_DEFLATED
        with archive.open("artifact.tar") as entry, tarfile.open(fileobj=entry, mode="r|") as tar:
            files = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    assert files == {
        "a/p.html": (tmp_path / "a" / "p.html").read_bytes(),
        "index.html": b"home",
        "linked.html": b"home",
    }
    assert len(buffer.getvalue()) < len(files["a/p.html"]) / 4  # deflated


def test_the_output_table_shows_the_deploy_artifact() -> None:
    size = OutputSize(files=3, pages=2, total_bytes=5_000_000, post_page_bytes=1000, artifact_bytes=1_250_000)
    table = output_table([Result("sitegen", 10, "cold", output=size)])
    assert "deploy artifact MB" in table.splitlines()[0]
    assert "| 10 | sitegen | 3 | 2 | 5.0 | 1.2 | 1,000 |" in table


def test_the_timed_package_has_its_bytecode_written_first(tmp_path: Path) -> None:
    """What an install does, whatever PYTHONDONTWRITEBYTECODE says."""
    modules = [tmp_path / "pkg" / "__init__.py", tmp_path / "pkg" / "inner" / "mod.py"]
    for module in modules:
        module.parent.mkdir(parents=True, exist_ok=True)
        module.write_text("VALUE = 1\n")
    assert compile_bytecode(tmp_path / "pkg")
    assert all(Path(importlib.util.cache_from_source(str(module))).is_file() for module in modules)


def test_the_file_system_of_a_path_is_its_longest_mount_point(tmp_path: Path) -> None:
    from work_folder import file_system_of

    mounts = Path("/proc/mounts")
    if not mounts.is_file():
        pytest.skip("no /proc/mounts on this system")
    root_kind = next(line.split()[2] for line in mounts.read_text().splitlines() if line.split()[1] == "/")
    assert file_system_of(Path("/")) == root_kind
    assert file_system_of(Path("/proc/self")) == "proc"
    assert file_system_of(tmp_path) != "unknown"


def test_the_work_folder_is_in_memory_only_with_room_for_the_corpus() -> None:
    from work_folder import MEMORY_FOLDER, default_work_folder, file_system_of

    assert default_work_folder(10**12).path.parent != MEMORY_FOLDER  # no machine has 150 PB
    small = default_work_folder(1)
    assert (small.path.parent == MEMORY_FOLDER) == (file_system_of(MEMORY_FOLDER) == "tmpfs")
    assert small.why


def test_what_an_earlier_run_left_in_the_memory_folder_counts_as_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second `make bench` reuses the first one's corpora: the memory they hold is room."""
    import work_folder

    monkeypatch.setattr(work_folder, "file_system_of", lambda path: "tmpfs")
    monkeypatch.setattr(work_folder, "_memory_available", lambda: 1_000_000)
    posts = 100  # 15 MB needed; 1 MB available
    assert work_folder.default_work_folder(posts, tmp_path).path.parent != tmp_path
    earlier = tmp_path / "sitegen-bench" / "100"
    earlier.mkdir(parents=True)
    (earlier / "corpus.bin").write_bytes(b"x" * 20_000_000)
    assert work_folder.bytes_held(tmp_path / "sitegen-bench") >= 20_000_000
    chosen = work_folder.default_work_folder(posts, tmp_path)
    assert chosen.path == tmp_path / "sitegen-bench"
    assert "memory file system" in chosen.why


def test_the_file_system_of_a_stacked_mount_point_is_the_one_on_top(tmp_path: Path) -> None:
    from work_folder import file_system_of

    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /data ext4 rw 0 0\ntmpfs /data tmpfs rw 0 0\n",
        encoding="utf-8",
    )
    assert file_system_of(Path("/data/x"), mounts) == "tmpfs"
    assert file_system_of(Path("/other"), mounts) == "ext4"
    assert file_system_of(Path("/data"), tmp_path / "absent") == "unknown"


def test_without_runs_small_sites_get_three_rounds_and_large_ones_one() -> None:
    assert runs_per_size([1000], None) == {1000: 3}
    assert runs_per_size([10000, 100000], None) == {10000: 3, 100000: 1}


def test_a_rebuild_as_ci_finds_a_checkout_and_a_restored_output(tmp_path: Path) -> None:
    """`--as-ci`: every source comes back with its bytes and new stamps (a checkout);
    the output with its bytes, its files' and folders' mtimes, and new inodes (a cache
    restore), each at its old path."""
    source, output = tmp_path / "src", tmp_path / "out"
    for root in (source, output):
        (root / "a" / "b").mkdir(parents=True)
        (root / "a" / "b" / "f.txt").write_text("内容", encoding="utf-8")
        (root / "top.txt").write_text("top", encoding="utf-8")
    old_time = 1_600_000_000
    for path in [*source.rglob("*"), *output.rglob("*"), source, output]:
        os.utime(path, (old_time, old_time))
    before = {path: path.stat() for path in [*source.rglob("*"), *output.rglob("*")]}
    as_after_restore(source, output)
    for path, then in before.items():
        now = path.stat()
        assert now.st_ino != then.st_ino
        restored = output in path.parents
        assert (now.st_mtime_ns == then.st_mtime_ns) == restored
    assert (output / "a" / "b" / "f.txt").read_text(encoding="utf-8") == "内容"
    assert (source / "a" / "b" / "f.txt").read_text(encoding="utf-8") == "内容"
    assert not list(tmp_path.glob("*.restored"))


@pytest.mark.parametrize("as_ci", [False, True])
def test_the_report_says_when_rebuilds_ran_as_in_ci(as_ci: bool) -> None:
    argv = ("--sizes", "1000", *(["--as-ci"] if as_ci else []))
    info = RunInfo(argv, {1000: 3}, {"cores (nproc)": "2"}, {}, {}, "0.1", "0.2")
    assert ("(`--as-ci`)" in render_report([], info)) == as_ci
