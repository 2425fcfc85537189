"""A `permalink` that is empty or only white space, in front matter or in `defaults:`.

sitegen read it as none (a post at the site's permalink) and said nothing, where Jekyll
publishes a post or document with `permalink: ""` at `/index.html`, over the home page,
stops the build on a page with one, and publishes a file whose permalink is white space
at `/<the spaces>.html`. sitegen keeps its reading and says so: one warning at the
file's line, or one at the `defaults:` value's line. What each warning says Jekyll does
is checked against Jekyll, one Ruby process for the file."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.content.default_checks import checked_defaults
from sitegen.content.documents import LoadOptions, load_page, load_post
from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic
from sitegen.jekyll.collections import Collection
from sitegen.jekyll.defaults import DefaultSet
from tests.conftest import NOW, build, files_below, jekyll_build_many, write_files
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[kind, own permalink or null, default permalink or null]`; answers where
#: Jekyll writes the post, page or `docs` document (its path below the destination), or
#: "ERR" where it stops.
RUBY_DESTINATION = r"""
ENV["TZ"] = "UTC"
require "json"
require "jekyll"
require "tmpdir"
STDOUT.sync = true
FILES = { "post" => "_posts/2020-01-01-a.md", "page" => "a.md", "document" => "_docs/a.md" }
STDIN.each_line("\n") do |line|
  kind, own, default = JSON.parse(line)
  source, dest = Dir.mktmpdir, Dir.mktmpdir
  config = { "quiet" => true, "source" => source, "destination" => dest,
             "collections" => { "docs" => { "output" => true } } }
  unless default.nil?
    config["defaults"] = [{ "scope" => { "path" => "" }, "values" => { "permalink" => default } }]
  end
  site = Jekyll::Site.new(Jekyll::Configuration.from(config))
  path = File.join(source, FILES[kind])
  FileUtils.mkdir_p(File.dirname(path))
  File.write(path, "---\n#{own.nil? ? "" : "permalink: #{JSON.generate(own)}\n"}---\nbody\n")
  begin
    if kind == "page"
      item = Jekyll::Page.new(site, source, "", "a.md")
    else
      collection = kind == "post" ? site.posts : site.collections["docs"]
      item = Jekyll::Document.new(path, site: site, collection: collection)
      item.read
    end
    puts JSON.generate(item.destination(dest).delete_prefix(dest))
  rescue StandardError
    puts JSON.generate("ERR")
  ensure
    FileUtils.rm_rf([source, dest])
  end
end
"""

DOCS = Collection("docs", output=True)
FILES = {"post": "_posts/2020-01-01-a.md", "page": "a.md", "document": "_docs/a.md"}
BLANK = st.sampled_from(["", " ", "   ", "\t"])


@pytest.fixture(scope="module")
def jekyll_destinations() -> Any:
    with ruby_process(RUBY_DESTINATION, gem="jekyll") as process:
        yield process


def jekyll_said(destination: str) -> str:
    """What a warning says Jekyll does, given where Jekyll wrote the file."""
    if destination == "ERR":
        return "Jekyll stops the build on it"
    return f"at {destination}" if destination == "/index.html" else f"at {destination!r}"


def sitegen_loads(kind: str, own: str | None, default: str | None) -> tuple[str, list[Diagnostic]]:
    """sitegen's URL for the file and the warnings it gives."""
    front = "" if own is None else f"permalink: {json.dumps(own)}\n"
    values = () if default is None else (DefaultSet(values=MappingProxyType({"permalink": default})),)
    config = SiteConfig(defaults=values, collections=(DOCS,))
    relative = PurePosixPath(FILES[kind])
    source = SourceFile(Path("/site") / relative, relative)
    data = f"---\n{front}---\nbody\n".encode()
    if kind == "post":
        loaded = load_post(source, data, config, LoadOptions(NOW))
    else:
        loaded = load_page(source, data, config, collection=DOCS if kind == "document" else None)
    assert loaded.document is not None
    return loaded.document.url, list(loaded.warnings)


@settings(max_examples=15, deadline=None)
@given(
    cases=st.lists(
        st.tuples(st.sampled_from(sorted(FILES)), st.none() | BLANK, st.none() | BLANK),
        min_size=1,
        max_size=6,
    )
)
def test_a_blank_permalink_is_the_sites_with_a_warning_saying_what_jekyll_does(
    jekyll_destinations: RubyProcess, cases: list[tuple[str, str | None, str | None]]
) -> None:
    destinations = jekyll_destinations.answers([list(case) for case in cases])
    for (kind, own, default), destination in zip(cases, destinations, strict=True):
        url, warnings = sitegen_loads(kind, own, default)
        assert url == sitegen_loads(kind, None, None)[0]  # the site's permalink, as without one
        if own is None:
            assert warnings == []  # a default's is said once, at its line (below)
            continue
        assert len(warnings) == 1
        assert warnings[0].line == 2
        assert jekyll_said(destination) in warnings[0].message, (kind, own, destination)


@settings(max_examples=6, deadline=None)
@given(kind=st.sampled_from(sorted(FILES)), default=BLANK)
def test_a_blank_default_permalink_is_said_once_at_its_line(
    jekyll_destinations: RubyProcess, tmp_path_factory: pytest.TempPathFactory, kind: str, default: str
) -> None:
    [destination] = jekyll_destinations.answers([[kind, None, default]])
    site = tmp_path_factory.mktemp("site")
    text = f"defaults:\n  - scope:\n      path: ''\n    values:\n      permalink: {json.dumps(default)}\n"
    (site / "_config.yml").write_text(text, encoding="utf-8")
    values = (DefaultSet(values=MappingProxyType({"permalink": default})),)
    checked = checked_defaults(SiteConfig(defaults=values), site)
    [note] = checked.diagnostics
    assert (note.path.name, note.line) == ("_config.yml", 5)
    assert (
        jekyll_said(destination).replace("at /index.html", "at /index.html, one over another") in note.message
    )


def test_a_site_with_blank_permalinks_builds_and_warns_once_for_each(tmp_path: Path) -> None:
    config = "title: T\ndefaults:\n  - scope:\n      path: old\n    values:\n      permalink: ''\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": config,
            "index.html": "---\n---\nHome\n",
            "_posts/2024-05-06-a.md": '---\ntitle: A\npermalink: ""\n---\nA.\n',
            "_posts/2024-05-06-b.md": "---\ntitle: B\npermalink: '  '\n---\nB.\n",
            "old/_posts/2024-05-07-c.md": "---\ntitle: C\n---\nC.\n",
            "old/_posts/2024-05-08-d.md": "---\ntitle: D\n---\nD.\n",
            "p.md": '---\npermalink: ""\n---\nP.\n',
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    blank = sorted((d.path.name, d.line) for d in result.diagnostics if "'permalink' is" in d.message)
    assert blank == [("2024-05-06-a.md", 3), ("2024-05-06-b.md", 3), ("_config.yml", 6), ("p.md", 2)]
    assert not result.errors
    published = files_below(tmp_path / "out")
    assert {"index.html", "2024/05/06/a.html", "2024/05/06/b.html", "p.html"} <= published
    assert {"old/2024/05/07/c.html", "old/2024/05/08/d.html"} <= published


def test_a_blank_site_permalink_is_the_default_with_a_warning(tmp_path: Path) -> None:
    """Jekyll publishes every post at one URL (`/index.html` for `""`, `/  .html` for
    spaces), each over the last; sitegen uses the default pattern and says so."""
    posts = {
        "_posts/2024-01-02-a.md": "---\ntitle: A\n---\na\n",
        "_posts/2024-01-03-b.md": "---\ntitle: B\n---\nb\n",
    }
    sites = {
        blank: write_files(
            tmp_path / f"s{len(blank)}", {**posts, "_config.yml": f"title: T\npermalink: '{blank}'\n"}
        )
        for blank in ("", "  ")
    }
    jekyll_build_many(list(sites.values()))
    for site in sites.values():
        jekylls = {path for path in files_below(site / "_jekyll") if path.endswith(".html")}
        assert len(jekylls) == 1, jekylls  # both posts at one URL
        result = build(site, destination=site / "_sitegen", cache=False)
        assert {"2024/01/02/a.html", "2024/01/03/b.html"} <= files_below(site / "_sitegen")
        (note,) = [d for d in result.diagnostics if "'permalink'" in d.message]
        assert (
            note.line == 2
            and "Jekyll would publish every post at one URL; sitegen uses 'date'" in note.message
        )


SPACED = st.tuples(
    st.sampled_from(sorted(FILES)),
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["/q", "/a/b.html", "/p/x.", "/c/", "/新闻/d"]),
    st.sampled_from(["", " ", " \t"]),
).filter(lambda case: bool(case[1] or case[3]))


