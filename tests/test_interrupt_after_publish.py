"""Ctrl-C (or SIGTERM) at any moment of `sitegen build`: what it says is what happened.

Before the publish, the build stops: "stopped", exit 130 (143 for SIGTERM, which ended
the build without a word before), the old site kept whole. From
the publish on, Ctrl-C waits until the build has published and recorded (its cache and
the no-change manifest): the new site is published whole, the command says so ("stopped
after publishing"), exits 130, and the next build finds nothing changed. A Ctrl-C while
the cache was recorded once printed "stopped" though the new site was published.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, PROJECT_ROOT, post, sitegen_main, tree_bytes, write_files

#: Where the Ctrl-C lands: (module, class or "", function) the signal is sent from as it
#: is called, and whether that is from the publish on.
MOMENTS = {
    "load": ("sitegen.build", "", "_load", False),
    "render": ("sitegen.build", "", "_render", False),
    "publish": ("sitegen.build", "", "publish", True),
    "cache record": ("sitegen.incremental.cache", "BuildCache", "store_pages", True),
    "manifest record": ("sitegen.cli", "", "record_build", True),
}

_SCRIPT = textwrap.dedent(
    """
    import functools, importlib, os, signal, sys
    module, class_name, name, site, destination, sent = sys.argv[1:7]
    holder = importlib.import_module(module)
    holder = getattr(holder, class_name) if class_name else holder
    original = getattr(holder, name)

    @functools.wraps(original)
    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), getattr(signal, sent))  # a Ctrl-C (or a stop), here and now
        return original(*args, **kwargs)

    setattr(holder, name, interrupted)
    from sitegen.__main__ import run  # the command's own entry point, its signal handling too
    sys.argv = ["sitegen", "build", "-s", site, "-d", destination, "-j", "1"]
    run()
    """
)


def _post(title: str) -> str:
    return post(title, "2022-05-27 10:00:00 +0800")


@settings(max_examples=8)  # up to four builds an example, one in a new process
@example(moment="load", first=False, sent="SIGTERM")
@example(moment="render", first=True, sent="SIGTERM")
@given(
    moment=st.sampled_from(sorted(MOMENTS)), first=st.booleans(), sent=st.sampled_from(["SIGINT", "SIGTERM"])
)
def test_ctrl_c_says_what_was_published(
    tmp_path_factory: pytest.TempPathFactory, moment: str, first: bool, sent: str
) -> None:
    """`first`: the interrupted build is the site's first (published by a swap of a new
    folder) rather than a rebuild (published in place)."""
    root = tmp_path_factory.mktemp("ctrl-c")
    site = write_files(root / "site", {"_config.yml": CONFIG, "_posts/2022-05-27-a.md": _post("旧标题")})
    destination = root / "out"
    if not first:
        assert sitegen_main("build", "-s", str(site), "-d", str(destination))[0] == 0
    old = tree_bytes(destination) if destination.exists() else None
    write_files(site, {"_posts/2022-05-27-a.md": _post("新标题")})
    module, class_name, name, after_publishing = MOMENTS[moment]
    run = subprocess.run(
        [sys.executable, "-c", _SCRIPT, module, class_name, name, str(site), str(destination), sent],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    number = int(getattr(signal, sent))
    assert "Traceback" not in run.stderr
    if after_publishing:
        assert run.returncode == 128 + number, run.stderr
        last = run.stderr.splitlines()[-1]
        assert last == f"stopped after publishing: {destination} holds this build's site"
        assert "新标题" in _published_text(destination)
        code, printed, _ = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and printed.startswith("nothing changed"), printed
    else:  # SIGTERM stops the build as Ctrl-C does: "stopped", 128 + its number
        said = run.stderr.strip().rpartition("\n")[2]
        assert (run.returncode, said) == (128 + number, "stopped"), run.stderr
        assert (tree_bytes(destination) if destination.exists() else None) == old
    # Whatever the moment, the next build publishes what a clean build does.
    sitegen_main("build", "-s", str(site), "-d", str(destination))
    clean = root / "clean"
    assert sitegen_main("build", "-s", str(site), "-d", str(clean), "--cache-dir", str(root / "c"))[0] == 0
    assert tree_bytes(destination) == tree_bytes(clean)


def _published_text(destination: Path) -> str:
    return "".join(
        path.read_text(encoding="utf-8") for path in destination.rglob("*.html") if "2022" in str(path)
    )
