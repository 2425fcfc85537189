"""A post's categories and tags of any YAML type, as Jekyll names them and as Liquid
prints them (document.rb `populate_categories`, `merge_categories!`, `populate_tags`).

Hypothesis writes batches of front matter whose `categories`/`category`/`tags` hold
scalars of the Psych grammar of `tests.test_yaml_scalars_psych` (numbers, nulls,
booleans, date-like text); one Ruby process with Jekyll loaded, started once for this
file, reads each as a post and answers `{{ page.categories | join: "," }}`, `{{
page.tags | join: "," }}` and the names in its URL, or that Jekyll raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.fields import categories_from_path, post_categories
from sitegen.content.loose_fields import tag_names
from sitegen.errors import ContentError
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from sitegen.liquid.ruby_values import liquid_value
from sitegen.liquid.variables import liquid_categories, liquid_tags
from tests.conftest import build, jekyll_build, write_files
from tests.ruby_liquid import sitegen_renders
from tests.ruby_process import JEKYLL_SITE, RubyProcess, ruby_process
from tests.test_yaml_scalars_psych import date_like, scalar

#: Reads JSON `[front matter, relative path]` lines; answers the post's printed
#: categories and tags, and the names its URL is made of (url_drop.rb `categories`, with
#: the empty ones its URL squeezes out), or "ERR" where Jekyll raises (a time as a category).
RUBY_JEKYLL_POST = (
    'ENV["TZ"] = "UTC"\n'
    + JEKYLL_SITE
    + r"""
SHOWN = Liquid::Template.parse('{{ page.categories | join: "," }}|{{ page.tags | join: "," }}')
STDIN.each_line("\n") do |line|
  front, relative = JSON.parse(line)
  path = File.join(SOURCE, relative)
  FileUtils.mkdir_p(File.dirname(path))
  File.write(path, "---\n#{front}---\nbody\n")
  begin
    doc = Jekyll::Document.new(path, site: SITE, collection: SITE.posts)
    doc.read
    names = doc.data["categories"].map(&:to_s).uniq.reject(&:empty?)
    puts JSON.generate([SHOWN.render!("page" => doc.to_liquid), names])
  rescue StandardError
    puts JSON.generate("ERR")
  ensure
    File.delete(path)
  end
end
"""
)

SHOWN = '{{ page.categories | join: "," }}|{{ page.tags | join: "," }}'


def sitegen_answer(front_text: str, relative: str) -> object:
    """What sitegen shows of the post, as the Ruby script answers for Jekyll's."""
    path = Path(relative)
    try:
        front = load_yaml(front_text)
        assert isinstance(front, dict)
        folders = categories_from_path(relative, "_posts")
        names = post_categories(folders, {}, front, front, path, front_text)
    except (YamlProblem, ContentError):
        return "ERR"
    tags, _ = tag_names(front, path, front_text)
    values: dict[str, Any] = liquid_value(front, UTC)
    page = {
        "categories": liquid_categories(values, PurePosixPath(relative), names),
        "tags": liquid_tags(values, tags),
    }
    return [sitegen_renders(SHOWN, {"page": page}), list(dict.fromkeys(names))]


@st.composite
def item(draw: st.DrawFn) -> str:
    """A list item: a Psych scalar (no tag: a tag's text may be a mapping key) or a date."""
    text: str = draw(st.one_of(date_like(), scalar(), st.sampled_from(("~", "", "a", "News", "5"))))
    text = text if not text.startswith("!") else text.split(" ", 1)[-1] or "x"
    text = text + "0" if text.endswith(":") else text  # `0:` is a mapping, not a name
    try:  # a value Psych refuses (`.e+999`) is `tests.test_yaml_scalars_psych`'s matter
        load_yaml(f"k: {text}\n")
    except YamlProblem:
        return "x"
    return text


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = ["title: t"]
    for key in draw(st.lists(st.sampled_from(("categories", "category", "tags", "tag")), unique=True)):
        items = draw(st.lists(item(), max_size=4))
        # A lone scalar under `categories` that is not text stops Jekyll reading the post
        # (`merge_categories!`: `[] | 5`), which sitegen does not copy.
        if draw(st.booleans()) and items and key != "categories":
            lines.append(f"{key}: {items[0]}")
        else:
            lines.append(f"{key}:" + "".join(f"\n- {text}" for text in items) if items else f"{key}: []")
    return "".join(line + "\n" for line in lines)


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_JEKYLL_POST, gem="jekyll") as process:
        yield process


RELATIVE = ("_posts/2024-01-01-p.html", "news/_posts/2024-01-01-p.html", "5/_posts/2024-01-01-p.html")


@given(batch=st.lists(st.tuples(front_matter(), st.sampled_from(RELATIVE)), min_size=1, max_size=8))
def test_categories_and_tags_print_as_jekyll_prints_them(
    ruby: RubyProcess, batch: list[tuple[str, str]]
) -> None:
    assert not ruby.mismatches(batch, sitegen_answer)


EXAMPLES = (
    "categories: [37800]\n", "categories: [10:30]\ntags: [10:30]\n",
    "categories: [.inf]\ntags: [.inf, .nan]\n", "categories: [~]\n", "categories: [TRUE]\ntags: [TRUE]\n",
    "categories: [2024-01-01]\n",
    "categories: [2024-1-1]\ntags: [2024-1-1]\n", "category: 2024-1-1\ntag: 2024-1-1\n",
    "categories: [a, 5]\ncategory: 5\n", "categories: [5, 5.0, true, '5']\n", "categories: 2024-02-30 x\n",
)  # fmt: skip
# A time as a category is left out: Jekyll fails the whole build at its URL (url.rb).


def test_the_reported_examples_print_as_jekyll_prints_them(ruby: RubyProcess) -> None:
    batch = [(front, relative) for front in EXAMPLES for relative in RELATIVE[:2]]
    assert not ruby.mismatches(batch, sitegen_answer)


def test_a_date_category_is_published_where_jekyll_publishes_it(tmp_path: Path) -> None:
    """The reported posts, built by `jekyll build` and by sitegen: a category or title
    `2024-1-1` or `2024-01-01` is the Date 2024-01-01 (not a refused post, not `/2024-1-1/`)."""
    shown = (
        "---\nlayout: null\ntitle: 2024-1-1\ncategories: [{}]\n---\n{{{{ page.title }}}}|{{{{ page.url }}}}\n"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "timezone: UTC\n",
            "_posts/2024-02-03-a.html": shown.format("2024-01-01"),
            "_posts/2024-02-04-b.html": shown.format("2024-1-1"),
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    build(site)
    for name in ("2024/02/03/a", "2024/02/04/b"):
        expected = f"2024-01-01|/2024-01-01/{name}.html"
        assert (tmp_path / f"jekyll/2024-01-01/{name}.html").read_text().strip() == expected
        assert (site / f"_site/2024-01-01/{name}.html").read_text().strip() == expected
