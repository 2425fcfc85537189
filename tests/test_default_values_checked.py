"""A `defaults:` value no document can be built with (`slug: [a, b]`, a `date` that is no
date) is one error naming `_config.yml` and the value's line; the posts are built without
it, with the set's other values. Jekyll stops the whole build on such a value.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.content.default_checks import checked_defaults
from sitegen.errors import Level
from tests.conftest import SiteFactory, build, jekyll_build, jekyll_executable, write_files

_BAD = st.one_of(
    st.tuples(st.sampled_from(["slug", "permalink", "layout"]), st.sampled_from(["[a, b]", "{x: 1}"])),
    st.tuples(st.just("date"), st.sampled_from(["not a date", "[1, 2]", "2022-13-45", "{y: 2}"])),
)
_GOOD = st.sampled_from(["author: Ann", "image: /a.png", "layout: post", "description: d"])


def _config(good: list[str], bad: list[tuple[str, str]]) -> tuple[str, dict[int, str]]:
    """A settings text with one set holding the good values, then each bad one on its own
    line; the line of each bad key."""
    lines = ["title: T", "defaults:", "  - scope: {path: ''}", "    values:"]
    lines += [f"      {value}" for value in dict.fromkeys(good) if value.split(":")[0] not in dict(bad)]
    where = {}
    for key, value in dict(bad).items():
        lines.append(f"      {key}: {value}")
        where[len(lines)] = key
    return "\n".join(lines) + "\n", where


@given(st.lists(_GOOD, max_size=3), st.lists(_BAD, min_size=1, max_size=3))
def test_each_bad_default_is_one_error_at_its_line_and_the_rest_kept(
    tmp_path_factory: pytest.TempPathFactory, good: list[str], bad: list[tuple[str, str]]
) -> None:
    site = tmp_path_factory.mktemp("defaults")
    text, where = _config(good, bad)
    write_files(site, {"_config.yml": text})
    config = checked_defaults(load_config(site), site)
    notes = [note for note in config.diagnostics if "setting 'defaults'" in note.message]
    assert {(note.line, note.level) for note in notes} == {(line, Level.ERROR) for line in where}, text
    assert all(note.path.name == "_config.yml" for note in notes)
    kept = config.defaults[0].values
    assert not set(where.values()) & set(kept)
    assert set(kept) == {value.split(":")[0] for value in good} - set(where.values())


def test_bad_default_slug_is_named_once_and_every_post_is_built(make_site: SiteFactory) -> None:
    files = {
        "_config.yml": "title: t\ndefaults:\n  - scope: {path: ''}\n    values: {slug: [a, b], author: Ann}\n"
    }
    for day in (1, 2, 3):
        files[f"_posts/2022-05-0{day}-p{day}.html"] = (
            f"---\ntitle: n{day}\n---\n<p>{{{{ page.author }}}}</p>\n"
        )
    site = make_site(files)
    result = build(site, destination=site / "_site")
    errors = [note for note in result.diagnostics if note.level is Level.ERROR]
    assert [(note.path.name, note.line) for note in errors] == [("_config.yml", 4)], errors
    assert result.posts == 3
    assert "Ann" in (site / "_site/2022/05/01/p1.html").read_text(encoding="utf-8")


def test_jekyll_stops_on_the_values_sitegen_leaves_out(tmp_path: Path) -> None:
    """The rule is sitegen's own only because Jekyll has none: it stops the build."""
    if jekyll_executable() is None:
        pytest.skip("Debian's jekyll is not installed")
    for index, value in enumerate(["{slug: [a, b]}", "{date: not a date}"]):
        site = write_files(
            tmp_path / f"s{index}",
            {
                "_config.yml": f"defaults:\n  - scope: {{path: ''}}\n    values: {value}\n",
                "_posts/2022-05-01-p.html": "---\ntitle: p\n---\nx\n",
            },
        )
        with pytest.raises(AssertionError):
            jekyll_build(site, tmp_path / f"o{index}")
