"""A Liquid problem is named at the file's line where its tag starts, each on its own.

Ruby Liquid numbers a tag by the line its markup starts on (`liquid/block_body.rb` sets
`parse_context.line_number` before the token's own line breaks count, `tokenizer.rb`), and
Jekyll's messages say that line ("Liquid error (line 3): divided by 0"), counted in the
text after the front matter. sitegen names the same line of the file.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_executable, one_seeded_batch, write_files
from tests.ruby_liquid import ENGINE
from tests.ruby_process import ruby_process

_BAD_CONDITIONS = ["p.title ==", "@@ garbage", "p ==  and", "== 1", "p.title contains"]


@given(
    before=st.integers(0, 6),
    condition=st.sampled_from(_BAD_CONDITIONS),
    filter_name=st.sampled_from(["where_exp", "find_exp"]),
    statement=st.sampled_from(["{{{{ {} }}}}", "{{% assign y = {} %}}", "{{% echo {} %}}"]),
)
@example(before=2, condition="p.title ==", filter_name="where_exp", statement="{{{{ {} }}}}")
def test_a_where_exp_condition_that_cannot_be_read_is_named_at_its_tag(
    before: int, condition: str, filter_name: str, statement: str
) -> None:
    markup = statement.format(f'items | {filter_name}: "p", "{condition}"')
    template = "".join(f"w{number}\n" for number in range(before)) + f"a {markup} b\nafter\n"
    outcome = ENGINE.render(template, {"items": [1, 2]})
    errors = [problem for problem in outcome.problems if not problem.salvaged]
    assert [problem.line for problem in errors] == [before + 1], (template, errors)
    assert filter_name in errors[0].message and condition in errors[0].message
    assert "after" in outcome.text


def test_a_where_exp_condition_that_cannot_be_read_is_named_at_the_files_line(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2024-01-01-p.md": "---\ntitle: a\n---\nline4\n"
            '{{ site.posts | where_exp: "p", "p.title ==" }}\nline6 kept\n',
        },
    )
    result = build(site, destination=tmp_path / "out")
    named = [(d.line, d.message) for d in result.diagnostics if d.path is not None and d.path.suffix == ".md"]
    assert len(named) == 1 and named[0][0] == 5 and "where_exp" in named[0][1], named
    assert "line6 kept" in (tmp_path / "out/2024/01/01/p.html").read_text(encoding="utf-8")


#: Ruby Liquid with Jekyll's filters, as Jekyll renders a page: for each template, the
#: line of its first error (Jekyll's "Liquid error (line N)"), or nil.
_RUBY_FIRST_ERROR_LINE = r"""
require "json"
require "jekyll"
STDOUT.sync = true
Liquid::Template.register_filter(Jekyll::Filters)
STDIN.each_line("\n") do |line|
  template, variables = JSON.parse(line)
  begin
    Liquid::Template.parse(template, error_mode: :warn, line_numbers: true).render!(variables)
    puts JSON.generate(nil)
  rescue Liquid::Error => error
    puts JSON.generate(error.line_number)
  end
