"""An unknown YAML tag in `_config.yml` or a `_data` file is one warning naming the file
and the tag's line, as in front matter; the value is read as if untagged, as Jekyll's
`Utils.safe_load_yaml` (Psych.safe_load) reads it. They were read with no note at all."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.content.site_data import read_site_data
from sitegen.jekyll.yaml_reader import load_yaml
from tests.conftest import build, write_files

TAGS = st.one_of(
    st.from_regex(r"![a-z][a-z0-9_-]{0,8}", fullmatch=True),
    st.sampled_from(["!!python/object/apply:os.system", "!<tag:example.com,2000:x>"]),
)
#: Values an unknown tag may stand before: a plain or quoted scalar, a flow list or mapping.
TAGGED = ("3", "words here", '"quoted"', "[1, two]", "{k: v}", "")


@st.composite
def tagged_yaml(draw: st.DrawFn) -> tuple[str, str, list[int]]:
    """A mapping with tags at some keys: its text, the same text untagged, the tags' lines."""
    lines: list[str] = []
    plain: list[str] = []
    tagged_lines: list[int] = []
    for index in range(draw(st.integers(1, 6))):
        value = draw(st.sampled_from(TAGGED))
        if draw(st.booleans()):
            tag = draw(TAGS)
            lines.append(f"custom_{index}: {tag} {value}".rstrip())
            tagged_lines.append(len(lines))
        else:
            lines.append(f"custom_{index}: {value}".rstrip())
        plain.append(f"custom_{index}: {value}".rstrip())
    return "\n".join(lines) + "\n", "\n".join(plain) + "\n", tagged_lines


def _noted(diagnostics: tuple[object, ...], path: Path) -> list[int | None]:
    return [
        d.line  # type: ignore[attr-defined]
        for d in diagnostics
        if "unknown YAML tag" in d.message and d.path == path  # type: ignore[attr-defined]
    ]


@given(tagged_yaml())
def test_a_tag_in_a_data_file_is_one_warning_at_its_line(case: tuple[str, str, list[int]]) -> None:
    text, plain, lines = case
    with tempfile.TemporaryDirectory() as scratch:
        folder = write_files(Path(scratch), {"_data/things.yml": text}) / "_data"
        data, diagnostics = read_site_data((folder,))
        assert data["things"] == load_yaml(plain)
        assert _noted(diagnostics, folder / "things.yml") == lines


@given(tagged_yaml())
def test_a_tag_in_the_config_is_one_warning_at_its_line(case: tuple[str, str, list[int]]) -> None:
    text, plain, lines = case
    with tempfile.TemporaryDirectory() as scratch:
        site = write_files(Path(scratch), {"_config.yml": "title: t\n" + text})
        config = load_config(site)
        expected = load_yaml(plain)
        assert isinstance(expected, dict)
        assert {key: config.custom[key] for key in expected} == expected
        assert _noted(config.diagnostics, site / "_config.yml") == [line + 1 for line in lines]


def test_a_build_names_each_tag_once(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\nowner: !person {name: x}\n",
            "_data/team.yml": "- name: a\n- name: !who b\n",
            "_posts/2022-05-27-a.md": "---\ntitle: !t A\n---\n{{ site.data.team[1].name }}\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    noted = sorted((d.path.name, d.line) for d in result.diagnostics if "unknown YAML tag" in d.message)
    assert noted == [("2022-05-27-a.md", 2), ("_config.yml", 2), ("team.yml", 2)]
