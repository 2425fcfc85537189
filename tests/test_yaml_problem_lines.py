"""A YAML value that refers to itself, nests too deep or expands too far is reported at
the line of the top-level key that holds it, naming the key: it was always the
document's first line (`_config.yml:1`, a post's `:2`)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml_noting
from tests.conftest import build, write_files

_BAD = st.sampled_from(["&a [*a]", "&a [1, [2, *a]]", "&a {k: *a}", "[" * 150 + "]" * 150])


@given(st.integers(0, 4), _BAD, st.sampled_from(["foo", "标签", "x_y"]))
def test_the_line_and_key_of_a_bad_value_are_named(before: int, value: str, key: str) -> None:
    lines = [f"k{number}: v" for number in range(before)] + [f"{key}: {value}", "after: 1"]
    try:
        load_yaml_noting("\n".join(lines) + "\n")
    except YamlProblem as problem:
        assert problem.line == before + 1, (problem.line, str(problem))
        assert f"'{key}'" in str(problem)
    else:
        raise AssertionError("not refused")


def test_a_posts_cycle_is_reported_at_its_line(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2022-12-01-a.md": "---\ntitle: a\ncategories: x\nweird: &b [1, *b]\n---\nx\n",
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    (error,) = result.errors
    assert error.line == 4 and "'weird' refers to itself" in error.message, error
