"""An explicit YAML tag hands any text to its constructor (`!!timestamp "May 27 2022"`,
`!!bool "maybe"`, `!!float "abc"`); PyYAML's fail with an `AttributeError` or a
`KeyError`, which escaped as a traceback and failed the whole build from a data file or
`_config.yml`. Whatever the tag and the value, reading YAML gives a value or one
`YamlProblem`, and a build with such a data file finishes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from tests.conftest import sitegen_main, write_files

TAGS = (
    "!!timestamp", "!!bool", "!!int", "!!float", "!!null", "!!str", "!!binary", "!!set",
    "!!omap", "!!pairs", "!!map", "!!seq", "!!merge", "!!value", "!!python/none", "!x",
)  # fmt: skip
VALUES = (
    '"May 27 2022"',
    '"maybe"',
    '"abc"',
    "yes",
    "2022-05-27 10:00:00",
    "[1, a]",
    "{a: 1}",
    '""',
    "1e400",
)


@example(tag="!!timestamp", value='"May 27 2022"')
@example(tag="!!bool", value='"maybe"')
@given(tag=st.sampled_from(TAGS), value=st.one_of(st.sampled_from(VALUES), st.text(max_size=8)))
def test_any_tagged_value_is_a_value_or_one_problem(tag: str, value: str) -> None:
    text = f"key: {tag} {value}\nother: 1\n"
    try:
        load_yaml(text)
    except YamlProblem as problem:
        assert "\n" not in str(problem)


def test_tags_psych_keeps_as_text_stay_text() -> None:
    assert load_yaml('x: !!timestamp "May 27 2022"') == {"x": "May 27 2022"}
    assert load_yaml('x: !!bool "maybe"') == {"x": "maybe"}
    assert load_yaml("x: !!bool yes") == {"x": True}


def test_a_data_file_or_config_with_an_odd_tag_builds(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": 'title: T\nlaunched: !!timestamp "May 27 2022"\n',
            "_data/d.yml": 'when: !!timestamp "May 27 2022"\nok: !!bool "maybe"\nbad: !!float "abc"\n',
            "_posts/2022-01-01-p.md": "---\ntitle: P\n---\n{{ site.launched }}\n",
        },
    )
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert "Traceback" not in err
    assert code == 0, err
    assert "May 27 2022" in (tmp_path / "out/2022/01/01/p.html").read_text(encoding="utf-8")
