"""A title made from a file name is Jekyll's `Utils.titleize_slug`: each `-` word put
through Ruby's `String#capitalize`, which maps character by character. sitegen used
Python's `str.capitalize`, whose final-sigma rule titled `ΣΑΣ` `Σας` where Jekyll
writes `Σασ`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.post_names import titleized_slug
from sitegen.jekyll.ruby_case import ruby_capitalize
from tests.ruby_process import RubyProcess, ruby_process

RUBY = """
require "jekyll"
require "json"
STDOUT.sync = true
STDIN.each_line do |line|
  slug, = JSON.parse(line)
  puts JSON.generate(Jekyll::Utils.titleize_slug(slug))
end
"""

#: Letters with special case mappings (final sigma, ß, digraphs, dotted/dotless i, ŉ,
#: ligatures, Georgian, Cherokee, Deseret), and ASCII with hyphens. Only characters of
#: Unicode 13, which Ruby 3.1's tables stop at.
CHARACTERS = st.one_of(
    st.sampled_from("ΣσςΑΒΓΐΰßẞǄǅǆǇǈǉİıiIŉﬁﬀﬆև\u0345ᾳᾼΏὒᏸᎠꭰ𐐀𐐨ᲐაႠⴀ-"),
    st.characters(min_codepoint=0x20, max_codepoint=0x17F),
    st.characters(min_codepoint=0x370, max_codepoint=0x52F),
)


@pytest.fixture(scope="module")
def ruby_titleize() -> Iterator[RubyProcess]:
    with ruby_process(RUBY, gem="jekyll") as process:
        yield process


def test_the_examples() -> None:
    """As `ruby -e 'p "ΣΑΣ".capitalize'` and its kin print them."""
    assert titleized_slug("ΣΑΣ-ΟΔΟΣ") == "Σασ Οδοσ"
    assert [ruby_capitalize(word) for word in ("ßa", "ǆA", "İA", "ŉa", "ﬁx", "ᲐA")] == [
        "Ssa",
        "ǅa",
        "İa",
        "ʼNa",
        "Fix",
        "აa",
    ]


#: A slug: text, perhaps ending in a Greek word (a capital sigma after a letter).
SLUGS = st.builds(
    lambda text, end: text + end, st.text(CHARACTERS, max_size=10), st.sampled_from(("", "ΑΣ", "-ΟΣ-"))
)


@given(batch=st.lists(SLUGS, min_size=1, max_size=60))
def test_titles_from_names_are_jekylls(ruby_titleize: RubyProcess, batch: list[str]) -> None:
    assert not ruby_titleize.mismatches([(slug,) for slug in batch], titleized_slug)
