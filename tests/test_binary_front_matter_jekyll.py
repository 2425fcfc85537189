"""A `!!binary` front-matter value is a String in Ruby (Psych's `unpack("m")`), and
Jekyll uses it as any text: `permalink: !!binary aGVsbG8=` is published at `/hello.html`.
sitegen read it as Python bytes and refused it ("'permalink' must be text …, not
'hello'"), leaving the post out with a message that contradicted itself.

Hypothesis writes posts whose fields of checked type (permalink, slug, title,
categories, category, tags, tag, date) are binaries of generated words, alone or in a
list; one Ruby process reads each post with Jekyll (`Jekyll::Document#read`) and answers
its URL, title, categories and tags, which must be sitegen's.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions, load_post
from sitegen.content.scan import SourceFile
from sitegen.errors import ContentError
from sitegen.model import Post
from tests.conftest import NOW
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[front matter]` lines; answers `[url, title, categories, tags]` of the post
#: `_posts/2020-01-01-a.md` with that front matter, or `["ERR"]` where Jekyll stops.
RUBY_POST = r"""
ENV["TZ"] = "UTC"
require "json"
require "jekyll"
require "tmpdir"
STDOUT.sync = true
source, dest = Dir.mktmpdir, Dir.mktmpdir
site = Jekyll::Site.new(Jekyll::Configuration.from(
  "quiet" => true, "source" => source, "destination" => dest, "timezone" => "UTC"))
path = File.join(source, "_posts/2020-01-01-a.md")
FileUtils.mkdir_p(File.dirname(path))
STDIN.each_line("\n") do |line|
  File.write(path, "---\n#{JSON.parse(line)[0]}---\nbody\n")
  begin
    post = Jekyll::Document.new(path, site: site, collection: site.posts)
    post.read
    answer = [post.url, post.data["title"], post.data["categories"], post.data["tags"]]
    puts JSON.generate(answer.map { |v| v.is_a?(String) ? v.dup.force_encoding("UTF-8") : v })
  rescue StandardError
    puts JSON.generate(["ERR"])
  end
end
"""

FIELDS = ("permalink", "slug", "title", "categories", "category", "tags", "tag", "date")
WORDS = st.text(alphabet="abcxyz019-", min_size=1, max_size=8)


def binary(text: str) -> str:
    return "!!binary " + base64.b64encode(text.encode()).decode()


@st.composite
def field(draw: st.DrawFn) -> str:
    """One `key: value` line of front matter whose value is (or holds) a binary."""
    key = draw(st.sampled_from(FIELDS))
    word = draw(WORDS)
    if key == "permalink":
        word = (
            draw(st.sampled_from(("/", "/:slug/", "/x/"))) + word + draw(st.sampled_from(("", "/", ".html")))
        )
    elif key == "date":
        word = f"2019-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    if key in ("categories", "tags") and draw(st.booleans()):
        return f"{key}: [{binary(word)}, w{draw(WORDS)}]\n"  # a plain word, never a number
    return f"{key}: {binary(word)}\n"


@pytest.fixture(scope="module")
def jekyll_posts() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_POST, gem="jekyll") as process:
        yield process


def sitegen_post(front: str) -> list[object]:
    relative = PurePosixPath("_posts/2020-01-01-a.md")
    source = SourceFile(Path("/site") / relative, relative)
    try:
        loaded = load_post(source, f"---\n{front}---\nbody\n".encode(), SiteConfig(), LoadOptions(NOW))
    except ContentError:
        return ["ERR"]
    post = loaded.document
    assert isinstance(post, Post)
    return [post.url, post.title, list(post.categories), list(post.tags)]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(field(), min_size=1, max_size=3), min_size=8, max_size=8))
def test_binary_fields_are_read_as_jekyll_reads_them(
    jekyll_posts: RubyProcess, posts: list[list[str]]
) -> None:
    fronts = [("".join(dict.fromkeys(lines)),) for lines in posts]
    assert jekyll_posts.mismatches(fronts, sitegen_post) == []


def test_the_reported_permalink_is_published_at_hello(jekyll_posts: RubyProcess) -> None:
    front = "permalink: !!binary aGVsbG8=\n"
    assert jekyll_posts.answers([[front]]) == [sitegen_post(front)]
    assert sitegen_post(front)[0] == "/hello"  # written to /hello.html


@settings(max_examples=30, deadline=None)
@given(
    key=st.sampled_from(("permalink", "title", "slug", "layout")),
    value=st.sampled_from(
        ("12", "2.5", "true", "2020-01-01", "[a]", "{a: 1}", "!!binary aGk=", "!!binary ''")
    ),
)
def test_a_refusal_never_names_text_as_what_is_not_text(key: str, value: str) -> None:
    """A value refused as not text is named as what it is (a number, a list), never as a
    quoted text, which would say it is text after all."""
    relative = PurePosixPath("_posts/2020-01-01-a.md")
    source = SourceFile(Path("/site") / relative, relative)
    try:
        load_post(source, f"---\n{key}: {value}\n---\nbody\n".encode(), SiteConfig(), LoadOptions(NOW))
    except ContentError as error:
        refused = str(error).partition("must be text")[2]
        assert not refused or (" not '" not in refused and ' not "' not in refused), str(error)
        assert json.dumps(str(error))
