"""Plain YAML scalars get the type and value Psych gives them (psych/scalar_scanner.rb
`tokenize`), in the flat front-matter path and in the full loader alike.

Hypothesis writes batches of scalars from a grammar of digits, signs, `_`, `,`, `:`, `.`,
exponents, `0x`/`0b`/`0o` prefixes and the null and boolean words in random case, some
under an explicit tag (`!!int "0:30"`); one Ruby process, started once for this file,
reads each as `k: <scalar>` with `Psych.safe_load` as Jekyll does (utils.rb
`safe_load_yaml`) and answers its class and `to_s`, or that Psych raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.ruby_scalars import ruby_float
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from tests.conftest import build, jekyll_build, write_files
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[yaml]` lines; answers `[class, to_s]` of the value of `k`, or `["error"]`.
RUBY_PSYCH = r"""
require "json"
require "yaml"
require "date"
STDOUT.sync = true
STDIN.each_line("\n") do |line|
  text, = JSON.parse(line)
  begin
    value = Psych.safe_load(text, permitted_classes: [Date, Time], aliases: true)["k"]
    answer = case value
             when Integer, Float, String, Date then [value.class.name, value.to_s]
             else [value.class.name]
             end
  rescue StandardError, Psych::Exception
    answer = ["error"]
  end
  puts JSON.generate(answer)
end
"""

WORDS = ("null", "yes", "no", "true", "false", "on", "off", "y", "n", "inf", "nan")
PIECES = ("_", ",", ":", ".", "e", "E", "e+", "e-", "0x", "0b", "0o", "a", "F", "~", "+", "-", "0", "00",
          "60", "59")  # fmt: skip
TAGS = ("!!int ", "!!float ", "!!bool ", "!!null ", "!!str ", "!custom ")


def random_case(draw: st.DrawFn, word: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.upper() if flip else c for c, flip in zip(word, flips, strict=True))


@st.composite
def date_like(draw: st.DrawFn) -> str:
    """A year, month and day of one to three digits each (`2024-1-1`, `2024-02-30`,
    `2024-13-01`, `2024-001-1`), sometimes with more after it. Year 0, which Ruby's `Date`
    holds and Python's cannot, is left out (it stays text in sitegen)."""
    year = f"{draw(st.integers(1, 9999)):04d}"
    month, day = (
        draw(st.sampled_from(("0", "1", "9", "00", "01", "09", "10", "12", "13", "001", "99")))
        for _ in range(2)
    )
    day = draw(st.sampled_from((day, "28", "29", "30", "31", "32")))
    tail = draw(st.sampled_from(("",) * 6 + ("x", " 1", ".5", "-1", "T")))
    return f"{year}-{month}-{day}{tail}"


@st.composite
def scalar(draw: st.DrawFn) -> str:
    """A plain scalar (or, under a tag, possibly a quoted one) of the grammar above."""
    parts = [draw(st.sampled_from(("", "", "+", "-", ".")))]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(str(draw(st.integers(0, 10 ** draw(st.integers(1, 25))))))
        elif kind == 1:
            parts.append(draw(st.sampled_from(PIECES)))
        elif kind == 2:
            parts.append(random_case(draw, draw(st.sampled_from(WORDS))))
        else:
            parts.append(draw(st.sampled_from(("1:30", "0:30.5", ".5", "e+999", "5.", "1,000"))))
    text = "".join(parts)
    if text.startswith((":", ",", "~~")) or text.endswith(":") or "#" in text:
        text = "0" + text  # an indicator at the start or a trailing `:` is a parser matter
    if draw(st.integers(0, 3)) == 0:
        text = draw(date_like())
    tag: str = draw(st.sampled_from(("",) * 6 + TAGS))
    quoted: bool = bool(tag) and draw(st.booleans())
    return tag + (f'"{text}"' if quoted else text)


def sitegen_answer(text: str) -> list[str]:
    """Our value of `k` as the Ruby script describes Psych's."""
    try:
        loaded = load_yaml(text)
    except YamlProblem:
        return ["error"]
    assert isinstance(loaded, dict)
    value = loaded["k"]
    if value is None or isinstance(value, bool):
        return [{None: "NilClass", True: "TrueClass", False: "FalseClass"}[value]]
    if isinstance(value, int):
        return ["Integer", str(value)]
    if isinstance(value, float):
        return ["Float", ruby_float(value)]
    if isinstance(value, str):
        return ["String", value]
    if isinstance(value, datetime):
        return ["Time"]
    assert isinstance(value, date)
    return ["Date", value.isoformat()]


def both_paths(scalar_text: str) -> tuple[str, ...]:
    """The scalar as flat front matter (the fast path) and after a list (the full loader)."""
    return (f"k: {scalar_text}\n", f"a: [1]\nk: {scalar_text}\n")


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_PSYCH) as process:
        yield process


def mismatches(ruby: RubyProcess, scalars: list[str]) -> list[tuple[Any, ...]]:
    batch = [(text,) for scalar_text in scalars for text in both_paths(scalar_text)]
    return ruby.mismatches(batch, sitegen_answer)


@given(batch=st.lists(scalar(), min_size=1, max_size=40))
def test_generated_scalars_are_typed_as_psych_types_them(ruby: RubyProcess, batch: list[str]) -> None:
    assert not mismatches(ruby, batch)


EXAMPLES = (
    "8:00", "0:30", "+08:00", "-1:00", "10:30", "1,000", "1_000", "0b101", "0o17", "017", "0x1F",
    "1e3", "1E+3", ".5", "5.", "1_0.5", ".inf", "-.Inf", "+.INF", ".NaN", "+1", "-0", "00", "08",
    "1:60", "1.5:30", "190:20:30", "1:30.5", "-1:30.5", "1__0:30", "0x,", "0b_", ".e+5", "+.",
    "1.0e+999", "9" * 40, "TRUE", "True", "tRUe", "yes", "Yes", "y", "n", "on", "off", "oFF", "~",
    "null", "Null", "NULL", "nULL", "", '!!int "0:30"', '!!float "1e3"', "!!float 1", "!!float 8:00",
    "!!float ~", "!!float abc", "!!bool maybe", "!!bool 1", "!!null 0", "!!int abc", "!!str 8:00",
    '!custom "8:00"', '!c "3"', '! "yes"', "-.5", "+.5", "1,000.5", "1.5_0", ".iNf",
    "2024-1-1", "2024-01-01", "2024-1-09", "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01",
    "2024-00-01", "2024-01-00", "2024-1-32", "0999-1-1", "2024-001-01",
)  # fmt: skip


def test_the_reported_examples_are_typed_as_psych_types_them(ruby: RubyProcess) -> None:
    assert not mismatches(ruby, list(EXAMPLES))
    assert load_yaml("title: 10:30\ntime: 8:00\n") == {"title": 37800, "time": 28800}


def test_unquoted_times_of_day_print_as_jekyll_prints_them(tmp_path: Path) -> None:
    """The reported example, built by `jekyll build` and by sitegen: a post titled `10:30`
    unquoted is titled 37800, and a `_data` value `8:00` is 28800."""
    shown = "{{ page.title }}|{{ site.data.times.start }}|{{ site.data.times.start | plus: 1 }}"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "timezone: UTC\n",
            "_data/times.yml": "start: 8:00\n",
            "_posts/2022-05-27-post.html": "---\nlayout: none\ntitle: 10:30\n---\n" + shown,
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    build(site)
    expected = "37800|28800|28801"
    assert (tmp_path / "jekyll/2022/05/27/post.html").read_text().strip() == expected
    assert (site / "_site/2022/05/27/post.html").read_text().strip() == expected
