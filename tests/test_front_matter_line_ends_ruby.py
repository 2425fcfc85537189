"""Whether Jekyll sees front matter in a text keeping its carriage returns, asked of
Jekyll's own `Document::YAML_FRONT_MATTER_REGEXP` in a Ruby process: sitegen's two-step
reading (`front_matter._jekyll_sees_front_matter`) answers the same for generated texts
of dashes, dots, line ends of every kind and white space. The pattern as Jekyll writes
it, translated whole, backtracked over every split of a run of blank lines (a 40 KB
post took seven seconds); the two steps are linear, which a post of 40,000 blank lines
after its `---` shows by building at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.front_matter import _jekyll_sees_front_matter, parse_source
from tests.ruby_process import RubyProcess, ruby_process

JEKYLL_PATTERN = r"""
require "json"
require "jekyll"
STDOUT.sync = true
STDIN.each_line do |line|
  text = JSON.parse(line)[0]
  puts JSON.generate(Jekyll::Document::YAML_FRONT_MATTER_REGEXP.match?(text))
end
"""

SPACES = st.sampled_from(("", "", " ", "\t", "\f", "\v", "\r", " \r", "\r "))
ENDS = st.sampled_from(("\n", "\n", "\r", "\r\n", "\n\r", ""))
CONTENTS = st.sampled_from(("", "x", "a: 1", "---", "---", "...", "--- x", "--", ".. ", "-"))
LINES = st.lists(st.tuples(CONTENTS, SPACES, ENDS).map("".join), max_size=5)
#: An opening `---`, its white space and line end, then lines of front matter, markers
#: and text, each with its own white space and line end of any kind.
TEXTS = st.tuples(SPACES, ENDS, LINES).map(lambda parts: "---" + parts[0] + parts[1] + "".join(parts[2]))


@pytest.fixture(scope="module")
def jekyll() -> Iterator[RubyProcess]:
    with ruby_process(JEKYLL_PATTERN, gem="jekyll") as process:
        yield process


@given(st.lists(TEXTS, min_size=20, max_size=40))
def test_front_matter_is_seen_where_jekyll_sees_it(jekyll: RubyProcess, texts: list[str]) -> None:
    assert not jekyll.mismatches([(text,) for text in texts], lambda text: _jekyll_sees_front_matter(text, 0))


def test_many_blank_lines_and_a_carriage_return_are_read_in_one_pass() -> None:
    document = parse_source("---" + "\n" * 40_000 + "title: x\r---\rbody\r", Path("_posts/2024-01-01-a.md"))
    assert document.front_matter is None and len(document.warnings) == 1
