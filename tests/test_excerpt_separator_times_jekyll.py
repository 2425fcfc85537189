"""An `excerpt_separator` that is a YAML (or TOML) time or date is cut at Ruby's text of
it, as Jekyll cuts at `(…).to_s` (document.rb): `2024-01-01 10:00:00 +0800`, `… UTC` for
a `Z`, a time without an offset as the local time Psych makes of it in the site's zone,
a date as `2024-01-01`, a list at its `inspect` (`[2024-01-01 10:00:00 +0800]`,
`#<Date: …>`); a `_config.toml` time as tomlrb makes it (`+0000` for a `Z` and for
none, a date as its midnight). sitegen cut at Python's text of the value
(`2024-01-01 10:00:00+08:00`), so the excerpt was the whole post.

Hypothesis writes times, dates and lists of them, in front matter, `_config.yml` or
`_config.toml`, under a few site time zones; one Ruby process reads each post with
Jekyll, puts its separator in the middle of a body after Python's text of the value,
and answers that body and Jekyll's excerpt of it, which must be sitegen's.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.content.documents import LoadOptions, load_post
from sitegen.content.scan import SourceFile
from sitegen.jekyll.yaml_reader import load_yaml
from sitegen.model import Post
from tests.conftest import NOW
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[config file name, its text, front matter, text before]` lines; writes the
#: site's settings file, reads the post `_posts/2020-01-01-a.md` as Jekyll does (with `TZ`
#: set to the site's `timezone`, as `Jekyll.set_timezone` sets it) and answers
#: `[body, excerpt]`: the body is the text before, the separator, and a tail.
RUBY_EXCERPT = r"""
require "json"
require "jekyll"
require "tmpdir"
STDOUT.sync = true
SOURCE = Dir.mktmpdir
FileUtils.mkdir_p(File.join(SOURCE, "_posts"))
STDIN.each_line("\n") do |line|
  name, config_text, front, before = JSON.parse(line)
  %w(_config.yml _config.toml).each { |other| FileUtils.rm_f(File.join(SOURCE, other)) }
  File.write(File.join(SOURCE, name), config_text)
  ENV["TZ"] = config_text[/^timezone\s*[:=]\s*"?([A-Za-z_\/]+)/, 1] || "UTC"
  site = Jekyll::Site.new(Jekyll.configuration("source" => SOURCE, "quiet" => true,
                                               "destination" => File.join(SOURCE, "_site")))
  path = File.join(SOURCE, "_posts/2020-01-01-a.md")
  File.write(path, "---\n#{front}---\nbody\n")
  doc = Jekyll::Document.new(path, site: site, collection: site.posts)
  doc.read
  body = "#{before} #{doc.excerpt_separator} tail\n"
  File.write(path, "---\n#{front}---\n#{body}")
  doc = Jekyll::Document.new(path, site: site, collection: site.posts)
  doc.read
  puts JSON.generate([body, Jekyll::Excerpt.new(doc).content])
end
"""

ZONES = ("UTC", "Asia/Shanghai", "America/New_York")
YAML_OFFSETS = ("", "Z", " +08:00", " -05:30", "+0800", " +00:00", " -03")
TOML_OFFSETS = ("", "Z", "+00:00", "-07:00", "+05:30")


@st.composite
def yaml_time(draw: st.DrawFn) -> str:
    """A YAML time or date, sometimes past the month's end (Ruby rolls it over)."""
    day = f"2024-{draw(st.integers(1, 12)):02d}-{draw(st.sampled_from((1, 9, 15, 28, 30, 31))):02d}"
    if draw(st.integers(0, 3)) == 0:
        return day
    fraction = draw(st.sampled_from(("", "", ".5", ".25")))
    clock = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 59)):02d}"
    return f"{day}{draw(st.sampled_from((' ', 'T')))}{clock}{fraction}{draw(st.sampled_from(YAML_OFFSETS))}"


@st.composite
def toml_time(draw: st.DrawFn) -> str:
    day = f"1979-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    if draw(st.integers(0, 3)) == 0:
        return day
    clock = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 59)):02d}"
    return f"{day}T{clock}{draw(st.sampled_from(TOML_OFFSETS))}"


