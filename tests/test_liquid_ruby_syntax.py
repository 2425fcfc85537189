"""Whether Ruby Liquid's strict parser reads a piece of markup, answered as Ruby answers.

sitegen rewrites a tag only when Ruby's strict parser refuses it (Jekyll then reads it
with the lax parser); a tag the port wrongly took for strict would keep python-liquid's
reading where Jekyll's differs, silently. Token soups are asked of the port and of Ruby
Liquid itself (the one Jekyll runs: one `ruby` per batch), and of the shortcut that
answers for the usual shapes without the parser.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.liquid.ruby_syntax import strict_condition, strict_expression, strict_for, strict_variable
from tests.conftest import jekyll_executable

TOKENS = (
    *(
        "page",
        "page.n",
        "a-b",
        "x?",
        "i",
        "in",
        "and",
        "or",
        "contains",
        "reversed",
        "limit",
        "offset",
        "cols",
    ),
    *("1", "-2", "1.5", '"a b"', "'c'", "(1..3)", "(", ")", "..", ".", "[", "]", "[0]", '["k"]', ",", ":"),
    *("|", "upcase", "append", "==", "!=", "<>", "<", ">=", "=", "!", "-", "?", "&&", "#", "é", "\t"),
)
markups = st.lists(st.sampled_from(TOKENS), max_size=7).flatmap(
    lambda tokens: st.sampled_from((" ".join(tokens), "".join(tokens)))
)
#: Each strict reader, by the name the Ruby script below knows it by.
READERS: dict[str, Callable[..., bool]] = {
    "variable": strict_variable,
    "condition": strict_condition,
    "for": strict_for,
    "expression": strict_expression,
}


@given(markups)
def test_the_shortcut_never_says_strict_where_the_parser_says_not(markup: str) -> None:
    for strict in READERS.values():
        if strict(markup):
            assert strict(markup, shortcut=False), markup


_RUBY = """
require "liquid"
require "json"
STDIN.each_line do |line|
  kind, markup = JSON.parse(line)
  ok = begin
    strict = Liquid::ParseContext.new(error_mode: :strict)
    case kind
    when "variable" then Liquid::Variable.new(markup, strict)
    when "condition" then Liquid::If.send(:new, "if", markup, strict)
    when "for" then Liquid::For.send(:new, "for", markup, strict)
    else p = Liquid::Parser.new(markup); p.expression; p.consume(:end_of_string)
    end
    true
  rescue Liquid::SyntaxError, NoMethodError
    false
  end
  puts JSON.generate(ok)
end
"""


@settings(max_examples=3, deadline=None)
@given(st.lists(markups, min_size=50, max_size=120))
def test_the_strict_reading_is_ruby_liquids(batch: list[str]) -> None:
    ruby = shutil.which("ruby")
    if jekyll_executable() is None or ruby is None:
        pytest.skip("Debian's jekyll (and its Ruby Liquid) is not installed")
    asked = [(kind, markup) for markup in batch for kind in READERS]
    completed = subprocess.run(
        [ruby, "-e", _RUBY],
        input="\n".join(json.dumps(question) for question in asked),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answers = [json.loads(line) for line in completed.stdout.splitlines()]
    for (kind, markup), ruby_says in zip(asked, answers, strict=True):
        assert READERS[kind](markup) == ruby_says, (kind, markup)
