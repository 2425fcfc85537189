"""Where the body starts after the closing `---`, as Jekyll reads it.

Jekyll's `YAML_FRONT_MATTER_REGEXP` ends in `(---|\\.\\.\\.)\\s*$\\n?`, and Ruby's `\\s`
takes newlines: the blank lines after the closing line are not part of the body
(`Document#read_content`, jekyll/lib/jekyll/document.rb). sitegen kept them, so a crawler
writing two blank lines after its front matter made every excerpt of its posts empty:
no summary in the feeds, no description, nothing under the title in the listings.
Hypothesis writes the lines after the closing line; one Ruby process with Jekyll reads
each file as a post and answers its `content`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.front_matter import parse_source
from tests.conftest import build, write_files
from tests.ruby_process import JEKYLL_SITE, RubyProcess, ruby_process

RUBY_JEKYLL_READ = (
    JEKYLL_SITE
    + r"""
STDIN.each_line("\n") do |line|
  text = JSON.parse(line)[0]
  path = File.join(SOURCE, "_posts", "2024-01-02-p.html")
  FileUtils.mkdir_p(File.dirname(path))
  File.write(path, text)
  doc = Jekyll::Document.new(path, site: SITE, collection: SITE.posts)
  doc.read
  puts JSON.generate(doc.content)
end
"""
)

_BLANKISH = st.sampled_from(["", " ", "\t", "  \t ", "\f", "\v", "\u3000", "\u00a0"])
_FIRST = st.sampled_from(["First para", "  indented", "\tTabbed", "\u3000全角", "", "<p>x</p>"])
_REST = st.sampled_from(["", "\n", "\n\nSecond", "\nmore\n\nSecond\n", "\n  \n"])


@st.composite
def post_texts(draw: st.DrawFn) -> str:
    closing = draw(st.sampled_from(["---", "---  ", "...", "---\t"]))
    blank_lines = draw(st.lists(_BLANKISH, max_size=4))
    after = "".join(line + "\n" for line in blank_lines)
    end = draw(st.sampled_from(["", "\n"])) if not blank_lines else ""
    return f"---\ntitle: t\n{closing}\n{after}{draw(_FIRST)}{draw(_REST)}{end}"


@pytest.fixture(scope="module")
def jekyll_reader() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_JEKYLL_READ, gem="jekyll") as process:
        yield process


@settings(max_examples=20, deadline=None)
@given(st.lists(post_texts(), min_size=10, max_size=10))
def test_the_body_starts_where_jekylls_does(jekyll_reader: RubyProcess, texts: list[str]) -> None:
    def ours(text: str) -> str:
        return parse_source(text, Path("_posts/2024-01-02-p.html")).body

    answers = jekyll_reader.answers([[text] for text in texts])
    assert [(text, ours(text)) for text in texts] == list(zip(texts, answers, strict=True))


def test_the_body_line_is_the_line_the_body_starts_on() -> None:
    document = parse_source("---\ntitle: t\n---\n\n  \nbody\n", Path("p.md"))
    assert (document.body, document.body_line) == ("body\n", 6)


def test_blank_lines_after_the_front_matter_leave_the_excerpt(tmp_path: Path) -> None:
    """The user's crawler shape: the summary, the description and the listing's line."""
    files = {
        "_config.yml": "title: S\nurl: https://example.com\n",
        "_posts/2024-12-01-two.md": "---\ntitle: two\ncategories: c\n---\n\n\nFirst para\n\nSecond\n",
        "_posts/2024-12-02-sp.html": "---\ntitle: sp\ncategories: c\n--- \n  \n\n<p>第一段</p>\n\n<p>二</p>",
    }
    out = tmp_path / "out"
    build(write_files(tmp_path / "site", files), destination=out, cache=False)
    feed = (out / "feed.xml").read_text()
    assert '<summary type="html">First para</summary>' in feed
    assert '<summary type="html">第一段</summary>' in feed
    assert 'og:description" content="First para"' in (out / "c/2024/12/01/two.html").read_text()
