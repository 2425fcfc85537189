"""A `permalink:` that is not text, in a post's or page's front matter or in `defaults:`.

Jekyll stops on every such value but null and false (`gsub` on a post's, url.rb;
`end_with?` on a page's, renderer.rb), which mean no permalink of its own. sitegen
publishes where Jekyll publishes, and where Jekyll stops it makes the one file an error
naming it and the line, while the rest of the site builds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions, load_page, load_post
from sitegen.content.scan import SourceFile
from sitegen.errors import ContentError
from tests.conftest import NOW, build, files_below, write_files
from tests.ruby_process import JEKYLL_SITE, RubyProcess, ruby_process

#: Reads JSON `[kind, front matter]` lines; answers the URL Jekyll gives a post
#: (`_posts/2020-01-01-a.md`) or a page (`a.md`) with that front matter, or "ERR" where
#: Jekyll raises.
RUBY_URL = (
    'ENV["TZ"] = "UTC"\n'
    + JEKYLL_SITE
    + r"""
FileUtils.mkdir_p(File.join(SOURCE, "_posts"))
STDIN.each_line("\n") do |line|
  kind, front = JSON.parse(line)
  relative = kind == "post" ? "_posts/2020-01-01-a.md" : "a.md"
  path = File.join(SOURCE, relative)
  File.write(path, "---\n#{front}---\nbody\n")
  begin
    if kind == "post"
      doc = Jekyll::Document.new(path, site: SITE, collection: SITE.posts)
      doc.read
      url = doc.url
    else
      page = Jekyll::Page.new(SITE, SOURCE, "", "a.md")
      url = page.url
      Jekyll::Renderer.new(SITE, page).output_ext
    end
    puts JSON.generate(url)
  rescue StandardError
    puts JSON.generate("ERR")
  ensure
    File.delete(path)
  end
end
"""
)


@pytest.fixture(scope="module")
def jekyll_urls() -> Any:
    with ruby_process(RUBY_URL, gem="jekyll") as process:
        yield process


def sitegen_url(kind: str, front: str) -> str:
    """The URL sitegen gives the same file, or "ERR" where it is an error."""
    data = f"---\n{front}---\nbody\n".encode()
    config = SiteConfig()
    try:
        if kind == "post":
            relative = PurePosixPath("_posts/2020-01-01-a.md")
            loaded = load_post(SourceFile(Path("/site") / relative, relative), data, config, LoadOptions(NOW))
        else:
            relative = PurePosixPath("a.md")
            loaded = load_page(SourceFile(Path("/site") / relative, relative), data, config)
    except ContentError:
        return "ERR"
    assert loaded.document is not None
    return loaded.document.url


NOT_TEXT = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
    | st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
    )
    | st.lists(st.sampled_from(["/a/", "b", 1]), max_size=2)
    | st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from(["/x/", 2]), max_size=2)
    | st.sampled_from(["/fixed/", "/:title/"])
)


def _front(value: object) -> str:
    return yaml.safe_dump({"permalink": value}, default_flow_style=False, allow_unicode=True)


@settings(max_examples=60, deadline=None)
@given(examples=st.lists(st.tuples(st.sampled_from(["post", "page"]), NOT_TEXT), min_size=1, max_size=8))
def test_a_documents_permalink_value_publishes_or_fails_as_in_jekyll(
    jekyll_urls: RubyProcess, examples: list[tuple[str, object]]
) -> None:
    batch = [(kind, _front(value)) for kind, value in examples]
    assert jekyll_urls.mismatches(batch, sitegen_url) == []


@pytest.mark.parametrize("value", ["12", "true", "2024-05-06", "1.5"])
def test_a_permalink_jekyll_stops_on_costs_its_file_only(tmp_path: Path, value: str) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2024-05-06-bad.md": f"---\ntitle: Bad\npermalink: {value}\n---\nBody.\n",
            "_posts/2024-05-06-good.md": "---\ntitle: Good\n---\nBody.\n",
            "page.md": f"---\ntitle: P\npermalink: {value}\n---\nText.\n",
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    published = files_below(tmp_path / "out")
    assert "2024/05/06/good.html" in published
    assert not any(value in path for path in published)
    errors = sorted(str(error) for error in result.errors)
    assert len(errors) == 2
    for error, name in zip(errors, ("_posts/2024-05-06-bad.md:3", "page.md:3"), strict=True):
        assert error.startswith(f"error: {site / name}: 'permalink' must be text"), error
        assert error.endswith("; Jekyll stops on it")


def test_a_permalink_that_is_false_is_none_as_in_jekyll(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_posts/2024-05-06-a.md": "---\npermalink: false\n---\nA.\n",
            "p.md": "---\npermalink: false\n---\nP.\n",
        },
    )
    build(site, destination=tmp_path / "out", cache=False)
    assert {"2024/05/06/a.html", "p.html"} <= files_below(tmp_path / "out")


def test_a_default_permalink_jekyll_stops_on_is_one_error_at_its_line(tmp_path: Path) -> None:
    config = "title: T\ndefaults:\n  - scope:\n      path: ''\n    values:\n      permalink: 12\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": config,
            "_posts/2024-05-06-a.md": "---\ntitle: A\n---\nA.\n",
            "p.md": "---\n---\nP.\n",
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    assert [str(error) for error in result.errors] == [
        f"error: {site / '_config.yml'}:6: setting 'defaults' (entry 1): 'permalink' must be text "
        "(a path or a pattern such as /:title/), not the number 12; Jekyll stops on it; "
        "this default is not used"
    ]
    assert {"2024/05/06/a.html", "p.html"} <= files_below(tmp_path / "out")
