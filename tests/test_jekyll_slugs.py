"""Slugs as Jekyll makes them, for every kind of Unicode character: `Utils.slugify` in
each mode, and the `:title`, `:slug`, `:name`, `:categories` and `:slugified_categories`
of posts whose file names, `slug:` and categories are letters of several scripts
(precomposed and decomposed), marks, digits and other numbers, punctuation, symbols and
spaces.

Jekyll (Debian's `jekyll`, with its Ruby) is the reference; where it is missing the
tests are skipped (in CI it must be installed).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from sitegen.urls import ruby_downcase, slugify
from tests.conftest import build, jekyll_build, write_files
from tests.published_sources import marked, published_sources

#: A few characters of every Unicode category (all assigned by Unicode 13, Ruby 3.1's):
#: letters of Latin (with `ß`, `ẞ`, dotted `İ`), Greek (final `ς`), Cyrillic, CJK, kana,
#: Hangul, Thai, Hebrew, Arabic and Devanagari, titlecase and modifier letters; marks
#: that combine (`e` + U+0301 is a decomposed `é`), spacing and enclosing; decimal digits
#: of several scripts, letter numbers (`Ⅻ`) and other numbers (`²`); connector, dash,
#: bracket, quote and other punctuation; math, currency, modifier and other symbols
#: (emoji); spaces; format characters (ZWJ, soft hyphen).
LETTERS = "AzÉéßẞİıΣσςΩάЖжǅʰー中文あア한กאعक"
MARKS = "\u0301\u0308\u0e31\u05b7\u093e\u0903\u20dd"
NUMBERS = "09٣३３Ⅻ〇²½①"
PUNCTUATION = "_‿-–—()[「」«».!',;@&、。·#%*?"
SYMBOLS = "+=<~×$¥€^`¨©😀☃"
SPACES = " \u00a0\u3000\u200d\u00ad"
#: What only a string outside a file name holds: the separators and controls.
ELSEWHERE = "/\\:\t\n"

in_names = st.text(st.sampled_from(LETTERS + MARKS + NUMBERS + PUNCTUATION + SYMBOLS + SPACES), max_size=8)
anywhere = st.text(st.sampled_from(LETTERS + MARKS + NUMBERS + PUNCTUATION + SYMBOLS + SPACES + ELSEWHERE))
MODES = ("default", "pretty", "raw", "ascii", "none")

RUBY = """
require "jekyll"
require "json"
Jekyll.logger.log_level = :error
puts JSON.generate(JSON.parse(STDIN.read).map { |text, mode, cased|
  [Jekyll::Utils.slugify(text, mode: mode, cased: cased), text.downcase]
})
"""


def jekyll_slugs(cases: list[tuple[str, str, bool]]) -> list[tuple[str, str]]:
    """`Utils.slugify` of each case, and Ruby's `downcase` of its text, in one Ruby run."""
    ruby = shutil.which("ruby")
    if ruby is None or shutil.which("jekyll") is None:
        pytest.skip("Ruby and Jekyll are not installed")
    completed = subprocess.run(
        [ruby, "-e", RUBY], input=json.dumps(cases), capture_output=True, text=True, check=True, timeout=120
    )
    return [(slug, lower) for slug, lower in json.loads(completed.stdout)]


# Each example is one Ruby run over all its strings.
@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(texts=st.lists(anywhere, min_size=40, max_size=80))
def test_slugify_is_jekylls_for_every_kind_of_character(texts: list[str]) -> None:
    texts = [*texts, "e\u0301té", "ΣΑΣ ΟΔΟΣ", "--a--", "a_b", "x²y", "Ⅻ①", "İstanbul", "  x  "]
    cases = [(text, mode, cased) for text in texts for mode in MODES for cased in (False, True)]
    expected = jekyll_slugs(cases)
    assert [
        (slugify(text, mode, cased=cased), ruby_downcase(text)) for text, mode, cased in cases
    ] == expected


POSTS_CONFIG = "title: t\ntimezone: Asia/Shanghai\n"
PERMALINK = "/c{number}/t-:title/s-:slug/n-:name/g-:slugified_categories/r-:categories/"


# Each example is two whole builds: no shrinking, which would run hundreds of them.
@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(
    posts=st.lists(
        st.tuples(in_names, st.none() | in_names, st.lists(in_names.filter(bool), max_size=2)),
        min_size=8,
        max_size=16,
    )
)
def test_post_urls_slug_every_kind_of_character_as_jekyll_does(
    tmp_path_factory: pytest.TempPathFactory, posts: list[tuple[str, str | None, list[str]]]
) -> None:
    root = tmp_path_factory.mktemp("slugs")
    posts = [
        *posts,
        ("cafe\u0301 Café ΣΑΣ", None, ["E\u0301té", "ΣΑΣ"]),
        ("x", "Ⅻ ² e\u0301", ["国内\u3000新闻", "\u00a0x"]),
        ("", "", ["国内\u3000新闻", "a"]),
    ]
    files: dict[str, str | bytes] = {"_config.yml": POSTS_CONFIG}
    for number, (name, slug, categories) in enumerate(posts):
        front = f"permalink: {PERMALINK.format(number=number)}\n"
        front += f"title: {json.dumps(name, ensure_ascii=False)}\n"
        if slug is not None:
            front += f"slug: {json.dumps(slug, ensure_ascii=False)}\n"
        if categories:
            # A list, or (every other post) one string Jekyll splits on ASCII whitespace.
            listed = categories if number % 2 else " ".join(categories)
            front += f"categories: {json.dumps(listed, ensure_ascii=False)}\n"
        # A folder each inside `_posts` (no category: it is below `_posts`), so that
        # two posts of one name are two files.
        files[f"_posts/{number}/2022-05-27-{name}.md"] = marked("POST", number, front)
    site = write_files(root / "site", files)
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")

    expected = published_sources(root / "jekyll")
    assert published_sources(root / "sitegen") == expected
    assert len(expected) == len(posts)
    assert not result.errors, result.errors
