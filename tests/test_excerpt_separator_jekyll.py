"""An `excerpt_separator` that is not text, in `_config.yml` or a post's front matter.

Jekyll cuts at `(data["excerpt_separator"] || site.config["excerpt_separator"]).to_s`
(document.rb): a list at its Ruby `inspect`, a number at its digits, a front-matter
`false` falls back to the site's. sitegen cuts where Jekyll cuts, and says so in one
warning at the value's line."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.content.documents import LoadOptions, load_post
from sitegen.content.scan import SourceFile
from sitegen.model import Post
from tests.conftest import NOW, build, write_files
from tests.ruby_process import JEKYLL_SITE, RubyProcess, ruby_process

#: Reads JSON `[_config.yml text, front matter, body]` lines; answers the text of the
#: post's excerpt, cut at the separator Jekyll reads (null where it makes none).
RUBY_EXCERPT = (
    'ENV["TZ"] = "UTC"\n'
    + JEKYLL_SITE
    + r"""
FileUtils.mkdir_p(File.join(SOURCE, "_posts"))
STDIN.each_line("\n") do |line|
  config_text, front, body = JSON.parse(line)
  File.write(File.join(SOURCE, "_config.yml"), config_text)
  SITE.config["excerpt_separator"] =
    Jekyll.configuration("source" => SOURCE, "quiet" => true)["excerpt_separator"]
  path = File.join(SOURCE, "_posts/2020-01-01-a.md")
  File.write(path, "---\n#{front}---\n#{body}")
  doc = Jekyll::Document.new(path, site: SITE, collection: SITE.posts)
  doc.read
  puts JSON.generate(doc.excerpt_separator.empty? ? nil : Jekyll::Excerpt.new(doc).content)
end
"""
)

#: Holds what each value below becomes as Ruby text, so that a cut at it shows.
BODY = 'one 12 two ["a", "b"] three {"a"=>1} four\n\nfalse five 1.5 six true seven <!--more--> end\n'

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([12, 1.5, "<!--more-->", "", "four"]),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.just({"a": 1}),
)
ABSENT = object()
KEY = "excerpt_separator"


@pytest.fixture(scope="module")
def jekyll_excerpts() -> Any:
    with ruby_process(RUBY_EXCERPT, gem="jekyll") as process:
        yield process


def _yaml(value: object) -> str:
    if value is ABSENT:
        return ""
    return yaml.safe_dump({KEY: value}, default_flow_style=None, width=1000)


def sitegen_excerpt(config_text: str, front: str, body: str) -> str | None:
    """The text sitegen cuts the post's excerpt from, as the Ruby script answers: None
    where the separator is empty (Jekyll makes no excerpt, sitegen an empty one)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "_config.yml").write_text(config_text, encoding="utf-8")
        config = load_config(Path(folder))
    relative = PurePosixPath("_posts/2020-01-01-a.md")
    data = f"---\n{front}---\n{body}".encode()
    post = load_post(SourceFile(Path("/site") / relative, relative), data, config, LoadOptions(NOW)).document
    assert isinstance(post, Post)
    if post.excerpt_source == "":
        return None
    return post.excerpt_source if post.excerpt_source is not None else body


@settings(max_examples=40, deadline=None)
@given(
    examples=st.lists(st.tuples(st.just(ABSENT) | VALUES, st.just(ABSENT) | VALUES), min_size=1, max_size=6)
)
def test_posts_are_cut_where_jekyll_cuts_them(
    jekyll_excerpts: RubyProcess, examples: list[tuple[object, object]]
) -> None:
    batch = [(_yaml(site), _yaml(own), BODY) for site, own in examples]
    assert jekyll_excerpts.mismatches(batch, sitegen_excerpt) == []


@pytest.mark.parametrize(
    ("written", "shown", "used"),
    [("[a, b]", "a list", '\'["a", "b"]\''), ("{a: 1}", "a mapping", "'{\"a\"=>1}'"), ("12", "12", "'12'")],
)
def test_a_separator_that_is_not_text_is_one_warning_at_its_line(
    tmp_path: Path, written: str, shown: str, used: str
) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": f"title: T\nexcerpt_separator: {written}\n",
            "_posts/2024-05-06-a.md": f"---\ntitle: A\nexcerpt_separator: {written}\n---\nA.\n",
            "_posts/2024-05-06-b.md": "---\ntitle: B\n---\nB.\n",
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    notes = sorted(str(warning) for warning in result.warnings if KEY in str(warning))
    ending = f"must be text, not {shown}; sitegen cuts excerpts at {used}, its Ruby text, as Jekyll does"
    assert notes == [
        f"warning: {site / '_config.yml'}:2: setting '{KEY}' {ending}",
        f"warning: {site / '_posts/2024-05-06-a.md'}:3: '{KEY}' {ending}",
    ]
    assert (tmp_path / "out/2024/05/06/b.html").is_file()


def test_a_front_matter_false_falls_back_to_the_sites_separator(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nexcerpt_separator: <!--more-->\n",
            "_posts/2024-05-06-a.md": "---\ntitle: A\nexcerpt_separator: false\n---\nA.\n",
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    assert [str(warning) for warning in result.warnings if KEY in str(warning)] == [
        f"warning: {site / '_posts/2024-05-06-a.md'}:3: '{KEY}' must be text, not false; "
        "sitegen uses the site's ('<!--more-->'), as Jekyll does"
    ]
