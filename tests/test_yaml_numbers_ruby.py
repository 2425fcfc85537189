"""Plain scalars that look like numbers are read as Psych reads them.

Jekyll reads YAML with Psych, whose scalar scanner (psych/scalar_scanner.rb `FLOAT`,
`INTEGER`) is not PyYAML's: `title: -.5` printed `-.5` in sitegen and `-0.5` in Jekyll,
`1,000` is 1000 to Psych and `12:30` is 45000. Hypothesis writes batches of number-like texts; one Ruby
process reads each with `Psych.safe_load`, as Jekyll's `Utils.safe_load_yaml` does, and
answers its kind and its `to_s` (what Liquid prints).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[text]` lines; answers `[kind, to_s]` of `v: <text>`, or `["error", ""]`.
RUBY_PSYCH = r"""
require "json"
require "yaml"
require "date"
STDOUT.sync = true
STDIN.each_line("\n") do |line|
  text, = JSON.parse(line)
  begin
    value = Psych.safe_load("v: " + text, permitted_classes: [Date, Time], aliases: true)["v"]
    kind = {Integer => "int", Float => "float", String => "str"}.fetch(value.class, "other")
    puts JSON.generate([kind, kind == "float" && value.nan? ? "NaN" : value.to_s])
  rescue StandardError, Psych::SyntaxError
    puts JSON.generate(["error", ""])
  end
end
"""

PIECES = ("0", "1", "7", "9", "12", "0x", "0b", "1f", ".", ",", "_", "-", "+", "e", "E", "e+", "e-",
          ":", ":30", "inf", "Inf", "nan", "NaN", "iNf", "5", "00")  # fmt: skip


def number_like() -> st.SearchStrategy[str]:
    """Texts made of numbers' pieces; not `:30`, which Psych reads as a Symbol (refused)."""
    return (
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join).filter(lambda t: t[0] != ":")
    )


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_PSYCH) as process:
        yield process


def sitegen_reads(text: str) -> list[str]:
    try:
        loaded = load_yaml("v: " + text)
    except YamlProblem:
        return ["error", ""]
    assert isinstance(loaded, dict)
    value = loaded["v"]
    kind = {int: "int", float: "float", str: "str"}.get(type(value), "other")
    return [kind, ruby_scalar_text(value) if kind != "other" else ""]


@given(batch=st.lists(number_like(), min_size=1, max_size=60))
def test_number_like_scalars_are_read_as_psych_reads_them(ruby: RubyProcess, batch: list[str]) -> None:
    found = ruby.mismatches([(text,) for text in batch], sitegen_reads)
    # Where Ruby's `Integer` refuses what Psych's pattern took (`0x,`), Jekyll stops on
    # the file; sitegen keeps the text, as it keeps any number it cannot build.
    assert not [(example, answer, mine) for example, answer, mine in found if answer != ["error", ""]]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("-.5", "-0.5"),
        ("+.5", "0.5"),
        ("1,000", "1000"),
        ("1,000.5", "1000.5"),
        ("1.5_0", "1.5_0"),
        (".iNf", "Infinity"),
    ],
)
def test_psychs_numbers(text: str, printed: str) -> None:
    loaded = load_yaml(f"v: {text}")
    assert isinstance(loaded, dict) and ruby_scalar_text(loaded["v"]) == printed
