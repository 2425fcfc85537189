"""`slugify` in `latin` mode writes what Jekyll writes: Jekyll transliterates with I18n's
default table (`ß` is `ss`, `Æ` is `AE`, `×` is `x`, anything without an entry is `?` and
so a hyphen), where sitegen dropped the marks of an NFKD decomposition (`ß`, `Æ`, `Ø`
vanished; `ſ`, `ﬁ`, `²` and decomposed accents became letters)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.filters import slugify as slugify_filter
from sitegen.urls import slugify
from tests.ruby_process import RubyProcess, ruby_process

RUBY = """
require "jekyll"
require "json"
Jekyll.logger.log_level = :error
STDOUT.sync = true
STDIN.each_line do |line|
  text, cased = JSON.parse(line)
  puts JSON.generate(Jekyll::Utils.slugify(text, mode: "latin", cased: cased))
end
"""

#: Latin-1 and Latin Extended-A/B (the table's range and its edges), combining marks,
#: compatibility characters, Greek, CJK, emoji and ASCII punctuation.
CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
    st.sampled_from("ſﬁ²ΣσЖ中文한あ😀👍🏽\u200d\u00a0\u3000ẞİ"),
)


@pytest.fixture(scope="module")
def ruby_latin() -> Iterator[RubyProcess]:
    with ruby_process(RUBY, gem="jekyll") as process:
        yield process


def test_every_character_of_the_latin_blocks(ruby_latin: RubyProcess) -> None:
    """Each character from U+0080 to U+024F alone, and between letters, as Jekyll slugs it."""
    batch = [(f"a{chr(code)}b{chr(code)}", cased) for code in range(0x80, 0x250) for cased in (False, True)]
    assert not ruby_latin.mismatches(batch, lambda text, cased: slugify(text, "latin", cased=cased))


@given(batch=st.lists(st.tuples(st.text(CHARACTERS, max_size=12), st.booleans()), min_size=1, max_size=40))
def test_latin_slugs_are_jekylls(ruby_latin: RubyProcess, batch: list[tuple[str, bool]]) -> None:
    assert not ruby_latin.mismatches(batch, lambda text, cased: slugify(text, "latin", cased=cased))


def test_the_filter_in_latin_mode() -> None:
    """As Jekyll 4.3 printed `{{ "Straße Æsir Øre × e\u0301 ſ" | slugify: "latin" }}`."""
    assert slugify_filter("Straße Æsir Øre × e\u0301 ſ", "latin") == "strasse-aesir-ore-x-e"