@st.composite
def case(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """`[settings file name, its text, front matter, text before]` for the Ruby script."""
    zone = draw(st.sampled_from(ZONES))
    where = draw(st.sampled_from(("front", "yml", "toml")))
    value = draw(toml_time()) if where == "toml" else draw(yaml_time())
    if draw(st.booleans()):
        value = f"[{value}]"
    if where == "toml":
        return "_config.toml", f'timezone = "{zone}"\nexcerpt_separator = {value}\n', "", "head"
    config = f"timezone: {zone}\n" + (f"excerpt_separator: {value}\n" if where == "yml" else "")
    front = f"excerpt_separator: {value}\n" if where == "front" else ""
    loaded = load_yaml(f"v: {value}\n")
    assert isinstance(loaded, dict)
    python_text = str(loaded["v"])  # what sitegen cut at before
    return "_config.yml", config, front, f"head {python_text} {value}"


@pytest.fixture(scope="module")
def jekyll_excerpts() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_EXCERPT, gem="jekyll") as process:
        yield process


def sitegen_excerpt(name: str, config_text: str, front: str, body: str) -> str:
    """The text sitegen cuts the post's excerpt from (the whole body where it does not cut)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_text(config_text, encoding="utf-8")
        config = load_config(Path(folder))
    relative = PurePosixPath("_posts/2020-01-01-a.md")
    data = f"---\n{front}---\n{body}".encode()
    post = load_post(SourceFile(Path("/site") / relative, relative), data, config, LoadOptions(NOW)).document
    assert isinstance(post, Post)
    return body if post.excerpt_source is None else post.excerpt_source


def mismatches(ruby: RubyProcess, cases: list[tuple[str, str, str, str]]) -> list[object]:
    answers = ruby.answers([list(example) for example in cases])
    found: list[object] = []
    for (name, config_text, front, _), (body, excerpt) in zip(cases, answers, strict=True):
        ours = sitegen_excerpt(name, config_text, front, body)
        if ours != excerpt:
            found.append((name, config_text, front, body, excerpt, ours))
    return found


@settings(max_examples=15, deadline=None)
@given(st.lists(case(), min_size=8, max_size=8))
def test_a_time_as_separator_is_cut_at_its_ruby_text(
    jekyll_excerpts: RubyProcess, cases: list[tuple[str, str, str, str]]
) -> None:
    assert mismatches(jekyll_excerpts, cases) == []


REPORTED = (
    "2024-01-01 10:00:00 +08:00",
    "2024-01-01T10:00:00Z",
    "2024-01-01 10:00:00",
    "2024-01-01",
    "[2024-01-01 10:00:00 +08:00]",
    "[2024-01-01, 2024-01-01 10:00:00.5 +08:00]",
)


def test_the_reported_separators_are_cut_where_jekyll_cuts(jekyll_excerpts: RubyProcess) -> None:
    cases = [("_config.yml", "title: T\n", f"excerpt_separator: {value}\n", "head") for value in REPORTED]
    cases += [("_config.yml", f"excerpt_separator: {value}\n", "", "head") for value in REPORTED]
    toml = ("1979-05-27 07:32:00+00:00", "1979-05-27T07:32:00Z", "1979-05-27T07:32:00", "1979-05-27")
    cases += [("_config.toml", f"excerpt_separator = {value}\n", "", "head") for value in toml]
    assert mismatches(jekyll_excerpts, cases) == []
    assert (
        sitegen_excerpt(
            "_config.yml", "", f"excerpt_separator: {REPORTED[0]}\n", "a 2024-01-01 10:00:00 +0800 b"
        )
        == "a "
    )


#: The 31st of a shorter month at a clock that is the next day in UTC: Ruby's `Time.new`
#: steps the day to 32 in a 5-bit field, which wraps to 0 (the day before the 1st);
#: beside them the times that do not wrap (the 30th, a positive or zero offset, `Z`).
PAST_THE_MONTHS_END = (
    "2024-02-31 19:00:00 -05:30",
    "2024-04-31T24:00:00 -05:00",
    "2023-06-31 23:30:00.5 -01",
    "2024-02-30 19:00:00 -05:30",
    "2024-04-31T24:00:00 +00:00",
    "2024-04-31 23:00:00 +08:00",
    "2024-02-31T23:00:00Z",
    "2024-12-31 23:00:00 -05:00",
)


def test_a_time_past_the_months_end_is_cut_where_jekyll_cuts(jekyll_excerpts: RubyProcess) -> None:
    cases = [
        ("_config.yml", "title: T\n", f"excerpt_separator: {value}\n", "head")
        for value in PAST_THE_MONTHS_END
    ]
    assert mismatches(jekyll_excerpts, cases) == []
