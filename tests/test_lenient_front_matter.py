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

from sitegen.errors import ContentError, Diagnostic
from sitegen.jekyll import yaml_reader
from sitegen.jekyll.post_names import dated_name_parts
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml


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
