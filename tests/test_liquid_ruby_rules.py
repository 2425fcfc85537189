"""Three of Ruby Liquid's rules, checked against Ruby's Liquid gem with Jekyll's filters
in one process:

- `strip_html` removes scripts, comments and styles by Ruby's non-greedy regexes, then
  every `<…>` (liquid/standardfilters.rb), however the text's `<` and `>` fall;
- `{% cycle %}` drops a `nil` value, and keys a tag with a variable among its values by
  the tag itself, a group by its value, literals by their `inspect` (liquid/tags/cycle.rb);
- a filter given a count of arguments its Ruby method does not take fails the tag with
  Ruby's `wrong number of arguments (given X, expected Y)`, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.jekyll.strip_html import strip_html
from sitegen.liquid.filter_arity import RUBY_ARITY
from sitegen.render.feed_text import entry_title
from tests.ruby_liquid import ENGINE
from tests.ruby_process import RubyProcess, ruby_process

#: Answers `[template, variables]` with `[output, [error, …]]`, rendered as Jekyll does
#: (its filters over Liquid's, `error_mode: warn`), each failing tag's error kept apart:
#: Liquid's `render` writes `Liquid error: …` in its place.
RUBY = r"""
ENV["TZ"] = "UTC"
require "json"
require "jekyll"
require "tmpdir"
STDOUT.sync = true
SITE = Jekyll::Site.new(
  Jekyll::Configuration.from("quiet" => true, "source" => Dir.mktmpdir, "destination" => Dir.mktmpdir)
)
STDIN.each_line("\n") do |line|
  template, variables = JSON.parse(line)
  parsed = Liquid::Template.parse(template, error_mode: :warn)
  output = parsed.render(variables, filters: [Jekyll::Filters], registers: { site: SITE })
  errors = parsed.errors.map { |error| error.message.sub(/\ALiquid error: /, "") }
  puts JSON.generate([output.gsub(/Liquid error: [^\n]*?\((?:given|expected)[^)]*\)/, ""), errors])
end
"""


@pytest.fixture(scope="module")
def jekyll_liquid() -> Iterator[RubyProcess]:
    with ruby_process(RUBY, gem="jekyll") as process:
        yield process


def sitegen_answer(template: str, variables: dict[str, Any]) -> list[Any]:
    """sitegen's output and its failing tags' messages, without the filter's name."""
    outcome = ENGINE.render(template, variables)
    errors = [problem.message.split(": ", 1)[-1] for problem in outcome.problems if not problem.salvaged]
    return [outcome.text, errors]


HTML_PIECES = st.sampled_from(
    (
        *("<", ">", "</", "/>", "script", "style", "<script>", "</script>", "<style>", "</style>"),
        *("<!--", "-->", "<b>", "</b>", "\n", " ", "a", "要闻", "\u3000", '"', "<SCRIPT>", "x=1"),
    )
)


@given(texts=st.lists(st.lists(HTML_PIECES, max_size=12).map("".join), min_size=1, max_size=60))
@settings(max_examples=4)
def test_strip_html_is_rubys(jekyll_liquid: RubyProcess, texts: list[str]) -> None:
    batch = [("{{ s | strip_html }}", {"s": text}) for text in texts]
    assert not jekyll_liquid.mismatches(batch, sitegen_answer)
    assert [strip_html(text) for text in texts] == [answer[0] for answer in jekyll_liquid.answers(batch)]


def test_the_reported_strip_html_examples(jekyll_liquid: RubyProcess) -> None:
    batch = [
        ('{{ "x </script><script>alert(1)</script> y" | strip_html }}', {}),
        ('{{ "a < b > c" | strip_html }}', {}),
        ("{{ n | strip_html }}{{ list | strip_html }}", {"n": 1.5, "list": ["<a>", None]}),
    ]
    assert not jekyll_liquid.mismatches(batch, sitegen_answer)
    assert sitegen_answer(*batch[0]) == ["x  y", []]
    # The feeds' titles strip HTML by the same rule (`smartify | strip_html | normalize_whitespace`).
    assert entry_title("a <b>x</b> c <!-- d --> e") == "a x c e"


