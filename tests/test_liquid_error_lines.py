"""A Liquid problem is named at the file's line where its tag starts, each on its own.

Ruby Liquid numbers a tag by the line its markup starts on (`liquid/block_body.rb` sets
`parse_context.line_number` before the token's own line breaks count, `tokenizer.rb`), and
Jekyll's messages say that line ("Liquid error (line 3): divided by 0"), counted in the
text after the front matter. sitegen names the same line of the file.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import build, write_files
from tests.ruby_liquid import ENGINE

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
