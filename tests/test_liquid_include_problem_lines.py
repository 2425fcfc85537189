"""A problem inside an included file is one line however many documents include it:
named in its own file and line, with the first document that met it and how many
others did. A broken `_includes/` file in every crawled post was one line per post
(17,000 on the user's site), burying every other line of the build."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.errors import Level
from tests.conftest import build, write_files

BROKEN = st.sampled_from(
    [
        "{% if %}",
        "{{ 1 | divided_by: 0 }}",
        "{% include missing.html %}",
        "{% endfor %}",
        "{% for x in %}{% endfor %}",
    ]
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(posts=st.integers(1, 6), pages=st.integers(0, 2), broken=BROKEN, own=st.booleans())
def test_an_include_problem_is_one_line_for_all_it_broke(
    tmp_path_factory: pytest.TempPathFactory, posts: int, pages: int, broken: str, own: bool
) -> None:
    files = {
        "_config.yml": "title: T\n",
        "_includes/share.html": f"<p>share</p>\n{broken}\n",
    }
    for number in range(posts):
        extra = "{% if %}\n" if own and number == 0 else ""  # a problem of the post's own
        files[f"_posts/2024-01-0{number + 1}-p{number}.md"] = (
            f"---\ntitle: p{number}\n---\nbody\n{extra}{{% include share.html %}}\n"
        )
    for number in range(pages):
        files[f"page{number}.md"] = "---\ntitle: x\n---\n{% include share.html %}\n"
    site = write_files(tmp_path_factory.mktemp("site"), files)
    result = build(site, destination=site / "_site")
    said = [note for note in result.diagnostics if note.path == site / "_includes" / "share.html"]
    assert len(said) == 1, [str(note) for note in said]
    (line,) = said
    assert line.line == 2
    users = posts + pages
    found = re.search(r"\(included in (.+?):(\d+)(?: and (\d+) other places?)?\)", line.message)
    assert found is not None, line.message
    assert int(found.group(3) or 0) == users - 1
    own_lines = [note for note in result.diagnostics if note.path != site / "_includes" / "share.html"]
    liquid_own = [
        note for note in own_lines if note.message.startswith("Liquid") and note.level is Level.ERROR
    ]
    assert len(liquid_own) == (1 if own else 0), [str(note) for note in liquid_own]
