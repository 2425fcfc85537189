"""Ruby's Liquid gem (the one Jekyll renders with) beside sitegen's Liquid engine, for
the differential tests of Liquid's values and filters: one Ruby process per test module
renders each batch of `[template, variables]` Hypothesis writes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import strategies as st

from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.conftest import build, write_files
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[template, variables]` lines; answers the rendered JSON string.
RUBY_LIQUID = r"""
require "json"
require "liquid"
STDOUT.sync = true
STDIN.each_line("\n") do |line|
  template, variables = JSON.parse(line)
  begin
    puts JSON.generate(Liquid::Template.parse(template, error_mode: :warn).render!(variables))
  rescue StandardError => error
    puts JSON.generate("ERR")
  end
end
"""

#: The same, with Jekyll's filters over Liquid's (as Jekyll renders), in a UTC site; the
#: site holds the cache `item_property` keeps (`sort`, `where`, `group_by` by a
#: property), fresh for each render, and a default site's converters (`smartify`,
#: `scssify`, `sassify`).
RUBY_JEKYLL_LIQUID = r"""
ENV["TZ"] = "UTC"
require "json"
require "jekyll"
require "tmpdir"
STDOUT.sync = true
CONVERTING = Jekyll::Site.new(
  Jekyll::Configuration.from("quiet" => true, "source" => Dir.mktmpdir, "destination" => Dir.mktmpdir)
)
FilterCacheSite = Struct.new(:filter_cache) do
  def find_converter_instance(kind) = CONVERTING.find_converter_instance(kind)
end
STDIN.each_line("\n") do |line|
  template, variables = JSON.parse(line)
  begin
    rendered = Liquid::Template.parse(template, error_mode: :warn)
      .render!(variables, filters: [Jekyll::Filters], registers: { site: FilterCacheSite.new({}) })
    puts JSON.generate(rendered)
  rescue StandardError, SystemStackError => error # `NaN | jsonify` recurses in `as_liquid`
    puts JSON.generate("ERR")
  end
end
"""

ENGINE = LiquidEngine(FilterSettings("", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {}))
"""sitegen's engine with a UTC site and no includes."""


def template_batches(
    uses: Sequence[str], values: st.SearchStrategy[Any]
) -> st.SearchStrategy[list[tuple[str, dict[str, Any]]]]:
    """Batches of templates from `uses`, each with variables `a` and `b` drawn from
    `values`, for `RubyProcess.mismatches`."""
    return st.lists(
        st.tuples(st.sampled_from(uses), st.fixed_dictionaries({"a": values, "b": values})), max_size=40
    )


def sitegen_renders(template: str, variables: dict[str, Any]) -> str:
    """What sitegen renders, or "ERR" where a tag fails (where Ruby raises: `render!`)."""
    outcome = ENGINE.render(template, variables)
    return "ERR" if any(not problem.salvaged for problem in outcome.problems) else outcome.text


@pytest.fixture(scope="module")
def ruby_liquid() -> Iterator[RubyProcess]:
    """The Ruby process, one per test module that asks for it."""
    with ruby_process(RUBY_LIQUID, gem="liquid") as process:
        yield process


@pytest.fixture(scope="module")
def ruby_jekyll_liquid() -> Iterator[RubyProcess]:
    """Ruby's Liquid with Jekyll's filters, one process per test module that asks."""
    with ruby_process(RUBY_JEKYLL_LIQUID, gem="jekyll") as process:
        yield process


def page_with_failing_tags(folder: Path, config: str, page: str, needle: str) -> tuple[list[str], str]:
    """Build a site of `config` and an `index.html` holding `page`: the diagnostics whose
    text holds `needle` (each a tag's problem, as a line), and the page as published."""
    write_files(folder / "site", {"_config.yml": config, "index.html": page})
    result = build(folder / "site", destination=folder / "out")
    lines = [str(problem) for problem in result.diagnostics if needle in str(problem)]
    return lines, (folder / "out" / "index.html").read_text(encoding="utf-8")