@settings(max_examples=10, deadline=None)
@given(cases=st.lists(SPACED, min_size=1, max_size=6))
def test_white_space_around_a_permalink_is_left_out_with_a_warning(
    jekyll_destinations: RubyProcess, cases: list[tuple[str, str, str, str]]
) -> None:
    """Jekyll keeps it in the URL and the file's name (`q .html`); sitegen publishes the
    file at the permalink's text alone and says so once, at the permalink's line."""
    spaced = [[kind, lead + text + trail, None] for kind, lead, text, trail in cases]
    plain = [[kind, text, None] for kind, _, text, _ in cases]
    destinations = jekyll_destinations.answers(spaced + plain)
    for number, (kind, lead, text, trail) in enumerate(cases):
        assert destinations[number] != destinations[len(cases) + number]  # Jekyll keeps the spaces
        url, warnings = sitegen_loads(kind, lead + text + trail, None)
        assert url == sitegen_loads(kind, text, None)[0]
        assert [(warning.line, repr(text) in warning.message) for warning in warnings] == [(2, True)]


@settings(max_examples=8, deadline=None)
@given(case=SPACED)
def test_white_space_around_a_default_permalink_is_left_out_with_a_warning(
    jekyll_destinations: RubyProcess,
    tmp_path_factory: pytest.TempPathFactory,
    case: tuple[str, str, str, str],
) -> None:
    """From `defaults:` as from front matter: Jekyll keeps the white space, sitegen
    publishes at the text alone, and says so once, at the value's line."""
    kind, lead, text, trail = case
    spaced, plain = jekyll_destinations.answers([[kind, None, lead + text + trail], [kind, None, text]])
    assert spaced != plain  # Jekyll keeps the spaces
    assert sitegen_loads(kind, None, lead + text + trail)[0] == sitegen_loads(kind, None, text)[0]
    site = tmp_path_factory.mktemp("site")
    value = json.dumps(lead + text + trail)
    (site / "_config.yml").write_text(
        f"title: T\ndefaults:\n  - scope:\n      path: ''\n    values:\n      permalink: {value}\n",
        encoding="utf-8",
    )
    values = (DefaultSet(values=MappingProxyType({"permalink": lead + text + trail})),)
    checked = checked_defaults(SiteConfig(defaults=values), site)
    [note] = checked.diagnostics
    assert (note.path.name, note.line) == ("_config.yml", 6)
    assert "white space around it" in note.message and repr(text) in note.message
