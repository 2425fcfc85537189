"""A collection's name is read as Jekyll reads it (`Collection#sanitize_label`,
jekyll/lib/jekyll/collection.rb): only its letters, digits, `_`, `-` and `.` are kept,
the label so made names the folder read, the `:collection` of its URLs and the key its
settings are looked up by. Before, a name with `/` or an empty one stopped the whole
build, and `sp ace` published `_sp ace/` where Jekyll reads `_space/`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from sitegen.jekyll.collections import sanitize_label
from tests.conftest import build, built_by_both, write_files
from tests.published_sources import marked, published_sources

# Kept, dropped, and the characters Ruby's case-insensitive class treats unlike Python's
# (Kelvin sign and long s kept; dotted and dotless i dropped).
_ALPHABET = ("a", "B", "3", ".", "-", "_", " ", "/", "中", "%", "\u212a", "\u017f", "\u0130", "\u0131")
_NAMES = st.text(st.sampled_from(_ALPHABET), max_size=4).filter(
    lambda name: "posts" not in sanitize_label(name)
)


def _site(root: Path, names: list[str], outputs: list[bool]) -> Path:
    """Each name with its settings, and a document in the folder of every name and of
    every label, so a build reading either is seen."""
    config = "title: T\ncollections:\n" + "".join(
        f"  {json.dumps(name)}: {{output: {str(output).lower()}}}\n"
        for name, output in zip(names, outputs, strict=True)
    )
    files = {"_config.yml": config}
    folders = {f"_{label}" for label in map(sanitize_label, names)}
    folders |= {f"_{name}" for name in names if "/" not in name}
    for number, folder in enumerate(sorted(folders)):
        files[f"{folder}/d{number}.md"] = marked("DOC", number, "title: D\n")
    return write_files(root, files)


@settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(
    cases=st.lists(
        st.lists(st.tuples(_NAMES, st.booleans()), min_size=1, max_size=4, unique_by=lambda pair: pair[0]),
        min_size=8,
        max_size=8,
    )
)
def test_collections_are_read_and_published_where_jekyll_does(
    tmp_path_factory: pytest.TempPathFactory, cases: list[list[tuple[str, bool]]]
) -> None:
    root = tmp_path_factory.mktemp("labels")
    sites = [
        _site(root / f"s{number}", [n for n, _ in case], [o for _, o in case])
        for number, case in enumerate(cases)
    ]
    for case, both in zip(cases, built_by_both(sites), strict=True):
        assert [str(d) for d in both.result.diagnostics if d.level == "error"] == [], case
        assert both.sitegen == both.jekyll, case
        renamed = [d for d in both.result.diagnostics if "is the collection" in d.message]
        assert len(renamed) == sum(sanitize_label(name) != name or not name for name, _ in case), case


def test_a_name_jekyll_changes_is_one_warning_at_its_setting_and_the_rest_builds(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": (
                'title: T\ncollections:\n  "a/b": {output: true}\n  "sp ace": {output: true}\n'
                "  ab: {output: true}\n"
            ),
            "_posts/2022-05-01-p.md": marked("POST", 1, "title: P\n"),
            "_ab/d.md": marked("DOC", 2, "title: D\n"),
            "_sp ace/d.md": marked("DOC", 3, "title: D\n"),
            "list.html": (
                "---\nlayout: null\n---\n{{ site['sp ace'] | size }}/{{ site['a/b'] | map: 'url' | join }}"
            ),
        },
    )
    result = build(site, destination=tmp_path / "out")
    warnings = [str(d) for d in result.diagnostics if "is the collection" in d.message]
    assert len(warnings) == 2 and all("_config.yml:2:" in warning for warning in warnings), warnings
    assert "'_ab'" in warnings[0] and "'_space'" in warnings[1], warnings
    assert published_sources(tmp_path / "out") == {"2022/05/01/p.html": "POST1", "ab/d.html": "DOC2"}
    assert (tmp_path / "out/list.html").read_text() == "0//ab/d.html"
