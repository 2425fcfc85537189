"""One long-lived `ruby` process a test module asks in batches, so a property test can
check hundreds of examples against Ruby in about a second: each question is one line of
JSON on its standard input, each answer one line of JSON on its standard output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest


class RubyProcess:
    """The running script (see `ruby_process`)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def answers(self, questions: Sequence[object]) -> list[Any]:
        """The script's answer to each question, in order."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write("".join(json.dumps(question) + "\n" for question in questions))
        stdin.flush()
        return [json.loads(stdout.readline()) for _ in questions]

    def mismatches(
        self, batch: Sequence[tuple[Any, ...]], ours: Callable[..., object]
    ) -> list[tuple[tuple[Any, ...], object, object]]:
        """(example, Ruby's answer, `ours(*example)`) for each example where they differ."""
        answers = self.answers([list(example) for example in batch])
        return [
            (example, answer, mine)
            for example, answer in zip(batch, answers, strict=True)
            if (mine := ours(*example)) != answer
        ]


@contextmanager
def ruby_process(script: str, *options: str, gem: str = "") -> Iterator[RubyProcess]:
    """`ruby OPTIONS -e SCRIPT`, running while the block runs. Without Ruby (or its `gem`)
    the test fails in CI, where `.ci/run` installs Jekyll and with it Ruby and the gems
    Jekyll reads Liquid and YAML with, and is skipped elsewhere."""
    executable = shutil.which("ruby")
    missing_gem = (
        bool(gem)
        and executable is not None
        and bool(subprocess.run([executable, f"-r{gem}", "-e", ""], check=False).returncode)
    )
    if executable is None or missing_gem:
        if os.environ.get("CI"):
            pytest.fail(f"ruby {gem} must be installed in CI (.ci/run installs jekyll, which brings it)")
        pytest.skip(f"ruby {gem} is not installed")
    process = subprocess.Popen(
        [executable, "-E", "UTF-8:UTF-8", *options, "-e", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        yield RubyProcess(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


JEKYLL_SITE = r"""
require "json"
require "jekyll"
require "tmpdir"
STDOUT.sync = true
SOURCE = Dir.mktmpdir
SITE = Jekyll::Site.new(
  Jekyll::Configuration.from("quiet" => true, "source" => SOURCE, "destination" => Dir.mktmpdir)
)
"""
"""The start of a script that asks Jekyll about files it writes into `SOURCE`, read by
`SITE` (the default configuration, quiet): JSON in and out, answers unbuffered."""
