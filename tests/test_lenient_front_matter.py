"""Posts Jekyll publishes despite odd front matter, and YAML errors named where Psych names them.

Checked against `jekyll build` 4.3 and Ruby's Psych (`Psych.safe_load`, as Jekyll's
`Utils.safe_load_yaml`): an unknown tag's value is read as if untagged; an unclosed
quote or bracket is named at the line where it opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.front_matter import parse_source
from sitegen.errors import ContentError, Diagnostic
from sitegen.jekyll import yaml_reader
from sitegen.jekyll.post_names import dated_name_parts
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from sitegen.model import Post
from tests.test_loader import load


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Psych's lines (`ruby -e 'Psych.safe_load(...)'`): the context's mark.
        ("title: [x\n", 1),
        ('a: 1\ntitle: "abc\nb: 2\n', 2),
        ("a: 1\ntitle: 'abc\nb: 2\n", 2),
        ("a: 1\nb: {x: 1\nc: 2\n", 2),
        ("a: 1\n b: 2\nc: 3\n", 2),
        ("a:\n\tb: 1\n", 2),
        ("a: b: c\n", 1),
        # Psych says line 5 here; the text has 4 lines, and it ends on the 4th.
        ("a: 1\nb: 2\nc: 3\nd: [\n", 4),
        # Psych names line 1, where the block mapping began, for a fault anywhere in it:
        # the line of the fault itself says more.
        ('layout: post\ntitle: "bad"quote"\nc: x\n', 2),
        ('a: 1\nb: 2\nc: 3\nd: x\ne: "bad"q"\n', 5),
    ],
)
def test_yaml_errors_are_named_at_psychs_line(text: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text)
    assert caught.value.line == line


@given(
    st.lists(st.sampled_from(["a: 1", "b: x", "- c", "d: [1, 2]", "e: {f: g}"]), max_size=4),
    st.sampled_from(['q: "open', "q: 'open", "q: [open", "q: {open: 1"]),
    st.lists(st.sampled_from(["z: 1", "y: text", "w: [1]"]), max_size=4),
)
def test_an_unclosed_quote_or_bracket_is_named_where_it_opened(
    before: list[str], opened: str, after: list[str]
) -> None:
    text = "\n".join([*before, opened, *after]) + "\n"
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text)
    line = caught.value.line
    assert line is not None and 1 <= line <= len(before) + 1 + len(after)
    if all(":" in entry and not entry.startswith("-") for entry in before):
        assert line == len(before) + 1


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b"])
def test_control_characters_are_named_as_psych_names_them(character: str) -> None:
    with pytest.raises(YamlProblem, match="control characters are not allowed") as caught:
        load_yaml(f"a: 1\ntitle: a{character}b\n")
    assert caught.value.line == 2


def test_unknown_tags_keep_the_plain_value_and_never_run() -> None:
    text = 'x: !custom 3\ny: !custom [1, 2]\nz: !!python/object/apply:os.system ["echo"]\n'
    text += 'w: !custom\nq: !c "3"\n'
    data, notes = yaml_reader.load_yaml_noting(text)
    # Psych.safe_load gives {"x"=>3, "y"=>[1, 2], "z"=>["echo"], "w"=>nil, "q"=>3}.
    assert data == {"x": 3, "y": [1, 2], "z": ["echo"], "w": None, "q": 3}
    assert [note.line for note in notes] == [1, 2, 3, 4, 5]


def test_a_post_name_with_a_newline_is_a_post() -> None:
    parts = dated_name_parts("2024-02-15-new\nline.md")
    assert parts is not None and parts.slug == "new\nline"


@given(st.text(max_size=20), st.text(max_size=20))
def test_every_diagnostic_is_one_line(name: str, message: str) -> None:
    shown = str(Diagnostic(message, Path("_posts") / f"2024-01-01-{name}.md", 3))
    assert len(shown.splitlines()) == 1
    assert len(str(ContentError("one message", path=Path(name or "x"), line=1)).splitlines()) == 1


@given(
    st.one_of(
        st.integers(-(10**6), 10**6).map(str),
        st.sampled_from(["true", "false", "1.50", "0x1F", ".inf"]),
    ),
    st.integers(0, 3),
)
def test_categories_jekyll_cannot_read_publish_with_one_warning(value: str, before: int) -> None:
    """`categories: 5` (a number, boolean or date): Jekyll 4.3 logs "could not read file"
    and publishes the post without its front matter (checked with `jekyll build`); sitegen
    publishes it under the value's text and names the file and line once. (A date there
    is refused as categories of the wrong type: one error, the post skipped.)"""
    front = "".join(f"k{index}: v\n" for index in range(before)) + f"categories: {value}\n"
    result = load("2022-05-27-a.md", f"---\ntitle: t\n{front}---\nbody\n")
    assert isinstance(result.document, Post) and len(result.document.categories) == 1
    [warning] = [w for w in result.warnings if "Jekyll cannot read" in w.message]
    assert warning.line == before + 3


@given(st.text(" \t\f\v", max_size=4), st.sampled_from(["---", "..."]))
def test_a_closing_line_ends_front_matter_after_any_ruby_whitespace(after: str, marker: str) -> None:
    """Jekyll's closing `(---|\\.\\.\\.)\\s*$` takes Ruby's `\\s`, the form feed and vertical
    tab with it (checked with `jekyll build`): `---\\f` closed nothing in sitegen, which
    then published the whole file as the body, titled by its name."""
    document = parse_source(f"---\ntitle: T\n{marker}{after}\nbody\n", Path("_posts/2022-05-27-a.md"))
    assert document.front_matter == {"title": "T"} and document.body == "body\n"


@given(st.text(" \t", max_size=2), st.sampled_from(["\f", "\v"]), st.text(" \t\f\v", max_size=2))
def test_a_form_feed_after_the_opening_line_is_psychs_error(before: str, control: str, after: str) -> None:
    """Jekyll hands Psych the opening line with the rest, and Psych refuses a form feed or
    vertical tab there ("control characters are not allowed"): one error at line 1."""
    with pytest.raises(ContentError, match="control characters") as caught:
        parse_source(f"---{before}{control}{after}\ntitle: T\n---\nbody\n", Path("_posts/2022-05-27-a.md"))
    assert caught.value.line == 1