end
"""

#: Faulty markup, as words any whitespace may separate (Liquid reads each the same way;
#: in a `liquid` tag a line break ends a statement, so those stay as written).
_FAULTS = [
    ["{{", "1", "|", "divided_by:", "0", "}}"],
    ["{{", "site.posts", "|", "where_exp:", '"p",', '"p.title =="', "}}"],
    ["{{", "site.posts", "|", "find_exp:", '"p",', '"@@ garbage"', "}}"],
    ["{%", "nosuchtag", "x", "%}"],
    ["{%-", "nosuchtag", "-%}"],
    ["{%", "assign", "y", "=", "1", "|", "modulo:", "0", "%}"],
    ["{%", "echo", "1", "|", "divided_by:", "0", "%}"],
    ["{%", "for", "i", "in", "(1..2)", "%}", "{{", "i", "|", "divided_by:", "0", "}}", "{%", "endfor", "%}"],
    ["{%", "if", "true", "%}", "{%", "nosuchtag", "%}", "{%", "endif", "%}"],
    ["{%", "liquid", "\n", "assign y = 1", "\n", "echo y | divided_by: 0", "%}"],
]


def _faulty_page(rng: random.Random) -> tuple[int, str]:
    """(front-matter lines, text): lines before a fault spread over lines, then more text."""
    matter = ["---", *(f"k{number}: v" for number in range(rng.randrange(4))), "---"]
    words = rng.choice(_FAULTS)
    markup = words[0]
    for word in words[1:]:
        markup += (
            word
            if word == "\n" or markup.endswith("\n")
            else rng.choice([" ", " ", "\n", " \n  ", "\n\n"]) + word
        )
    body = "".join(f"w{number}\n" for number in range(rng.randrange(5))) + rng.choice(["", "a "]) + markup
    return len(matter), "\n".join(matter) + "\n" + body + " b\nafter\n"


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_every_fault_is_named_at_the_line_jekyll_names(tmp_path: Path, rng: random.Random) -> None:
    # One generated batch of pages, one sitegen build and one Ruby process for all of them.
    pages = {f"p{number}.html": _faulty_page(rng) for number in range(40)}
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2024-01-01-ok.md": "---\ntitle: ok\n---\nok\n",
            **{name: text for name, (_, text) in pages.items()},
        },
    )
    result = build(site, destination=tmp_path / "out")
    with ruby_process(_RUBY_FIRST_ERROR_LINE, gem="jekyll") as ruby:
        bodies = [
            [text.split("---\n", 2)[2], {"site": {"posts": [{"title": "ok"}]}}] for _, text in pages.values()
        ]
        ruby_lines = ruby.answers(bodies)
    for (name, (matter_lines, text)), ruby_line in zip(pages.items(), ruby_lines, strict=True):
        named = [d.line for d in result.diagnostics if d.path is not None and d.path.name == name]
        assert ruby_line is not None, text
        assert named == [matter_lines + ruby_line], (text, named, ruby_line)
        assert "after" in (tmp_path / "out" / name).read_text(encoding="utf-8")


_ONE_LINE_FAULTS = [
    "{{{{ {} | divided_by: 0 }}}}",
    "{{{{ {} | modulo: 0 }}}}",
    "{{% nosuchtag {} %}}",
    '{{{{ items | where_exp: "p", "p == {} ==" }}}}',
    "{{% include missing{}.html %}}",
]
_ONE_LINE_FAULT = st.builds(
    lambda form, number: form.format(number), st.sampled_from(_ONE_LINE_FAULTS), st.integers(0, 2)
)


@given(st.lists(st.lists(_ONE_LINE_FAULT, max_size=4), min_size=1, max_size=5))
@example([["{{ 1 | divided_by: 0 }}", "{{ 2 | divided_by: 0 }}", "{{ 1 | divided_by: 0 }}"]])
def test_each_failing_tag_on_a_line_is_named_on_its_own(lines: list[list[str]]) -> None:
    template = "".join(f"w{number} " + " x ".join(faults) + " end\n" for number, faults in enumerate(lines))
    outcome = ENGINE.render(template, {"items": [1, 2]})
    errors = [problem for problem in outcome.problems if not problem.salvaged]
    for number, faults in enumerate(lines, start=1):
        named = [problem.message for problem in errors if problem.line == number]
        assert len(named) == len(faults), (template, named)  # one problem per failing tag
        # Each distinct tag told apart from the others; the same tag twice is one problem
        # said twice, which the report names once.
        assert len(set(named)) == len(set(faults)), (template, named)
    assert all(f"w{number} " in outcome.text for number in range(len(lines)))


def test_failing_tags_with_one_message_on_one_line_are_named_by_their_markup() -> None:
    template = "a\n{{ 1 | divided_by: 0 }} {{ 2 | divided_by: 0 }} {{ 1 | divided_by: 0 }} b\n"
    outcome = ENGINE.render(template, {})
    assert [(problem.message, problem.line) for problem in outcome.problems] == [
        ("divided_by: can't divide by 0 in '{{ 1 | divided_by: 0 }}'", 2),
        ("divided_by: can't divide by 0 in '{{ 2 | divided_by: 0 }}'", 2),
        ("divided_by: can't divide by 0 in '{{ 1 | divided_by: 0 }}'", 2),
    ]
    assert outcome.text == "a\n   b\n"


def test_faults_in_an_included_file_are_named_at_its_lines_as_jekyll_names_them(tmp_path: Path) -> None:
    partial = "p1\n{{ 1 |\n divided_by: 0 }}\np4 {%\n nosuch x %} tail\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_includes/part.html": partial,
            "a.md": "---\nk: v\n---\nbefore\n{% include part.html %}\nafter kept\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    named = sorted((d.line, d.message) for d in result.diagnostics if d.path == site / "_includes/part.html")
    assert [line for line, _ in named] == [2, 5], named
    assert all(f"included in {site / 'a.md'}:5" in message for _, message in named), named
    assert "cannot read '{% nosuch x %}'" in named[1][1], named  # a tag over two lines, shown whole
    page = (tmp_path / "out/a.html").read_text(encoding="utf-8")
    assert "before" in page and "p1" in page and "p4" in page and "tail" in page and "after kept" in page
    # Jekyll stops at the first (the file is parsed before it renders): the same file and line.
    jekyll = jekyll_executable()
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")
    command = [jekyll, "build", "-s", str(site), "-d", str(tmp_path / "jekyll")]
    said = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert f"({site / '_includes/part.html'} line 5): Unknown tag 'nosuch'" in said.stdout + said.stderr