CYCLE_VALUES = st.sampled_from(
    ('"a"', "'b'", "1", "2.5", "true", "nil", "null", "v", "w.x", "(1..2)", "empty")
)


@st.composite
def cycles(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """Several `cycle` tags, some alike, some in a loop, some grouped, rendered in turn."""
    tags = []
    for _ in range(draw(st.integers(1, 3))):
        values = ", ".join(draw(st.lists(CYCLE_VALUES, min_size=1, max_size=4)))
        group = draw(st.sampled_from(("", '"g": ', "v: ", "1: ")))
        tag = "{% cycle " + group + values + " %}"
        tags.append(tag * draw(st.integers(1, 3)))
    body = "|".join(draw(st.permutations(tags * 2)))
    loop = draw(st.booleans())
    template = "{% for i in (1..3) %}" + body + "{% endfor %}" if loop else body
    return template, {"v": "V", "w": {"x": [1, None, "y"]}}


@given(batch=st.lists(cycles(), min_size=1, max_size=40))
@settings(max_examples=4)
def test_cycle_is_rubys(jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]) -> None:
    assert not jekyll_liquid.mismatches(batch, sitegen_answer)


def test_the_reported_cycle_example_says_what_it_dropped(jekyll_liquid: RubyProcess) -> None:
    tag = '{% cycle "a", page.n, nil %}'
    example = (tag * 3, {"page": {"n": 0}})
    assert jekyll_liquid.answers([list(example)]) == [["aaa", []]]
    outcome = ENGINE.render(*example)
    assert outcome.text == "aaa"
    assert {problem.message for problem in outcome.problems} == {
        f"'{tag}' read leniently, as Jekyll reads it: {{% cycle \"a\", page.n %}}"
    }
    # A tag python-liquid only needed spelt out is no warning: nothing of it changed.
    assert ENGINE.render("{% cycle true, false %}" * 3, {}).problems == ()


ARGUMENTS = st.sampled_from(('"a"', "1", "nil", "arr", 'x: "y"'))
NAMES = sorted(set(RUBY_ARITY) - {"markdownify", "sassify", "scssify", "sample", "smartify"})


@st.composite
def filter_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A filter given between none and four arguments, between text on either side."""
    name = draw(st.sampled_from(NAMES))
    required, optional = RUBY_ARITY[name]
    count = draw(st.sampled_from(sorted({0, 3, max(required - 2, 0), required, required + optional})))
    arguments = [draw(ARGUMENTS) for _ in range(count)]
    arguments.sort(key=lambda argument: ":" in argument)  # keyword arguments last
    written = (": " + ", ".join(arguments)) if arguments else ""
    return "x{{ arr | " + name + written + " }}y", {"arr": ["a", "b"]}


@given(batch=st.lists(filter_calls(), min_size=1, max_size=60))
@settings(max_examples=3)
def test_a_filter_given_the_wrong_number_of_arguments_fails_as_in_ruby(
    jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    """Only the calls whose count Ruby refuses are compared: what a filter does with a
    count it takes is other tests' business."""
    answers = jekyll_liquid.answers([list(call) for call in batch])
    wrong = [call for call, (_, errors) in zip(batch, answers, strict=True) if "wrong number" in str(errors)]
    assert not jekyll_liquid.mismatches(wrong, sitegen_answer)


def test_the_reported_argument_counts(jekyll_liquid: RubyProcess) -> None:
    batch = [
        ('x{{ "a" | append }}y', {}),
        ('x{{ "a,b" | split }}y', {}),
        ("x{{ arr | first: 2 }}y", {"arr": [1, 2]}),
        ("x{{ arr | join: 1, 2 }}y", {"arr": [1, 2]}),
    ]
    assert not jekyll_liquid.mismatches(batch, sitegen_answer)
    outcome = ENGINE.render(*batch[0])
    assert [problem.message for problem in outcome.problems] == [
        "append: wrong number of arguments (given 1, expected 2)"
    ]
