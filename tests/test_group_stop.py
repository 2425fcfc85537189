"""SIGTERM to the whole process group (how a CI runner, `timeout` or a process manager
stops a job) while `sitegen build` runs with workers: "stopped", exit 143, at once, and no
process of the build left running; the previous site stays whole.

Before, the build died of it without a word. Taking SIGTERM as Ctrl-C first made the
parent wait 20 s on the worker pool (a worker killed by the same signal may die holding
its queue's lock) and leave running a worker the pool forked in the dead one's place.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import CONFIG, PROJECT_ROOT, generated_posts, tree_bytes, write_files

_SCRIPT = textwrap.dedent(
    """
    import faulthandler, functools, os, signal, sys
    # A build that does not stop prints where it waits, not only a timeout.
    faulthandler.dump_traceback_later(45, exit=True)
    import sitegen.incremental.loading as loading
    original, calls, nth = loading._load_one, [0], int(sys.argv[3])

    @functools.wraps(original)
    def stopping(*args, **kwargs):
        calls[0] += 1
        if calls[0] == nth:  # in whichever process loads this many first
            os.killpg(os.getpgid(0), signal.SIGTERM)
        return original(*args, **kwargs)

    loading._load_one = stopping
    if sys.argv[4] == "holding the lock":
        # The stop lands while a worker hands back a result: it dies holding the lock of
        # the pool's result queue.
        import multiprocessing.queues, time
        parent, put = os.getpid(), multiprocessing.queues.SimpleQueue.put

        def put_stopped(queue, item):
            if os.getpid() != parent and queue._wlock is not None:
                with queue._wlock:
                    os.killpg(os.getpgid(0), signal.SIGTERM)
                    time.sleep(5)
            return put(queue, item)

        multiprocessing.queues.SimpleQueue.put = put_stopped
    if sys.argv[4].startswith("holding the task lock"):
        # The stop lands while an idle worker waits for its next chunk: it dies holding
        # the lock of the pool's task queue, which the pool's own clean-up takes.
        import multiprocessing.queues, time
        parent, get, gets = os.getpid(), multiprocessing.queues.SimpleQueue.get, [0]

        def get_stopped(queue):
            gets[0] += 1
            if os.getpid() != parent and gets[0] == 3:
                with queue._rlock:
                    os.killpg(os.getpgid(0), signal.SIGTERM)
                    time.sleep(5)
            return get(queue)

        multiprocessing.queues.SimpleQueue.get = get_stopped
    if sys.argv[4].endswith("stopped twice"):
        # The stop comes again while the pool is being ended (a CI runner's second
        # SIGTERM; a worker forked in place of a dead one forwarding it), once the pool
        # has forked a worker in place of one the first stop killed.
        import multiprocessing, time
        import sitegen.parallel as parallel
        await_ending = parallel._await_ending

        def stopped_again(ending, patience, workers):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                if {child.pid for child in multiprocessing.active_children()} - workers:
                    break
                time.sleep(0.01)
            os.kill(os.getpid(), signal.SIGTERM)
            return await_ending(ending, patience, workers)

        parallel._await_ending = stopped_again
    from sitegen.__main__ import run
    sys.argv = ["sitegen", "build", "-s", sys.argv[1], "-d", sys.argv[2], "-j", "3"]
    run()
    """
)


def _group_members(group: int) -> list[int]:
    """The processes still in process group `group`."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(entry))
    return members


def _build_stopped(site: Path, destination: Path, nth: int, moment: str) -> tuple[subprocess.Popen[str], str]:
    """`_SCRIPT`'s build of `site`, in a process group of its own, stopped at `moment`:
    the ended process and what it printed to stderr. One that does not end prints its
    stack and exits (`faulthandler`); whatever is left of its group is killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, str(site), str(destination), str(nth), moment],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, errors = process.communicate(timeout=60)  # a hang fails here
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process, errors


_MOMENTS = [
    (5, "loading"),
    (60, "loading"),
    (10**9, "holding the lock"),
    (10**9, "holding the task lock"),
    (5, "stopped twice"),
    (10**9, "holding the task lock, stopped twice"),
]


@pytest.mark.parametrize(("nth", "moment"), _MOMENTS)
def test_sigterm_to_the_group_stops_the_build_and_all_its_workers(
    tmp_path: Path, nth: int, moment: str
) -> None:
    posts = generated_posts(240, month=5, categories=6, tags=4, body="<p>{number}。</p>\n")
    write_files(tmp_path / "site", {"_config.yml": CONFIG, **posts})
    process, errors = _build_stopped(tmp_path / "site", tmp_path / "out", nth, moment)
    assert "Traceback" not in errors, errors
    assert process.returncode == 143 and errors.strip().rpartition("\n")[2] == "stopped", errors
    for _ in range(50):  # the workers end with their parent (`end_with_parent`) or are killed
        if not _group_members(process.pid):
            break
        time.sleep(0.1)
    left = _group_members(process.pid)
    for pid in left:  # not left running after the test either
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert left == []
    assert os.listdir(tmp_path) == ["site"]  # nothing published, no staging folder left


def test_the_next_build_after_a_group_stop_is_a_clean_build(tmp_path: Path) -> None:
    posts = generated_posts(120, month=5, categories=3, tags=2, body="<p>{number}。</p>\n")
    write_files(tmp_path / "site", {"_config.yml": CONFIG, **posts})
    stopped, errors = _build_stopped(tmp_path / "site", tmp_path / "out", 30, "loading")
    assert stopped.returncode == 143, errors
    build_again = [
        sys.executable,
        "-m",
        "sitegen",
        "build",
        "-s",
        str(tmp_path / "site"),
        "-d",
        str(tmp_path / "out"),
    ]
    assert subprocess.run(build_again, cwd=PROJECT_ROOT, capture_output=True, timeout=120).returncode == 0
    clean = [*build_again[:-1], str(tmp_path / "clean"), "--cache-dir", str(tmp_path / "cache")]
    assert subprocess.run(clean, cwd=PROJECT_ROOT, capture_output=True, timeout=120).returncode == 0
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "clean")
